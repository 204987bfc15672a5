/**
 * Who the session is: the OpenID Connect UserInfo endpoint (`/services/oauth2/userinfo`) and the
 * identity URL (`/id/<orgId>/<userId>`) returned as `id` by the token endpoint and as `identity` by
 * the version resource. `sf org login access-token` reads userinfo (user_id, organization_id) and
 * then the User record; jsforce's `identity()` reads the identity URL.
 * (Salesforce Help, "Identity URLs":
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_openid.htm&type=5;
 * "Query for User Information" (UserInfo endpoint):
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_userinfo_endpoint.htm&type=5)
 */
import { ApiError } from '../errors';
import type { Store } from '../store';
import type { Row } from '../types';

export interface IdentityContext {
  store: Store;
  instanceUrl: string;
  orgId: string;
  userId: string;
  /** Latest API version the org serves, e.g. "62.0". */
  version: string;
}

export function identityUrl(c: { instanceUrl: string; orgId: string; userId: string }): string {
  return `${c.instanceUrl}/id/${c.orgId}/${c.userId}`;
}

/**
 * The session's own User row. The identity service describes the caller, not a record the caller
 * queries, so it is not subject to sharing ("This UserInfo endpoint provides access to
 * information only for the current user").
 */
function sessionUser(c: IdentityContext): Row {
  const user = c.store.getById(c.userId);
  if (!user) throw new ApiError(403, 'Bad_Id', 'The session user no longer exists');
  return user;
}

/**
 * The endpoints a client may call, with `{version}` left in place when no version was asked
 * for, as the identity URL answers ("If this value isn't specified, the returned API URLs contain
 * the literal value {version} in place of the version number").
 */
function urls(c: IdentityContext, version: string | null): Record<string, string> {
  const v = version ?? '{version}';
  const base = `${c.instanceUrl}/services/data/v${v}`;
  return {
    enterprise: `${c.instanceUrl}/services/Soap/c/${v}/${c.orgId}`,
    metadata: `${c.instanceUrl}/services/Soap/m/${v}/${c.orgId}`,
    partner: `${c.instanceUrl}/services/Soap/u/${v}/${c.orgId}`,
    rest: `${base}/`,
    sobjects: `${base}/sobjects/`,
    search: `${base}/search/`,
    query: `${base}/query/`,
    recent: `${base}/recent/`,
    profile: `${c.instanceUrl}/${c.userId}`,
    custom_domain: c.instanceUrl
  };
}

/** Which answer a user fact is named for: the identity URL's JSON, or the UserInfo claims. */
const IDENTITY_URL = 0;
const USERINFO = 1;

/**
 * The facts about the user both answers give, in the order they give them: the identity URL's
 * name, the OpenID Connect claim's name, and the value.
 */
const USER_FACTS: [identityName: string, claimName: string, value: (user: Row) => unknown][] = [
  ['username', 'preferred_username', (u) => u.Username],
  ['nick_name', 'nickname', (u) => u.Alias ?? null],
  ['display_name', 'name', (u) => u.Name],
  ['email', 'email', (u) => u.Email],
  ['email_verified', 'email_verified', () => true],
  ['first_name', 'given_name', (u) => u.FirstName ?? null],
  ['last_name', 'family_name', (u) => u.LastName],
  ['timezone', 'zoneinfo', (u) => u.TimeZoneSidKey ?? 'GMT'],
  ['photos', 'photos', () => ({ picture: null, thumbnail: null })]
];

function userFacts(user: Row, answer: typeof IDENTITY_URL | typeof USERINFO) {
  return Object.fromEntries(USER_FACTS.map((fact) => [fact[answer], fact[2](user)]));
}

/** The endpoints and account settings both answers give, under the same names. */
function accountFacts(c: IdentityContext, user: Row, version: string | null) {
  return {
    urls: urls(c, version),
    active: user.IsActive === true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0
  };
}

/** GET /id/<orgId>/<userId>: the identity URL's JSON answer. */
export function identityBody(
  c: IdentityContext,
  orgId: string,
  userId: string,
  version: string | null
): Record<string, unknown> {
  // Another user's identity needs the "View All Users" kind of access the local org does not model.
  if (orgId !== c.orgId || userId !== c.userId) {
    throw new ApiError(403, 'Bad_Id', 'The identity URL names another user or org');
  }
  const user = sessionUser(c);
  return {
    id: identityUrl(c),
    asserted_user: true,
    user_id: user.Id,
    organization_id: c.orgId,
    ...userFacts(user, IDENTITY_URL),
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    ...accountFacts(c, user, version),
    last_modified_date: user.LastModifiedDate,
    is_app_installed: true
  };
}

/** GET or POST /services/oauth2/userinfo: OpenID Connect claims of the session's user. */
export function userInfoBody(c: IdentityContext): Record<string, unknown> {
  const user = sessionUser(c);
  return {
    sub: identityUrl(c),
    user_id: user.Id,
    organization_id: c.orgId,
    ...userFacts(user, USERINFO),
    profile: `${c.instanceUrl}/${c.userId}`,
    picture: null,
    address: {},
    ...accountFacts(c, user, c.version),
    updated_at: user.LastModifiedDate,
    is_app_installed: true
  };
}
