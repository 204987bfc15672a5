import { formatIssues, formatPath, validateConfig } from '../../scripts/engine/config-schema';
import { configCopy } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The issue lines of the shipped config after one change ([] when it is still valid). */
function issuesAfter(change: (c: Json) => void): string[] {
  const c = configCopy() as unknown as Json;
  change(c);
  const r = validateConfig(c);
  return r.ok ? [] : formatIssues(r.issues).split('\n');
}

// Each message is `<path>: expected <what the schema asks>, found <the value as JSON>`; the
// expected words are the ones config-schema.ts writes for each kind of problem.
describe('config issues, one kind at a time', () => {
  it('writes paths with dots, indexes and quoted keys', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath(['objects', 'Lead', 'rules', 2, 'id'])).toBe('objects.Lead.rules[2].id');
    expect(formatPath(['_a', 'Ab9', 'x_1'])).toBe('_a.Ab9.x_1');
    // Not a plain name (a leading digit, a dash at either end, a space): quoted in brackets.
    expect(formatPath(['limits', '1st', '-ab', 'ab-', 'Closed Won'])).toBe(
      'limits["1st"]["-ab"]["ab-"]["Closed Won"]'
    );
    expect(formatPath([Symbol('s')])).toBe('["Symbol(s)"]');
  });

  it('says how long a list or text must be', () => {
    expect(issuesAfter((c) => (c.titles.functions[0].patterns = []))).toEqual([
      'titles.functions[0].patterns: expected at least 1 item(s), found []'
    ]);
    expect(issuesAfter((c) => (c.titles.functions[0].patterns = ['']))).toEqual([
      'titles.functions[0].patterns[0]: expected a text of at least 1 character(s), found ""'
    ]);
    const key = 'K'.repeat(41);
    expect(issuesAfter((c) => (c.nudges.catalogue[0].key = key))).toEqual([
      `nudges.catalogue[0].key: expected a text of at most 40 character(s), found "${key}"`
    ]);
  });

  it('shows a found value of up to 120 characters whole, a longer one cut to 117 and "..."', () => {
    // 118 letters are 120 characters of JSON with the quotes; 119 letters are 121.
    const a118 = 'A'.repeat(118);
    expect(issuesAfter((c) => (c.ladder.tips.Awareness = a118))).toEqual([
      `ladder.tips.Awareness: expected a text of at most 80 character(s), found "${a118}"`
    ]);
    expect(issuesAfter((c) => (c.ladder.tips.Awareness = 'A'.repeat(119)))).toEqual([
      `ladder.tips.Awareness: expected a text of at most 80 character(s), found "${'A'.repeat(116)}...`
    ]);
  });

  it('gives number bounds inclusive unless the schema says otherwise', () => {
    expect(issuesAfter((c) => (c.nudges.catalogue[0].priority = 1001))).toEqual([
      'nudges.catalogue[0].priority: expected a number ≤ 1000, found 1001'
    ]);
    expect(issuesAfter((c) => (c.nudges.catalogue[0].priority = -1))).toEqual([
      'nudges.catalogue[0].priority: expected a number ≥ 0, found -1'
    ]);
    expect(issuesAfter((c) => (c.nudges.catalogue[0].priority = 0))).toEqual([]);
    expect(issuesAfter((c) => (c.risk.pushedAfter = 0))).toEqual([
      'risk.pushedAfter: expected a number > 0, found 0'
    ]);
  });

  it('names the pattern a text must match, or the schema’s own words for it', () => {
    expect(issuesAfter((c) => (c.objects.Account.rules[0].id = 'Bad_Id'))).toEqual([
      'objects.Account.rules[0].id: expected a text matching /^[a-z][a-z0-9-]*$/, found "Bad_Id"'
    ]);
    expect(issuesAfter((c) => (c.nudges.catalogue[0].key = 'bad key'))).toEqual([
      'nudges.catalogue[0].key: expected a key of letters, digits and underscores, found "bad key"'
    ]);
  });

  it('points to the README when a value fits none of the allowed forms', () => {
    expect(issuesAfter((c) => (c.nudges.catalogue[0].condition = {}))).toEqual([
      'nudges.catalogue[0].condition: expected one of the allowed forms (see README, Configuration), found {}'
    ]);
  });

  it('describes a value of the wrong type by its kind', () => {
    const found = (v: unknown) => issuesAfter((c) => (c.periodDays = v));
    expect(found(null)).toEqual(['periodDays: expected a number, found null']);
    expect(found({ n: 7 })).toEqual(['periodDays: expected a number, found an object {"n":7}']);
    expect(found([7])).toEqual(['periodDays: expected a number, found an array [7]']);
    expect(found(true)).toEqual(['periodDays: expected a number, found boolean true']);
    expect(issuesAfter((c) => (c.objects = 5))).toEqual([
      'objects: expected a value of type object, found number 5'
    ]);
    expect(issuesAfter((c) => (c.risk.flags['BAD KEY'] = 1))).toEqual([
      'risk.flags["BAD KEY"]: expected a known key (this one is misspelt or not supported), found 1'
    ]);
  });

  it('checks stages, rule types and values against their object', () => {
    expect(issuesAfter((c) => c.objects.Lead.stages.push({ name: 'Working - Contacted' }))).toEqual(
      [
        'objects.Lead.stages[4].name: expected a stage name not listed before, found "Working - Contacted"'
      ]
    );
    expect(issuesAfter((c) => delete c.objects.Lead.stageField)).toEqual([
      'objects.Lead.stageField: expected the stage field API name (stages are listed), found nothing'
    ]);
    expect(
      issuesAfter((c) =>
        c.objects.Account.rules.push({
          id: 'acc-from-stage',
          type: 'requiredFromStage',
          field: 'Website',
          fromStage: 'Prospecting',
          weight: 5
        })
      )
    ).toEqual([
      'objects.Account.rules[6].type: expected a rule type other than requiredFromStage (Account has no stages), found "requiredFromStage"'
    ]);
    // Lead rule 5 is lead-status (check oneOf), rule 0 lead-email (check email).
    expect(issuesAfter((c) => delete c.objects.Lead.rules[5].values)).toEqual([
      'objects.Lead.rules[5].values: expected the list of allowed values for check "oneOf", found nothing'
    ]);
    expect(issuesAfter((c) => (c.objects.Lead.rules[0].values = ['x']))).toEqual([
      'objects.Lead.rules[0].values: expected no values (only check "oneOf" takes values), found ["x"]'
    ]);
  });

  it('refuses a statement id used twice, and a nudge naming the one that is gone', () => {
    // Statement 1 (contactRole) renamed nextStep: Opp_ContactRole (catalogue 3) names contactRole.
    expect(issuesAfter((c) => (c.wiifm.statements[1].id = 'nextStep'))).toEqual([
      'wiifm.statements[1].id: expected a statement id used only once, found "nextStep"',
      'nudges.catalogue[3].wiifm: expected the id of a statement under wiifm.statements: nextStep, decisionMaker, complete, notPushed, recentActivity, found "contactRole"'
    ]);
  });
});
