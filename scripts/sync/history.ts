/**
 * A sync run on an org with no snapshots yet, scoring the `weeks` earlier periods first from the
 * history the org records (the first sync's backfill, see SyncOptions.backfillPeriods), so the
 * ladder and the trends have the weeks before today.
 */
import type { Connection } from 'jsforce';
import type { CoachingConfig } from '../engine';
import { runSync, type SyncSummary } from './sync';

export async function syncWithHistory(
  conn: Connection,
  options: { config: CoachingConfig; asOf: string; weeks: number; log?: (line: string) => void }
): Promise<SyncSummary> {
  const { config, asOf, weeks, log } = options;
  return runSync(conn, { config, asOf, log, backfillPeriods: weeks });
}
