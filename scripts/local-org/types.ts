/**
 * Shapes shared by the local org's store, its SOQL engine and its HTTP API.
 * Field and object names are Salesforce API names, exactly as a real org has them.
 */

/** Salesforce field types the local org knows (the `type` of a describe field). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url'
  /** A compound address (BillingAddress ...): read-only, made of its component fields. */
  | 'address';

export interface FieldSchema {
  name: string;
  label: string;
  type: FieldType;
  /** For reference fields: the objects it may point to. */
  referenceTo?: string[];
  /** For reference fields: the parent relationship name (Account for AccountId, Rep__r for Rep__c). */
  relationshipName?: string;
  /** Master-detail relationship (the child is deleted with its parent and shares its access). */
  cascadeDelete?: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId?: boolean;
  unique?: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  picklistValues?: { value: string; label: string; active: boolean; defaultValue?: boolean }[];
  restrictedPicklist?: boolean;
  /** Computed by the store (IsClosed from StageName, audit fields, ...); never written by clients. */
  calculated?: boolean;
  /** Master-detail: a detail may be written with Read (not Edit) access to its master. */
  writeRequiresMasterRead?: boolean;
}

export interface ChildRelationshipSchema {
  /** The child object, e.g. OpportunityContactRole. */
  childSObject: string;
  /** The child's lookup field to this object, e.g. OpportunityId. */
  field: string;
  /** The name used in subqueries, e.g. OpportunityContactRoles. */
  relationshipName: string;
}

export interface SObjectSchema {
  name: string;
  label: string;
  labelPlural: string;
  /** Three-character id prefix: 001 Account, 006 Opportunity, a0x... for custom objects. */
  keyPrefix: string;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** The org-wide default of a custom object (standard objects' defaults are the org's). */
  sharingModel?: 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';
  fields: FieldSchema[];
  childRelationships: ChildRelationshipSchema[];
}

/** A stored record: field API name to value. Dates are `YYYY-MM-DD`, datetimes ISO 8601 UTC. */
export type Row = Record<string, unknown> & { Id: string };

/** What the SOQL engine reads from; the store implements it. */
export interface SoqlDataSource {
  /** Schema of an object by API name (case-insensitive), or undefined when it does not exist. */
  describe(sobject: string): SObjectSchema | undefined;
  /**
   * Every live (or, for queryAll, also deleted) row of an object, in insertion order; with
   * `where`, only the rows it keeps.
   */
  scan(
    sobject: string,
    options?: { includeDeleted?: boolean; where?: (row: Row) => boolean }
  ): Iterable<Row>;
  /** A row of any object by its 15- or 18-character id. */
  getById(id: string): Row | undefined;
  /** Child rows pointing at parentId through childSObject.field (for subqueries), indexed. */
  children(childSObject: string, field: string, parentId: string): Iterable<Row>;
}

/** Who runs a query and when: date literals (TODAY, LAST_N_DAYS:n) resolve against `now`. */
export interface SoqlContext {
  now: Date;
  userId: string;
  /** queryAll: deleted rows are included. */
  includeDeleted?: boolean;
}

/**
 * A parsed and checked SOQL query, ready to run over a data source. Parse and field errors are
 * thrown by prepareSoql (an ApiError with MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE), never
 * deferred to iteration.
 */
export interface PreparedQuery {
  /** The FROM object, as the schema spells it. */
  sobject: string;
  /** Flattened column names for Bulk API 2.0 CSV, in SELECT order: Id, Name, Account.Name. */
  columns: string[];
  isAggregate: boolean;
  /** Number of rows the query returns (for totalSize), LIMIT and OFFSET applied. */
  totalSize(): number;
  /**
   * The rows in REST JSON shape: `attributes: { type, url }`, parent relationships as nested
   * objects, child subqueries as `{ totalSize, done, records }`. Lazy: a query without ORDER BY
   * or aggregation streams in bounded memory.
   */
  rows(): Iterable<Record<string, unknown>>;
  /**
   * The query run once, for a cursor (a REST query locator, a Bulk API 2.0 job): its row count
   * and its rows. A sorted query is matched once here and sorted as far as its rows are read,
   * each shaped when read; an unsorted one is counted here and streams when read, as rows()
   * does.
   */
  run(): { totalSize: number; rows(): Iterable<Record<string, unknown>> };
}
