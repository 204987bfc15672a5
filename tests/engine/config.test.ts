import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { referencedLabels } from '../../scripts/engine/config-labels';
import { formatIssues, validateConfig } from '../../scripts/engine/config-schema';
import {
  DEFAULT_CONFIG_FILE,
  DEFAULT_LABELS_FILE,
  isConfigError,
  loadConfigFile,
  readLabelNames
} from '../../scripts/build/load-config';
import { BUNDLE_DIR } from '../../scripts/build/build-engine';
import { configCopy } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function issuesOf(mutate: (c: Json) => void): string[] {
  const c = configCopy() as unknown as Json;
  mutate(c);
  const r = validateConfig(c);
  if (r.ok) return [];
  return formatIssues(r.issues).split('\n');
}

describe('config validation', () => {
  it('accepts the shipped config, and every label it names exists in the labels file', () => {
    expect(validateConfig(JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'))).ok).toBe(true);
    const names = readLabelNames(DEFAULT_LABELS_FILE);
    expect(referencedLabels(configCopy()).filter((l) => !names.has(l))).toEqual([]);
  });

  it('names the JSON path, what was expected and what was found', () => {
    expect(
      issuesOf((c) => {
        c.objects.Opportunity.rules[2].weight = 'ten';
        c.objects.Opportunity.rules[3].weight = 0;
        c.objects.Lead.rules[0].type = 'mandatory';
        c.nudges.budgetPerDay = 2.5;
        c.tippingPointTargetPct = 145;
        c.ladder.tips.Commitment = 'Tip Commitment';
        c.risk.flags.STALE.colour = 'red';
        delete c.periodDays;
      })
    ).toEqual([
      'periodDays: expected a number, found nothing',
      'tippingPointTargetPct: expected a number ≤ 100, found 145',
      'objects.Opportunity.rules[2].weight: expected a number, found string "ten"',
      'objects.Opportunity.rules[3].weight: expected a number > 0, found 0',
      'objects.Lead.rules[0].type: expected one of "required", "requiredFromStage", "fresh", "valid", found "mandatory"',
      'risk.flags.STALE.colour: expected a known key (this one is misspelt or not supported), found "red"',
      'ladder.tips.Commitment: expected a custom label API name (a letter, then letters, digits and single underscores), found "Tip Commitment"',
      'nudges.budgetPerDay: expected a whole number, found number 2.5'
    ]);
  });

  it('refuses an audience that names nobody, or a role that is not an API name', () => {
    expect(issuesOf((c) => (c.audience = { permissionSets: [], roles: [] }))).toEqual([
      'audience: expected at least one permission set, profile or role, found {"permissionSets":[],"roles":[]}'
    ]);
    expect(issuesOf((c) => (c.audience = { roles: ['VP Sales'] }))).toEqual([
      'audience.roles[0]: expected an API name (a letter, then letters, digits and underscores), found "VP Sales"'
    ]);
  });

  it('checks the programme messages’ schedule and quick-win limits', () => {
    expect(
      issuesOf((c) => {
        c.messages.reshowHours = [];
        c.messages.perDay = 0;
        c.messages.maxQuickWins = 1.5;
        delete c.messages.quickWinLookbackDays;
      })
    ).toEqual([
      'messages.reshowHours: expected at least 1 item(s), found []',
      'messages.perDay: expected a number > 0, found 0',
      'messages.quickWinLookbackDays: expected a number, found nothing',
      'messages.maxQuickWins: expected a whole number, found number 1.5'
    ]);
  });

  it('checks references across the config', () => {
    expect(
      issuesOf((c) => {
        c.objects.Opportunity.rules[0].fromStage = 'Closing';
        c.objects.Contact.rules[1].id = 'con-email';
        c.nudges.catalogue[1].condition = { rules: ['opp-close-date', 'acc-phone', 'nope'] };
        c.nudges.catalogue[2].wiifm = 'fame';
        c.nudges.catalogue[3].object = 'Lead';
        c.nudges.catalogue[4].key = 'Opp_NextStep';
        c.risk.daysInStageLimits['Closed Won'] = 5;
        c.ladder.criteria.Involvement = { minCoachingActs: 0 };
        c.titles.seniorities[0].patterns.push('(unclosed');
      })
    ).toEqual([
      'objects.Opportunity.rules[0].fromStage: expected one of the stages of Opportunity: Prospecting, Qualification, Needs Analysis, Value Proposition, Id. Decision Makers, Perception Analysis, Proposal/Price Quote, Negotiation/Review, Closed Won, Closed Lost, found "Closing"',
      'objects.Contact.rules[1].id: expected a rule id used only once in the config, found "con-email"',
      'risk.daysInStageLimits["Closed Won"]: expected an open Opportunity stage: Prospecting, Qualification, Needs Analysis, Value Proposition, Id. Decision Makers, Perception Analysis, Proposal/Price Quote, Negotiation/Review, found "Closed Won"',
      'ladder.criteria.Involvement: expected at least one piece of evidence (a rung that asks nothing is not earned), found "only 0 and false"',
      'nudges.catalogue[1].condition.rules[1]: expected a rule of Opportunity (this rule belongs to Account), found "acc-phone"',
      'nudges.catalogue[1].condition.rules[2]: expected the id of a rule defined under objects, found "nope"',
      'nudges.catalogue[2].wiifm: expected the id of a statement under wiifm.statements: nextStep, contactRole, decisionMaker, complete, notPushed, recentActivity, found "fame"',
      'nudges.catalogue[3].object: expected "Opportunity" (risk flags are raised on opportunities only), found "Lead"',
      'nudges.catalogue[4].key: expected a nudge key used only once, found "Opp_NextStep"',
      // The rule renamed above is now missing where Con_Title refers to it.
      'nudges.catalogue[9].condition.rules[0]: expected the id of a rule defined under objects, found "con-title"',
      expect.stringMatching(
        /^titles\.seniorities\[0\]\.patterns\[2\]: expected a valid regular expression \(.*\), found "\(unclosed"$/
      ),
      // The duplicate key replaced Opp_DecisionMaker, which a training path names.
      'governance.training.paths[2].nudges[1]: expected the key of a nudge in nudges.catalogue, found "Opp_DecisionMaker"'
    ]);
  });

  it('refuses a conflicting metric: a nudge whose fix raises a risk flag, naming the nudge and the flag', () => {
    // With re-forecasts counted as pushes, setting a new close date on a past-due deal (what
    // Opp_CloseDate, catalogue[1], asks) raises PUSHED and leaves the "never pushed" group.
    expect(issuesOf((c) => (c.risk.reforecastIsPush = true))).toEqual([
      'nudges.catalogue[1]: expected a nudge whose fix raises no risk flag: the fix of Opp_CloseDate moves a past close date later, which raises the risk flag PUSHED while risk.reforecastIsPush is true and lowers the WIIFM group "notPushed", found "Opp_CloseDate"'
    ]);
    // A nudge on the PAST_DUE flag asks for the same fix; without a notPushed statement no WIIFM
    // group is named.
    expect(
      issuesOf((c) => {
        c.risk.reforecastIsPush = true;
        c.nudges.catalogue = [
          {
            key: 'Opp_Late',
            object: 'Opportunity',
            condition: { flag: 'PAST_DUE' },
            label: 'Nudge_Opp_CloseDate',
            benefitLabel: 'Nudge_Benefit_CloseDate',
            priority: 1
          }
        ];
        c.wiifm.statements = c.wiifm.statements.filter((s: Json) => s.evidence !== 'notPushed');
        // The training paths name the shipped nudges, gone from this catalogue.
        for (const p of c.governance.training.paths) p.nudges = [];
      })
    ).toEqual([
      'nudges.catalogue[0]: expected a nudge whose fix raises no risk flag: the fix of Opp_Late moves a past close date later, which raises the risk flag PUSHED while risk.reforecastIsPush is true, found "Opp_Late"'
    ]);
    // The shipped definition (a re-forecast is no push) makes the same nudges fine.
    expect(issuesOf((c) => (c.risk.reforecastIsPush = false))).toEqual([]);
  });

  it('refuses a non-object document', () => {
    expect(validateConfig([1, 2])).toMatchObject({
      ok: false,
      issues: [{ path: '(root)', expected: 'a value of type object', found: 'an array [1,2]' }]
    });
  });
});

describe('loadConfigFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'coach-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function refusal(text: string, labels?: string | null): string[] {
    const file = join(dir, 'c.json');
    writeFileSync(file, text);
    try {
      loadConfigFile(file, labels === undefined ? {} : { labelsFile: labels });
    } catch (e) {
      if (isConfigError(e))
        return e.issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`);
      throw e;
    }
    return [];
  }

  it('reports JSON syntax errors with line and column', () => {
    const [line] = refusal('{\n  "version": 1,\n  "periodDays": 7,,\n}');
    expect(line).toMatch(
      /^\(root\): expected valid JSON, found a syntax error at line 3, column 19: /
    );
  });

  it('reports a missing file', () => {
    expect(() => loadConfigFile(join(dir, 'absent.json'))).toThrow(
      /expected a readable JSON file, found ENOENT/
    );
  });

  it('reports labels missing from the labels file', () => {
    const c = configCopy() as unknown as Json;
    c.nudges.catalogue[0].label = 'Nudge_Not_Defined';
    expect(refusal(JSON.stringify(c))).toEqual([
      'nudges.catalogue[0].label: expected a custom label defined in force-app/main/default/labels/CustomLabels.labels-meta.xml, found "Nudge_Not_Defined"'
    ]);
    expect(refusal(JSON.stringify(c), null)).toEqual([]);
  });
});

describe('npm run build with a wrong config', () => {
  it('exits 2, prints every problem with its path and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-build-'));
    try {
      const out = join(dir, 'coachEngine');
      mkdirSync(out);
      copyFileSync(join(BUNDLE_DIR, 'coachEngine.js'), join(out, 'coachEngine.js'));
      const before = readFileSync(join(out, 'coachEngine.js'), 'utf8');
      const c = configCopy() as unknown as Json;
      c.objects.Opportunity.rules[2].weight = -3;
      c.wiifm.minSample = 'ten';
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify(c, null, 2));
      const run = spawnSync(
        process.execPath,
        [
          require.resolve('tsx/cli'),
          'scripts/build/build-engine.ts',
          '--config',
          bad,
          '--out',
          out
        ],
        { cwd: ROOT, encoding: 'utf8' }
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Config refused:');
      expect(run.stderr).toContain('nothing was built or written');
      expect(run.stderr).toContain(
        'objects.Opportunity.rules[2].weight: expected a number > 0, found -3'
      );
      expect(run.stderr).toContain('wiifm.minSample: expected a number, found string "ten"');
      expect(readFileSync(join(out, 'coachEngine.js'), 'utf8')).toBe(before);
      expect(readdirSync(out)).toEqual(['coachEngine.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option of the engine build with its usage, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-build-'));
    try {
      const run = spawnSync(
        process.execPath,
        [require.resolve('tsx/cli'), 'scripts/build/build-engine.ts', '--labels-dir', dir],
        { cwd: ROOT, encoding: 'utf8' }
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("Unknown option '--labels-dir'");
      expect(run.stderr).toContain('--labels-out <dir>');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
