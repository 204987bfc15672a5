/**
 * `--target-org <alias>`: the Salesforce CLI's stored login, read through @salesforce/core (the
 * CLI's own library) in this process. Nothing is run: shelling out to `sf org display` started
 * the CLI, which also starts a background `sf update --autoupdate` on every call.
 *
 * The login is looked up by alias or username in the CLI's state folder (~/.sfdx, ~/.sf, under
 * HOME), decrypted with the CLI's key, and checked against the org: an expired access token is
 * refreshed with the stored refresh token when the login has one (as `sf org display` does).
 * Errors name the alias and what to run; they never carry the token.
 */
import type { Org } from '@salesforce/core';
import jsforce, { type Connection } from 'jsforce';

export class TargetOrgError extends Error {}

export interface StoredLogin {
  username: string;
  instanceUrl: string;
  accessToken: string;
}

/** The stored login of `aliasOrUsername`, valid now; throws TargetOrgError otherwise. */
export async function readStoredLogin(aliasOrUsername: string): Promise<StoredLogin> {
  // Loaded on first use: it is large, and it reads HOME (its state folder) when it loads.
  const { Org: StoredOrg } = await import('@salesforce/core');
  let org: Org;
  try {
    org = await StoredOrg.create({ aliasOrUsername });
  } catch {
    throw new TargetOrgError(
      `no Salesforce CLI login for '${aliasOrUsername}': run sf org login web -a ${aliasOrUsername}`
    );
  }
  try {
    await org.refreshAuth();
  } catch {
    throw new TargetOrgError(
      `the login for '${aliasOrUsername}' has expired: run sf org login web -a ${aliasOrUsername}`
    );
  }
  const conn = org.getConnection();
  const { accessToken, instanceUrl } = conn;
  if (!accessToken || !instanceUrl) {
    throw new TargetOrgError(
      `the login for '${aliasOrUsername}' has expired: run sf org login web -a ${aliasOrUsername}`
    );
  }
  return { username: org.getUsername() ?? aliasOrUsername, instanceUrl, accessToken };
}

/** A jsforce connection (the project's jsforce) on the stored login of `aliasOrUsername`. */
export async function targetOrgConnection(
  aliasOrUsername: string,
  version: string
): Promise<Connection> {
  const login = await readStoredLogin(aliasOrUsername);
  return new jsforce.Connection({
    instanceUrl: login.instanceUrl,
    accessToken: login.accessToken,
    version
  });
}
