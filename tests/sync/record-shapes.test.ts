import { loadConfigFile } from '../../scripts/build/load-config';
import type { CoachingConfig, FieldRule } from '../../scripts/engine';
import { startLocalOrg } from '../../scripts/local-org';
import { Api, type Query } from '../../scripts/sync/api';
import { runSync } from '../../scripts/sync/sync';
// The one change: a completeness rule on Opportunity.Probability, a field nothing read before.
// The component test (recordCoach/__tests__/recordShapes.test.js) makes the same change.
import PROBABILITY_RULE from './data/probability-rule.json';
import { connect } from '../support/connect';

const NOW = new Date('2026-11-20T18:00:00Z');
const AS_OF = '2026-11-20';

function withProbabilityRule(): CoachingConfig {
  const config = JSON.parse(JSON.stringify(loadConfigFile())) as CoachingConfig;
  config.objects.Opportunity.rules.push(PROBABILITY_RULE as FieldRule);
  return config;
}

/** Runs the sync with `config` on the demo org, changed by `change`; the SOQL it sent. */
async function run(config: CoachingConfig, probability: 'readable' | 'hidden') {
  const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
  // The demo org's Opportunity has no Probability; as an org where the sync's user can read it:
  // a number field like Amount under that name, required (so without field-level security).
  if (probability === 'readable') {
    const schema = org.store.describe('Opportunity')!;
    const amount = schema.fields.find((f) => f.name === 'Amount')!;
    schema.fields.push({
      ...amount,
      name: 'Probability',
      label: 'Probability (%)',
      nillable: false
    });
  }
  const conn = connect(org, org.accessToken);
  const sent: string[] = [];
  const open = jest.spyOn(Api.prototype, 'openQueries');
  const lines: string[] = [];
  try {
    await runSync(conn, { config, asOf: AS_OF, dryRun: true, log: (l) => lines.push(l) });
    for (const [queries] of open.mock.calls) sent.push(...(queries as Query[]).map((q) => q.soql));
  } finally {
    open.mockRestore();
    await org.close();
  }
  const deals = sent.find((q) => / FROM Opportunity WHERE /.test(q) && q.startsWith('SELECT Id,'));
  return { deals: deals ?? '', lines };
}

describe('one record shape, from the config to the SOQL and the field check', () => {
  it('a rule on a new field adds it to the deals query and to the optional fields checked', async () => {
    const before = await run(loadConfigFile(), 'readable');
    expect(before.deals).toMatch(/^SELECT Id, .*, Description FROM Opportunity WHERE/);
    expect(before.deals).not.toContain('Probability');

    const after = await run(withProbabilityRule(), 'readable');
    // The required deal fields, then the optional ones present: Name, LeadSource, Type,
    // Description as before, and now Probability.
    expect(after.deals).toMatch(/, Description, Probability FROM Opportunity WHERE/);

    // The field check follows too: without the field, it says so and the run goes on.
    const hidden = await run(withProbabilityRule(), 'hidden');
    expect(hidden.lines).toContain(
      'field check: Opportunity.Probability missing or not readable; scoring goes on without them'
    );
    expect(hidden.deals).not.toContain('Probability');
  });
});
