/**
 * An org's people set up as README's deploy steps say: profiles and the project's permission
 * sets as rows, roles, users on a profile with their Adoption Coach permission set.
 */
import type { Store, WriteContext } from './store';
import type { Row } from './types';

export type ProfileName =
  | 'System Administrator'
  | 'Standard User'
  | 'Minimum Access - Salesforce'
  | 'Salesforce Integration';

/** The Profile and PermissionSet rows of the access model's bundles (idempotent). */
export function ensureSetupRows(store: Store, ctx: WriteContext): void {
  const system = { ...ctx, system: true };
  for (const name of store.profiles.keys()) {
    if (![...store.scan('Profile')].some((p) => p.Name === name)) {
      store.insert('Profile', { Name: name }, system);
    }
  }
  for (const ps of store.permissionSets.values()) {
    if (!store.findByUnique('PermissionSet', 'Name', ps.name)) {
      store.insert('PermissionSet', { Name: ps.name, Label: ps.label }, system);
    }
  }
}

export function profileId(store: Store, name: ProfileName): string {
  const row = [...store.scan('Profile')].find((p) => p.Name === name);
  if (!row) throw new Error(`no profile ${name}: call ensureSetupRows first`);
  return row.Id;
}

export function addRole(
  store: Store,
  name: string,
  parentRoleId: string | null,
  ctx: WriteContext
): Row {
  return store.insert(
    'UserRole',
    { Name: name, DeveloperName: name.replace(/[^A-Za-z0-9]+/g, '_'), ParentRoleId: parentRoleId },
    { ...ctx, system: true }
  );
}

export function assignPermissionSet(
  store: Store,
  userId: string,
  name: string,
  ctx: WriteContext
): void {
  const ps = store.findByUnique('PermissionSet', 'Name', name);
  if (!ps) throw new Error(`no permission set ${name} in force-app/main/default/permissionsets`);
  store.insert(
    'PermissionSetAssignment',
    { AssigneeId: userId, PermissionSetId: ps.Id },
    { ...ctx, system: true }
  );
}

/** A user on a profile, in a role, holding the given permission sets. */
export function addUser(
  store: Store,
  fields: Record<string, unknown>,
  access: { profile: ProfileName; roleId?: string | null; permissionSets?: string[] },
  ctx: WriteContext
): Row {
  const user = store.insert(
    'User',
    { ...fields, ProfileId: profileId(store, access.profile), UserRoleId: access.roleId ?? null },
    { ...ctx, system: true }
  );
  for (const ps of access.permissionSets ?? []) assignPermissionSet(store, user.Id, ps, ctx);
  return user;
}
