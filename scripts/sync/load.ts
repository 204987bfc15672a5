/**
 * Load: the rows that changed, upserted by external id (snapshots, deal insights, rollups), the
 * Read shares of snapshots and team rollups, then the replica's new generation. A dry run writes
 * nothing and lists what it would write. Rows whose values did not change are not sent, so a
 * second run writes 0.
 */
import type { Api, Row } from './api';
import type { Extraction, People } from './extract';
import { INSIGHT_FIELDS, ROLLUP_FIELDS, SNAPSHOT_FIELDS } from './fields';
import type { ReplicaWriter } from './replica';
import { rollupRow } from './rollups';
import { changed, type Scores } from './score';
import type { Spool } from './spool';
import { shareRows, upsertAll, type Failure, type Load } from './write';

/** Records changed during the previous run's reads may carry a slightly older stamp. */
const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;

export interface LoadOptions {
  dryRun?: boolean;
  /** Rows above which snapshots and insights are loaded with Bulk API 2.0 ingest. */
  bulkLoadThreshold?: number;
  log: (line: string) => void;
  checkpoint: (name: string) => void;
  /** When the run began (the watermark when the org's clock was never read). */
  started: number;
}

export interface Pending {
  object: string;
  key: string;
  fields: Record<string, unknown>;
}

export interface Loaded {
  written: number;
  shared: number;
  /** Rows not sent because the org holds them as they are. */
  unchanged: number;
  failures: Failure[];
  pending?: Pending[];
}

/** The rows to send: those that differ from what the org holds for the period. */
export function changedRows(scores: Scores, people: People, periodStart: string) {
  const snapshots = scores.snapshots
    .map((s) => ({ ...s.record }) as Row)
    .filter((row) =>
      changed(row, people.currentSnapshots.get(String(row.Snapshot_Key__c)), SNAPSHOT_FIELDS)
    );
  const all = [...scores.teams, scores.org].map((r) => rollupRow(r, periodStart, people));
  const rollups = all.filter((row) =>
    changed(row, people.currentRollups.get(String(row.Rollup_Key__c)), ROLLUP_FIELDS)
  );
  const unchanged = scores.snapshots.length - snapshots.length + all.length - rollups.length;
  return { snapshots, rollups, unchanged };
}

export interface InsightSpools {
  /** New insights, with their opportunity. */
  created: Spool;
  /** Changed insights, without it: a master-detail field that is not reparentable cannot be
   * written in an update (CustomField, reparentableMasterDetail:
   * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm). */
  updated: Spool;
}

export async function load(
  api: Api,
  ex: Extraction,
  people: People,
  rows: ReturnType<typeof changedRows>,
  insights: InsightSpools,
  replica: ReplicaWriter | null,
  options: LoadOptions
): Promise<Loaded> {
  const { snapshots, rollups, unchanged } = rows;
  const { created, updated } = insights;
  if (options.dryRun) {
    options.log(
      `dry run: would write ${snapshots.length} snapshots, ${created.count + updated.count} deal insights and ${rollups.length} rollups`
    );
    const pending = (object: string, key: string, list: Row[]) =>
      list.map((f) => ({ object, key: String(f[key]), fields: f }));
    return {
      written: 0,
      shared: 0,
      unchanged,
      failures: [],
      pending: [
        ...pending('Adoption_Snapshot__c', 'Snapshot_Key__c', snapshots),
        ...pending('Deal_Insight__c', 'Insight_Key__c', [
          ...(await created.readAll()),
          ...(await updated.readAll())
        ]),
        ...pending('Adoption_Rollup__c', 'Rollup_Key__c', rollups)
      ]
    };
  }
  const failures: Failure[] = [];
  let written = 0;
  const send = async (
    object: string,
    ext: string,
    columns: readonly string[],
    batches: Load['batches'],
    count: number
  ) => {
    const threshold = options.bulkLoadThreshold ?? 5000;
    const load = { object, ext, columns, batches, count, threshold };
    const result = await upsertAll(api, load, options.log, options.checkpoint);
    written += result.written;
    return result.failures;
  };
  const all = (list: Row[]) =>
    async function* () {
      yield list;
    };
  failures.push(
    ...(await send(
      'Adoption_Snapshot__c',
      'Snapshot_Key__c',
      SNAPSHOT_FIELDS,
      all(snapshots),
      snapshots.length
    ))
  );
  // An insight the replica did not know (a run stopped after loading it) exists already:
  // the upsert refuses its opportunity field, and it goes with the updates instead.
  const existed = new Set<string>();
  for (const f of await send(
    'Deal_Insight__c',
    'Insight_Key__c',
    INSIGHT_FIELDS,
    () => created.batches(2000),
    created.count
  )) {
    if (f.errorCode === 'INVALID_FIELD_FOR_INSERT_UPDATE') existed.add(f.key);
    else failures.push(f);
  }
  if (existed.size) {
    for await (const batch of created.batches(2000)) {
      for (const row of batch) {
        if (!existed.has(String(row.Insight_Key__c))) continue;
        const { Opportunity__c: _parent, ...update } = row;
        updated.write(update as Row);
      }
    }
  }
  const updatable = INSIGHT_FIELDS.filter((f) => f !== 'Opportunity__c');
  failures.push(
    ...(await send(
      'Deal_Insight__c',
      'Insight_Key__c',
      updatable,
      () => updated.batches(2000),
      updated.count
    ))
  );
  failures.push(
    ...(await send(
      'Adoption_Rollup__c',
      'Rollup_Key__c',
      ROLLUP_FIELDS,
      all(rollups),
      rollups.length
    ))
  );
  const shared = await share(api, ex.plan.trendFrom, people, options.log, failures);
  if (replica) await commitReplica(api, ex, replica, failures, options);
  return { written, shared, unchanged, failures };
}

/**
 * The sync's user owns the snapshots and rollups it writes (so it may update them without
 * Modify All) and shares them: each rep's snapshots with the rep and the rep's current manager,
 * over the trend window; each team's rollup with its manager. Both objects are private, so
 * this holds whatever the role hierarchy looks like.
 */
async function share(
  api: Api,
  from: string,
  people: People,
  log: (line: string) => void,
  failures: Failure[]
): Promise<number> {
  const window = `Period_Start__c >= ${from}`;
  const users = people.users;
  const snapshots = await shareRows(api, {
    object: 'Adoption_Snapshot__c',
    soql: `SELECT Id, User__c FROM Adoption_Snapshot__c WHERE ${window}`,
    where: window,
    to: (s) => [String(s.User__c), users.get(String(s.User__c))?.managerId]
  });
  const teams = `Scope__c = 'Team' AND ${window}`;
  const rollups = await shareRows(api, {
    object: 'Adoption_Rollup__c',
    soql: `SELECT Id, Manager__c FROM Adoption_Rollup__c WHERE ${teams}`,
    where: teams,
    to: (r) => [r.Manager__c as string | null]
  });
  failures.push(...snapshots.failures, ...rollups.failures);
  if (snapshots.written)
    log(`share: ${snapshots.written} snapshot shares granted to reps and their managers`);
  if (rollups.written) log(`share: ${rollups.written} team rollup shares granted to managers`);
  return snapshots.written + rollups.written;
}

/** The replica's new generation, with the watermark from the org's clock. */
async function commitReplica(
  api: Api,
  ex: Extraction,
  replica: ReplicaWriter,
  failures: Failure[],
  options: LoadOptions
): Promise<void> {
  // An insight that failed to load is not what the org holds: the next run sends it again.
  const failed = failures.filter((f) => f.object === 'Deal_Insight__c').map((f) => f.key);
  await replica.drop('Deal_Insight__c', 'Insight_Key__c', new Set(failed));
  options.checkpoint('state-written');
  const clock = Date.parse(api.serverTime ?? new Date(options.started).toISOString());
  replica.commit({
    identity: ex.identity,
    periodStart: ex.plan.periodStart,
    asOf: ex.plan.asOf,
    watermark: new Date(clock - WATERMARK_OVERLAP_MS).toISOString()
  });
}
