// The platform's LWC compiler (@lwc/sfdc-lwc-compiler) is a tool of its own (tools/lwc-compiler,
// see scripts/build/tools.mjs): installed on first use, then loaded from there.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTool, toolDir } from '../build/tools.mjs';

/** The compiler's module ({ compile, ... }), installing tools/lwc-compiler first if need be. */
export async function lwcCompiler() {
  ensureTool('lwc-compiler');
  const require = createRequire(join(toolDir('lwc-compiler'), 'package.json'));
  return import(pathToFileURL(require.resolve('@lwc/sfdc-lwc-compiler')).href);
}
