/**
 * The setup objects the access model reads (profiles, roles, permission sets and their
 * assignments, public groups) and the share object of every custom object whose org-wide default
 * is Private or Public Read Only, with the fields the Object Reference gives them:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userrole.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_group.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_associated_objects_share.htm
 * LoginHistory, read-only (describe, query, retrieve), with the fields the sync reads:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_loginhistory.htm
 */
import { field, ref, standard } from './schema';
import type { SObjectSchema } from './types';

export function setupObjects(): SObjectSchema[] {
  return [
    standard('Profile', '00e', false, [
      field('Name', 'string', { required: true, length: 255 }),
      field('Description', 'string', { length: 255 })
    ]),
    standard(
      'UserRole',
      '00E',
      false,
      [
        field('Name', 'string', { required: true, length: 80 }),
        field('DeveloperName', 'string', { length: 80, unique: true }),
        ref('ParentRoleId', 'UserRole', 'ParentRole', { label: 'Parent Role ID' })
      ],
      'UserRoles'
    ),
    standard('PermissionSet', '0PS', false, [
      field('Name', 'string', { required: true, length: 80, unique: true }),
      field('Label', 'string', { required: true, length: 80 }),
      field('Description', 'string', { length: 255 }),
      field('IsOwnedByProfile', 'boolean', { readOnly: true }),
      ref('ProfileId', 'Profile', 'Profile', { readOnly: true })
    ]),
    standard('PermissionSetAssignment', '0Pa', false, [
      ref('AssigneeId', 'User', 'Assignee', { required: true }),
      ref('PermissionSetId', 'PermissionSet', 'PermissionSet', { required: true })
    ]),
    standard('Group', '00G', false, [
      field('Name', 'string', { required: true, length: 40 }),
      field('DeveloperName', 'string', { length: 80, unique: true }),
      field('Type', 'picklist', { values: ['Regular', 'Role', 'RoleAndSubordinates'] })
    ]),
    standard('GroupMember', '011', false, [
      ref('GroupId', 'Group', 'Group', { required: true }),
      field('UserOrGroupId', 'reference', { required: true, referenceTo: ['User', 'Group'] })
    ]),
    {
      ...standard(
        'LoginHistory',
        '0Ya',
        false,
        [
          ref('UserId', 'User', 'User', { readOnly: true }),
          field('LoginTime', 'datetime', { readOnly: true }),
          field('LoginType', 'string', { readOnly: true, length: 40 }),
          field('Status', 'string', { readOnly: true, length: 128 })
        ],
        'Login History'
      ),
      createable: false,
      updateable: false,
      deletable: false
    }
  ];
}

/**
 * `<Object>__Share` for a custom object with a Private or Read default (ReadWrite and
 * ControlledByParent objects have none). Key prefixes are the local org's own: the platform
 * gives every custom share object one prefix, and the local org needs one per table.
 */
export function shareObject(parent: SObjectSchema, keyPrefix: string): SObjectSchema {
  const share = standard(
    parent.name.replace(/__c$/, '__Share'),
    keyPrefix,
    false,
    [
      field('ParentId', 'reference', { required: true, referenceTo: [parent.name] }),
      field('UserOrGroupId', 'reference', { required: true, referenceTo: ['User', 'Group'] }),
      field('AccessLevel', 'picklist', {
        required: true,
        values: ['Read', 'Edit', 'All'],
        restricted: true
      }),
      field('RowCause', 'picklist', { values: ['Owner', 'Manual'], restricted: true })
    ],
    `${parent.label} Share`
  );
  // Share rows are inserted and deleted, never updated (AccessLevel aside).
  for (const f of share.fields) if (f.name !== 'AccessLevel') f.updateable = false;
  return { ...share, custom: true };
}
