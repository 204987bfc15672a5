import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { accessProblems } from '../../scripts/metadata/access';
import { loadSchema } from '../../scripts/metadata/schema';

/**
 * Small synthetic projects: one custom object Thing__c (Score__c, Secret__c, a required Code__c),
 * a component on an app page behind a tab, and permission sets written here. The expected
 * findings are written by hand from the permission sets below.
 */
const D = 'force-app/main/default';
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function field(name: string, type: string, required = false): string {
  return `${XML}<CustomField ${NS}><fullName>${name}</fullName><label>${name}</label><type>${type}</type><required>${required}</required></CustomField>\n`;
}

function permissionSet(opts: {
  tabs?: string[];
  objects?: string[];
  fields?: string[];
  userPermissions?: string[];
}): string {
  const objects = (opts.objects ?? [])
    .map(
      (o) =>
        `<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>${o}</object><viewAllRecords>false</viewAllRecords></objectPermissions>`
    )
    .join('');
  const fields = (opts.fields ?? [])
    .map(
      (f) =>
        `<fieldPermissions><editable>false</editable><field>${f}</field><readable>true</readable></fieldPermissions>`
    )
    .join('');
  const tabs = (opts.tabs ?? [])
    .map((t) => `<tabSettings><tab>${t}</tab><visibility>Visible</visibility></tabSettings>`)
    .join('');
  const users = (opts.userPermissions ?? [])
    .map((u) => `<userPermissions><enabled>true</enabled><name>${u}</name></userPermissions>`)
    .join('');
  return `${XML}<PermissionSet ${NS}>${fields}<label>x</label>${objects}${tabs}${users}</PermissionSet>\n`;
}

function bundle(name: string, js: string, targets: string[], html = '<template></template>') {
  const meta = `${XML}<LightningComponentBundle ${NS}><apiVersion>62.0</apiVersion><isExposed>${targets.length > 0}</isExposed>${
    targets.length
      ? `<targets>${targets.map((t) => `<target>${t}</target>`).join('')}</targets>`
      : ''
  }</LightningComponentBundle>\n`;
  return {
    [`${D}/lwc/${name}/${name}.js`]: js,
    [`${D}/lwc/${name}/${name}.html`]: html,
    [`${D}/lwc/${name}/${name}.js-meta.xml`]: meta
  };
}

const THING_QUERY = (secret: string) => `import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
const QUERY = gql\`
  query thing {
    uiapi {
      query {
        Thing__c(first: 10) {
          edges { node { Id Score__c { value } Code__c { value } ${secret} } }
        }
      }
    }
  }
\`;
export default class ThingCard extends LightningElement {
  @wire(graphql, { query: QUERY }) result;
}
`;

/** A project: Thing__c, c:thingCard on the Thing_Page app page behind the Thing_Page tab. */
function baseProject(secret = 'Secret__c { value }'): Record<string, string> {
  return {
    [`${D}/objects/Thing__c/Thing__c.object-meta.xml`]: `${XML}<CustomObject ${NS}><label>Thing</label><sharingModel>Private</sharingModel></CustomObject>\n`,
    [`${D}/objects/Thing__c/fields/Score__c.field-meta.xml`]: field('Score__c', 'Number'),
    [`${D}/objects/Thing__c/fields/Secret__c.field-meta.xml`]: field('Secret__c', 'Text'),
    [`${D}/objects/Thing__c/fields/Code__c.field-meta.xml`]: field('Code__c', 'Text', true),
    [`${D}/flexipages/Thing_Page.flexipage-meta.xml`]: `${XML}<FlexiPage ${NS}><flexiPageRegions><itemInstances><componentInstance><componentName>c:thingCard</componentName><identifier>c_thingCard</identifier></componentInstance></itemInstances><mode>Replace</mode><name>main</name><type>Region</type></flexiPageRegions><masterLabel>Thing</masterLabel><type>AppPage</type></FlexiPage>\n`,
    [`${D}/tabs/Thing_Page.tab-meta.xml`]: `${XML}<CustomTab ${NS}><flexiPage>Thing_Page</flexiPage><label>Thing</label><motif>Custom15: People</motif></CustomTab>\n`,
    ...bundle('thingCard', THING_QUERY(secret), ['lightning__AppPage']),
    // The rep is shown the page and reads Thing__c and Score__c (Code__c is required: it comes
    // with the object); the sponsor is not shown the page and reads nothing.
    [`${D}/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml`]: permissionSet({
      tabs: ['Thing_Page'],
      objects: ['Thing__c'],
      fields: ['Thing__c.Score__c']
    }),
    [`${D}/permissionsets/Adoption_Coach_Sponsor.permissionset-meta.xml`]: permissionSet({}),
    [`${D}/permissionsets/Adoption_Coach_Integration.permissionset-meta.xml`]: permissionSet({
      objects: ['Opportunity'],
      fields: ['Opportunity.NextStep']
    })
  };
}

/** The base project where thingCard reads Secret__c as optional, with `more` files added. */
function projectWith(...more: Record<string, string>[]): Record<string, string> {
  return Object.assign(baseProject('Secret__c @optional { value }'), ...more);
}

const REP_FILE = `${D}/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml`;
const SPONSOR_FILE = `${D}/permissionsets/Adoption_Coach_Sponsor.permissionset-meta.xml`;
const SYNC_FILE = `${D}/permissionsets/Adoption_Coach_Integration.permissionset-meta.xml`;

describe('the offline access check', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-access-'));
    dirs.push(dir);
    for (const [path, body] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), body);
    }
    return dir;
  };
  const check = (dir: string, needs?: Parameters<typeof accessProblems>[2]) =>
    accessProblems(dir, loadSchema(dir), needs);

  it('passes a component whose fields the role shown it can read, or reads as optional', () => {
    // Score__c is granted, Code__c is required, Id comes with the object, Secret__c is @optional.
    expect(check(project(projectWith()))).toEqual([]);
  });

  it('names the component, the field, the role and the permission set of an unreadable field', () => {
    // Secret__c is not granted by Adoption_Coach_Rep and the Standard User profile gives no
    // custom field. The sponsor holds no tab of the page, so it is not shown the component.
    expect(check(project(baseProject()))).toEqual([
      {
        file: `${D}/lwc/thingCard/thingCard.js`,
        message: `thingCard reads Thing__c.Secret__c (GraphQL query, line 3); the holders of Adoption_Coach_Rep (Standard User profile) cannot: no read access to the field Thing__c.Secret__c (${REP_FILE})`
      }
    ]);
  });

  it('names a role that is shown the page but cannot read the object', () => {
    const files = projectWith();
    files[`${D}/permissionsets/Adoption_Coach_Sponsor.permissionset-meta.xml`] = permissionSet({
      tabs: ['Thing_Page']
    });
    // The sponsor now sees the tab but has no Read on Thing__c: every non-optional read fails
    // (Id, Score__c, Code__c; Secret__c is optional).
    expect(check(project(files))).toEqual([
      {
        file: `${D}/lwc/thingCard/thingCard.js`,
        message: `thingCard reads Thing__c.Id, Thing__c.Score__c, Thing__c.Code__c (GraphQL query, line 3); the holders of Adoption_Coach_Sponsor (Standard User profile) cannot: no Read on Thing__c (${SPONSOR_FILE})`
      }
    ]);
  });

  it("checks a child component under its parent's roles, and getRecord's fields but not its optionalFields", () => {
    const files = projectWith(
      bundle(
        'thingCard',
        THING_QUERY('Secret__c @optional { value }'),
        ['lightning__AppPage'],
        '<template><c-thing-detail></c-thing-detail></template>'
      ),
      bundle(
        'thingDetail',
        `import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
export default class ThingDetail extends LightningElement {
  @api recordId;
  @wire(getRecord, { recordId: '$recordId', fields: ['Thing__c.Score__c', 'Thing__c.Secret__c'], optionalFields: ['Thing__c.Name'] })
  record;
}
`,
        []
      )
    );
    // thingDetail is used by thingCard, which the rep is shown; Secret__c is in `fields`.
    expect(check(project(files))).toEqual([
      {
        file: `${D}/lwc/thingDetail/thingDetail.js`,
        message: `thingDetail reads Thing__c.Secret__c (getRecord fields); the holders of Adoption_Coach_Rep (Standard User profile) cannot: no read access to the field Thing__c.Secret__c (${REP_FILE})`
      }
    ]);
  });

  it('checks a record-page component that no page of the project places under every role', () => {
    const files = projectWith(
      bundle(
        'oppCard',
        `import OPP_NEXT_STEP from '@salesforce/schema/Opportunity.NextStep';
import THING_SCORE from '@salesforce/schema/Thing__c.Score__c';
export { OPP_NEXT_STEP, THING_SCORE };
`,
        ['lightning__RecordPage']
      )
    );
    // Opportunity.NextStep: a standard field of a standard object, readable under Standard User.
    // Thing__c.Score__c: the rep has it; the sponsor has no Read on Thing__c. The manager's
    // permission set does not exist in this project: it grants nothing.
    expect(check(project(files))).toEqual([
      {
        file: `${D}/lwc/oppCard/oppCard.js`,
        message: `oppCard reads Thing__c.Score__c (schema import); the holders of Adoption_Coach_Manager (Standard User profile) cannot: no Read on Thing__c (${D}/permissionsets/Adoption_Coach_Manager.permissionset-meta.xml)`
      },
      {
        file: `${D}/lwc/oppCard/oppCard.js`,
        message: `oppCard reads Thing__c.Score__c (schema import); the holders of Adoption_Coach_Sponsor (Standard User profile) cannot: no Read on Thing__c (${SPONSOR_FILE})`
      }
    ]);
  });

  it('names each field the sync reads that Adoption_Coach_Integration alone does not grant', () => {
    const dir = project(projectWith());
    const needs = {
      // StageName is required on Opportunity (comes with Read); NextStep is granted; Amount is
      // not, and Minimum Access gives nothing.
      Opportunity: { read: ['Id', 'StageName', 'NextStep', 'Amount'], optional: ['Type'] },
      // No object permission on Thing__c at all.
      Thing__c: { read: ['Score__c'] },
      // Every user can read users.
      User: { read: ['Id', 'Name', 'ManagerId'] },
      // Read through the opportunity; Role needs a field permission.
      OpportunityContactRole: { read: ['OpportunityId', 'Role'] },
      // Thing__c is Private, so it has a share object, read through Thing__c.
      Thing__Share: { read: ['ParentId', 'RowCause'] }
    };
    expect(check(dir, needs)).toEqual([
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads Opportunity.Amount; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no read access to the field Opportunity.Amount (${SYNC_FILE})`
      },
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads Thing__c.Score__c; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no Read on Thing__c (${SYNC_FILE})`
      },
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads OpportunityContactRole.Role; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no read access to the field OpportunityContactRole.Role (${SYNC_FILE})`
      },
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads Thing__Share.ParentId, Thing__Share.RowCause; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no Read on Thing__c, which Thing__Share follows (${SYNC_FILE})`
      }
    ]);
  });

  it('reads who holds a permission set only with View Setup and Configuration', () => {
    const needs = {
      PermissionSetAssignment: { read: ['AssigneeId', 'PermissionSet.Name'] }
    };
    const files = projectWith();
    // Minimum Access has no user permission, the integration set grants none either, and
    // PermissionSetAssignment and PermissionSet are read with View Setup and Configuration.
    expect(check(project(files), needs)).toEqual([
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads PermissionSetAssignment.AssigneeId, PermissionSetAssignment.PermissionSetId; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no Read on PermissionSetAssignment (${SYNC_FILE})`
      },
      {
        file: 'scripts/sync/fields.ts',
        message: `the sync reads PermissionSet.Name; the holders of Adoption_Coach_Integration (Minimum Access - Salesforce profile) cannot: no Read on PermissionSet (${SYNC_FILE})`
      }
    ]);
    files[`${D}/permissionsets/Adoption_Coach_Integration.permissionset-meta.xml`] = permissionSet({
      userPermissions: ['ViewSetup']
    });
    expect(check(project(files), needs)).toEqual([]);
  });

  it('names a permission set the platform would refuse, instead of judging with it', () => {
    const files = projectWith();
    const rep = `${D}/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml`;
    // Create without Read: "Create, Edit, Delete and View All need Read" (object permission
    // dependencies).
    files[rep] = files[rep]
      .replace('<allowCreate>false</allowCreate>', '<allowCreate>true</allowCreate>')
      .replace('<allowRead>true</allowRead>', '<allowRead>false</allowRead>');
    const dir = project(files);
    expect(check(dir)).toEqual([
      {
        file: 'force-app',
        message: `the access model cannot be read: ${join(dir, rep)}: objectPermissions Thing__c: Create, Edit, Delete and View All need Read`
      }
    ]);
  });
});
