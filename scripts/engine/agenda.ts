import type { CoachingConfig } from './config-types';
import type { AgendaInput, CoachingAgenda } from './types';

/** 1:1 agenda: flagged deals by amount × risk, a question per flag, recognition, a tip. */
export function buildCoachingAgenda(config: CoachingConfig, input: AgendaInput): CoachingAgenda {
  throw new Error('not implemented');
}
