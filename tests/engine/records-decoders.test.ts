import { decodeRollup, decodeSnapshotInsights } from '../../scripts/engine';
import { decodeQuestions } from '../../scripts/engine/records';

// The decoders of the rows the sync writes, given what a hand edit, another tool or a field
// of the wrong type can leave in them: never a crash, never a value of the wrong shape.
describe('decoding rows that are not what the sync wrote', () => {
  it('gives no question for a value that is not text, and keeps only questions with a text flag and label', () => {
    expect(decodeQuestions(42)).toEqual([]);
    expect(decodeQuestions(null)).toEqual([]);
    expect(decodeQuestions('   ')).toEqual([]);
    expect(
      decodeQuestions(
        JSON.stringify([
          { flag: 'STALE' }, // no label
          { label: 'Coach_Q_Stale' }, // no flag
          { flag: 'STALE', label: 7 }, // a label that is not text
          { flag: 'PAST_DUE', label: 'Coach_Q_PastDue' }
        ])
      )
    ).toEqual([{ flag: 'PAST_DUE', label: 'Coach_Q_PastDue' }]);
  });

  it('reads stored insights only when they are a JSON object', () => {
    expect(decodeSnapshotInsights(42)).toBeNull(); // a number, not text
    expect(decodeSnapshotInsights(' ')).toBeNull();
    expect(decodeSnapshotInsights('42')).toBeNull(); // JSON, but a number
    expect(decodeSnapshotInsights('"statements"')).toBeNull(); // JSON, but text
    expect(decodeSnapshotInsights('[]')).toBeNull(); // JSON, but a list
    expect(decodeSnapshotInsights('null')).toBeNull();
    expect(decodeSnapshotInsights('{"v":1,"statements":[]}')).toEqual({ v: 1, statements: [] });
  });

  it('calls a rollup at its target only with both figures, at or over the target', () => {
    const reached = (pct: unknown, target: unknown) =>
      decodeRollup({ Scope__c: 'Org', Tipping_Point__c: pct, Target__c: target }).reached;
    expect(reached(45, 45)).toBe(true); // exactly at the target
    expect(reached('50', '45')).toBe(true); // numbers stored as text
    expect(reached(44.9, 45)).toBe(false);
    expect(reached(50, null)).toBe(false); // no target stored
    expect(reached(null, 0)).toBe(false); // no tipping point, even against a target of 0
    expect(reached(null, '0')).toBe(false);
  });

  it('reads each nudge answer count from its own field', () => {
    const r = decodeRollup({
      Scope__c: 'Team',
      Nudges_Fixed__c: 5,
      Nudges_Snoozed__c: '3',
      Nudges_Dismissed__c: 2
    });
    expect(r.nudges).toEqual({ Fixed: 5, Snoozed: 3, Dismissed: 2 });
    expect(r.scope).toBe('Team');
    expect(decodeRollup({ Scope__c: 'Something else' }).scope).toBe('Team');
  });
});
