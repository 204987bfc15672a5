import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG_FILE } from '../../scripts/build/load-config';
import { formatIssues, formatPath, validateConfig } from '../../scripts/engine/config-schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The issue lines of the shipped config after one change ([] when it is still valid). The file
 * is read as plain JSON and validated here, inside the test that calls this: nothing is
 * validated when the module loads, so every check runs under the test that asserts on it.
 */
function issuesAfter(change: (c: Json) => void): string[] {
  const c = JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Json;
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

  it('lists the allowed values of a choice', () => {
    expect(issuesAfter((c) => (c.nudges.catalogue[0].object = 'Case'))).toEqual([
      'nudges.catalogue[0].object: expected one of "Opportunity", "Account", "Contact", "Lead", found "Case"'
    ]);
  });

  it('asks an audience for at least one permission set, profile or role', () => {
    expect(issuesAfter((c) => (c.audience = { profiles: [] }))).toEqual([
      'audience: expected at least one permission set, profile or role, found {"profiles":[]}'
    ]);
    expect(issuesAfter((c) => (c.audience = {}))).toEqual([
      'audience: expected at least one permission set, profile or role, found {}'
    ]);
    expect(issuesAfter((c) => (c.audience = { profiles: ['Sales User'] }))).toEqual([]);
    expect(issuesAfter((c) => (c.audience = { roles: ['SalesRep'] }))).toEqual([]);
  });

  it('refuses a statement id used twice, and a nudge naming the one that is gone', () => {
    // Statement 1 (contactRole) renamed nextStep: Opp_ContactRole (catalogue 3) names contactRole.
    expect(issuesAfter((c) => (c.wiifm.statements[1].id = 'nextStep'))).toEqual([
      'wiifm.statements[1].id: expected a statement id used only once, found "nextStep"',
      'nudges.catalogue[3].wiifm: expected the id of a statement under wiifm.statements: nextStep, decisionMaker, complete, notPushed, recentActivity, found "contactRole"'
    ]);
  });
});

// The checks across parts of a config that zod accepts (config-checks.ts), one refusal at a
// time. The shipped config's facts these rely on: Opportunity's stages are Prospecting …
// Negotiation/Review (open), then Closed Won and Closed Lost; Lead's are Open - Not Contacted,
// Working - Contacted, Closed - Converted, Closed - Not Converted; rules are read object by
// object in the order Opportunity, Account, Contact, Lead; catalogue[1] is Opp_CloseDate (rule
// opp-close-date, the one rule on CloseDate), [4] Opp_DecisionMaker, [5] Opp_Amount, [6]
// Opp_Details (opp-lead-source, opp-type, opp-description), [12] Con_Touch (con-activity), [13]
// Lead_FollowUp, [14] Lead_Reach; wiifm.statements[3] is complete, [4] notPushed.
describe('checks across the parts of the config', () => {
  it('accepts the shipped config, without governance, and a rung that asks only for a login', () => {
    expect(issuesAfter(() => undefined)).toEqual([]);
    expect(issuesAfter((c) => delete c.governance)).toEqual([]);
    // Said outright, the shipped definition (a re-forecast is no push) conflicts with nothing.
    expect(issuesAfter((c) => (c.risk.reforecastIsPush = false))).toEqual([]);
    // requireLogin true is evidence; every other threshold defaults to 0.
    expect(issuesAfter((c) => (c.ladder.criteria.Understanding = { requireLogin: true }))).toEqual(
      []
    );
  });

  it('refuses a rule id used twice; nudges then read the later rule, measures the first', () => {
    // opp-close-date again, on Account (rules[6] after its six). The nudges map each id to the
    // last object that defines it (Account), so Opp_CloseDate names a rule of another object;
    // the governance measure CloseDateCurrent keeps the first (Opportunity's), so no line for it.
    expect(
      issuesAfter((c) =>
        c.objects.Account.rules.push({
          id: 'opp-close-date',
          type: 'required',
          field: 'Phone',
          weight: 5
        })
      )
    ).toEqual([
      'objects.Account.rules[6].id: expected a rule id used only once in the config, found "opp-close-date"',
      'nudges.catalogue[1].condition.rules[0]: expected a rule of Opportunity (this rule belongs to Account), found "opp-close-date"'
    ]);
  });

  it('refuses a requiredFromStage rule where stages are listed but no stage field', () => {
    // opp-next-step (rules[0]) is requiredFromStage Qualification: without StageName the stages
    // cannot be read, and both the missing field and the rule are named.
    expect(issuesAfter((c) => delete c.objects.Opportunity.stageField)).toEqual([
      'objects.Opportunity.stageField: expected the stage field API name (stages are listed), found nothing',
      'objects.Opportunity.rules[0].type: expected a rule type other than requiredFromStage (Opportunity has no stages), found "requiredFromStage"'
    ]);
  });

  it('refuses a fromStage that is not one of its object’s stages, listing them all', () => {
    const fromStage = (stage: string) =>
      issuesAfter((c) =>
        c.objects.Lead.rules.push({
          id: 'lead-mobile',
          type: 'requiredFromStage',
          field: 'MobilePhone',
          fromStage: stage,
          weight: 5
        })
      );
    expect(fromStage('Working - Contacted')).toEqual([]);
    // Lead has seven rules, so the new one is rules[7]; closed stages are stages too.
    expect(fromStage('Working')).toEqual([
      'objects.Lead.rules[7].fromStage: expected one of the stages of Lead: Open - Not Contacted, Working - Contacted, Closed - Converted, Closed - Not Converted, found "Working"'
    ]);
  });

  it('limits days in stage to open Opportunity stages', () => {
    // A closed stage and an unknown one, each named (a plain key after a dot, one with a space
    // quoted in brackets); the list offered leaves out Closed Won and Closed Lost.
    const open =
      'Prospecting, Qualification, Needs Analysis, Value Proposition, Id. Decision Makers, Perception Analysis, Proposal/Price Quote, Negotiation/Review';
    expect(
      issuesAfter((c) => {
        c.risk.daysInStageLimits['Closed Lost'] = 10;
        c.risk.daysInStageLimits.Discovery = 20;
      })
    ).toEqual([
      `risk.daysInStageLimits["Closed Lost"]: expected an open Opportunity stage: ${open}, found "Closed Lost"`,
      `risk.daysInStageLimits.Discovery: expected an open Opportunity stage: ${open}, found "Discovery"`
    ]);
  });

  it('refuses a rung that asks for nothing, and takes any positive threshold as asking', () => {
    // Thresholds left out default to 0 and requireLogin to false: both rungs ask nothing. The
    // found value is the text "only 0 and false", shown as JSON.
    const nothing =
      'expected at least one piece of evidence (a rung that asks nothing is not earned), found "only 0 and false"';
    expect(
      issuesAfter((c) => {
        c.ladder.criteria.Acceptance = { minActivities: 0, minCompleteness: 0, minFreshPct: 0 };
        c.ladder.criteria.Commitment = { requireLogin: false };
      })
    ).toEqual([`ladder.criteria.Acceptance: ${nothing}`, `ladder.criteria.Commitment: ${nothing}`]);
    // Half a percent of fresh deals is above 0: the rung asks for it.
    expect(issuesAfter((c) => (c.ladder.criteria.Involvement = { minFreshPct: 0.5 }))).toEqual([]);
  });

  it('refuses a nudge key used twice', () => {
    // A copy of Opp_Amount appended after the sixteen shipped nudges.
    expect(
      issuesAfter((c) => c.nudges.catalogue.push({ ...c.nudges.catalogue[5], priority: 1 }))
    ).toEqual([
      'nudges.catalogue[16].key: expected a nudge key used only once, found "Opp_Amount"'
    ]);
  });

  it('refuses a nudge rule that is not defined, or that belongs to another object', () => {
    // Con_Touch (Contact) keeps its own rule, then names a Lead rule and a misspelt one.
    expect(
      issuesAfter(
        (c) =>
          (c.nudges.catalogue[12].condition = {
            rules: ['con-activity', 'lead-activity', 'con-activty']
          })
      )
    ).toEqual([
      'nudges.catalogue[12].condition.rules[1]: expected a rule of Contact (this rule belongs to Lead), found "lead-activity"',
      'nudges.catalogue[12].condition.rules[2]: expected the id of a rule defined under objects, found "con-activty"'
    ]);
  });

  it('refuses a risk-flag nudge on an object other than Opportunity', () => {
    expect(issuesAfter((c) => (c.nudges.catalogue[13].condition = { flag: 'STALE' }))).toEqual([
      'nudges.catalogue[13].object: expected "Opportunity" (risk flags are raised on opportunities only), found "Lead"'
    ]);
  });

  it('names every nudge whose fix moves a close date while re-forecasts count as pushes', () => {
    const raises = (key: string) =>
      `expected a nudge whose fix raises no risk flag: the fix of ${key} moves a past close date later, which raises the risk flag PUSHED while risk.reforecastIsPush is true`;
    // Opp_Details gains opp-close-date after its three rules (one rule on CloseDate is enough),
    // and statement "complete" now counts notPushed too: both groups are named, in order.
    expect(
      issuesAfter((c) => {
        c.risk.reforecastIsPush = true;
        c.nudges.catalogue[6].condition.rules.push('opp-close-date');
        c.wiifm.statements[3].evidence = 'notPushed';
      })
    ).toEqual([
      `nudges.catalogue[1]: ${raises('Opp_CloseDate')} and lowers the WIIFM group "complete", "notPushed", found "Opp_CloseDate"`,
      `nudges.catalogue[6]: ${raises('Opp_Details')} and lowers the WIIFM group "complete", "notPushed", found "Opp_Details"`
    ]);
    // Opp_CloseDate now asks for the amount only; Opp_DecisionMaker on PAST_DUE asks for a new
    // close date. Lead_Reach on PAST_DUE is refused for its object, and is no conflict (only
    // opportunities' nudges are). No statement counts notPushed: no group is named.
    expect(
      issuesAfter((c) => {
        c.risk.reforecastIsPush = true;
        c.nudges.catalogue[1].condition = { rules: ['opp-amount'] };
        c.nudges.catalogue[4].condition = { flag: 'PAST_DUE' };
        c.nudges.catalogue[14].condition = { flag: 'PAST_DUE' };
        c.wiifm.statements[4].evidence = 'complete';
      })
    ).toEqual([
      'nudges.catalogue[14].object: expected "Opportunity" (risk flags are raised on opportunities only), found "Lead"',
      `nudges.catalogue[4]: ${raises('Opp_DecisionMaker')}, found "Opp_DecisionMaker"`
    ]);
  });

  it('refuses an objective, behaviour or training path id used twice', () => {
    // Objectives: WinCompetitive, KeepPromises (AgreeNextStep, StayInTouch), ReliableDates.
    expect(
      issuesAfter((c) => {
        c.governance.objectives[2].id = 'WinCompetitive';
        c.governance.objectives[1].behaviours[1].id = 'AgreeNextStep';
      })
    ).toEqual([
      'governance.objectives[1].behaviours[1].id: expected a behaviour id used only once, found "AgreeNextStep"',
      'governance.objectives[2].id: expected an objective id used only once, found "WinCompetitive"'
    ]);
    // Paths: Getting_Started, Opportunity_Basics, Buying_Committee, Activity_Habits; the
    // Involvement remedy names the last, which is then gone.
    expect(issuesAfter((c) => (c.governance.training.paths[3].key = 'Getting_Started'))).toEqual([
      'governance.training.paths[3].key: expected a path key used only once, found "Getting_Started"',
      'governance.training.remedial.Involvement: expected one of the training paths: Getting_Started, Opportunity_Basics, Buying_Committee, found "Activity_Habits"'
    ]);
  });

  it('refuses a title pattern that is no regular expression, with the engine’s reason', () => {
    // Patterns are compiled case-insensitive (flag i), which V8 shows after the pattern.
    expect(
      issuesAfter((c) => {
        c.titles.functions[2].patterns[1] = '(cto';
        c.titles.seniorities[1].patterns[0] = '[vp';
      })
    ).toEqual([
      'titles.functions[2].patterns[1]: expected a valid regular expression (Invalid regular expression: /(cto/i: Unterminated group), found "(cto"',
      'titles.seniorities[1].patterns[0]: expected a valid regular expression (Invalid regular expression: /[vp/i: Unterminated character class), found "[vp"'
    ]);
  });

  it('reports the governance checks with their paths under governance', () => {
    // A measure of pushed deals beside CloseDateCurrent (rule opp-close-date: valid, notInPast,
    // on CloseDate), whose fix moves close dates later. It goes second under StayInTouch.
    expect(
      issuesAfter((c) =>
        c.governance.objectives[1].behaviours[1].measures.push({
          id: 'FewPushes',
          flag: 'PUSHED',
          targetPct: 70,
          recognition: 'Gov_Rec_DealsTouched'
        })
      )
    ).toEqual([
      'governance.objectives[1].behaviours[1].measures[1].flag: expected no measure that conflicts with measure "CloseDateCurrent": meeting "CloseDateCurrent" moves close dates later, which "FewPushes" counts as pushed deals, found "PUSHED"'
    ]);
  });
});
