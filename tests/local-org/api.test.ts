import jsforce from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';

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
    expect(r.records.map((u) => u.Username)).toEqual(['integration@adoption-coach.local']);
    await expect(soap.login(c.username, 'wrong')).rejects.toThrow(/INVALID_LOGIN/);
  });
});
