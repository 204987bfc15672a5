/**
 * Extract: the field check, then what the scores need from the org. The small objects (users,
 * the audience, snapshots, nudge answers) are read whole; the large ones stream sorted by deal,
 * either straight from the org or, on an incremental run, from the replica with the org's
 * changes since the last run merged in.
 */
import type { Connection } from 'jsforce';
import { addDays, type CoachingConfig, type PreviousSnapshot } from '../engine';
import { Api, API_VERSION, type Query, type Row, type RowSource } from './api';
import { COMPOSITE_QUERIES } from './pages';
import { DESCRIBES, checkFields, syncNeeds, type FieldCheck, type ObjectNeeds } from './fields';
import { audienceQueries, type Audience, type Plan } from './plan';
import {
  applyChanges,
  readReplica,
  replicaIdentity,
  replicaRows,
  type ReplicaMeta,
  type StreamName
} from './replica';

/** More changes than this share of the replica: a full run reads less. */
const MAX_CHANGE_SHARE = 0.2;

/** '2026-11-20T18:00:00Z': a SOQL datetime literal, to the second. */
const soqlDatetime = (iso: string) => `${iso.slice(0, 19)}Z`;

/**
 * One large object's stream, everything about it side by side: the SOQL of a full run, the
 * SOQL of an incremental one (what changed since the watermark), the rule that keeps a replica
 * row on an incremental run (the full run's filter, as JavaScript over a row), and the key that
 * joins a row to its deal.
 */
export interface StreamSpec {
  name: StreamName;
  key: (row: Row) => string | null;
  /** The SOQL of a full run; `select` is the field check's field list of the object. */
  full: (select: string, p: Plan) => string;
  /** What changed since `since`; queryAll when deletions matter. Absent: the replica's rows. */
  changes?: { soql: (select: string, since: string) => string; all: boolean };
  /** The full run's WHERE clause over a row: replica rows that fail it are dropped. */
  keep: (row: Row, p: Plan) => boolean;
  /**
   * Deals whose rows of this stream are replaced whole by the changes read: every history row
   * of a changed deal, the contact roles of a deleted one.
   */
  replaces?: 'changedDeals' | 'deletedDeals';
}

/**
 * The deals a run scores: open, or closed in the win-rate window. The SOQL below says it in each
 * query that reads deals or what hangs off them (written out, so that the metadata check can
 * parse every query); this is the same rule over a row of the replica.
 */
const dealKept = (o: Row, p: Plan) =>
  o.IsClosed === false || String(o.CloseDate ?? '') >= p.windowStart;
const roleFields = 'Id, OpportunityId, Role, IsPrimary, CreatedDate, Contact.Title';
const activity = (o: 'Task' | 'Event'): StreamSpec => ({
  name: o,
  key: (r) => (r.WhatId as string) ?? null,
  full: (select, p) =>
    `SELECT ${select} FROM ${o} WHERE ActivityDate >= ${p.activitiesFrom} ORDER BY WhatId, Id`,
  changes: {
    soql: (select, since) =>
      `SELECT ${select}, IsDeleted FROM ${o} WHERE SystemModstamp > ${since} ORDER BY WhatId, Id`,
    all: true
  },
  keep: (a, p) => String(a.ActivityDate ?? '') >= p.activitiesFrom
});

/** The large objects, the deals first: the join walks the others along them. */
export const STREAMS: readonly StreamSpec[] = [
  {
    name: 'Opportunity',
    key: (r) => String(r.Id),
    full: (select, p) =>
      `SELECT ${select} FROM Opportunity WHERE IsClosed = false OR CloseDate >= ${p.windowStart} ORDER BY Id`,
    changes: {
      soql: (select, since) =>
        `SELECT ${select}, IsDeleted FROM Opportunity WHERE SystemModstamp > ${since} ORDER BY Id`,
      all: true
    },
    keep: dealKept
  },
  {
    name: 'OpportunityHistory',
    key: (r) => (r.OpportunityId as string) ?? null,
    full: (select, p) =>
      `SELECT ${select} FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE IsClosed = false OR CloseDate >= ${p.windowStart}) ORDER BY OpportunityId, Id`,
    changes: {
      soql: (select, since) =>
        `SELECT ${select} FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE SystemModstamp > ${since}) ORDER BY OpportunityId, Id`,
      all: false
    },
    keep: () => true,
    replaces: 'changedDeals'
  },
  {
    name: 'OpportunityContactRole',
    key: (r) => (r.OpportunityId as string) ?? null,
    full: (_select, p) =>
      `SELECT ${roleFields} FROM OpportunityContactRole WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE IsClosed = false OR CloseDate >= ${p.windowStart}) ORDER BY OpportunityId, Id`,
    changes: {
      soql: (_select, since) =>
        `SELECT ${roleFields}, IsDeleted FROM OpportunityContactRole WHERE SystemModstamp > ${since} ORDER BY OpportunityId, Id`,
      all: true
    },
    keep: () => true,
    replaces: 'deletedDeals'
  },
  activity('Task'),
  activity('Event'),
  {
    name: 'Deal_Insight__c',
    key: (r) => (r.Opportunity__c as string) ?? null,
    full: (select, p) =>
      `SELECT ${select} FROM Deal_Insight__c WHERE Opportunity__c IN (SELECT Id FROM Opportunity WHERE IsClosed = false OR CloseDate >= ${p.windowStart}) ORDER BY Opportunity__c, Id`,
    keep: () => true
  }
];

export const STREAM: Record<StreamName, StreamSpec> = Object.fromEntries(
  STREAMS.map((s) => [s.name, s])
) as Record<StreamName, StreamSpec>;

/**
 * The small objects, read whole: as many as a /composite call takes are opened in the one that
 * holds the field check's describes (which judges them before any of their rows is read), the
 * rest with the large objects' queries.
 */
function smallQueries(
  p: Plan,
  audience: Audience,
  needs: Record<string, ObjectNeeds>
): [string, string, string][] {
  const required = (object: string) => needs[object].read.join(', ');
  // The snapshots first: they tell a first sync (firstSync) and share the field check's call.
  return [
    [
      'earlier snapshots',
      'Adoption_Snapshot__c',
      `SELECT User__c, Period_Start__c, Adoption_Stage__c, Weeks_Below_Stage__c, Periods_At_Standard__c, Backfilled__c, Completeness_Score__c, Activities_Logged__c, Win_Rate__c FROM Adoption_Snapshot__c WHERE Period_Start__c < ${p.periodStart} AND Period_Start__c >= ${p.earlierFrom}`
    ],
    [
      'Adoption_Snapshot__c',
      'Adoption_Snapshot__c',
      `SELECT ${required('Adoption_Snapshot__c')} FROM Adoption_Snapshot__c WHERE Period_Start__c = ${p.periodStart}`
    ],
    ['User', 'User', `SELECT ${required('User')} FROM User WHERE IsActive = true`],
    ...audienceQueries(audience),
    [
      'Nudge_Response__c',
      'Nudge_Response__c',
      `SELECT ${required('Nudge_Response__c')} FROM Nudge_Response__c WHERE CreatedDate >= ${p.periodStart}T00:00:00Z`
    ],
    [
      'Adoption_Rollup__c',
      'Adoption_Rollup__c',
      `SELECT ${required('Adoption_Rollup__c')} FROM Adoption_Rollup__c WHERE Period_Start__c = ${p.periodStart}`
    ]
  ];
}

export interface ExtractOptions {
  config: CoachingConfig;
  audience: Audience;
  /** Read LoginHistory (needs Manage Users); without it, User.LastLoginDate only. */
  loginHistory?: boolean;
  stateDir?: string;
  full?: boolean;
  log: (line: string) => void;
}

/** What a run reads, and how: the field check's answer, the replica, the open queries. */
export class Extraction {
  fields = {} as FieldCheck;
  identity = '';
  previousRun: ReplicaMeta | null = null;
  incremental = false;
  /** Rows read from the org, per query (a check against the totals the API announced). */
  readonly readBy: Record<string, { read: number; total: number }> = {};
  /** Deals the changes touched, and those deleted: their related rows are read again. */
  readonly changedDeals = new Set<string>();
  readonly deletedDeals = new Set<string>();
  private sources = new Map<string, RowSource>();
  /** Small queries that did not fit in the field check's call: opened with the large ones. */
  private deferred: Query[] = [];
  /** The small queries' rows, read once (the first-sync check and readPeople share them). */
  private readonly small = new Map<string, Promise<Row[]>>();

  constructor(
    readonly api: Api,
    readonly plan: Plan,
    readonly options: ExtractOptions
  ) {}

  private query(name: string, object: string, soql: string, all = false): Query {
    const fields = this.fields;
    return {
      name,
      soql,
      all,
      get types() {
        return { ...fields.types[object], IsDeleted: 'boolean' as const };
      }
    };
  }

  private select(object: string): string {
    return this.fields.select[object].join(', ');
  }

  /** The field check and the first small queries, in one /composite call. */
  async open(conn: Connection): Promise<void> {
    const { log } = this.options;
    const needs = syncNeeds(this.options.config);
    const small = smallQueries(this.plan, this.options.audience, needs).map(
      ([name, object, soql]) => this.query(name, object, soql)
    );
    this.deferred = small.slice(COMPOSITE_QUERIES);
    log(`field check: describing ${DESCRIBES.length} objects`);
    const first = small.slice(0, COMPOSITE_QUERIES);
    this.sources = await this.api.openQueries(first, DESCRIBES, (answers) =>
      Object.assign(this.fields, checkFields(answers, log, needs))
    );
    const { config, stateDir, full } = this.options;
    this.identity = replicaIdentity([conn.instanceUrl, config, this.fields.select, API_VERSION]);
    this.previousRun = stateDir && !full ? readReplica(stateDir, this.identity) : null;
    const p = this.previousRun;
    this.incremental =
      p !== null && p.periodStart === this.plan.periodStart && this.plan.asOf >= p.asOf;
    if (p && !this.incremental)
      log(`replica: a new week or an earlier day than the last run; reading everything`);
  }

  /**
   * Opens everything else the run reads, in as few /composite calls as the API allows: the small
   * queries left from the field check's call, the large objects' (what changed, or everything
   * when that reads less) and the period's people-side evidence.
   */
  async openRest(): Promise<void> {
    const { log } = this.options;
    const full = STREAMS.map((s) =>
      this.query(s.name, s.name, s.full(this.fields.select[s.name]?.join(', ') ?? '', this.plan))
    );
    const since = this.previousRun ? soqlDatetime(this.previousRun.watermark) : '';
    const changes = STREAMS.filter((s) => s.changes).map((s) =>
      this.query(s.name, s.name, s.changes!.soql(this.select(s.name), since), s.changes!.all)
    );
    log(
      `extract: ${this.incremental ? 'changes since the last run' : 'everything the scores need'}`
    );
    const queries = [
      ...this.deferred,
      ...(this.incremental ? changes : [...full, ...this.recordQueries()]),
      ...this.evidenceQueries()
    ];
    this.deferred = [];
    await this.openAll(queries);
    if (!this.incremental || !this.previousRun) return;
    const changed = changes.reduce((n, q) => n + this.sources.get(q.name)!.total, 0);
    const held = Object.values(this.previousRun.counts).reduce((n, c) => n + c, 0);
    if (changed > Math.max(1000, held * MAX_CHANGE_SHARE)) {
      log(`replica: ${changed} changed records since the last run; reading everything instead`);
      this.incremental = false;
      await this.openAll([...full, ...this.recordQueries()]);
    }
  }

  private async openAll(queries: Query[]): Promise<void> {
    for (const [name, source] of await this.api.openQueries(queries))
      this.sources.set(name, source);
  }

  /**
   * The people-side evidence of the period (engagement rows, message receipts, logins: each only
   * when the org has the object, which the field check tells, as an optional object may be
   * absent).
   */
  private evidenceQueries(): Query[] {
    const p = this.plan;
    const from = `${p.periodStart}T00:00:00Z`;
    const until = `${addDays(p.periodEnd, 1)}T00:00:00Z`;
    const has = (o: string) => this.fields.select[o] !== undefined;
    const queries: Query[] = [];
    const add = (object: string, where: string) =>
      queries.push(
        this.query(object, object, `SELECT ${this.select(object)} FROM ${object}${where}`)
      );
    if (has('Coach_Engagement__c'))
      add('Coach_Engagement__c', ` WHERE Occurred_At__c >= ${from} AND Occurred_At__c < ${until}`);
    if (has('Message_Receipt__c'))
      add(
        'Message_Receipt__c',
        ` WHERE (First_Seen__c >= ${from} AND First_Seen__c < ${until}) OR (Last_Shown__c >= ${from} AND Last_Shown__c < ${until})`
      );
    if (this.options.loginHistory && has('LoginHistory')) {
      const since = this.options.config.ladder.rolloutStart ?? p.earlierFrom;
      add('LoginHistory', ` WHERE LoginTime >= ${since}T00:00:00Z AND LoginTime < ${until}`);
    }
    return queries;
  }

  /**
   * The accounts, contacts and leads scored for completeness: read on a full run; an
   * incremental run (the same period) keeps the completeness its first run found (scorePeople).
   */
  private recordQueries(): Query[] {
    return RECORD_OBJECTS.map((o) => this.query(o, o, `SELECT ${this.select(o)} FROM ${o}`));
  }

  /**
   * No snapshot in this period, and none that a sync wrote live (not backfilled) in the window
   * before it: the org's first sync.
   */
  async firstSync(): Promise<boolean> {
    const current = await this.smallRows('Adoption_Snapshot__c');
    const earlier = await this.smallRows('earlier snapshots');
    return current.length === 0 && earlier.every((s) => s.Backfilled__c === true);
  }

  /** A small query's rows, read once however often they are asked for. */
  smallRows(name: string): Promise<Row[]> {
    let rows = this.small.get(name);
    if (!rows) this.small.set(name, (rows = this.readAll(name)));
    return rows;
  }

  /** Rows of an evidence or record query, as they stream (none when it was not opened). */
  async *evidence(name: string): AsyncGenerator<Row[]> {
    const source = this.sources.get(name);
    if (source) yield* this.counted(name, source);
  }

  /** A query's rows as they stream, counted. */
  async *counted(name: string, source: RowSource): AsyncGenerator<Row[]> {
    const tally = (this.readBy[name] = { read: 0, total: source.total });
    for await (const batch of source.rows()) {
      tally.read += batch.length;
      yield batch;
    }
  }

  async readAll(name: string): Promise<Row[]> {
    const source = this.sources.get(name);
    const rows: Row[] = [];
    if (source) for await (const batch of this.counted(name, source)) rows.push(...batch);
    return rows;
  }

  /** A large object's rows: straight from the org, or the replica with the changes merged in. */
  async stream(name: StreamName): Promise<AsyncIterable<Row[]>> {
    const previousRun = this.previousRun;
    if (!this.incremental || !previousRun) return this.counted(name, this.sources.get(name)!);
    const spec = STREAM[name];
    const old = replicaRows(this.options.stateDir!, previousRun, name);
    if (!spec.changes) return old;
    const changes = await this.readAll(name);
    if (name === 'Opportunity') {
      for (const o of changes) {
        this.changedDeals.add(String(o.Id));
        if (o.IsDeleted === true) this.deletedDeals.add(String(o.Id));
      }
    }
    return applyChanges(old, changes, {
      key: spec.key,
      keep: (row) => spec.keep(row, this.plan),
      replaceKeys: spec.replaces ? this[spec.replaces] : undefined
    });
  }

  /** Logs what was read, and any query that gave fewer rows than it announced. */
  logReads(): void {
    const { log } = this.options;
    for (const [name, { read: n, total }] of Object.entries(this.readBy)) {
      // A query's rows may change while it is read (REST paging); a short read is worth a look.
      if (n !== total) log(`extract: ${name} announced ${total} rows and gave ${n}`);
    }
    log(
      `extract: read ${Object.entries(this.readBy)
        .map(([name, t]) => `${t.read} ${name}`)
        .join(', ')}`
    );
  }
}

/** The objects whose records are scored for completeness into the owner's snapshot. */
export const RECORD_OBJECTS = ['Account', 'Contact', 'Lead'] as const;

/** Who is scored and what earlier runs left: read from the small queries. */
export interface People {
  /** The audience's users (the holders of its permission sets), with their managers and the
   * last time they logged in. */
  users: Map<string, { managerId: string | null; lastLogin: string | null }>;
  /** Active users' names by id (owners, managers). */
  names: Record<string, string>;
  /** Each rep's latest snapshot before this period. */
  previous: Map<string, PreviousSnapshot & { Period_Start__c: string }>;
  /** Users on each rung per earlier period of the trend window. */
  trend: Map<string, Record<string, number>>;
  /** This period's snapshots and rollups already in the org, by external id. */
  currentSnapshots: Map<string, Row>;
  currentRollups: Map<string, Row>;
  /** Nudge answers given in the period. */
  responses: Row[];
}

export async function readPeople(ex: Extraction): Promise<People> {
  // Everyone active is named (managers outside the audience head teams); only the audience,
  // the holders of its permission sets and the users of its profiles and roles, is scored.
  const audience = new Set<string>();
  for (const [label] of audienceQueries(ex.options.audience))
    for (const row of await ex.smallRows(label)) audience.add(String(row.AssigneeId ?? row.Id));
  const users: People['users'] = new Map();
  const names: Record<string, string> = {};
  for (const u of await ex.smallRows('User')) {
    names[String(u.Id)] = String(u.Name ?? u.Id);
    if (audience.has(String(u.Id))) {
      users.set(String(u.Id), {
        managerId: (u.ManagerId as string) ?? null,
        lastLogin: (u.LastLoginDate as string) ?? null
      });
    }
  }
  const previous: People['previous'] = new Map();
  const trend = new Map<string, Record<string, number>>();
  for (const s of await ex.smallRows('earlier snapshots')) {
    const user = String(s.User__c);
    const period = String(s.Period_Start__c);
    const p = previous.get(user);
    if (!p || period > p.Period_Start__c) {
      previous.set(user, {
        ...(s as PreviousSnapshot),
        Period_Start__c: period,
        Weeks_Below_Stage__c:
          s.Weeks_Below_Stage__c === null ? null : Number(s.Weeks_Below_Stage__c),
        Periods_At_Standard__c:
          s.Periods_At_Standard__c === null || s.Periods_At_Standard__c === undefined
            ? null
            : Number(s.Periods_At_Standard__c)
      });
    }
    if (period >= ex.plan.trendFrom) {
      const counts = trend.get(period) ?? {};
      const stage = String(s.Adoption_Stage__c);
      counts[stage] = (counts[stage] ?? 0) + 1;
      trend.set(period, counts);
    }
  }
  const byKey = (rows: Row[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));
  return {
    users,
    names,
    previous,
    trend,
    currentSnapshots: byKey(await ex.smallRows('Adoption_Snapshot__c'), 'Snapshot_Key__c'),
    currentRollups: byKey(await ex.smallRows('Adoption_Rollup__c'), 'Rollup_Key__c'),
    responses: await ex.smallRows('Nudge_Response__c')
  };
}
