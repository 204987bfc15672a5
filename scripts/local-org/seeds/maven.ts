/**
 * The Maven CRM public dataset (Maven Analytics' "CRM Sales Opportunities", not part of this
 * repository: see README) as an org, read from a folder the user gives (`--seed
 * maven-crm:<folder>`, or ADOPTION_COACH_MAVEN_DIR). Every row is imported;
 * each fault of the export gets a stated policy and is counted in the summary:
 * - agents and managers become Users (ManagerId = the agent's manager; the regional office in
 *   Department); managers have no manager;
 * - `deal_stage`: Won → Closed Won, Lost → Closed Lost, Engaging → Qualification,
 *   Prospecting → Prospecting; closed deals get a stage history (Qualification on the engage
 *   date, then the closed stage on the close date), as the platform records it;
 * - `engage_date` → CreatedDate; a Prospecting deal without one is dated on the export's last
 *   day (2017-12-31);
 * - `close_date` → CloseDate; an open deal without one gets its engage date + 90 days (the
 *   export's last day + 90 for Prospecting), since CloseDate is required;
 * - `close_value` → Amount (blank stays blank); the product goes into the name and description;
 * - a deal without an account keeps AccountId blank; a product spelt differently from the
 *   product list (`GTXPro`) is matched without spaces and case;
 * - a misspelt sector (`technolgy`) is corrected before it becomes Industry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsv } from '../../common/csv';
import { addRole, addUser } from '../setup';
import type { Store, WriteContext } from '../store';
import { addDays } from '../../engine/dates';
import { at, seedWriter } from './time';

/** The environment variable naming the dataset's folder when the seed does not. */
export const MAVEN_DIR_VARIABLE = 'ADOPTION_COACH_MAVEN_DIR';
/** The dataset's five files; the seed reads all but the publisher's data dictionary. */
export const MAVEN_FILES = [
  'accounts.csv',
  'data_dictionary.csv',
  'products.csv',
  'sales_pipeline.csv',
  'sales_teams.csv'
];
const READ_FILES = ['accounts.csv', 'products.csv', 'sales_pipeline.csv', 'sales_teams.csv'];

/**
 * The dataset's folder, absolute: `folder` (from `maven-crm:<folder>`), else the environment
 * variable. Throws, naming the folder and the files expected, when it is not given or lacks them.
 */
export function mavenDir(folder?: string): string {
  const given = folder || process.env[MAVEN_DIR_VARIABLE];
  const expected = `the Maven CRM dataset's five CSV files (${MAVEN_FILES.join(', ')})`;
  if (!given) {
    throw new Error(
      `The maven-crm seed needs the folder holding ${expected}: use --seed maven-crm:<folder> or set ${MAVEN_DIR_VARIABLE}=<folder> (README, "The Maven CRM dataset").`
    );
  }
  const dir = resolve(given);
  const missing = existsSync(dir) ? READ_FILES.filter((f) => !existsSync(join(dir, f))) : [];
  if (!existsSync(dir) || missing.length > 0) {
    const problem = existsSync(dir) ? `has no ${missing.join(', ')}` : 'does not exist';
    throw new Error(
      `Maven CRM dataset folder ${dir} ${problem}: expected ${expected} (README, "The Maven CRM dataset").`
    );
  }
  return dir;
}
const EXPORT_END = '2017-12-31';
const STAGES: Record<string, string> = {
  Won: 'Closed Won',
  Lost: 'Closed Lost',
  Engaging: 'Qualification',
  Prospecting: 'Prospecting'
};
const SECTOR_FIXES: Record<string, string> = { technolgy: 'technology' };

function table(dir: string, file: string): Record<string, string>[] {
  const path = join(dir, file);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r, i) => {
      if (r.length !== header.length) {
        throw new Error(`${path}:${i + 2}: expected ${header.length} columns, found ${r.length}`);
      }
      return Object.fromEntries(header.map((h, k) => [h, r[k]]));
    });
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The day the seed's users, roles and accounts are created. */
const START = '2016-10-01';

type Writer = (day: string, userId?: string) => WriteContext;
type CsvRow = Record<string, string>;

/** The export's faults met while importing, each counted for the summary. */
interface Quirks {
  sectorFixed: number;
  noEngageDate: number;
  noCloseDate: number;
  noAccount: number;
  productRenamed: number;
  unknownProduct: number;
  agentsWithoutDeals: number;
}

/**
 * The managers, then their agents, as Users with roles that mirror the reporting line: each
 * manager's role, and their agents' role below it. Returns each person's user id by name.
 */
function addSalesTeams(store: Store, teams: CsvRow[], w: Writer): Map<string, string> {
  const users = new Map<string, string>();
  const teamRoles = new Map<string, string>();
  const username = (name: string) =>
    `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@maven.adoption-coach.local`;
  const addPerson = (name: string, managerId: string | null, office: string, role: string) => {
    const [first, ...rest] = name.split(' ');
    const manager = role === 'Sales Manager';
    let roleId: string;
    if (manager) {
      roleId = addRole(store, `Manager ${name}`, null, w(START)).Id;
      teamRoles.set(name, addRole(store, `Team ${name}`, roleId, w(START)).Id);
    } else {
      roleId = [...teamRoles.entries()].find(([m]) => users.get(m) === managerId)![1];
    }
    const row = addUser(
      store,
      {
        FirstName: first,
        LastName: rest.join(' ') || first,
        Username: username(name),
        Email: username(name),
        Title: role,
        Department: office,
        ManagerId: managerId,
        CreatedDate: at(START, 8)
      },
      {
        profile: 'Standard User',
        roleId,
        permissionSets: [manager ? 'Adoption_Coach_Manager' : 'Adoption_Coach_Rep']
      },
      w(START)
    );
    users.set(name, row.Id);
  };
  for (const t of teams) {
    if (!users.has(t.manager)) addPerson(t.manager, null, t.regional_office, 'Sales Manager');
  }
  for (const t of teams)
    addPerson(t.sales_agent, users.get(t.manager)!, t.regional_office, 'Sales Agent');
  return users;
}

/** The accounts, then their parents (`subsidiary_of`). Returns each account's id by name. */
function addAccounts(
  store: Store,
  accounts: CsvRow[],
  w: Writer,
  quirks: Quirks
): Map<string, string> {
  const accountIds = new Map<string, string>();
  for (const a of accounts) {
    let sector = a.sector.trim().toLowerCase();
    if (SECTOR_FIXES[sector]) {
      sector = SECTOR_FIXES[sector];
      quirks.sectorFixed++;
    }
    const row = store.insert(
      'Account',
      {
        Name: a.account,
        Industry: title(sector),
        AnnualRevenue: a.revenue === '' ? null : Math.round(Number(a.revenue) * 1e6),
        NumberOfEmployees: a.employees === '' ? null : Number(a.employees),
        BillingCountry: a.office_location || null,
        Description: a.year_established ? `Established ${a.year_established}` : null,
        CreatedDate: at(START, 8)
      },
      w(START)
    );
    accountIds.set(a.account, row.Id);
  }
  for (const a of accounts) {
    if (a.subsidiary_of && accountIds.has(a.subsidiary_of)) {
      store.update(
        'Account',
        accountIds.get(a.account)!,
        { ParentId: accountIds.get(a.subsidiary_of) },
        w(START)
      );
    }
  }
  return accountIds;
}

/** What the deals need to know of the rows imported before them. */
interface DealContext {
  users: Map<string, string>;
  accountIds: Map<string, string>;
  productBySquash: Map<string, CsvRow>;
  w: Writer;
  quirks: Quirks;
}

/**
 * One deal as an opportunity, created on its engage date by its agent; a closed deal moves to
 * its closed stage on its close date, so the platform records its stage history. Returns the
 * deal's stage as the export names it.
 */
function addDeal(store: Store, d: CsvRow, c: DealContext): string {
  const ownerId = c.users.get(d.sales_agent);
  if (!ownerId)
    throw new Error(`sales_pipeline.csv: ${d.opportunity_id}: unknown agent '${d.sales_agent}'`);
  const stage = STAGES[d.deal_stage];
  if (!stage)
    throw new Error(
      `sales_pipeline.csv: ${d.opportunity_id}: unknown deal_stage '${d.deal_stage}'`
    );
  const product = c.productBySquash.get(squash(d.product));
  if (!product) c.quirks.unknownProduct++;
  else if (product.product !== d.product) c.quirks.productRenamed++;
  const productName = product?.product ?? d.product;
  let created = d.engage_date;
  if (!created) {
    created = EXPORT_END;
    c.quirks.noEngageDate++;
  }
  let close = d.close_date;
  if (!close) {
    close = addDays(created, 90);
    c.quirks.noCloseDate++;
  }
  if (!d.account) c.quirks.noAccount++;
  const closed = stage.startsWith('Closed');
  const fields = {
    Name: `${d.opportunity_id}: ${productName} for ${d.account || 'no account'}`,
    AccountId: d.account ? (c.accountIds.get(d.account) ?? null) : null,
    StageName: closed ? 'Qualification' : stage,
    CloseDate: close,
    Amount: d.close_value === '' ? null : Number(d.close_value),
    Description: `Maven CRM deal ${d.opportunity_id}; product ${productName}${product ? ` (${product.series} series, list price ${product.sales_price})` : ''}`,
    OwnerId: ownerId,
    CreatedDate: at(created, 9)
  };
  const opp = store.insert('Opportunity', fields, c.w(created, ownerId));
  if (closed) {
    store.update(
      'Opportunity',
      opp.Id,
      { StageName: stage, LastModifiedDate: at(close, 17) },
      c.w(close, ownerId)
    );
  }
  return d.deal_stage;
}

export function seedMaven(store: Store, ctx: WriteContext, dir: string): string[] {
  const teams = table(dir, 'sales_teams.csv');
  const accounts = table(dir, 'accounts.csv');
  const products = table(dir, 'products.csv');
  const pipeline = table(dir, 'sales_pipeline.csv');
  const w = seedWriter(ctx);
  store.setSharingModel('Opportunity', 'Private');
  store.setSharingModel('Account', 'Private');
  const quirks: Quirks = {
    sectorFixed: 0,
    noEngageDate: 0,
    noCloseDate: 0,
    noAccount: 0,
    productRenamed: 0,
    unknownProduct: 0,
    agentsWithoutDeals: 0
  };
  const deals: DealContext = {
    users: addSalesTeams(store, teams, w),
    accountIds: addAccounts(store, accounts, w, quirks),
    productBySquash: new Map(products.map((p) => [squash(p.product), p])),
    w,
    quirks
  };
  const byStage = new Map<string, number>();
  for (const d of pipeline) {
    const stage = addDeal(store, d, deals);
    byStage.set(stage, (byStage.get(stage) ?? 0) + 1);
  }
  const agentsWithDeals = new Set(pipeline.map((d) => d.sales_agent));
  quirks.agentsWithoutDeals = teams.filter((t) => !agentsWithDeals.has(t.sales_agent)).length;
  const managers = new Set(teams.map((t) => t.manager)).size;
  return [
    `maven-crm: ${teams.length} agents under ${managers} managers, ${accounts.length} accounts, ${pipeline.length} opportunities (${[...byStage].map(([s, n]) => `${s} ${n}`).join(', ')})`,
    `maven-crm quirks: ${quirks.noAccount} deals without an account (kept, no account); ${quirks.noCloseDate} open deals without a close date (engage date + 90 days); ${quirks.noEngageDate} deals without an engage date (created ${EXPORT_END}); ${quirks.productRenamed} product names matched to the product list (GTXPro → GTX Pro); ${quirks.unknownProduct} unknown products; ${quirks.sectorFixed} misspelt sectors corrected; ${quirks.agentsWithoutDeals} agents without deals`
  ];
}
