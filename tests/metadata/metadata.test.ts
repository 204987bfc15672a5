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
import { validate } from '../../scripts/metadata/validate';

const ROOT = resolve(__dirname, '..', '..');

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

  it('finds nothing wrong in the project', () => {
    expect(validate(ROOT)).toEqual([]);
  });

  it('names the component whose field was deleted', () => {
    const dir = scratch();
    unlinkSync(
      join(dir, 'force-app/main/default/objects/Nudge_Response__c/fields/Reason__c.field-meta.xml')
    );
    const problems = validate(dir);
    expect(problems).toContainEqual({
      file: 'force-app/main/default/lwc/recordCoach/recordCoach.js',
      message: 'schema import: unknown field Nudge_Response__c.Reason__c'
    });
  });

  it('names a missing label', () => {
    const dir = scratch();
    const file = join(dir, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '<fullName>Record_Coach_Title</fullName>',
        '<fullName>Renamed_Title</fullName>'
      )
    );
    expect(validate(dir)).toContainEqual({
      file: 'force-app/main/default/lwc/recordCoach/recordCoach.js',
      message: 'label c.Record_Coach_Title is not in labels/'
    });
  });

  it('names a permission set that grants a field that does not exist', () => {
    const dir = scratch();
    const file = join(
      dir,
      'force-app/main/default/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml'
    );
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '<fieldPermissions>',
        '<fieldPermissions>\n        <editable>false</editable>\n        <field>Adoption_Snapshot__c.Nope__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <fieldPermissions>'
      )
    );
    expect(validate(dir)).toEqual([
      {
        file: 'force-app/main/default/permissionsets/Adoption_Coach_Rep.permissionset-meta.xml',
        message: 'permission set grants: unknown field Adoption_Snapshot__c.Nope__c'
      }
    ]);
  });

  it('names malformed XML', () => {
    const dir = scratch();
    const file = join(
      dir,
      'force-app/main/default/objects/Deal_Insight__c/Deal_Insight__c.object-meta.xml'
    );
    writeFileSync(file, readFileSync(file, 'utf8').replace('</label>', '</labl>'));
    const problems = validate(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(
      'force-app/main/default/objects/Deal_Insight__c/Deal_Insight__c.object-meta.xml'
    );
    expect(problems[0].message).toMatch(/^malformed XML at line \d+/);
  });

  it('converts offline with the Salesforce CLI into a package.xml that lists every component', () => {
    const out = mkdtempSync(join(tmpdir(), 'adoption-coach-mdapi-'));
    copies.push(out);
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js'),
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
