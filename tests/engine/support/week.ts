/**
 * The week the rollup tests score: Monday 2024-02-26 to Sunday 2024-03-03 (the period ends
 * before 03-04; 2024 is a leap year), asOf its last day. The win-rate window is the 365 days
 * ending at asOf: 2023-03-05 … 2024-03-03 (2024-02-29 is inside).
 */
import type { CoachingConfig, RepRollupInput } from '../../../scripts/engine';
import { createRepRollup } from '../../../scripts/engine/rollup';
import { config } from '../helpers';

export const periodStart = '2024-02-26';
export const asOf = '2024-03-03';

/** A rep's rollup of the week; `more` holds the input's other fields, as given (previous …). */
export function weekRollup(
  userId: string,
  managerId: string | null,
  more: Omit<RepRollupInput, 'userId' | 'managerId' | 'periodStart' | 'asOf'> = {},
  c: CoachingConfig = config
) {
  return createRepRollup(c, { userId, managerId, periodStart, asOf, ...more });
}

/** A closed deal's Opportunity row, won or lost on `close`, with other `fields`. */
export function closedDeal(
  id: string,
  won: boolean,
  close: string,
  fields: Record<string, unknown> = {}
) {
  return {
    Id: id,
    StageName: won ? 'Closed Won' : 'Closed Lost',
    IsClosed: true,
    IsWon: won,
    CloseDate: close,
    ...fields
  };
}

/**
 * OpportunityHistory rows that record close dates, one a `[day, close date]` pair: the row was
 * written at 09:00 UTC on `day`.
 */
export function closeDateMoves(...moves: [day: string, close: string | null][]) {
  return moves.map(([day, close]) => ({ CreatedDate: `${day}T09:00:00Z`, CloseDate: close }));
}
