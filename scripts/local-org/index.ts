/**
 * The local org: a Salesforce-API-compatible server on 127.0.0.1 for the demo, the preview and
 * every integration test. `startLocalOrg` builds the store (optionally persisted and seeded),
 * creates the admin and integration users, and serves the API.
 */
import { randomBytes } from 'node:crypto';
import { LocalOrgServer, type FaultKind } from './server';
import { Store } from './store';
import { seedOrg, type SeedName } from './seeds';
import { addUser, ensureSetupRows, type ProfileName } from './setup';

export type { FaultKind } from './server';
export { Store } from './store';

export interface LocalOrgOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** A folder to persist to; undefined: in memory only. */
  dataDir?: string;
  seed?: SeedName;
  faults?: { rate: number; seed: number; kinds?: FaultKind[] };
  dailyApiLimit?: number;
  /** How long a Bulk API 2.0 query job stays InProgress after it is created (ms; default 0). */
  queryJobMs?: number;
  now?: () => Date;
  /** The custom objects' source folder (default force-app/main/default/objects). */
  objectsDir?: string;
  /** The sync's user's profile: Minimum Access (default) or Salesforce Integration. */
  integrationProfile?: Extract<
    ProfileName,
    'Minimum Access - Salesforce' | 'Salesforce Integration'
  >;
}

export interface LocalOrgCredentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  loginUrl: string;
}

export interface LocalOrg {
  instanceUrl: string;
  /** A session of the sync's user: Minimum Access plus Adoption_Coach_Integration. */
  accessToken: string;
  integrationUserId: string;
  /** The org's System Administrator (View All Data, Modify All Data). */
  adminUserId: string;
  /** A session of the System Administrator: for set-up and for tests of the API itself. */
  adminToken: string;
  /** Password-flow credentials of the integration user. */
  credentials: LocalOrgCredentials;
  /** Password-flow credentials of every user (a session as that user sees what they see). */
  users: (LocalOrgCredentials & { userId: string; name: string })[];
  /** A session as any user, with that user's visibility. */
  tokenFor(userId: string): string;
  store: Store;
  server: LocalOrgServer;
  /** Seed import summary lines (quirks counted), if a seed ran. */
  summary: string[];
  close(): Promise<void>;
}

export const INTEGRATION_USERNAME = 'integration@adoption-coach.local';
export const ADMIN_USERNAME = 'admin@adoption-coach.local';

export async function startLocalOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
  const store = new Store(options.objectsDir);
  if (options.dataDir) store.open(options.dataDir);
  const now = options.now ?? (() => new Date());
  const bootstrap = { userId: '0058c0000000000AAA', now: now(), system: true };
  ensureSetupRows(store, bootstrap);
  const ensureUser = (
    username: string,
    [first, last, alias, title]: string[],
    access: Parameters<typeof addUser>[2]
  ) =>
    store.findByUnique('User', 'Username', username) ??
    addUser(
      store,
      {
        FirstName: first,
        LastName: last,
        Username: username,
        Email: username,
        Alias: alias,
        Title: title
      },
      access,
      bootstrap
    );
  // The sync's user, as README's deploy steps set it up: a profile that grants nothing, and
  // Adoption_Coach_Integration.
  const integration = ensureUser(
    INTEGRATION_USERNAME,
    ['Adoption Coach', 'Integration', 'acsync', 'Integration user'],
    {
      profile: options.integrationProfile ?? 'Minimum Access - Salesforce',
      permissionSets: ['Adoption_Coach_Integration']
    }
  );
  const admin = ensureUser(
    ADMIN_USERNAME,
    ['Org', 'Administrator', 'admin', 'Salesforce administrator'],
    {
      profile: 'System Administrator'
    }
  );
  let summary: string[] = [];
  if (options.seed && options.seed !== 'none' && store.count('Opportunity') === 0) {
    summary = seedOrg(store, options.seed, { userId: admin.Id, now: now(), system: true });
  }
  store.commit();
  // Passwords and the connected app's secret are made per start and only ever printed by the CLI.
  const password = randomBytes(12).toString('base64url');
  // Every active user, also one added after the start, logs in with this start's password.
  const passwords = {
    get: (username: string) =>
      store.findByUnique('User', 'Username', username)?.IsActive === true ? password : undefined
  };
  const clientId = `3MVG9${randomBytes(20).toString('base64url')}`;
  const clientSecret = randomBytes(24).toString('hex');
  const server = new LocalOrgServer(store, {
    port: options.port,
    dailyApiLimit: options.dailyApiLimit,
    faults: options.faults,
    queryJobMs: options.queryJobMs,
    now: options.now,
    clientId,
    clientSecret,
    passwords,
    integrationUserId: integration.Id
  });
  const instanceUrl = await server.listen();
  const credentialsOf = (username: string): LocalOrgCredentials => ({
    username,
    password,
    clientId,
    clientSecret,
    loginUrl: instanceUrl
  });
  return {
    instanceUrl,
    accessToken: server.tokenFor(integration.Id),
    integrationUserId: integration.Id,
    adminUserId: admin.Id,
    adminToken: server.tokenFor(admin.Id),
    credentials: credentialsOf(INTEGRATION_USERNAME),
    get users() {
      return [...store.scan('User')]
        .filter((u) => u.IsActive === true)
        .map((u) => ({ ...credentialsOf(String(u.Username)), userId: u.Id, name: String(u.Name) }));
    },
    tokenFor: (userId) => server.tokenFor(userId),
    store,
    server,
    summary,
    async close() {
      await server.close();
      store.close();
    }
  };
}
