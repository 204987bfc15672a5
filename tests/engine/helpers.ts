import { loadConfigFile } from '../../scripts/build/load-config';
import type { CoachingConfig } from '../../scripts/engine';

/** The shipped config, validated exactly as the build validates it (labels included). */
export const config: CoachingConfig = loadConfigFile();

/** A deep copy of the shipped config to change in a test. */
export function configCopy(): CoachingConfig {
  return JSON.parse(JSON.stringify(config)) as CoachingConfig;
}
