/**
 * Logging in to the local org: OAuth 2.0's token endpoint (password and client credentials
 * flows) and the SOAP API's login call, each answering a session token as Salesforce does.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Store } from '../store';
import type { Row } from '../types';
import { identityUrl } from './identity';

/** What logging in needs of the server. */
export interface LoginDeps {
  store: Store;
  clientId: string;
  clientSecret: string;
  passwords: { get(username: string): string | undefined };
  integrationUserId: string;
  instanceUrl: string;
  orgId: string;
  now: () => Date;
  /** A new session token acting as the user. */
  tokenFor: (userId: string) => string;
  send: (res: ServerResponse, status: number, body: unknown) => void;
}

function userByCredentials(deps: LoginDeps, username: string, password: string): Row | undefined {
  const expected = deps.passwords.get(username.toLowerCase());
  if (expected === undefined || expected !== password) return undefined;
  return deps.store.findByUnique('User', 'Username', username);
}

/** POST /services/oauth2/token: the password and client credentials grants. */
export function oauthToken(deps: LoginDeps, body: string, res: ServerResponse): void {
  const p = new URLSearchParams(body);
  const grant = p.get('grant_type');
  if (p.get('client_id') !== deps.clientId || p.get('client_secret') !== deps.clientSecret) {
    return deps.send(res, 400, {
      error: 'invalid_client',
      error_description: 'invalid client credentials'
    });
  }
  let userId: string;
  if (grant === 'password') {
    const user = userByCredentials(deps, p.get('username') ?? '', p.get('password') ?? '');
    if (!user) {
      return deps.send(res, 400, {
        error: 'invalid_grant',
        error_description: 'authentication failure'
      });
    }
    userId = user.Id;
  } else if (grant === 'client_credentials') {
    userId = deps.integrationUserId;
  } else {
    return deps.send(res, 400, {
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported'
    });
  }
  const token = deps.tokenFor(userId);
  deps.send(res, 200, {
    access_token: token,
    instance_url: deps.instanceUrl,
    id: identityUrl({ instanceUrl: deps.instanceUrl, orgId: deps.orgId, userId }),
    token_type: 'Bearer',
    issued_at: String(deps.now().getTime()),
    signature: randomBytes(32).toString('base64')
  });
}

/** The SOAP API login call (partner WSDL), answered with a session id. */
export function soapLogin(deps: LoginDeps, body: string, res: ServerResponse): void {
  const field = (name: string) => {
    const m = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(body);
    return m
      ? m[1]
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, '&')
      : '';
  };
  const user = userByCredentials(deps, field('username'), field('password'));
  const xml = (inner: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  if (!user) {
    res.writeHead(500);
    res.end(
      xml(
        '<soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault>'
      )
    );
    return;
  }
  const token = deps.tokenFor(user.Id);
  res.writeHead(200);
  res.end(
    xml(
      `<loginResponse><result><metadataServerUrl>${deps.instanceUrl}/services/Soap/m/62.0/${deps.orgId}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>true</sandbox><serverUrl>${deps.instanceUrl}/services/Soap/u/62.0/${deps.orgId}</serverUrl><sessionId>${token}</sessionId><userId>${user.Id}</userId><userInfo><organizationId>${deps.orgId}</organizationId><userEmail>${user.Email}</userEmail><userFullName>${user.Name}</userFullName><userId>${user.Id}</userId><userName>${user.Username}</userName></userInfo></result></loginResponse>`
    )
  );
}
