/** What the tests that build an org of their own share: a data load's writes, and its users. */
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { addUser } from '../../scripts/local-org/setup';
import type { WriteContext } from '../../scripts/local-org/store';

/**
 * A data load's write at `instant` by `userId`: it bypasses the access model and may set audit
 * fields, as seeds and test setup write.
 */
export function loadAt(instant: string, userId: string): WriteContext {
  return { userId, now: new Date(instant), setAuditFields: true, system: true };
}

/**
 * A local org without a seed, its clock at `now`, where opportunities are Private (each rep sees
 * their own); `ctx` writes as its administrator, past the access model.
 */
export async function privateDealsOrg(now: Date): Promise<{ org: LocalOrg; ctx: WriteContext }> {
  const org = await startLocalOrg({ now: () => now });
  org.store.setSharingModel('Opportunity', 'Private');
  return { org, ctx: { userId: org.adminUserId, now, system: true } };
}

/** A user a test adds: their name, permission set, and where they sit. */
export interface Person {
  first: string;
  last: string;
  permissionSet: string;
  roleId?: string;
  managerId?: string;
  /** Other User fields (Alias, Title ...). */
  fields?: Record<string, unknown>;
}

/**
 * Adds a Standard User whose username and email are `first.last@<domain>.adoption-coach.local`
 * (lower case), holding one permission set; returns the new user's id.
 */
export function addPerson(
  store: LocalOrg['store'],
  domain: string,
  p: Person,
  ctx: WriteContext
): string {
  const address = `${p.first}.${p.last}@${domain}.adoption-coach.local`.toLowerCase();
  const fields = {
    FirstName: p.first,
    LastName: p.last,
    Username: address,
    Email: address,
    ...p.fields,
    ...(p.managerId ? { ManagerId: p.managerId } : {})
  };
  const access = {
    profile: 'Standard User' as const,
    roleId: p.roleId,
    permissionSets: [p.permissionSet]
  };
  return addUser(store, fields, access, ctx).Id;
}

/**
 * Adds a user known by one name: their last name, with `name@<domain>.local` as username and
 * email; `fields` are other User fields (ManagerId ...). Returns the new user's id.
 */
export function addNamedUser(
  store: LocalOrg['store'],
  name: string,
  domain: string,
  access: Parameters<typeof addUser>[2],
  ctx: WriteContext,
  fields: Record<string, unknown> = {}
): string {
  const address = `${name}@${domain}.local`;
  return addUser(
    store,
    { LastName: name, Username: address, Email: address, ...fields },
    access,
    ctx
  ).Id;
}
