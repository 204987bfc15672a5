import type { CoachingConfig } from './config-types';
import { requireDay, fromDayNumber } from './dates';
import { EVIDENCE_KINDS } from './constants';
import type { DateLike, EvidenceCell, EvidenceCounts, Insights, WiifmStatement } from './types';

function cell(): EvidenceCell {
  return { withWon: 0, withLost: 0, withoutWon: 0, withoutLost: 0 };
}

/** Evidence counters, all zero. */
export function emptyEvidence(): EvidenceCounts {
  return Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, cell()])) as EvidenceCounts;
}

/** Sum of evidence counters (a new object; the inputs are untouched; null/undefined skipped). */
export function mergeEvidence(...counts: (EvidenceCounts | null | undefined)[]): EvidenceCounts {
  const out = emptyEvidence();
  for (const c of counts) {
    if (!c) continue;
    for (const k of EVIDENCE_KINDS) {
      const a = out[k];
      const b = c[k];
      if (!b) continue;
      a.withWon += b.withWon;
      a.withLost += b.withLost;
      a.withoutWon += b.withoutWon;
      a.withoutLost += b.withoutLost;
    }
  }
  return out;
}

function statementFrom(
  c: EvidenceCell | undefined,
  minSample: number
): [number, number, number, number] | null {
  if (!c) return null;
  const withN = c.withWon + c.withLost;
  const withoutN = c.withoutWon + c.withoutLost;
  if (withN < minSample || withoutN < minSample || withN === 0 || withoutN === 0) return null;
  return [
    Math.round((100 * c.withWon) / withN),
    Math.round((100 * c.withoutWon) / withoutN),
    withN,
    withoutN
  ];
}

/**
 * WIIFM statements from closed-deal evidence: for each statement in the config, the rep's own
 * figures when both groups (with / without) hold at least wiifm.minSample closed deals, else
 * the team's, else the org's, else none. A statement is kept only when the figures favour the
 * behaviour (win rate with > without): the data must support what the nudge claims.
 */
export function buildInsights(
  config: CoachingConfig,
  evidence: { rep: EvidenceCounts; team?: EvidenceCounts | null; org?: EvidenceCounts | null },
  asOf: DateLike
): Insights {
  const min = Math.max(1, config.wiifm.minSample);
  const statements: WiifmStatement[] = [];
  const scopes = [
    ['rep', evidence.rep],
    ['team', evidence.team],
    ['org', evidence.org]
  ] as const;
  for (const def of config.wiifm.statements) {
    for (const [scope, counts] of scopes) {
      if (!counts) continue;
      const params = statementFrom(counts[def.evidence], min);
      if (params === null) continue;
      if (params[0] > params[1]) {
        statements.push({
          id: def.id,
          label: def.label,
          params,
          scope,
          scopeLabel: config.wiifm.scopeLabels[scope]
        });
      }
      break;
    }
  }
  return {
    v: 1,
    asOf: fromDayNumber(requireDay(asOf, 'asOf')),
    windowDays: config.winRateWindowDays,
    statements
  };
}
