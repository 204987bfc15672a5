/**
 * The Maven CRM dataset is not part of the repository: tests that need it find its folder through
 * ADOPTION_COACH_MAVEN_DIR (CI points it at its copy) and are skipped, saying how to run them,
 * when the variable is unset. Set to a folder without the files, they fail with the seed's
 * message naming the folder and the files expected.
 */
import { resolve } from 'node:path';
import { MAVEN_DIR_VARIABLE } from '../../scripts/local-org/seeds/maven';

const given = process.env[MAVEN_DIR_VARIABLE];

/** The dataset folder, absolute; undefined when the variable is unset. */
export const MAVEN_DIR: string | undefined = given ? resolve(given) : undefined;

const HOW =
  `set ${MAVEN_DIR_VARIABLE} to a folder holding the Maven CRM dataset's CSV files ` +
  '(README, "The Maven CRM dataset") to run these tests';

/** A describe title's ending that says the block is skipped and how to run it; '' when it runs. */
export const MAVEN_NOTE = MAVEN_DIR ? '' : ` (skipped: ${HOW})`;

if (!MAVEN_DIR) console.warn(`Maven CRM dataset tests skipped: ${HOW}`);
