import type { CoachingConfig } from './config-types';
import type { TitleClass } from './types';

/** Function and seniority of a job title from the codeframe; 'Unknown' when nothing matches. */
export function classifyTitle(config: CoachingConfig, title: unknown): TitleClass {
  throw new Error('not implemented');
}
