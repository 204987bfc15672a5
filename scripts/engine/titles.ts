import type { CoachingConfig } from './config-types';
import { compilePeople, type CompiledPeople } from './compiled';
import type { TitleClass } from './types';
import { remember } from './values';

const UNKNOWN = 'Unknown';

/** Lower case, punctuation to single spaces: 'Sr. VP, Sales Ops' → 'sr vp sales ops'. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim();
}

function firstMatch(list: { value: string; res: RegExp[] }[], text: string): string {
  for (const entry of list) {
    for (const re of entry.res) if (re.test(text)) return entry.value;
  }
  return UNKNOWN;
}

const CACHE_LIMIT = 10_000;

/** Seniority of a title (as classifyTitle), memoised per config for the hot deal-risk path. */
export function titleSeniority(config: CoachingConfig, title: unknown): string {
  return seniorityOf(compilePeople(config), title);
}

/** titleSeniority under a config already compiled (the deal-risk path compiles it once). */
export function seniorityOf(compiled: CompiledPeople, title: unknown): string {
  if (typeof title !== 'string') return UNKNOWN;
  const cache = compiled.seniorityCache;
  const v = cache.get(title);
  if (v !== undefined) return v;
  const text = normaliseTitle(title);
  return remember(
    cache,
    CACHE_LIMIT,
    title,
    text === '' ? UNKNOWN : firstMatch(compiled.titleSeniorities, text)
  );
}

/**
 * Function and seniority of a job title from the config's codeframe: the first pattern that
 * matches the normalised title wins. Blank or unmatched: 'Unknown', never a guess.
 * 'Sr. VP, Sales Ops' → Sales / VP; 'CTO' → Technology / C-level.
 */
export function classifyTitle(config: CoachingConfig, title: unknown): TitleClass {
  if (typeof title !== 'string') return { function: UNKNOWN, seniority: UNKNOWN };
  const text = normaliseTitle(title);
  if (text === '') return { function: UNKNOWN, seniority: UNKNOWN };
  const compiled = compilePeople(config);
  return {
    function: firstMatch(compiled.titleFunctions, text),
    seniority: firstMatch(compiled.titleSeniorities, text)
  };
}
