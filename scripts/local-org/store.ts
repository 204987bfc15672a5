/**
 * The local org's records: in memory, every acknowledged write persisted to a write-ahead log
 * (fsync before the API answers), replayed on start. Enforces what the platform enforces
 * (field existence, types, required fields, restricted picklists, external-id uniqueness) with
 * Salesforce's error codes, maintains audit fields, derives Opportunity's stage fields and
 * writes OpportunityHistory rows as the platform does.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync
} from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './errors';
import { idSequence, makeId, normalizeId } from './ids';
import { OPPORTUNITY_STAGES, loadSchema } from './schema';
import type { FieldSchema, Row, SObjectSchema, SoqlDataSource } from './types';

export interface WriteContext {
  userId: string;
  now: Date;
  /** Seeds and imports may set audit fields (CreatedDate ...), as "Set Audit Fields" allows. */
  setAuditFields?: boolean;
}

/** Objects whose rows only their owner and the owner's managers (ManagerId chain) see. */
const PRIVATE_OBJECTS = new Set([
  'Opportunity',
  'Adoption_Snapshot__c',
  'Nudge_Response__c',
  'Coaching_Session__c'
]);
/** Objects that share their parent's visibility (master-detail and opportunity children). */
const CONTROLLED_BY_PARENT: Record<string, string> = {
  Deal_Insight__c: 'Opportunity__c',
  OpportunityContactRole: 'OpportunityId',
  OpportunityHistory: 'OpportunityId'
};
const STAGES = new Map(OPPORTUNITY_STAGES.map((s) => [s.name, s]));

function iso(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

export class Store {
  readonly schema: Map<string, SObjectSchema>;
  private readonly byLower = new Map<string, SObjectSchema>();
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly fieldMaps = new Map<string, Map<string, FieldSchema>>();
  private readonly prefixToObject = new Map<string, string>();
  /** `${object}.${field}` → parent id → child ids, for every reference field. */
  private readonly childIndex = new Map<string, Map<string, Set<string>>>();
  /** `${object}.${field}` → lower-cased value → id, for unique and external-id fields. */
  private readonly uniqueIndex = new Map<string, Map<string, string>>();
  private readonly admins = new Set<string>();
  private wal: number | null = null;
  private pending: string[] = [];

  constructor(objectsDir?: string) {
    this.schema = loadSchema(objectsDir);
    for (const o of this.schema.values()) {
      this.byLower.set(o.name.toLowerCase(), o);
      this.tables.set(o.name, new Map());
      this.fieldMaps.set(o.name, new Map(o.fields.map((f) => [f.name.toLowerCase(), f])));
      this.prefixToObject.set(o.keyPrefix, o.name);
    }
  }

  // ------------------------------------------------------------------ persistence

  /** Opens (and replays) the data folder; later writes are logged there. */
  open(dataDir: string): void {
    mkdirSync(dataDir, { recursive: true });
    const snapshot = join(dataDir, 'snapshot.jsonl');
    const log = join(dataDir, 'wal.jsonl');
    for (const file of [snapshot, log]) {
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line === '') continue;
        let entry: { o: string; r: Row; a?: boolean };
        try {
          entry = JSON.parse(line);
        } catch {
          // A torn last line is a write that was never acknowledged; anything else is damage.
          if (file === log && i >= lines.length - 2) break;
          throw new Error(`${file}:${i + 1}: unreadable entry`);
        }
        if (entry.a) this.admins.add(entry.r.Id);
        else this.put(entry.o, entry.r);
      }
    }
    // Compact: everything into a fresh snapshot (temp file + rename), then an empty log.
    const tmp = `${snapshot}.tmp`;
    const fd = openSync(tmp, 'w');
    for (const id of this.admins)
      writeSync(fd, `${JSON.stringify({ o: 'User', r: { Id: id }, a: true })}\n`);
    for (const [name, table] of this.tables) {
      let buf = '';
      for (const row of table.values()) {
        buf += `${JSON.stringify({ o: name, r: row })}\n`;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      if (buf) writeSync(fd, buf);
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, snapshot);
    this.wal = openSync(log, 'w');
    fsyncSync(this.wal);
  }

  /** Makes every write since the last commit durable; called before the API answers. */
  commit(): void {
    if (this.wal === null || this.pending.length === 0) {
      this.pending = [];
      return;
    }
    writeSync(this.wal, this.pending.join(''));
    fsyncSync(this.wal);
    this.pending = [];
  }

  close(): void {
    this.commit();
    if (this.wal !== null) closeSync(this.wal);
    this.wal = null;
  }

  private log(object: string, row: Row): void {
    if (this.wal !== null) this.pending.push(`${JSON.stringify({ o: object, r: row })}\n`);
  }

  // ------------------------------------------------------------------ schema access

  describe(name: string): SObjectSchema | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  field(object: string, name: string): FieldSchema | undefined {
    return this.fieldMaps.get(object)?.get(name.toLowerCase());
  }

  objectOfId(id: string): string | undefined {
    return this.prefixToObject.get(id.slice(0, 3));
  }

  markAdmin(userId: string): void {
    this.admins.add(userId);
    if (this.wal !== null) {
      this.pending.push(`${JSON.stringify({ o: 'User', r: { Id: userId }, a: true })}\n`);
    }
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  // ------------------------------------------------------------------ reads

  getById(id: string): Row | undefined {
    const full = normalizeId(id);
    if (!full) return undefined;
    const object = this.objectOfId(full);
    const row = object ? this.tables.get(object)?.get(full) : undefined;
    return row && !row.IsDeleted ? row : undefined;
  }

  *scan(object: string, options: { includeDeleted?: boolean } = {}): Iterable<Row> {
    const table = this.tables.get(object);
    if (!table) return;
    for (const row of table.values()) {
      if (options.includeDeleted || !row.IsDeleted) yield row;
    }
  }

  *children(child: string, field: string, parentId: string): Iterable<Row> {
    const ids = this.childIndex.get(`${child}.${field}`)?.get(parentId);
    if (!ids) return;
    const table = this.tables.get(child)!;
    for (const id of ids) {
      const row = table.get(id);
      if (row && !row.IsDeleted) yield row;
    }
  }

  count(object: string): number {
    return this.tables.get(object)?.size ?? 0;
  }

  findByUnique(object: string, field: string, value: unknown): Row | undefined {
    const id = this.uniqueIndex.get(`${object}.${field}`)?.get(String(value).toLowerCase());
    return id ? this.getById(id) : undefined;
  }

  // ------------------------------------------------------------------ sharing

  /** The user and everyone below them in the ManagerId hierarchy. */
  subordinates(userId: string): Set<string> {
    const below = new Set([userId]);
    const users = [...this.scan('User')];
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of users) {
        if (!below.has(u.Id) && typeof u.ManagerId === 'string' && below.has(u.ManagerId)) {
          below.add(u.Id);
          grew = true;
        }
      }
    }
    return below;
  }

  /** A data source that sees what `userId` may see: private objects by owner hierarchy. */
  viewFor(userId: string): SoqlDataSource {
    if (this.isAdmin(userId)) return this;
    const owners = this.subordinates(userId);
    const visible = (object: string, row: Row): boolean => {
      if (PRIVATE_OBJECTS.has(object)) return owners.has(row.OwnerId as string);
      const parentField = CONTROLLED_BY_PARENT[object];
      if (parentField) {
        const parent = this.getById(row[parentField] as string);
        return !!parent && visible(this.objectOfId(parent.Id)!, parent);
      }
      return true;
    };
    return {
      describe: (name) => this.describe(name),
      scan: function* (this: Store, object: string, options?: { includeDeleted?: boolean }) {
        for (const row of this.scan(object, options)) if (visible(object, row)) yield row;
      }.bind(this),
      getById: (id) => {
        const row = this.getById(id);
        return row && visible(this.objectOfId(row.Id)!, row) ? row : undefined;
      },
      children: function* (this: Store, child: string, field: string, parentId: string) {
        for (const row of this.children(child, field, parentId)) if (visible(child, row)) yield row;
      }.bind(this)
    };
  }

  canSee(userId: string, row: Row): boolean {
    const object = this.objectOfId(row.Id);
    return !!object && !!this.viewFor(userId).getById(row.Id);
  }

  // ------------------------------------------------------------------ writes

  /** Inserts rows as they are, without checks: for seeds and benchmarks only. */
  load(object: string, row: Row): void {
    this.put(object, row);
    this.log(object, row);
  }

  /** A new id for an object (seeds need ids before rows exist). */
  newId(object: string): string {
    const schema = this.describe(object)!;
    const next = (this.sequences.get(schema.name) ?? 0) + 1;
    this.sequences.set(schema.name, next);
    return makeId(schema.keyPrefix, next);
  }

  private readonly sequences = new Map<string, number>();

  private journal: { object: string; id: string; before: Row | undefined }[] | null = null;

  /**
   * Runs writes all-or-none: when `work` throws, every row it wrote is restored and nothing
   * of it reaches the log.
   */
  atomically<T>(work: () => T): T {
    const mark = this.pending.length;
    this.journal = [];
    try {
      const result = work();
      return result;
    } catch (e) {
      const undo = this.journal.reverse();
      this.journal = null;
      for (const entry of undo) {
        if (entry.before) this.put(entry.object, entry.before);
        else this.remove(entry.object, entry.id);
      }
      this.pending.length = mark;
      throw e;
    } finally {
      this.journal = null;
    }
  }

  private remove(object: string, id: string): void {
    const row = this.tables.get(object)?.get(id);
    if (!row) return;
    this.put(object, { ...row, IsDeleted: true });
    this.tables.get(object)!.delete(id);
  }

  private put(object: string, row: Row): void {
    const table = this.tables.get(object);
    if (!table) throw new Error(`unknown object ${object}`);
    const before = table.get(row.Id);
    this.journal?.push({ object, id: row.Id, before });
    table.set(row.Id, row);
    const seq = idSequence(row.Id);
    if (seq > (this.sequences.get(object) ?? 0)) this.sequences.set(object, seq);
    for (const f of this.describe(object)!.fields) {
      if (f.type === 'reference') {
        const key = `${object}.${f.name}`;
        const old = before?.[f.name] as string | undefined;
        const now = row[f.name] as string | undefined;
        if (old === now) continue;
        let index = this.childIndex.get(key);
        if (!index) this.childIndex.set(key, (index = new Map()));
        if (old) index.get(old)?.delete(row.Id);
        if (now) {
          let set = index.get(now);
          if (!set) index.set(now, (set = new Set()));
          set.add(row.Id);
        }
      } else if (f.unique || f.externalId) {
        const key = `${object}.${f.name}`;
        let index = this.uniqueIndex.get(key);
        if (!index) this.uniqueIndex.set(key, (index = new Map()));
        const old = before?.[f.name];
        if (old !== undefined && old !== null) index.delete(String(old).toLowerCase());
        const now = row[f.name];
        if (now !== undefined && now !== null && !row.IsDeleted)
          index.set(String(now).toLowerCase(), row.Id);
      }
    }
  }

  /** Checks and converts client values to stored values; throws Salesforce's errors. */
  private coerce(
    schema: SObjectSchema,
    input: Record<string, unknown>,
    creating: boolean,
    ctx: WriteContext
  ) {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes' || key === 'Id') continue;
      const f = this.field(schema.name, key);
      if (!f) {
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `No such column '${key}' on sobject of type ${schema.name}`,
          [key]
        );
      }
      const audit = ['CreatedDate', 'LastModifiedDate', 'CreatedById', 'LastModifiedById'].includes(
        f.name
      );
      const writable = creating ? f.createable : f.updateable;
      if (!writable && !(ctx.setAuditFields && (audit || f.name === 'LastActivityDate'))) {
        throw new ApiError(
          400,
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [f.name]
        );
      }
      out[f.name] = this.convert(schema, f, raw);
    }
    return out;
  }

  private convert(schema: SObjectSchema, f: FieldSchema, raw: unknown): unknown {
    if (raw === null || raw === undefined || raw === '') {
      return f.type === 'boolean' ? false : null;
    }
    const bad = (what: string) =>
      new ApiError(
        400,
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${f.label}: value not of required type: ${what}`,
        [f.name]
      );
    switch (f.type) {
      case 'boolean':
        if (typeof raw === 'boolean') return raw;
        if (raw === 'true' || raw === 'false') return raw === 'true';
        throw bad(String(raw));
      case 'int':
      case 'double':
      case 'currency':
      case 'percent': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n) || (typeof raw === 'string' && raw.trim() === ''))
          throw bad(String(raw));
        return f.type === 'int' ? Math.trunc(n) : n;
      }
      case 'date': {
        const s = String(raw);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
          throw bad(s);
        return s;
      }
      case 'datetime': {
        const t = Date.parse(String(raw).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (Number.isNaN(t)) throw bad(String(raw));
        return iso(new Date(t));
      }
      case 'reference': {
        const id = normalizeId(raw);
        const target = id ? this.getById(id) : undefined;
        const object = target ? this.objectOfId(target.Id) : undefined;
        if (!id || !target || !f.referenceTo?.includes(object!)) {
          throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [
            f.name
          ]);
        }
        return id;
      }
      case 'picklist': {
        const s = String(raw);
        if (f.restrictedPicklist && !f.picklistValues?.some((v) => v.value === s)) {
          throw new ApiError(
            400,
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label}: bad value for restricted picklist field: ${s}`,
            [f.name]
          );
        }
        return s;
      }
      case 'multipicklist': {
        const parts = String(raw)
          .split(';')
          .map((p) => p.trim())
          .filter((p) => p);
        if (f.restrictedPicklist) {
          for (const p of parts) {
            if (!f.picklistValues?.some((v) => v.value === p)) {
              throw new ApiError(
                400,
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${f.label}: bad value for restricted picklist field: ${p}`,
                [f.name]
              );
            }
          }
        }
        return parts.join(';');
      }
      default: {
        const s = typeof raw === 'string' ? raw : String(raw);
        if (f.length && s.length > f.length && f.type !== 'textarea') {
          throw new ApiError(
            400,
            'STRING_TOO_LONG',
            `${f.label}: data value too large: ${s.slice(0, 40)}... (max length=${f.length})`,
            [f.name]
          );
        }
        void schema;
        return s;
      }
    }
  }

  private derive(schema: SObjectSchema, row: Row, changed: Set<string>): void {
    if (schema.name === 'Opportunity' && changed.has('StageName')) {
      const stage = STAGES.get(row.StageName as string);
      if (!stage) return; // a missing stage is reported by the required-field check
      row.IsClosed = stage.closed;
      row.IsWon = stage.won;
      row.ForecastCategoryName = stage.forecast;
      if (!changed.has('Probability')) row.Probability = stage.probability;
    }
    if (['User', 'Contact', 'Lead'].includes(schema.name)) {
      row.Name = [row.FirstName, row.LastName].filter((p) => p).join(' ');
    }
    if (schema.name === 'Task') {
      row.IsClosed = row.Status === 'Completed';
    }
  }

  private checkRequired(schema: SObjectSchema, row: Row): void {
    const missing = schema.fields
      .filter((f) => !f.nillable && f.createable && f.type !== 'boolean')
      .filter((f) => row[f.name] === null || row[f.name] === undefined)
      .map((f) => f.name);
    if (missing.length) {
      throw new ApiError(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing
      );
    }
  }

  private checkUnique(schema: SObjectSchema, row: Row): void {
    for (const f of schema.fields) {
      if (!(f.unique || f.externalId) || row[f.name] === null || row[f.name] === undefined)
        continue;
      const other = this.uniqueIndex
        .get(`${schema.name}.${f.name}`)
        ?.get(String(row[f.name]).toLowerCase());
      if (other && other !== row.Id && f.unique) {
        throw new ApiError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
          [f.name]
        );
      }
    }
  }

  insert(object: string, input: Record<string, unknown>, ctx: WriteContext): Row {
    const schema = this.requireObject(object, 'createable');
    const values = this.coerce(schema, input, true, ctx);
    const now = iso(ctx.now);
    const row: Row = { Id: this.newId(schema.name) };
    for (const f of schema.fields) {
      if (f.name !== 'Id') row[f.name] = f.type === 'boolean' ? false : null;
    }
    Object.assign(row, {
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: ctx.userId,
      LastModifiedDate: now,
      LastModifiedById: ctx.userId,
      SystemModstamp: now
    });
    if (schema.fields.some((f) => f.name === 'OwnerId')) row.OwnerId = ctx.userId;
    if (schema.name === 'User') row.IsActive = true;
    Object.assign(row, values);
    if (ctx.setAuditFields && values.CreatedDate && !values.LastModifiedDate) {
      row.LastModifiedDate = values.CreatedDate;
    }
    row.SystemModstamp = row.LastModifiedDate;
    const changed = new Set(Object.keys(values));
    if (schema.name === 'Opportunity') changed.add('StageName');
    this.derive(schema, row, changed);
    this.checkRequired(schema, row);
    this.checkUnique(schema, row);
    this.put(schema.name, row);
    this.log(schema.name, row);
    if (schema.name === 'Opportunity') this.writeHistory(row, ctx, row.CreatedDate as string);
    if (schema.name === 'Task' || schema.name === 'Event') this.touchActivity(row);
    return row;
  }

  update(object: string, id: string, input: Record<string, unknown>, ctx: WriteContext): Row {
    const schema = this.requireObject(object, 'updateable');
    const existing = this.getById(id);
    if (!existing || this.objectOfId(existing.Id) !== schema.name) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    const values = this.coerce(schema, input, false, ctx);
    const row: Row = { ...existing, ...values };
    const changed = new Set(Object.keys(values).filter((k) => existing[k] !== values[k]));
    this.derive(schema, row, changed);
    this.checkRequired(schema, row);
    this.checkUnique(schema, row);
    const now = iso(ctx.now);
    row.LastModifiedDate =
      ctx.setAuditFields && values.LastModifiedDate ? row.LastModifiedDate : now;
    row.LastModifiedById = ctx.userId;
    row.SystemModstamp = row.LastModifiedDate;
    this.put(schema.name, row);
    this.log(schema.name, row);
    if (
      schema.name === 'Opportunity' &&
      ['StageName', 'Amount', 'CloseDate', 'Probability'].some((k) => changed.has(k))
    ) {
      this.writeHistory(row, ctx, row.LastModifiedDate as string);
    }
    return row;
  }

  /** Upsert by external id: 201-style create when no row has the value, else update. */
  upsert(
    object: string,
    extField: string,
    value: unknown,
    input: Record<string, unknown>,
    ctx: WriteContext
  ): { row: Row; created: boolean } {
    const schema = this.requireObject(object, 'createable');
    const f = this.field(schema.name, extField);
    if (!f || !(f.externalId || f.name === 'Id')) {
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `Provided external ID field does not exist or is not accessible: ${extField}`
      );
    }
    if (value === null || value === undefined || value === '') {
      throw new ApiError(400, 'MISSING_ARGUMENT', `${f.name} not specified`);
    }
    const existing =
      f.name === 'Id' ? this.getById(String(value)) : this.findByUnique(schema.name, f.name, value);
    if (existing) {
      const { [f.name]: _ignored, ...rest } = input;
      return { row: this.update(schema.name, existing.Id, rest, ctx), created: false };
    }
    return { row: this.insert(schema.name, { ...input, [f.name]: value }, ctx), created: true };
  }

  delete(object: string, id: string, ctx: WriteContext): void {
    const schema = this.requireObject(object, 'deletable');
    const existing = this.getById(id);
    if (!existing || this.objectOfId(existing.Id) !== schema.name) {
      throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    }
    const row: Row = { ...existing, IsDeleted: true, SystemModstamp: iso(ctx.now) };
    this.put(schema.name, row);
    this.log(schema.name, row);
    for (const rel of schema.childRelationships) {
      const childField = this.field(rel.childSObject, rel.field);
      if (!childField?.cascadeDelete) continue;
      for (const child of [...this.children(rel.childSObject, rel.field, row.Id)]) {
        const gone: Row = { ...child, IsDeleted: true, SystemModstamp: iso(ctx.now) };
        this.put(rel.childSObject, gone);
        this.log(rel.childSObject, gone);
      }
    }
  }

  /** As the platform does: a logged activity moves its records' LastActivityDate forward. */
  private touchActivity(activity: Row): void {
    const day = String(activity.ActivityDate ?? activity.CreatedDate ?? '').slice(0, 10);
    if (!day) return;
    for (const key of ['WhatId', 'WhoId']) {
      const parent = this.getById(String(activity[key] ?? ''));
      if (!parent || !('LastActivityDate' in parent)) continue;
      if (parent.LastActivityDate && String(parent.LastActivityDate) >= day) continue;
      const object = this.objectOfId(parent.Id)!;
      const row: Row = {
        ...parent,
        LastActivityDate: day,
        SystemModstamp: activity.SystemModstamp
      };
      this.put(object, row);
      this.log(object, row);
    }
  }

  private writeHistory(opp: Row, ctx: WriteContext, at: string): void {
    const history: Row = {
      Id: this.newId('OpportunityHistory'),
      OpportunityId: opp.Id,
      StageName: opp.StageName,
      Amount: opp.Amount,
      CloseDate: opp.CloseDate,
      Probability: opp.Probability,
      ForecastCategory: opp.ForecastCategoryName,
      ExpectedRevenue:
        typeof opp.Amount === 'number' && typeof opp.Probability === 'number'
          ? (opp.Amount * opp.Probability) / 100
          : null,
      IsDeleted: false,
      CreatedDate: at,
      CreatedById: ctx.userId,
      LastModifiedDate: at,
      LastModifiedById: ctx.userId,
      SystemModstamp: at
    };
    this.put('OpportunityHistory', history);
    this.log('OpportunityHistory', history);
  }

  private requireObject(
    name: string,
    permission: 'createable' | 'updateable' | 'deletable'
  ): SObjectSchema {
    const schema = this.describe(name);
    if (!schema) {
      throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
    }
    if (!schema[permission]) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `sObject type '${schema.name}' is not supported for this operation.`
      );
    }
    return schema;
  }
}
