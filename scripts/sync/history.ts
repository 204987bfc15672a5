/**
 * Weekly syncs for the weeks before `asOf`, then `asOf` itself: a fresh org gets the history the
 * ladder needs (it moves one rung a week) and the trends have a previous week to compare with.
 */
import type { Connection } from 'jsforce';
import type { CoachingConfig } from '../engine';
import { runSync, type SyncSummary } from './sync';

export async function syncWithHistory(
  conn: Connection,
  options: { config: CoachingConfig; asOf: string; weeks: number; log?: (line: string) => void }
): Promise<SyncSummary> {
  const { config, asOf, weeks, log } = options;
  for (let k = weeks; k >= 1; k--) {
    const day = new Date(Date.parse(`${asOf}T00:00:00Z`) - k * 7 * 86400000)
      .toISOString()
      .slice(0, 10);
    const week = await runSync(conn, { config, asOf: day });
    log?.(`week of ${week.periodStart}: ${week.written} rows written`);
  }
  return runSync(conn, { config, asOf, log });
}
