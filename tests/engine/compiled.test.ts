import type { CompiledConfig, CompiledObject } from '../../scripts/engine/compiled';
import {
  compile,
  compilePeople,
  FLAGS_JOINED,
  flagSet,
  isDecisionMakerRole,
  QUESTIONS_JSON,
  recordStatus,
  stagePosition
} from '../../scripts/engine/compiled';
import { RISK_FLAGS } from '../../scripts/engine';
import { stageIndex } from '../../scripts/engine/constants';
import { referencedLabels } from '../../scripts/engine/config-labels';
import { deepFreeze } from '../../scripts/engine/freeze';
import { validateConfig } from '../../scripts/engine/config-schema';
import type { NudgeDef } from '../../scripts/engine';
import { config, configCopy } from './helpers';

// The lookups compiled once per config. Expectations come from the shipped config:
// Opportunity stages Prospecting (0) … Negotiation/Review (7), Closed Won (won), Closed Lost
// (lost); Lead stages Open - Not Contacted, Working - Contacted, Closed - Converted (won),
// Closed - Not Converted (lost); decision-maker roles 'Decision Maker' and 'Economic Buyer';
// flag weights STALE 3, PAST_DUE 3, NO_NEXT_STEP 2, PUSHED 2, NO_CONTACT_ROLE 1,
// NO_DECISION_MAKER 2, STAGE_REGRESSED 2.
describe('compiled config', () => {
  // Compiled afresh for each test (a copy of the shipped config: compile remembers a config it
  // has seen), so that every test exercises the compilation itself.
  let compiled: CompiledConfig;
  let opp: CompiledObject;
  let lead: CompiledObject;
  beforeEach(() => {
    compiled = compile(configCopy());
    opp = compiled.objects.Opportunity;
    lead = compiled.objects.Lead;
  });

  it('compiles a config once', () => {
    const copy = configCopy();
    expect(compile(copy)).toBe(compile(copy));
    expect(opp.stageField).toBe('StageName');
    expect(compiled.objects.Account.stageField).toBeNull();
    // opp-next-step applies from Qualification, the second stage.
    expect([...opp.fromStageIndex]).toEqual([['opp-next-step', 1]]);
    expect([...opp.closedStages]).toEqual([
      ['Closed Won', 'won'],
      ['Closed Lost', 'lost']
    ]);
    expect(opp.stageIndex.get('Negotiation/Review')).toBe(7);
    expect(compiled.objects.Account.stageIndex.size).toBe(0);
    expect(compiled.objects.Account.fromStageIndex.size).toBe(0);
  });

  it('compiles the deal-risk lookups once, apart from the rest', () => {
    const copy = configCopy();
    const people = compilePeople(copy);
    expect(compilePeople(copy)).toBe(people);
    // Title patterns match in any case: the first seniority is VP with two patterns.
    expect(people.titleSeniorities[0]).toEqual({
      value: 'VP',
      res: [/\b(vp|svp|evp|avp)\b/i, /\bvice president\b/i]
    });
    expect(people.titleFunctions.length).toBe(config.titles.functions.length);
    expect([...people.decisionMakerRoles]).toEqual(['decision maker', 'economic buyer']);
    expect(people.decisionMakerSeniorities).toEqual(new Set(['C-level', 'VP']));
  });

  it('trims and lower-cases the roles and reasons it compares', () => {
    const c = configCopy();
    c.risk.decisionMakerRoles = [' Decision MAKER ', 'Economic Buyer'];
    c.nudges.permanentDismissReasons = ['  Not Relevant  '];
    expect([...compilePeople(c).decisionMakerRoles]).toEqual(['decision maker', 'economic buyer']);
    expect([...compile(c).permanentDismissReasons]).toEqual(['not relevant']);
  });

  it('tells open, won, lost and unknown records apart', () => {
    const status = (name: 'Opportunity' | 'Lead' | 'Account' | 'Contact', r: object) =>
      recordStatus(compiled.objects[name], name, r as Record<string, unknown>);
    // Account and Contact are always open.
    expect(status('Account', { IsClosed: true, StageName: 'Closed Lost' })).toBe('open');
    expect(status('Contact', { IsClosed: true })).toBe('open');
    // Opportunity: IsClosed decides first, then IsWon; the stage only when they are missing.
    expect(status('Opportunity', { IsClosed: false, StageName: 'Closed Won' })).toBe('open');
    expect(status('Opportunity', { IsClosed: 'true', IsWon: 'false' })).toBe('lost');
    expect(status('Opportunity', { IsClosed: true, IsWon: true, StageName: 'Prospecting' })).toBe(
      'won'
    );
    expect(status('Opportunity', { IsClosed: true, StageName: 'Closed Won' })).toBe('won');
    // IsWon alone (no IsClosed) does not close a deal: the stage decides.
    expect(status('Opportunity', { IsWon: true, StageName: 'Prospecting' })).toBe('open');
    expect(status('Opportunity', { StageName: ' Closed Lost ' })).toBe('lost');
    expect(status('Opportunity', { StageName: 'Prospecting' })).toBe('open');
    expect(status('Opportunity', { StageName: 'Mystery' })).toBe('unknown');
    expect(status('Opportunity', { StageName: '  ' })).toBe('unknown');
    expect(status('Opportunity', {})).toBe('unknown');
    // IsConverted is a Lead field: an opportunity's is not read.
    expect(status('Opportunity', { IsConverted: true, StageName: 'Prospecting' })).toBe('open');
    // Lead: IsConverted, else the status.
    expect(status('Lead', { IsConverted: true, Status: 'Working - Contacted' })).toBe('won');
    expect(status('Lead', { IsConverted: 'true' })).toBe('won');
    expect(status('Lead', { IsConverted: false, Status: 'Closed - Not Converted' })).toBe('lost');
    expect(status('Lead', { Status: 'Working - Contacted' })).toBe('open');
    expect(status('Lead', { Status: 'Nurturing' })).toBe('unknown');
    expect(lead.stageField).toBe('Status');
  });

  it('finds a stage position, trimmed; null when blank or unknown', () => {
    expect(stagePosition(opp, 'Prospecting')).toBe(0);
    expect(stagePosition(opp, ' Qualification ')).toBe(1);
    expect(stagePosition(opp, 'Closed Lost')).toBe(9);
    expect(stagePosition(opp, 'Mystery')).toBeNull();
    expect(stagePosition(opp, '')).toBeNull();
    expect(stagePosition(opp, null)).toBeNull();
  });

  it('recognises decision-maker roles in any case and spacing, and remembers the answer', () => {
    const people = compilePeople(configCopy());
    expect(isDecisionMakerRole(people, '  economic BUYER ')).toBe(true);
    expect(isDecisionMakerRole(people, 'Decision Maker')).toBe(true);
    expect(isDecisionMakerRole(people, 'Influencer')).toBe(false);
    expect(people.roleCache.get('  economic BUYER ')).toBe(true);
    expect(people.roleCache.get('Influencer')).toBe(false);
    // Asked again: the same answers (from the memo).
    expect(isDecisionMakerRole(people, 'Influencer')).toBe(false);
    expect(isDecisionMakerRole(people, '  economic BUYER ')).toBe(true);
    expect(compiled.permanentDismissReasons.has("doesn't fit my deals")).toBe(true);
  });

  it('builds one shared, frozen flag set per bitmask', () => {
    // Bits 0 and 2 of RISK_FLAGS: STALE and NO_NEXT_STEP, weight 3 + 2 = 5.
    const set = flagSet(config, compiled, RISK_FLAGS, 0b101);
    expect(set.flags).toEqual(['STALE', 'NO_NEXT_STEP']);
    expect(set.weight).toBe(5);
    expect(set.questions).toEqual([
      { flag: 'STALE', label: 'Coach_Q_Stale' },
      { flag: 'NO_NEXT_STEP', label: 'Coach_Q_NoNextStep' }
    ]);
    expect(set.questionsJson).toBe(
      '[{"flag":"STALE","label":"Coach_Q_Stale"},{"flag":"NO_NEXT_STEP","label":"Coach_Q_NoNextStep"}]'
    );
    expect(Object.isFrozen(set.flags)).toBe(true);
    expect(Object.isFrozen(set.questions)).toBe(true);
    expect(Object.isFrozen(set.questions[0])).toBe(true);
    expect(FLAGS_JOINED.get(set.flags)).toBe('STALE;NO_NEXT_STEP');
    expect(QUESTIONS_JSON.get(set.questions)).toBe(set.questionsJson);
    expect(flagSet(config, compiled, RISK_FLAGS, 0b101)).toBe(set);
    // Bit 6 alone: STAGE_REGRESSED; no bit: nothing, weight 0.
    expect(flagSet(config, compiled, RISK_FLAGS, 0b1000000).flags).toEqual(['STAGE_REGRESSED']);
    const none = flagSet(config, compiled, RISK_FLAGS, 0);
    expect([none.flags, none.weight, none.questionsJson]).toEqual([[], 0, '[]']);
  });

  it('builds each rule’s three items once, frozen, each naming the nudge that fixes it', () => {
    // The Opportunity rules in config order; the first is opp-next-step on NextStep, weight 20,
    // listed by the nudge Opp_NextStep.
    expect(opp.items.length).toBe(7);
    const nextStep = (reason: string) => ({
      ruleId: 'opp-next-step',
      field: 'NextStep',
      weight: 20,
      reason,
      nudgeKey: 'Opp_NextStep'
    });
    expect(opp.items[0]).toEqual({
      missing: nextStep('missing'),
      invalid: nextStep('invalid'),
      stale: nextStep('stale')
    });
    expect(Object.isFrozen(opp.items[0])).toBe(true);
    expect(Object.isFrozen(opp.items[0].stale)).toBe(true);
    // The fourth, opp-amount (Amount, 15), is fixed by Opp_Amount; with that nudge taken out of
    // the catalogue no nudge lists it: null.
    expect(opp.items[3].invalid.nudgeKey).toBe('Opp_Amount');
    const c = configCopy();
    c.nudges.catalogue = c.nudges.catalogue.filter((n) => n.key !== 'Opp_Amount');
    expect(compile(c).objects.Opportunity.items[3].invalid).toEqual({
      ruleId: 'opp-amount',
      field: 'Amount',
      weight: 15,
      reason: 'invalid',
      nudgeKey: null
    });
    // The Account nudges, in catalogue order, and nothing else.
    expect(compiled.nudgesByObject.Account.map((n) => n.key)).toEqual(['Acc_Details', 'Acc_Touch']);
  });

  it('maps a rule to the first nudge that lists it, and an object to all its nudges in order', () => {
    const c = configCopy();
    const extra = (n: Partial<NudgeDef>) => ({ ...c.nudges.catalogue[0], ...n }) as NudgeDef;
    c.nudges.catalogue.push(
      extra({ key: 'Con_Title_Again', object: 'Contact', condition: { rules: ['con-title'] } }),
      extra({ key: 'Opp_Roles_Again', condition: { flag: 'NO_CONTACT_ROLE' } })
    );
    const valid = validateConfig(c);
    expect(valid.ok).toBe(true);
    const k = compile(valid.ok ? valid.config : c);
    expect(k.nudgeByRule.get('con-title')).toBe('Con_Title');
    expect(k.nudgeByRule.get('opp-type')).toBe('Opp_Details');
    // The shipped Opportunity nudges in catalogue order, rule and flag ones alike, then the one
    // added above.
    expect(k.nudgesByObject.Opportunity.map((n) => n.key)).toEqual([
      'Opp_NextStep',
      'Opp_CloseDate',
      'Opp_Activity',
      'Opp_ContactRole',
      'Opp_DecisionMaker',
      'Opp_Amount',
      'Opp_Details',
      'Opp_Roles_Again'
    ]);
    expect(k.nudgesByObject.Contact.map((n) => n.key)).toEqual([
      'Con_Title',
      'Con_Reach',
      'Con_Account',
      'Con_Touch',
      'Con_Title_Again'
    ]);
    expect(k.nudgesByObject.Lead.map((n) => n.key)).toEqual([
      'Lead_FollowUp',
      'Lead_Reach',
      'Lead_Details'
    ]);
  });
});

describe('engine constants and helpers', () => {
  it('numbers the rungs, -1 for anything else', () => {
    expect(['Awareness', 'Commitment', 'commitment', 'Nope', null].map(stageIndex)).toEqual([
      0, 4, -1, -1, -1
    ]);
  });

  it('lists every label the config names once, sorted', () => {
    const c = configCopy();
    for (const f of RISK_FLAGS) c.risk.flags[f].questionLabel = 'Q_Same';
    c.ladder.tips = {
      Awareness: 'T_A',
      Understanding: 'T_U',
      Acceptance: 'T_C',
      Involvement: 'T_I',
      Commitment: 'T_M'
    };
    // The tips written to the rep are labels too; one of them is also a manager's tip (T_A).
    c.ladder.repTips = {
      Awareness: 'T_A',
      Understanding: 'P_U',
      Acceptance: 'P_C',
      Involvement: 'P_I',
      Commitment: 'P_M'
    };
    c.nudges.catalogue = [{ ...c.nudges.catalogue[0], label: 'N_B', benefitLabel: 'N_F' }];
    c.wiifm.statements = [{ ...c.wiifm.statements[0], label: 'W_A' }];
    c.wiifm.scopeLabels = { rep: 'S_R', team: 'S_T', org: 'S_O' };
    c.recognition.labels = {
      completenessUp: 'R_1',
      activityStreak: 'R_2',
      stageUp: 'R_3',
      mostImproved: 'R_4'
    };
    // The governance section: an objective, a behaviour, its measure's recognition and a
    // training path, the path's title also used by the objective (once in the list).
    c.governance = {
      ...c.governance!,
      objectives: [
        {
          id: 'O',
          label: 'G_O',
          behaviours: [
            {
              id: 'B',
              label: 'G_B',
              measures: [{ id: 'M', flag: 'STALE', targetPct: 50, recognition: 'G_R' }]
            }
          ]
        }
      ],
      training: {
        ...c.governance!.training,
        paths: [{ key: 'P', label: 'G_O', url: 'https://example.com/p' }],
        remedial: {},
        newHire: 'P'
      }
    };
    // Seven flags share one label, and T_A is both a manager's and a rep's tip: each appears
    // once. Sorted by character code (P before Q).
    expect(referencedLabels(c)).toEqual([
      'G_B',
      'G_O',
      'G_R',
      'N_B',
      'N_F',
      'P_C',
      'P_I',
      'P_M',
      'P_U',
      'Q_Same',
      'R_1',
      'R_2',
      'R_3',
      'R_4',
      'S_O',
      'S_R',
      'S_T',
      'T_A',
      'T_C',
      'T_I',
      'T_M',
      'T_U',
      'W_A'
    ]);
  });

  it('freezes a whole object graph, cycles included', () => {
    const inner = { n: 1, list: [{ deep: true }] };
    const outer: Record<string, unknown> = { inner, text: 'x', none: null };
    outer.self = outer;
    expect(deepFreeze(outer)).toBe(outer);
    expect(Object.isFrozen(outer)).toBe(true);
    expect(Object.isFrozen(inner)).toBe(true);
    expect(Object.isFrozen(inner.list)).toBe(true);
    expect(Object.isFrozen(inner.list[0])).toBe(true);
    expect(deepFreeze(7)).toBe(7);
    expect(deepFreeze(null)).toBeNull();
  });
});
