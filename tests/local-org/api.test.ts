import jsforce from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { connect } from '../support/connect';

describe('local org API through jsforce', () => {
  let org: LocalOrg;
  beforeAll(async () => {
    org = await startLocalOrg({ now: () => new Date('2026-11-20T10:00:00Z') });
  });
  afterAll(() => org.close());

  it('answers INVALID_SESSION_ID without a valid token', async () => {
    const res = await fetch(`${org.instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+User`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
    ]);
  });

  it('logs in with the OAuth2 password flow and with SOAP', async () => {
    const c = org.credentials;
    const oauth = new jsforce.Connection({
      oauth2: { loginUrl: c.loginUrl, clientId: c.clientId, clientSecret: c.clientSecret },
      version: '62.0'
    });
    const info = await oauth.login(c.username, c.password);
    expect(info.id).toBe(org.integrationUserId);
    const soap = new jsforce.Connection({ loginUrl: c.loginUrl, version: '62.0' });
    const soapInfo = await soap.login(c.username, c.password);
    expect(soapInfo.id).toBe(org.integrationUserId);
    const r = await soap.query<{ Username: string }>('SELECT Username FROM User');
    // A new local org's two users, in the order they were created.
    expect(r.records.map((u) => u.Username)).toEqual([
      'integration@adoption-coach.local',
      'admin@adoption-coach.local'
    ]);
    await expect(soap.login(c.username, 'wrong')).rejects.toThrow(/INVALID_LOGIN/);
  });

  it('issues a token to the client-credentials flow, as the integration user', async () => {
    const c = org.credentials;
    const token = async (secret: string) => {
      const res = await fetch(`${org.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: c.clientId,
          client_secret: secret
        }).toString()
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const ok = await token(c.clientSecret);
    expect(ok.status).toBe(200);
    expect(ok.body.instance_url).toBe(org.instanceUrl);
    expect(ok.body.id.endsWith(`/${org.integrationUserId}`)).toBe(true);
    const conn = connect(org, ok.body.access_token);
    // A new local org has two users: the sync's user and the administrator.
    expect((await conn.query('SELECT COUNT() FROM User')).totalSize).toBe(2);
    const bad = await token('not-the-secret');
    expect(bad).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' }
    });
  });
});

describe('local org COUNT()', () => {
  it('answers COUNT() with totalSize, no records, and done', async () => {
    const org = await startLocalOrg({ now: () => new Date('2026-11-20T10:00:00Z') });
    try {
      const res = await fetch(
        `${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM User')}`,
        { headers: { Authorization: `Bearer ${org.adminToken}` } }
      );
      // The sync's user and the administrator.
      expect(await res.json()).toEqual({ totalSize: 2, done: true, records: [] });
    } finally {
      await org.close();
    }
  });
});
