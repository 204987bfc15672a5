import RecordCoach from 'c/recordCoach';
import { getRecord } from 'lightning/uiRecordApi';
import { cleanUp, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

// The same one change as tests/sync/record-shapes.test.ts: a completeness rule on
// Opportunity.Probability. The sync's SOQL and field check follow it there; the record page's
// fields follow it here, with nothing else changed.
const PROBABILITY_RULE = require('../../../../../../tests/sync/data/probability-rule.json');

jest.mock('c/coachEngine', () => {
  const engine = jest.requireActual('c/coachEngine');
  const config = JSON.parse(JSON.stringify(engine.COACHING_CONFIG));
  config.objects.Opportunity.rules.push(
    require('../../../../../../tests/sync/data/probability-rule.json')
  );
  return { ...engine, COACHING_CONFIG: config };
});

describe('c-record-coach reads the engine record shape', () => {
  afterEach(cleanUp);

  it('asks LDS for a field as soon as a rule of the config reads it', async () => {
    await mountComponent('c-record-coach', RecordCoach, {
      recordId: '006000000000001AAA',
      objectApiName: 'Opportunity'
    });
    const fields = getRecord.getLastConfig().optionalFields;
    expect(PROBABILITY_RULE.field).toBe('Probability');
    // The shipped rules' fields and the new one, after Description (the last shipped rule).
    expect(fields.slice(fields.indexOf('Opportunity.Description'))).toEqual([
      'Opportunity.Description',
      'Opportunity.Probability',
      'Opportunity.StageName',
      'Opportunity.IsClosed',
      'Opportunity.IsWon'
    ]);
  });
});
