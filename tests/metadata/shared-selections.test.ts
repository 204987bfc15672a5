import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  QUERIES_META_XML,
  SHARED_SELECTIONS,
  buildQueriesModule,
  nodeSelection
} from '../../scripts/build/queries';
import { QUERIES_DIR } from '../../scripts/build/build-engine';
import { accessProblems } from '../../scripts/metadata/access';
import { GraphqlError, InterpolationError, gqlTemplates } from '../../scripts/metadata/graphql';
import { loadSchema } from '../../scripts/metadata/schema';
import { validate } from '../../scripts/metadata/validate';

const ROOT = resolve(__dirname, '../..');
const LWC = 'force-app/main/default/lwc';

/** The 1-based line of the first occurrence of `text` in `source`. */
function lineOf(source: string, text: string): number {
  const at = source.indexOf(text);
  if (at < 0) throw new Error(`not in the source: ${text}`);
  return source.slice(0, at).split('\n').length;
}

describe('c/coachQueries, the shared GraphQL selections', () => {
  it('writes a field as Field { value }, Id as is, a relationship grouped, @optional where asked', () => {
    expect(
      nodeSelection(['Id', 'Name', 'Owner__r.Name', 'Owner__r.Email', 'Amount'], ['Amount'])
    ).toBe(
      'Id Name { value } Owner__r { Name { value } Email { value } } Amount @optional { value }'
    );
  });

  it('builds the selections from the engine field lists', () => {
    expect(SHARED_SELECTIONS.SNAPSHOT_MEMBER_NODE).toBe(
      'Id User__c { value } Period_Start__c { value } Manager__c { value } Manager__r { Name { value } }'
    );
    expect(SHARED_SELECTIONS.AGENDA_DEAL_NODE).toBe(
      'Id Opportunity__c { value } Opportunity__r { Name { value } Amount @optional { value } } Risk_Flags__c { value } Coaching_Questions__c { value }'
    );
    // Every field decodeRollup reads (ROLLUP_FIELDS but the key), then the manager's name.
    expect(SHARED_SELECTIONS.ROLLUP_NODE).not.toContain('Rollup_Key__c');
    expect(
      SHARED_SELECTIONS.ROLLUP_NODE.startsWith('Id Scope__c { value } Manager__c { value }')
    ).toBe(true);
    expect(
      SHARED_SELECTIONS.ROLLUP_NODE.endsWith(
        'Nudges_Dismissed__c { value } Manager__r { Name { value } }'
      )
    ).toBe(true);
  });

  it('is committed as generated (run `npm run build` if not)', () => {
    const committed = readFileSync(join(QUERIES_DIR, 'coachQueries.js'), 'utf8');
    if (committed !== buildQueriesModule()) {
      throw new Error(
        `${LWC}/coachQueries/coachQueries.js is stale: run \`npm run build\` and commit it`
      );
    }
    expect(readFileSync(join(QUERIES_DIR, 'coachQueries.js-meta.xml'), 'utf8')).toBe(
      QUERIES_META_XML
    );
    expect(committed).toContain(
      "export const FEEDBACK_NODE = 'Id OwnerId { value } Nudge_Key__c { value } Action__c { value } Reason__c { value } CreatedDate { value }';"
    );
  });
});

describe('gqlTemplates resolves the interpolations of a query', () => {
  const shared = { PART: 'Id Name { value }' };
  const source = (imports: string, expr: string) =>
    [
      "import { gql } from 'lightning/graphql';",
      imports,
      'const Q = gql`',
      '  query q {',
      '    uiapi {',
      '      query {',
      `        Thing__c { edges { node { ${expr} } } }`,
      '      }',
      '    }',
      '  }',
      '`;'
    ].join('\n');

  it('replaces a name imported from c/coachQueries by its selection, renamed or not', () => {
    const [t] = gqlTemplates(source("import { PART } from 'c/coachQueries';", '${PART}'), shared);
    expect(t.line).toBe(3);
    expect(t.text).toContain('Thing__c { edges { node { Id Name { value } } } }');
    const [renamed] = gqlTemplates(
      source("import { PART as P } from 'c/coachQueries';", '${ P }'),
      shared
    );
    expect(renamed.text).toContain('Thing__c { edges { node { Id Name { value } } } }');
  });

  it('refuses, with the line and the name, what is no shared selection of c/coachQueries', () => {
    const cases: [string, string][] = [
      ["import { PART } from 'c/coachQueries';", '${OTHER}'], // not imported
      ["import { PART } from 'c/elsewhere';", '${PART}'], // imported from another module
      ["import { NOPE } from 'c/coachQueries';", '${NOPE}'], // not a shared selection
      ["import { PART } from 'c/coachQueries';", '${PART.trim()}'] // an expression
    ];
    for (const [imports, expr] of cases) {
      let error: unknown;
      try {
        gqlTemplates(source(imports, expr), shared);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InterpolationError);
      expect(error).toBeInstanceOf(GraphqlError);
      expect((error as InterpolationError).line).toBe(7);
      expect((error as Error).message).toBe(
        `${expr} is not a selection imported from c/coachQueries (PART)`
      );
    }
  });
});

describe('the static checks read the interpolated selections as written in the query', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-shared-'));
    copies.push(dir);
    for (const part of ['force-app', 'config', join('scripts', 'sync')])
      cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    return dir;
  };

  it('names an interpolation it cannot resolve, with the file and line', () => {
    const dir = scratch();
    const file = join(dir, LWC, 'ruleFeedback', 'ruleFeedback.js');
    const broken = readFileSync(file, 'utf8').replace('${SNAPSHOT_MEMBER_NODE}', '${MEMBERS}');
    writeFileSync(file, broken);
    expect(validate(dir, { access: false })).toEqual([
      {
        file: `${LWC}/ruleFeedback/ruleFeedback.js`,
        message: `GraphQL query (line ${lineOf(broken, '${MEMBERS}')}) cannot be read: \${MEMBERS} is not a selection imported from c/coachQueries (${Object.keys(SHARED_SELECTIONS).join(', ')})`
      }
    ]);
  });

  it('names a field of a shared selection that the schema lacks, in each component', () => {
    const dir = scratch();
    unlinkSync(
      join(
        dir,
        'force-app/main/default/objects/Adoption_Rollup__c/fields/Logging_Users__c.field-meta.xml'
      )
    );
    const problems = validate(dir, { access: false });
    for (const name of ['adoptionPulse', 'governancePage', 'teamCoaching']) {
      const src = readFileSync(join(dir, LWC, name, `${name}.js`), 'utf8');
      const line = lineOf(src, 'gql`\n  query ' + /query (\w+Rollups)\(/.exec(src)![1]);
      expect(problems).toContainEqual({
        file: `${LWC}/${name}/${name}.js`,
        message: `GraphQL query (line ${line}) selection: unknown field Adoption_Rollup__c.Logging_Users__c`
      });
    }
  });

  it('names a field of a shared selection that a role shown the component cannot read', () => {
    const dir = scratch();
    const file = join(
      dir,
      'force-app/main/default/permissionsets/Adoption_Coach_Sponsor.permissionset-meta.xml'
    );
    const grant =
      '    <fieldPermissions>\n        <editable>false</editable>\n        <field>Adoption_Rollup__c.Logging_Users__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n';
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain(grant);
    writeFileSync(file, xml.replace(grant, ''));
    const problems = accessProblems(dir, loadSchema(dir));
    const pulse = readFileSync(join(dir, LWC, 'adoptionPulse', 'adoptionPulse.js'), 'utf8');
    expect(problems).toContainEqual({
      file: `${LWC}/adoptionPulse/adoptionPulse.js`,
      message: expect.stringMatching(
        new RegExp(
          `^adoptionPulse reads [^;]*Adoption_Rollup__c\\.Logging_Users__c[^;]* \\(GraphQL query, line ${lineOf(pulse, 'gql`\n  query pulseRollups')}\\); the holders of Adoption_Coach_Sponsor`
        )
      )
    });
  });
});
