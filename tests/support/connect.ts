/** A jsforce connection to a local org, as the tests open them. */
import jsforce, { type Connection } from 'jsforce';
import type { LocalOrg } from '../../scripts/local-org';

/** A connection with `token`: the org's administrator unless another session is given. */
export function connect(org: LocalOrg, token = org.adminToken): Connection {
  return new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: token,
    version: '62.0'
  });
}
