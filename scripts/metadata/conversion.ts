/** The deployment's shape: source-deploy-retrieve converts force-app as `sf project deploy` would. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { toolRequire } from '../common/tools';
import { list, parser, relPath, text, walk } from './schema';
import type { Problem } from './validate';

/**
 * source-deploy-retrieve resolves force-app and converts it to Metadata API format: every
 * source component is listed in the package.xml; no test or TypeScript file is converted.
 */
export async function checkConversion(rootArg: string): Promise<Problem[]> {
  const root = resolve(rootArg);
  // source-deploy-retrieve comes with the Salesforce CLI tool (tools/sf-cli), installed on first use.
  const { ComponentSet, MetadataConverter } = toolRequire('sf-cli')(
    '@salesforce/source-deploy-retrieve'
  ) as typeof import('@salesforce/source-deploy-retrieve');
  const problems: Problem[] = [];
  const out = mkdtempSync(join(tmpdir(), 'adoption-coach-mdapi-'));
  try {
    const set = ComponentSet.fromSource(join(root, 'force-app'));
    const components = set.getSourceComponents().toArray();
    const result = await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: out,
      genUniqueDir: false
    });
    const dir = result.packagePath ?? out;
    const pkg = readFileSync(join(dir, 'package.xml'), 'utf8');
    const members = new Set<string>();
    const types = list(parser.parse(pkg).Package?.types) as Record<string, unknown>[];
    for (const t of types)
      for (const m of list(t.members)) members.add(`${text(t.name)}:${text(m)}`);
    for (const c of components) {
      // Folders are listed under the type they hold (ReportFolder → Report).
      const listedAs = [c.type.name, c.type.name.replace(/Folder$/, '')];
      if (
        !listedAs.some(
          (t) => members.has(`${t}:${c.fullName}`) || members.has(`${t}:${c.fullName}/`)
        )
      )
        problems.push({
          file: relPath(root, c.xml ?? c.content ?? ''),
          message: `${c.type.name} ${c.fullName} is missing from the converted package.xml`
        });
    }
    for (const f of walk(dir)) {
      if (f.includes(`${sep}__tests__${sep}`) || f.endsWith('.ts'))
        problems.push({
          file: relative(dir, f).split(sep).join('/'),
          message:
            'converted into the deployment although tests and TypeScript stay out (.forceignore)'
        });
    }
  } catch (e) {
    problems.push({
      file: 'force-app',
      message: `source-deploy-retrieve: ${(e as Error).message}`
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return problems;
}
