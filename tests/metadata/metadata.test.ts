import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  existsSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureTool } from '../../scripts/common/tools';
import {
  checkBundles,
  checkConversion,
  validate,
  type Problem
} from '../../scripts/metadata/validate';

const ROOT = resolve(__dirname, '..', '..');
/** The checks other than access (tested in access.test.ts on synthetic projects). */
const OTHER_CHECKS = { access: false };

/** A scratch copy of what the validator reads, to break on purpose. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-meta-'));
  for (const part of ['force-app', 'config', join('scripts', 'sync')]) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  return dir;
}

describe('offline metadata validation', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const scratch = () => {
    const d = copyProject();
    copies.push(d);
    return d;
  };
  /** A scratch copy without the file `path` of force-app/main/default. */
  const scratchWithout = (path: string) => {
    const dir = scratch();
    unlinkSync(join(dir, 'force-app/main/default', path));
    return dir;
  };
  /** A scratch copy in which `edit` rewrote the file `path` of force-app/main/default. */
  const scratchWith = (path: string, edit: (body: string) => string) => {
    const dir = scratch();
    const file = join(dir, 'force-app/main/default', path);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  };
  /** A scratch copy in which the first `from` of the file `path` became `to`. */
  const scratchReplacing = (path: string, from: string | RegExp, to: string) =>
    scratchWith(path, (body) => body.replace(from, to));
  /** Expects `problems` to name `field` unknown in each file of force-app/main/default, by `where`. */
  const expectUnknownField = (
    problems: Problem[],
    field: string,
    places: Record<string, string>
  ) => {
    for (const [path, where] of Object.entries(places))
      expect(problems).toContainEqual({
        file: `force-app/main/default/${path}`,
        message: `${where}: unknown field ${field}`
      });
  };

  it('finds nothing wrong in the project', () => {
    expect(validate(ROOT)).toEqual([]);
  });

  it('names the component whose field was deleted', () => {
    const dir = scratchWithout('objects/Nudge_Response__c/fields/Reason__c.field-meta.xml');
    const problems = validate(dir, OTHER_CHECKS);
    expect(problems).toContainEqual({
      file: 'force-app/main/default/lwc/recordCoach/recordCoach.js',
      message: 'schema import: unknown field Nudge_Response__c.Reason__c'
    });
  });

  it.each([
    [
      'a component',
      'Record_Coach_Title',
      'Renamed_Title',
      'force-app/main/default/lwc/recordCoach/recordCoach.js',
      'label c.Record_Coach_Title is not in labels/'
    ],
    [
      'the coaching config',
      'Tip_Awareness',
      'Gone',
      'config/coaching.config.json',
      'label Tip_Awareness is not in labels/'
    ]
  ])('names a missing label of %s', (_user, label, renamed, file, message) => {
    const dir = scratchReplacing(
      'labels/CustomLabels.labels-meta.xml',
      `<fullName>${label}</fullName>`,
      `<fullName>${renamed}</fullName>`
    );
    expect(validate(dir, OTHER_CHECKS)).toContainEqual({ file, message });
  });

  it('names a permission set that grants a field that does not exist', () => {
    const dir = scratchReplacing(
      'permissionsets/Adoption_Coach_Rep.permissionset-meta.xml',
      '<fieldPermissions>',
      '<fieldPermissions>\n        <editable>false</editable>\n        <field>Adoption_Snapshot__c.Nope__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <fieldPermissions>'
    );
    expect(validate(dir, OTHER_CHECKS)).toEqual([
      {
        file: 'force-app/main/default/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml',
        message: 'permission set grants: unknown field Adoption_Snapshot__c.Nope__c'
      }
    ]);
  });

  it('names malformed XML', () => {
    const dir = scratchReplacing(
      'objects/Deal_Insight__c/Deal_Insight__c.object-meta.xml',
      '</label>',
      '</labl>'
    );
    const problems = validate(dir, OTHER_CHECKS);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(
      'force-app/main/default/objects/Deal_Insight__c/Deal_Insight__c.object-meta.xml'
    );
    expect(problems[0].message).toMatch(/^malformed XML at line \d+/);
  });

  it('names the GraphQL query whose field was deleted', () => {
    const dir = scratchWithout('objects/Deal_Insight__c/fields/Days_In_Stage__c.field-meta.xml');
    const problems = validate(dir, OTHER_CHECKS);
    expect(problems).toContainEqual({
      file: 'force-app/main/default/lwc/recordCoach/recordCoach.js',
      message: expect.stringMatching(
        /^GraphQL query \(line \d+\) selection: unknown field Deal_Insight__c\.Days_In_Stage__c$/
      )
    });
    // The permission sets that grant it and the layout that shows it are named too.
    expectUnknownField(problems, 'Deal_Insight__c.Days_In_Stage__c', {
      'permissionsets/Adoption_Coach_Rep.permissionset-meta.xml': 'permission set grants',
      'layouts/Deal_Insight__c-Deal Insight Layout.layout-meta.xml': 'layout field'
    });
  });

  it("names the sync's SOQL and the reports when a snapshot field is deleted", () => {
    const dir = scratchWithout(
      'objects/Adoption_Snapshot__c/fields/Completeness_Score__c.field-meta.xml'
    );
    const problems = validate(dir, OTHER_CHECKS);
    expect(problems).toContainEqual({
      file: 'scripts/sync/extract.ts',
      message: expect.stringMatching(
        /^SOQL \(line \d+\): unknown field Adoption_Snapshot__c\.Completeness_Score__c$/
      )
    });
    expectUnknownField(problems, 'Adoption_Snapshot__c.Completeness_Score__c', {
      'reports/Adoption_Coach/Completeness_Trend.report-meta.xml': 'report column',
      'reportTypes/Adoption_Snapshots.reportType-meta.xml': 'report type column'
    });
  });

  it('refuses a permission on a required field', () => {
    const dir = scratchReplacing(
      'objects/Nudge_Response__c/fields/Nudge_Key__c.field-meta.xml',
      '<required>false</required>',
      '<required>true</required>'
    );
    const problems = validate(dir, OTHER_CHECKS).filter((p) => p.message.includes('Nudge_Key__c'));
    expect(problems.map((p) => p.file).sort()).toEqual([
      'force-app/main/default/permissionsets/Adoption_Coach_Integration.permissionset-meta.xml',
      'force-app/main/default/permissionsets/Adoption_Coach_Manager.permissionset-meta.xml',
      'force-app/main/default/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml',
      // The sponsor reads the nudge answers Adoption Pulse counts.
      'force-app/main/default/permissionsets/Adoption_Coach_Sponsor.permissionset-meta.xml'
    ]);
    expect(problems[0].message).toBe(
      'permission set grants: Nudge_Response__c.Nudge_Key__c is required; its access cannot be set in a permission set'
    );
  });

  it("names a tab whose motif is not on Salesforce's list", () => {
    const dir = scratchReplacing(
      'tabs/Coaching_Session__c.tab-meta.xml',
      /<motif>[^<]*<\/motif>/,
      '<motif>Custom15: Children at play</motif>'
    );
    // The Salesforce CLI's tab generator (@salesforce/plugin-sobject,
    // lib/commands/schema/generate/tab.js) lists Custom15 as 'Custom15: People'.
    expect(validate(dir, OTHER_CHECKS)).toEqual([
      {
        file: 'force-app/main/default/tabs/Coaching_Session__c.tab-meta.xml',
        message:
          "tab: motif 'Custom15: Children at play' is not on Salesforce's list of tab motifs (Custom15 is 'Custom15: People')"
      }
    ]);
  });

  it('names a component that declares a form factor its page type does not support', () => {
    const dir = scratch();
    const file = join(dir, 'force-app/main/default/lwc/myAdoption/myAdoption.js-meta.xml');
    const body = readFileSync(file, 'utf8');
    // Home pages support only Large (LWC guide, "Configure Your Component for Different Form
    // Factors"); the App page config already declares Small and Large, which is allowed.
    const home = body.indexOf('<targetConfig targets="lightning__HomePage">');
    expect(home).toBeGreaterThan(0);
    writeFileSync(
      file,
      body.slice(0, home) +
        body
          .slice(home)
          .replace(
            '<supportedFormFactor type="Large"/>',
            '<supportedFormFactor type="Small"/>\n                <supportedFormFactor type="Large"/>'
          )
          .replace('targets="lightning__HomePage"', 'targets="lightning__HomePage,lightning__Tab"')
    );
    expect(validate(dir, OTHER_CHECKS)).toEqual([
      {
        file: 'force-app/main/default/lwc/myAdoption/myAdoption.js-meta.xml',
        message: 'targetConfig names lightning__Tab, which is not in <targets>'
      },
      {
        file: 'force-app/main/default/lwc/myAdoption/myAdoption.js-meta.xml',
        message: 'declares the Small form factor for lightning__HomePage, which supports only Large'
      },
      {
        file: 'force-app/main/default/lwc/myAdoption/myAdoption.js-meta.xml',
        message:
          'declares form factors for lightning__Tab, whose supported form factors are not known here'
      }
    ]);
  });

  it("names the role whose permission set stops granting a field a page's component reads", () => {
    const dir = scratch();
    const file = join(
      dir,
      'force-app/main/default/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml'
    );
    const body = readFileSync(file, 'utf8');
    const grant =
      /<fieldPermissions>\s*<editable>false<\/editable>\s*<field>Deal_Insight__c\.Risk_Flags__c<\/field>\s*<readable>true<\/readable>\s*<\/fieldPermissions>\s*/;
    expect(grant.test(body)).toBe(true);
    writeFileSync(file, body.replace(grant, ''));
    // recordCoach (record pages, shown to every role) selects Deal_Insight__c.Risk_Flags__c
    // without @optional; Standard User gives no custom field.
    expect(validate(dir, { syncNeeds: null })).toContainEqual({
      file: 'force-app/main/default/lwc/recordCoach/recordCoach.js',
      message: expect.stringMatching(
        /^recordCoach reads Deal_Insight__c\.Risk_Flags__c \(GraphQL query, line \d+\); the holders of Adoption_Coach_Rep \(Standard User profile\) cannot: no read access to the field Deal_Insight__c\.Risk_Flags__c \(force-app\/main\/default\/permissionsets\/Adoption_Coach_Rep\.permissionset-meta\.xml\)$/
      )
    });
  });

  it('names a page whose component does not exist, and the bundle that uses it', () => {
    const dir = scratch();
    rmSync(join(dir, 'force-app/main/default/lwc/coachingAgenda'), { recursive: true });
    expect(validate(dir, OTHER_CHECKS)).toContainEqual({
      file: 'force-app/main/default/flexipages/Adoption_Coach_Team_Coaching.flexipage-meta.xml',
      message: 'flexipage: component c:coachingAgenda does not exist in lwc/'
    });
    expect(checkBundles(dir, ['teamCoaching'])).toEqual([
      {
        file: 'force-app/main/default/lwc/teamCoaching/teamCoaching.html',
        message: 'uses <c-coaching-agenda>: no such bundle in lwc/'
      }
    ]);
  });

  it('names a bundle that imports Apex or a module that does not exist', () => {
    const dir = scratchWith(
      'lwc/errorPanel/errorPanel.js',
      (body) =>
        "import load from '@salesforce/apex/Coach.load';\nimport gone from 'c/gone';\n" +
        body +
        '\nexport { load, gone };\n'
    );
    expect(validate(dir, OTHER_CHECKS)).toContainEqual({
      file: 'force-app/main/default/lwc/errorPanel/errorPanel.js',
      message: 'imports Apex (@salesforce/apex): not allowed'
    });
    const problems = checkBundles(dir, ['errorPanel']).map((p) => p.message);
    expect(problems).toContain('imports c/gone: no such bundle in lwc/');
    expect(problems.some((m) => /Coach\.load.*not allowed/.test(m))).toBe(true);
  });

  it('converts with source-deploy-retrieve, and names test files that a missing .forceignore lets in', async () => {
    expect(await checkConversion(ROOT)).toEqual([]);
    const dir = scratch();
    cpSync(join(ROOT, 'sfdx-project.json'), join(dir, 'sfdx-project.json'));
    const problems = await checkConversion(dir);
    expect(problems).toContainEqual({
      file: 'lwc/recordCoach/__tests__/recordCoach.test.js',
      message: 'converted into the deployment although tests and TypeScript stay out (.forceignore)'
    });
  });

  it('converts offline with the Salesforce CLI into a package.xml that lists every component', () => {
    const out = mkdtempSync(join(tmpdir(), 'adoption-coach-mdapi-'));
    copies.push(out);
    const run = spawnSync(
      process.execPath,
      [
        join(ensureTool('sf-cli'), 'node_modules', '@salesforce', 'cli', 'bin', 'run.js'),
        'project',
        'convert',
        'source',
        '--output-dir',
        join(out, 'mdapi'),
        '--json'
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
      }
    );
    expect(run.status).toBe(0);
    const pkg = readFileSync(join(out, 'mdapi', 'package.xml'), 'utf8');
    for (const member of [
      'Adoption_Snapshot__c',
      'Deal_Insight__c.Opportunity__c',
      'Adoption_Coach_Integration',
      'recordCoach',
      'coachEngine',
      'CustomLabels'
    ]) {
      expect(pkg).toContain(`<members>${member}</members>`);
    }
    expect(existsSync(join(out, 'mdapi', 'lwc', 'recordCoach', '__tests__'))).toBe(false);
  });
});
