/**
 * REST query results in pages: the first page answers the query, the next ones follow its
 * nextRecordsUrl (a query locator), each locator usable once and only by the user who queried.
 * (REST API Developer Guide, "Query":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm)
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError } from '../errors';
import { API_VERSION, prepareSoql } from '../soql';
import type { Store } from '../store';

export const QUERY_PAGE = 2000;

interface Session {
  userId: string;
}

interface QueryCursor {
  iterator: Iterator<Record<string, unknown>>;
  position: number;
  totalSize: number;
  userId: string;
}

export interface QueryDeps {
  store: Store;
  now: () => Date;
  send: (res: ServerResponse, status: number, body: unknown) => void;
}

export class QueryCursors {
  private readonly cursors = new Map<string, QueryCursor>();

  constructor(private readonly deps: QueryDeps) {}

  start(soql: string, all: boolean, pageSize: number, res: ServerResponse, session: Session): void {
    const source = this.deps.store.viewFor(session.userId);
    const prepared = prepareSoql(soql, source, {
      now: this.deps.now(),
      userId: session.userId,
      includeDeleted: all
    });
    // Run once: a sorted query is matched and sorted here, not again for its rows.
    const { totalSize, rows } = prepared.run();
    const cursor: QueryCursor = {
      iterator: rows()[Symbol.iterator](),
      position: 0,
      totalSize,
      userId: session.userId
    };
    const id = `01g8c${randomBytes(7).toString('hex').slice(0, 13)}`;
    this.cursors.set(id, cursor);
    this.sendPage(id, cursor, pageSize, res);
  }

  more(locator: string, res: ServerResponse, session: Session): void {
    const [id, start] = locator.split('-');
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.userId !== session.userId || Number(start) !== cursor.position) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    this.sendPage(id, cursor, QUERY_PAGE, res);
  }

  private sendPage(id: string, cursor: QueryCursor, pageSize: number, res: ServerResponse): void {
    const records: Record<string, unknown>[] = [];
    while (records.length < pageSize) {
      const next = cursor.iterator.next();
      if (next.done) break;
      records.push(next.value);
    }
    cursor.position += records.length;
    // Done when the rows ran out (COUNT() returns no rows at all, only totalSize).
    const done = records.length < pageSize || cursor.position >= cursor.totalSize;
    if (done) this.cursors.delete(id);
    this.deps.send(res, 200, {
      totalSize: cursor.totalSize,
      done,
      ...(done
        ? {}
        : { nextRecordsUrl: `/services/data/${API_VERSION}/query/${id}-${cursor.position}` }),
      records
    });
  }
}
