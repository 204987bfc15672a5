import { scoreCompleteness } from '../../scripts/engine';
import { validateConfig } from '../../scripts/engine/config-schema';
import type { CompletenessResult } from '../../scripts/engine';
import type { SObjectName } from '../../scripts/engine/constants';
import { config, configWithRule, openDeal } from './helpers';

/** The completeness of one record of `object` on `asOf`, under the shipped config. */
const score = (object: SObjectName, row: Record<string, unknown>, asOf: string) =>
  scoreCompleteness(config, object, row, { asOf });
/** The items a result lists, each as its rule and why: missing, stale or invalid. */
const reasons = (r: CompletenessResult) => r.items.map((i) => [i.ruleId, i.reason]);

describe('scoreCompleteness', () => {
  it('scores an open deal with missing, stale and invalid items (floor of 100 × earned ÷ applicable)', () => {
    const r = scoreCompleteness(config, 'Opportunity', openDeal, { asOf: '2024-03-01' });
    // Earned: lead source 10 + description 5 = 15 of 90 → floor(16.67) = 16.
    expect(r.score).toBe(16);
    expect(r.earnedWeight).toBe(15);
    expect(r.applicableWeight).toBe(90);
    expect(r.items).toEqual([
      {
        ruleId: 'opp-next-step',
        field: 'NextStep',
        weight: 20,
        reason: 'missing',
        nudgeKey: 'Opp_NextStep'
      },
      {
        ruleId: 'opp-activity',
        field: 'LastActivityDate',
        weight: 20,
        reason: 'stale',
        nudgeKey: 'Opp_Activity'
      },
      {
        ruleId: 'opp-close-date',
        field: 'CloseDate',
        weight: 15,
        reason: 'invalid',
        nudgeKey: 'Opp_CloseDate'
      },
      {
        ruleId: 'opp-amount',
        field: 'Amount',
        weight: 15,
        reason: 'invalid',
        nudgeKey: 'Opp_Amount'
      },
      { ruleId: 'opp-type', field: 'Type', weight: 5, reason: 'missing', nudgeKey: 'Opp_Details' }
    ]);
    expect(r.hiddenFields).toEqual([]);
    // Items are shared and frozen: a second score of the same deal lists the same objects in a
    // list of its own.
    const again = scoreCompleteness(config, 'Opportunity', openDeal, { asOf: '2024-03-01' });
    expect(again.items).not.toBe(r.items);
    again.items.forEach((item, i) => expect(item).toBe(r.items[i]));
    expect(r.items.every((item) => Object.isFrozen(item))).toBe(true);
  });

  it('is fresh on the last allowed day and the close date may be today (leap day)', () => {
    // 2024-02-15 → 2024-02-29 is 14 days: still fresh. CloseDate 2024-02-29 = asOf: valid.
    const r = scoreCompleteness(config, 'Opportunity', openDeal, { asOf: '2024-02-29T23:59:00Z' });
    expect(r.items.map((i) => i.ruleId)).toEqual(['opp-next-step', 'opp-amount', 'opp-type']);
    expect(r.score).toBe(55); // (20 + 15 + 10 + 5) = 50 of 90 → 55.5 → 55
  });

  it('counts an asOf datetime on its UTC day', () => {
    // 2024-03-01T01:00+02:00 is 2024-02-29T23:00Z: same as the leap day.
    const r = scoreCompleteness(config, 'Opportunity', openDeal, {
      asOf: '2024-03-01T01:00:00+02:00'
    });
    expect(r.score).toBe(55);
  });

  it('leaves fields the user cannot see out of the score, never counting them missing', () => {
    const visible = Object.keys(openDeal).filter((f) => f !== 'NextStep' && f !== 'Amount');
    const r = scoreCompleteness(config, 'Opportunity', openDeal, {
      asOf: '2024-03-01',
      visibleFields: new Set(visible)
    });
    // Applicable 90 − 20 − 15 = 55; earned 15 → floor(27.27) = 27.
    expect(r.applicableWeight).toBe(55);
    expect(r.score).toBe(27);
    expect(r.hiddenFields).toEqual(['NextStep', 'Amount']);
    expect(r.items.map((i) => i.field)).not.toContain('NextStep');
  });

  it('treats a field absent from the record as not visible when no visible set is given', () => {
    const r = scoreCompleteness(config, 'Opportunity', { Amount: 250 }, { asOf: '2024-03-01' });
    expect(r.score).toBe(100);
    expect(r.applicableWeight).toBe(15);
    expect(r.hiddenFields).toEqual([
      'NextStep',
      'LastActivityDate',
      'CloseDate',
      'LeadSource',
      'Type',
      'Description'
    ]);
  });

  it('returns null, not 0 or 100, when no rule applies', () => {
    const r = scoreCompleteness(config, 'Opportunity', openDeal, {
      asOf: '2024-03-01',
      visibleFields: []
    });
    expect(r.score).toBeNull();
    expect(r.items).toEqual([]);
  });

  it('applies open-only rules to open deals only; a negative amount is invalid on a closed deal', () => {
    const won = {
      ...openDeal,
      IsClosed: true,
      IsWon: true,
      StageName: 'Closed Won',
      Amount: -10,
      LeadSource: ' '
    };
    const r = score('Opportunity', won, '2024-03-01');
    // Applicable: amount 15 + lead source 10 + type 5 + description 5 = 35; earned 5.
    expect(r.applicableWeight).toBe(35);
    expect(r.score).toBe(14);
    expect(reasons(r)).toEqual([
      ['opp-amount', 'invalid'],
      ['opp-lead-source', 'missing'],
      ['opp-type', 'missing']
    ]);
  });

  it('uses the stage to tell open from closed when IsClosed is absent; an unknown stage is not guessed', () => {
    const { IsClosed: _c, IsWon: _w, ...noFlags } = openDeal;
    const unknown = score('Opportunity', { ...noFlags, StageName: 'Mystery' }, '2024-03-01');
    expect(unknown.applicableWeight).toBe(35);
    const lost = score('Opportunity', { ...noFlags, StageName: 'Closed Lost' }, '2024-03-01');
    expect(lost.applicableWeight).toBe(35);
    const open = score('Opportunity', { ...noFlags, StageName: 'Qualification' }, '2024-03-01');
    expect(open.applicableWeight).toBe(90);
  });

  it('requires the next step only from Qualification on', () => {
    const stage = (fields: Record<string, unknown>) =>
      score('Opportunity', { ...openDeal, ...fields }, '2024-03-01');
    const prospecting = stage({ StageName: 'Prospecting' });
    expect(prospecting.applicableWeight).toBe(70);
    expect(prospecting.items.map((i) => i.ruleId)).not.toContain('opp-next-step');
    const qualification = stage({ StageName: 'Qualification', NextStep: 'Demo on Friday' });
    expect(qualification.applicableWeight).toBe(90);
    expect(qualification.items.map((i) => i.ruleId)).not.toContain('opp-next-step');
  });

  it('scores a lead: unknown picklist value is invalid and leaves the open-only rule out', () => {
    const lead = {
      Email: 'ana@example.com',
      Company: '  ',
      Phone: '12345',
      Title: 'CEO',
      LeadSource: 'Web',
      Status: 'Bogus',
      IsConverted: false,
      LastActivityDate: '2024-02-20T23:30:00-02:00'
    };
    const r = score('Lead', lead, '2024-02-28');
    // Applicable 25+20+15+10+10+10 = 90 (lead-activity is open-only; the status is unknown).
    // Earned: email 25, title 10, source 10 = 45 → 50.
    expect(r.score).toBe(50);
    expect(reasons(r)).toEqual([
      ['lead-company', 'missing'],
      ['lead-phone', 'invalid'],
      ['lead-status', 'invalid']
    ]);
  });

  it('checks lead freshness on the UTC day of a datetime', () => {
    const base = {
      Email: 'ana@example.com',
      Company: 'Acme',
      Phone: '12345',
      Title: 'CEO',
      LeadSource: 'Web',
      Status: 'Working - Contacted',
      IsConverted: false
    };
    // 2024-02-20T23:30-02:00 = 2024-02-21T01:30Z: 7 days before 2024-02-28 → fresh.
    const lead = (fields: Record<string, unknown>) =>
      score('Lead', { ...base, ...fields }, '2024-02-28');
    const fresh = lead({ LastActivityDate: '2024-02-20T23:30:00-02:00' });
    expect(fresh.score).toBe(85); // 100 applicable, phone 15 lost
    // 2024-02-20T21:30-02:00 = 2024-02-20T23:30Z: 8 days → stale.
    const stale = lead({ LastActivityDate: '2024-02-20T21:30:00-02:00' });
    expect(stale.score).toBe(75);
    expect(stale.items[1]).toEqual({
      ruleId: 'lead-activity',
      field: 'LastActivityDate',
      weight: 10,
      reason: 'stale',
      nudgeKey: 'Lead_FollowUp'
    });
    const converted = lead({ IsConverted: true, LastActivityDate: null });
    expect(converted.applicableWeight).toBe(90);
  });

  it('scores contacts and accounts: e-mail, phone, blank date, negative and unparseable values', () => {
    const contact = {
      Email: 'not-an-email',
      Title: 'CTO',
      AccountId: '001A',
      Phone: '+1 (415) 555-0100',
      LastActivityDate: null
    };
    const c = score('Contact', contact, '2024-03-01');
    expect(c.score).toBe(60);
    expect(reasons(c)).toEqual([
      ['con-email', 'invalid'],
      ['con-activity', 'stale']
    ]);

    const account = {
      Industry: ' ',
      BillingCountry: '',
      Phone: null,
      Website: '\t',
      NumberOfEmployees: -5,
      LastActivityDate: 'last week'
    };
    const a = score('Account', account, '2024-03-01');
    expect(a.score).toBe(0);
    expect(reasons(a)).toEqual([
      ['acc-industry', 'missing'],
      ['acc-activity', 'invalid'],
      ['acc-country', 'missing'],
      ['acc-phone', 'missing'],
      ['acc-website', 'missing'],
      ['acc-employees', 'invalid']
    ]);
    const good = scoreCompleteness(
      config,
      'Account',
      {
        ...account,
        Industry: 'Retail',
        BillingCountry: 'Kenya',
        Phone: '020 123 4567 ext 12',
        Website: 'acme.example',
        NumberOfEmployees: '250',
        LastActivityDate: '2023-12-02'
      },
      { asOf: '2024-03-01' }
    );
    // 2023-12-02 → 2024-03-01 is 90 days: still fresh.
    expect(good.score).toBe(100);
  });

  it('refuses a missing asOf with a clear error', () => {
    expect(() => scoreCompleteness(config, 'Contact', {}, { asOf: '' })).toThrow('asOf must be');
  });
});

// Account rules in the shipped config: acc-industry 20, acc-country 15, acc-phone 15 (valid
// phone), acc-website 10, acc-employees 10 (> 0), acc-activity 20 (fresh 90 days): 90 in all.
describe('scoreCompleteness: visibility, stages and order', () => {
  const asOf = '2024-03-01';

  it('lists the heaviest missing item first even when it comes last in the config', () => {
    const account = {
      Industry: 'Energy',
      BillingCountry: 'Norway',
      Phone: '+47 22 33 44 55', // 10 digits: valid
      Website: null,
      NumberOfEmployees: 50,
      LastActivityDate: '2023-01-01' // 425 days before 2024-03-01: stale
    };
    const r = scoreCompleteness(config, 'Account', account, { asOf });
    // Earned 20 + 15 + 15 + 10 = 60 of 90 → floor(66.67) = 66. Website (10) comes before the
    // activity (20) in the config; heaviest first puts the activity first.
    expect(r.score).toBe(66);
    expect(r.items.map((i) => [i.ruleId, i.weight, i.reason])).toEqual([
      ['acc-activity', 20, 'stale'],
      ['acc-website', 10, 'missing']
    ]);
  });

  it('counts a key held with no value as visible and missing, a key not held as hidden', () => {
    const r = scoreCompleteness(
      config,
      'Account',
      { Industry: 'Energy', Website: undefined },
      { asOf }
    );
    // Industry 20 earned, Website 10 missing: 20 of 30 → 66; the four other fields are hidden.
    expect(r.score).toBe(66);
    expect(r.items.map((i) => i.ruleId)).toEqual(['acc-website']);
    expect(r.hiddenFields).toEqual([
      'BillingCountry',
      'Phone',
      'NumberOfEmployees',
      'LastActivityDate'
    ]);
  });

  it('names a hidden field once when two rules read it', () => {
    const c = configWithRule('Account', {
      id: 'acc-phone-given',
      type: 'required',
      field: 'Phone',
      weight: 5
    });
    const valid = validateConfig(c);
    expect(valid.ok).toBe(true);
    const r = scoreCompleteness(
      valid.ok ? valid.config : c,
      'Account',
      { Industry: 'Energy' },
      { asOf }
    );
    expect(r.score).toBe(100); // only the industry applies: 20 of 20
    expect(r.hiddenFields).toEqual([
      'BillingCountry',
      'Phone',
      'Website',
      'NumberOfEmployees',
      'LastActivityDate'
    ]);
  });

  it('applies a from-stage rule only when the stage can be seen and is known', () => {
    // opp-next-step (20) applies from Qualification on; Negotiation/Review is later.
    const deal = {
      StageName: 'Negotiation/Review',
      IsClosed: false,
      NextStep: '',
      LeadSource: 'Web'
    };
    const seen = scoreCompleteness(config, 'Opportunity', deal, {
      asOf,
      visibleFields: ['NextStep', 'LeadSource', 'StageName']
    });
    // Next step missing (20), lead source earned (10): 10 of 30 → 33.
    expect([seen.score, seen.applicableWeight]).toEqual([33, 30]);
    // The stage field not visible to the user: the rule cannot be judged and does not apply.
    const unseen = scoreCompleteness(config, 'Opportunity', deal, {
      asOf,
      visibleFields: ['NextStep', 'LeadSource']
    });
    expect([unseen.score, unseen.applicableWeight, unseen.items]).toEqual([100, 10, []]);
    // A stage the config does not list (an open deal, by IsClosed): the rule does not apply.
    const unknown = scoreCompleteness(
      config,
      'Opportunity',
      { ...deal, StageName: 'Mystery' },
      { asOf, visibleFields: ['NextStep', 'LeadSource', 'StageName'] }
    );
    expect([unknown.score, unknown.applicableWeight]).toEqual([100, 10]);
  });
});
