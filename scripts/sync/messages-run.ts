/**
 * What the sync does for the programme messages after scoring: propose the week's quick wins
 * (unless a dry run) and, when asked, write the weekly digest. An org where Adoption Coach's
 * message objects are not deployed yet (an older deploy) is said so once and skipped.
 */
import type { Audience } from './plan';
import type { Connection } from 'jsforce';
import type { CoachingConfig } from '../engine';
import { writeDigests } from './digest';
import { draftQuickWins } from './quick-wins';

export interface MessagesRunOptions {
  asOf: string;
  dryRun: boolean;
  audience: Audience;
  /** Write the digest here; undefined: no digest. */
  digestDir?: string;
  digestFrom: string;
  log: (line: string) => void;
}

/** Whether an error says the object is not in the org (not deployed, or no access to it). */
function isMissingObject(e: unknown): boolean {
  const code = (e as { errorCode?: string; name?: string }).errorCode ?? (e as Error).name;
  return code === 'INVALID_TYPE' || code === 'NOT_FOUND';
}

export async function proposeAndDigest(
  conn: Connection,
  config: CoachingConfig,
  options: MessagesRunOptions
): Promise<{ proposed: number; digests: number; failed: number }> {
  let proposed = 0;
  let failed = 0;
  let digests = 0;
  try {
    const wins = await draftQuickWins(conn, config, {
      asOf: options.asOf,
      audience: options.audience,
      dryRun: options.dryRun,
      log: options.log
    });
    proposed = wins.proposals.length;
    failed += wins.failures.length;
    options.log(
      `quick wins: ${proposed} ${options.dryRun ? 'would be ' : ''}proposed from ${wins.wonDeals} deals won in the last ${config.messages.quickWinLookbackDays} days`
    );
    for (const f of wins.failures)
      options.log(`  failed Quick_Win__c ${f.key}: ${f.errorCode} ${f.message}`);
  } catch (e) {
    if (!isMissingObject(e)) throw e;
    options.log(`quick wins skipped: ${(e as Error).message}`);
  }
  if (options.digestDir !== undefined) {
    try {
      const result = await writeDigests(conn, config, {
        asOf: options.asOf,
        dir: options.digestDir,
        audience: options.audience,
        from: options.digestFrom,
        log: options.log
      });
      digests = result.files.length;
      options.log(`digest: ${digests} e-mails in ${options.digestDir}`);
    } catch (e) {
      if (!isMissingObject(e)) throw e;
      options.log(`digest skipped: ${(e as Error).message}`);
    }
  }
  return { proposed, digests, failed };
}
