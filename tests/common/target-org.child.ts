/**
 * Run by target-org.test.ts in a process of its own, with HOME set to the folder the Salesforce
 * CLI stored its login in (jest's sandbox cannot change the HOME that @salesforce/core reads).
 * Prints, as JSON, the stored login (without its token) and the Username of every User the
 * connection queries, or the error.
 */
import {
  readStoredLogin,
  TargetOrgError,
  targetOrgConnection
} from '../../scripts/common/target-org';

async function main(alias: string): Promise<void> {
  try {
    const login = await readStoredLogin(alias);
    const conn = await targetOrgConnection(alias, '62.0');
    const users = await conn.query<{ Username: string }>(
      'SELECT Username FROM User ORDER BY Username'
    );
    process.stdout.write(
      JSON.stringify({
        username: login.username,
        instanceUrl: login.instanceUrl,
        tokenLength: login.accessToken.length,
        connectionInstanceUrl: conn.instanceUrl,
        users: users.records.map((u) => u.Username)
      })
    );
  } catch (e) {
    const kind = e instanceof TargetOrgError ? 'TargetOrgError' : 'Error';
    process.stdout.write(JSON.stringify({ error: kind, message: (e as Error).message }));
  }
}

void main(process.argv[2] ?? '');
