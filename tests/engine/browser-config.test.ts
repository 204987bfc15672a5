import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BROWSER_CONFIG_SECTIONS,
  browserConfig,
  type BrowserConfig
} from '../../scripts/engine/browser-config';
import {
  ADOPTION_STAGES,
  RISK_FLAGS,
  SOBJECT_NAMES,
  buildCoachingAgenda,
  buildGovernanceView,
  decodeDealInsight,
  feedbackByRule,
  nextRungNeeds,
  nudgeCandidates,
  recordFieldNames,
  scoreCompleteness,
  scorecardScore,
  selectMessages,
  selectNudges,
  trainingOffers,
  trainingUrlOf
} from '../../scripts/engine';
import { assessDealRisk } from '../../scripts/engine/risk';
import { config, configCopy, openDeal } from './helpers';

/** Keys that name a rung, a flag or an object: one path for all of them ('*'). */
const KEYED = new Set<string>([...ADOPTION_STAGES, ...RISK_FLAGS, ...SOBJECT_NAMES]);

function childPath(path: string, key: string, inArray: boolean): string {
  if (inArray) return `${path}[]`;
  const name = KEYED.has(key) ? '*' : key;
  return path === '' ? name : `${path}.${name}`;
}

/**
 * `value` behind proxies that note the path of every field read (`get`, `in`), array items as
 * `[]` and keyed entries as `*`: 'objects.*.rules[].field'.
 */
function recording<T>(value: T, read: Set<string>, path = ''): T {
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || (isArray && !/^\d+$/.test(key))) return v;
      const p = childPath(path, key, isArray);
      read.add(p);
      return recording(v, read, p);
    },
    has(target, key) {
      if (typeof key === 'string') read.add(childPath(path, key, isArray));
      return Reflect.has(target, key);
    }
  }) as T;
}

/** The path of every value in `value` that is not an object (arrays of values are one value). */
function leafPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value.some((v) => v !== null && typeof v === 'object')) {
      for (const v of value) leafPaths(v, childPath(path, '', true), out);
    } else out.add(path);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leafPaths(v, childPath(path, k, false), out);
  } else out.add(path);
  return out;
}

/** The config paths the components read themselves: `COACHING_CONFIG.a.b` → 'a.b'. */
function componentReads(): string[] {
  const lwc = resolve(__dirname, '..', '..', 'force-app', 'main', 'default', 'lwc');
  const paths = new Set<string>();
  for (const file of readdirSync(lwc, { recursive: true }) as string[]) {
    if (!file.endsWith('.js') || file.startsWith('coachEngine') || file.includes('__tests__'))
      continue;
    const text = readFileSync(join(lwc, file), 'utf8');
    for (const m of text.matchAll(/COACHING_CONFIG((?:\.\w+)+)/g)) paths.add(m[1].slice(1));
  }
  return [...paths];
}

/**
 * Runs every engine function the components call, with inputs that take each branch that reads
 * the config, on `part`. What each reads is noted by `recording`.
 */
function runBrowserEngine(part: BrowserConfig): void {
  const asOf = '2024-03-01';
  // Completeness on each object with every rule's value present and readable, so each check
  // (and a oneOf check's values, a fresh rule's age) is read; openDeal is past Qualification
  // and open, so the next step's stage and the open-only rules are read too.
  const records = {
    Opportunity: openDeal,
    Account: { Phone: '+1 415 555 0100', NumberOfEmployees: 5, LastActivityDate: '2024-02-01' },
    Contact: { Email: 'a@b.co', Phone: '555 0100 123', LastActivityDate: '2024-02-01' },
    Lead: { Email: 'a@b.co', Phone: '555 0100 123', Status: 'Working - Contacted' }
  };
  for (const name of SOBJECT_NAMES) {
    const scored = scoreCompleteness(part, name, records[name], { asOf });
    nudgeCandidates(part, name, '001', { completeness: scored });
    recordFieldNames(part, name);
  }
  const candidates = nudgeCandidates(part, 'Opportunity', '006A', {
    completeness: scoreCompleteness(part, 'Opportunity', openDeal, { asOf }),
    // No contact roles: NO_CONTACT_ROLE and NO_DECISION_MAKER, the flag nudges' conditions.
    risk: assessDealRisk(config, { opportunity: openDeal, contactRoles: [] }, asOf)
  });
  // A fix, a dismissal and no budget given: the quiet days, the reshow schedule and the daily
  // budget are read.
  selectNudges(part, {
    candidates,
    asOf,
    shownToday: 0,
    responses: [
      { Nudge_Key__c: '006A', Action__c: 'Fixed', CreatedDate: '2024-02-29T10:00:00Z' },
      {
        Nudge_Key__c: candidates[0].responseKey,
        Action__c: 'Fixed',
        CreatedDate: '2024-02-29T10:00:00Z'
      },
      {
        Nudge_Key__c: candidates[1].responseKey,
        Action__c: 'Dismissed',
        CreatedDate: '2024-02-29T10:00:00Z'
      }
    ]
  });
  // From Involvement, the next rung (Commitment) asks what every rung asks.
  nextRungNeeds(part, 'Involvement', {});
  // Completeness up, a rung climbed, a streak and most improved: every recognition label.
  const snapshot = (score: number, stage: string) => ({
    Period_Start__c: null,
    Adoption_Stage__c: stage,
    Weeks_Below_Stage__c: 0,
    Completeness_Score__c: score,
    Activities_Logged__c: 1,
    Win_Rate__c: null
  });
  buildCoachingAgenda(part, {
    deals: [],
    snapshots: [
      snapshot(90, 'Acceptance'),
      snapshot(50, 'Understanding'),
      snapshot(50, 'Awareness')
    ],
    mostImproved: true
  });
  decodeDealInsight(part, { Risk_Flags__c: 'STALE' });
  buildGovernanceView(part, {
    asOf,
    periodStart: '2024-02-26',
    members: [],
    meetings: [],
    roadblocks: [],
    sessions: [],
    rollups: [],
    measures: []
  });
  // A rung dropped, an "I don't know how" and a user created yesterday: every kind of offer.
  trainingOffers(part, {
    asOf,
    userCreated: '2024-02-29',
    stage: 'Understanding',
    previousStage: 'Acceptance',
    dontKnowNudges: ['Opp_NextStep'],
    done: []
  });
  trainingUrlOf(part, 'Opp_NextStep');
  feedbackByRule(part, [], () => null);
  // A message shown once before: its reshow gap is read, then the daily allowance.
  selectMessages(part, {
    messages: [{ Id: 'm1', Status__c: 'Published', Audience_Type__c: 'Everyone' }],
    receipts: [{ Message__c: 'm1', Last_Shown__c: '2024-02-29T10:00:00Z', Times_Shown__c: 1 }],
    member: { userId: 'u', managerId: null, stage: null, missing: [], feedback: [] },
    asOf: '2024-03-01T12:00:00Z',
    shownToday: 0
  });
  scorecardScore(part, { people: 1, process: 1, technology: 1 });
}

describe('browserConfig', () => {
  it('keeps the sections the browser reads whole, and of the others the fields it reads', () => {
    const part = browserConfig(config);
    for (const key of BROWSER_CONFIG_SECTIONS) expect(part[key]).toBe(config[key]);
    expect(Object.keys(part).sort()).toEqual(
      [...BROWSER_CONFIG_SECTIONS, 'ladder', 'messages', 'risk'].sort()
    );
    for (const key of ['titles', 'wiifm', 'winRateWindowDays', 'version']) {
      expect(part).not.toHaveProperty(key);
    }
    // The shipped ladder: Understanding asks a login and 1 engagement; Acceptance 3 activities,
    // 60 % completeness, 50 % fresh; Involvement 1 coaching act; Commitment 5 activities, 80 %,
    // 80 % and 4 steady periods. Every other criterion is 0 or false and is left out.
    expect(part.ladder).toEqual({
      criteria: {
        Understanding: { requireLogin: true, minEngagements: 1 },
        Acceptance: { minActivities: 3, minCompleteness: 60, minFreshPct: 50 },
        Involvement: { minCoachingActs: 1 },
        Commitment: {
          minActivities: 5,
          minCompleteness: 80,
          minFreshPct: 80,
          minSteadyPeriods: 4
        }
      },
      tips: config.ladder.tips,
      repTips: config.ladder.repTips
    });
    expect(part.messages).toEqual({ reshowHours: [48, 96, 168], perDay: 1 });
    // Of deal risk, each flag's weight: STALE 3, PAST_DUE 3, NO_NEXT_STEP 2, PUSHED 2,
    // NO_CONTACT_ROLE 1, NO_DECISION_MAKER 2, STAGE_REGRESSED 2.
    expect(part.risk).toEqual({
      flags: {
        STALE: { weight: 3 },
        PAST_DUE: { weight: 3 },
        NO_NEXT_STEP: { weight: 2 },
        PUSHED: { weight: 2 },
        NO_CONTACT_ROLE: { weight: 1 },
        NO_DECISION_MAKER: { weight: 2 },
        STAGE_REGRESSED: { weight: 2 }
      }
    });
  });

  it('leaves out an optional section the config does not have', () => {
    const copy = configCopy();
    delete copy.governance;
    expect(browserConfig(copy)).not.toHaveProperty('governance');
  });

  it('keeps only fields the engine functions the components call, or the components, read', () => {
    const read = new Set<string>();
    runBrowserEngine(recording(browserConfig(configCopy()), read));
    const byComponents = componentReads();
    // The components read periodDays, tippingPointTargetPct, the scorecard weights, the nudge
    // budget and catalogue, the rep tips and the training paths themselves when written.
    expect(byComponents).toEqual(
      expect.arrayContaining(['tippingPointTargetPct', 'ladder.repTips', 'periodDays'])
    );
    const kept = [...leafPaths(browserConfig(config))];
    const unread = kept.filter(
      (leaf) =>
        !read.has(leaf) &&
        !byComponents.some(
          (p) => leaf === p || leaf.startsWith(`${p}.`) || leaf.startsWith(`${p}[`)
        )
    );
    expect(unread).toEqual([]);
    // A sample of the paths, worked out from the config's shape, so the walk above is not empty.
    expect(kept).toEqual(
      expect.arrayContaining([
        'objects.*.rules[].values',
        'nudges.catalogue[].condition.flag',
        'governance.objectives[].behaviours[].measures[].recognition',
        'ladder.criteria.*.minSteadyPeriods',
        'risk.flags.*.weight'
      ])
    );
    expect(kept.length).toBeGreaterThan(50);
  });

  it('is enough for the engine functions the components call', () => {
    // A fresh copy, so nothing the full config compiled is reused.
    const part = browserConfig(configCopy());
    // openDeal (helpers.ts) earns lead source 10 and description 5 of the 90 Opportunity points:
    // floor(100 × 15 / 90) = 16; its items are next step 20, activity 20 (stale), close date 15
    // (past), amount 15 (invalid: 0), type 5 (missing).
    const scored = scoreCompleteness(part, 'Opportunity', openDeal, { asOf: '2024-03-01' });
    expect(scored.score).toBe(16);
    expect(scored.items.map((i) => i.ruleId)).toEqual([
      'opp-next-step',
      'opp-activity',
      'opp-close-date',
      'opp-amount',
      'opp-type'
    ]);
    // The nudges of those rules, by priority: next step 90, close date 85, activity 80, amount
    // 60, details (type) 30.
    const candidates = nudgeCandidates(part, 'Opportunity', '006A', { completeness: scored });
    expect(candidates.map((c) => c.nudgeKey)).toEqual([
      'Opp_NextStep',
      'Opp_CloseDate',
      'Opp_Activity',
      'Opp_Amount',
      'Opp_Details'
    ]);
    // Budget 2 a day, nothing answered yet: the first two show.
    const selection = selectNudges(part, {
      candidates,
      responses: [],
      asOf: '2024-03-01',
      shownToday: 0,
      budget: 2
    });
    expect(selection.show.map((c) => c.nudgeKey)).toEqual(['Opp_NextStep', 'Opp_CloseDate']);
    // STALE 3 + PUSHED 2 (the shipped flag weights).
    expect(decodeDealInsight(part, { Risk_Flags__c: 'STALE;PUSHED' }).riskWeight).toBe(5);
    // Understanding needs a login and one engagement; neither is shown yet.
    expect(nextRungNeeds(part, 'Awareness', { loggedIn: false, engagements: 0 }).needs).toEqual([
      { criterion: 'login', target: 1 },
      { criterion: 'engagements', target: 1 }
    ]);
    // From Involvement, Commitment asks the highest of every rung (the criteria left out ask
    // nothing): the same needs as from the whole config (tests/engine/stage.test.ts), 5 of them.
    const needs = nextRungNeeds(part, 'Involvement').needs;
    expect(needs).toEqual(nextRungNeeds(config, 'Involvement').needs);
    expect(needs).toHaveLength(5);
  });
});
