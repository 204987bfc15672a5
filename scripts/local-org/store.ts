/**
 * The local org's records: in memory, every acknowledged write persisted to a write-ahead log
 * (fsync before the API answers), replayed on start. Enforces what the platform enforces
 * (field existence, types, required fields, restricted picklists, external-id uniqueness) with
 * Salesforce's error codes, maintains audit fields, derives Opportunity's stage fields and
 * writes OpportunityHistory rows as the platform does.
 */
import {
  FULL,
  EDIT,
  UserAccess,
  accessErrors,
  loadPermissionSets,
  standardProfiles,
  type AccessSource,
  type PermissionBundle,
  type SharingModel
} from './access';
import { ApiError } from './errors';
import { fieldValue, iso } from './field-values';
import { idSequence, makeId, normalizeId } from './ids';
import { writableAnyway } from './recorded';
import { loadSchema } from './schema';
import { WriteAheadLog, replayDataDir, type LogEntry } from './store-log';
import type { FieldSchema, Row, SObjectSchema, SoqlDataSource } from './types';
import { checkRecordWrite, checkRequired, deriveFields, historyRow, mayWrite } from './write-rules';

export interface WriteContext {
  userId: string;
  now: Date;
  /** Seeds and imports may set audit fields (CreatedDate ...), as "Set Audit Fields" allows. */
  setAuditFields?: boolean;
  /**
   * A write outside the access model, as an administrator's data load: seeds and test set-up
   * only. Every API path writes as its session's user, with `system` unset.
   */
  system?: boolean;
}

/**
 * The org-wide defaults of the standard objects in a new org; seeds may change them
 * (https://help.salesforce.com/s/articleView?id=sf.sharing_model_fields.htm). Activities are
 * handled by their own rule (owner, or Read through the related record).
 */
const STANDARD_SHARING: Record<string, SharingModel> = {
  Account: 'ReadWrite',
  Contact: 'ControlledByParent',
  Lead: 'ReadWrite',
  Opportunity: 'Read',
  Task: 'Private',
  Event: 'Private'
};

/** Objects whose access changes who may see what: a write to them drops the cached access. */
const ACCESS_OBJECTS = new Set([
  'User',
  'UserRole',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'Group',
  'GroupMember'
]);

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
  /** Org-wide defaults set by a seed (persisted), over STANDARD_SHARING and the metadata. */
  private readonly sharing = new Map<string, SharingModel>();
  readonly profiles: Map<string, PermissionBundle>;
  readonly permissionSets: Map<string, PermissionBundle>;
  private accessCache = new Map<string, UserAccess>();
  private readonly wal = new WriteAheadLog();

  constructor(objectsDir?: string, permissionSetsDir?: string) {
    this.schema = loadSchema(objectsDir);
    this.profiles = new Map(standardProfiles().map((p) => [p.name, p]));
    this.permissionSets = new Map(
      loadPermissionSets(this.schema, permissionSetsDir).map((p) => [p.name, p])
    );
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
    replayDataDir(dataDir, (entry) => {
      if (entry.s) this.sharing.set(entry.o, entry.s);
      else this.put(entry.o, entry.r);
    });
    this.wal.open(dataDir, this.entries());
  }

  /** Everything stored, as log entries: the org-wide defaults set, then every row. */
  private *entries(): Iterable<LogEntry> {
    for (const [object, model] of this.sharing) yield { o: object, s: model };
    for (const [name, table] of this.tables)
      for (const row of table.values()) yield { o: name, r: row };
  }

  /** Makes every write since the last commit durable; called before the API answers. */
  commit(): void {
    this.wal.commit();
  }

  close(): void {
    this.wal.close();
  }

  private log(object: string, row: Row): void {
    this.wal.append({ o: object, r: row });
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

  /** Sets an object's org-wide default (a seed's sharing settings); persisted. */
  setSharingModel(object: string, model: SharingModel): void {
    const schema = this.describe(object);
    if (!schema) throw new Error(`unknown object ${object}`);
    this.sharing.set(schema.name, model);
    this.accessCache.clear();
    this.wal.append({ o: schema.name, s: model });
  }

  sharingModel(object: string): SharingModel | undefined {
    return (
      this.sharing.get(object) ?? STANDARD_SHARING[object] ?? this.describe(object)?.sharingModel
    );
  }

  // ------------------------------------------------------------------ reads

  getById(id: string): Row | undefined {
    const full = normalizeId(id);
    if (!full) return undefined;
    const object = this.objectOfId(full);
    const row = object ? this.tables.get(object)?.get(full) : undefined;
    return row && !row.IsDeleted ? row : undefined;
  }

  *scan(
    object: string,
    options: { includeDeleted?: boolean; where?: (row: Row) => boolean } = {}
  ): Iterable<Row> {
    const table = this.tables.get(object);
    if (!table) return;
    const { includeDeleted, where } = options;
    for (const row of table.values()) {
      if ((includeDeleted || !row.IsDeleted) && (!where || where(row))) yield row;
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

  // ------------------------------------------------------------------ access

  /** A user's object, field and record access (cached until users, roles or assignments change). */
  accessOf(userId: string): UserAccess {
    let access = this.accessCache.get(userId);
    if (!access) {
      const source: AccessSource = {
        schema: (name) => this.describe(name),
        getById: (id) => this.getById(id),
        scan: (object) => this.scan(object),
        children: (child, field, parentId) => this.children(child, field, parentId),
        sharingModel: (object) => this.sharingModel(object),
        objectOf: (id) => this.objectOfId(id),
        profiles: this.profiles,
        permissionSets: this.permissionSets
      };
      access = new UserAccess(userId, source);
      this.accessCache.set(userId, access);
    }
    return access;
  }

  /**
   * What `userId` may see: their readable objects and fields (describe) and the records they
   * have access to. Every read of the API goes through this view.
   */
  viewFor(userId: string): SoqlDataSource {
    const access = this.accessOf(userId);
    const visible = (row: Row | undefined): row is Row => {
      if (!row) return false;
      const object = this.objectOfId(row.Id);
      return !!object && access.canRead(object, row);
    };
    return {
      describe: (name) => {
        const schema = this.describe(name);
        return schema ? access.describe(schema) : undefined;
      },
      // A query's filter runs before the record's access is worked out: the rows are the same
      // either way, and a selective filter spares the sharing check of every row it drops.
      scan: function* (
        this: Store,
        object: string,
        options?: { includeDeleted?: boolean; where?: (row: Row) => boolean }
      ) {
        for (const row of this.scan(object, options)) if (access.canRead(object, row)) yield row;
      }.bind(this),
      getById: (id) => {
        const row = this.getById(id);
        return visible(row) ? row : undefined;
      },
      children: function* (this: Store, child: string, field: string, parentId: string) {
        for (const row of this.children(child, field, parentId))
          if (access.canRead(child, row)) yield row;
      }.bind(this)
    };
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
    const mark = this.wal.mark();
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
      this.wal.rollback(mark);
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
    if (ACCESS_OBJECTS.has(object)) this.accessCache.clear();
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
    // Field-level security: a field the user cannot read does not exist for them, and one they
    // cannot edit is refused (https://help.salesforce.com/s/articleView?id=sf.admin_fls.htm).
    const view = ctx.system ? schema : this.accessOf(ctx.userId).describe(schema);
    const visible = view ? new Map(view.fields.map((f) => [f.name.toLowerCase(), f])) : new Map();
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes' || key === 'Id') continue;
      const f: FieldSchema | undefined = visible.get(key.toLowerCase());
      if (!f) {
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `No such column '${key}' on sobject of type ${schema.name}`,
          [key]
        );
      }
      const writable = creating ? f.createable : f.updateable;
      if (!writable && !writableAnyway(ctx, schema, f.name)) {
        throw new ApiError(
          400,
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [f.name]
        );
      }
      out[f.name] = fieldValue(f, raw, (id) => {
        const target = this.getById(id);
        return target ? this.objectOfId(target.Id) : undefined;
      });
    }
    return out;
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
    const schema = this.requireObject(object, 'createable', ctx);
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
    // A share inserted through the API is a manual share (RowCause defaults to Manual).
    if (schema.name.endsWith('__Share')) row.RowCause = 'Manual';
    Object.assign(row, values);
    if (ctx.setAuditFields && values.CreatedDate && !values.LastModifiedDate) {
      row.LastModifiedDate = values.CreatedDate;
    }
    row.SystemModstamp = row.LastModifiedDate;
    const changed = new Set(Object.keys(values));
    if (schema.name === 'Opportunity') changed.add('StageName');
    deriveFields(schema, row, changed);
    checkRequired(schema, row);
    this.checkUnique(schema, row);
    if (!ctx.system) checkRecordWrite(this, schema, row, undefined, ctx.userId);
    this.put(schema.name, row);
    this.log(schema.name, row);
    if (schema.name === 'Opportunity') this.writeHistory(row, ctx, row.CreatedDate as string);
    if (schema.name === 'Task' || schema.name === 'Event') this.touchActivity(row);
    return row;
  }

  update(object: string, id: string, input: Record<string, unknown>, ctx: WriteContext): Row {
    const schema = this.requireObject(object, 'updateable', ctx);
    const existing = this.writableRow(schema, id, ctx, 'update');
    const values = this.coerce(schema, input, false, ctx);
    const row: Row = { ...existing, ...values };
    const changed = new Set(Object.keys(values).filter((k) => existing[k] !== values[k]));
    deriveFields(schema, row, changed);
    checkRequired(schema, row);
    this.checkUnique(schema, row);
    if (!ctx.system) checkRecordWrite(this, schema, row, existing, ctx.userId);
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
    const schema = this.requireObject(object, 'createable', ctx);
    const view = ctx.system ? schema : this.accessOf(ctx.userId).describe(schema);
    const f = view?.fields.find((x) => x.name.toLowerCase() === extField.toLowerCase());
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
    const schema = this.requireObject(object, 'deletable', ctx);
    const existing = this.writableRow(schema, id, ctx, 'delete');
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
    const history = historyRow(this.newId('OpportunityHistory'), opp, ctx.userId, at);
    this.put('OpportunityHistory', history);
    this.log('OpportunityHistory', history);
  }

  /** The row `id` names, of `schema`'s object, if the user may update or delete it. */
  private writableRow(
    schema: SObjectSchema,
    id: string,
    ctx: WriteContext,
    verb: 'update' | 'delete'
  ): Row {
    const existing = this.getById(id);
    if (!existing || this.objectOfId(existing.Id) !== schema.name) {
      throw verb === 'update'
        ? new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist')
        : new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    }
    // Updating needs Edit access, deleting Full Access: the owner and the users above the owner
    // in the role hierarchy have it, or Modify All; a detail needs the access its master-detail
    // field requires on the master
    // (https://developer.salesforce.com/docs/platform/apex-dev/references/apex-dev/apex-bulk-sharing-understanding.html).
    const needed = verb === 'update' ? EDIT : FULL;
    if (!ctx.system && !mayWrite(this, schema, existing, ctx.userId, needed)) {
      throw accessErrors.recordDenied(existing.Id);
    }
    return existing;
  }

  private requireObject(
    name: string,
    permission: 'createable' | 'updateable' | 'deletable',
    ctx: WriteContext
  ): SObjectSchema {
    const schema = this.describe(name);
    if (!schema) {
      throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
    }
    // Rows the platform records itself (LoginHistory) are written only by seeds (`system`).
    if (!schema[permission] && !(ctx.system && permission === 'createable')) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `sObject type '${schema.name}' is not supported for this operation.`
      );
    }
    if (!ctx.system) {
      const o = this.accessOf(ctx.userId).object(schema.name);
      if (!o.read) throw accessErrors.invalidType(schema.name);
      const [allowed, verb] =
        permission === 'createable'
          ? [o.create, 'create']
          : permission === 'updateable'
            ? [o.edit, 'edit']
            : [o.delete, 'delete'];
      if (!allowed) throw accessErrors.objectDenied(schema.name, verb);
    }
    return schema;
  }
}
