/**
 * The icons the preview can show, compiled alone. lightning-base-components ships every SLDS
 * icon as an LWC template, one library per category (`lightning/iconSvgTemplatesUtility` and
 * the like, each with its right-to-left twin), which `lightning-primitive-icon` imports when an
 * icon of that category is first shown and then indexes by `<category>_<name>`. Compiling all
 * of them (1,727 icons, twice) was about half of the preview's build.
 *
 * An icon is shown only when its name reaches a base component's `icon-name`; every name is
 * written in full somewhere in the preview's sources: this project's components and the
 * preview's client (`utility:arrowup`, `standard:coaching`, …) and the base components' own
 * sources (a combobox's `utility:down`, …). So each library is built with the icons named in
 * those sources; a name outside them (one built at run time from parts) is reported in the
 * browser's console, naming the icon, where it would otherwise have been drawn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'rollup';

const LIBRARY = /^lightning\/(iconSvgTemplates(?:Utility|Standard|Action|Custom|Doctype)(?:Rtl)?)$/;
const ICON_NAME = /\b(utility|standard|action|custom|doctype):([a-z0-9_]+)\b/g;
const PREFIX = '\0preview-icons:';

/** Every file under `dir` (recursively) ending in .js or .html, less the folders `skip` rejects. */
function sources(dir: string, skip: (name: string) => boolean = () => false): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sources(path, skip));
    else if (/\.(js|html)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** The `<category>_<name>` keys of every icon name written in full in the given folders. */
export function iconKeys(dirs: string[], lbcModules: string): Set<string> {
  const files = [
    ...dirs.flatMap((d) => sources(d)),
    ...sources(lbcModules, (name) => name.startsWith('iconSvgTemplates'))
  ];
  const keys = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(ICON_NAME)) keys.add(`${m[1]}_${m[2]}`);
  }
  return keys;
}

/**
 * A library's module with only the `keys` it holds: its own templates (the same .html files,
 * compiled as before), as an object that warns of a name it does not hold.
 */
export function iconLibrarySource(templatesFile: string, library: string, keys: Set<string>) {
  const entries = [
    ...readFileSync(templatesFile, 'utf8').matchAll(
      /^import \{ default as (\w+) \} from '(\.\/[\w/-]+\.html)';$/gm
    )
  ].filter(([, key]) => keys.has(key));
  const imports = entries.map(
    ([, key, file]) =>
      `import ${key} from ${JSON.stringify(join(dirname(templatesFile), file).replace(/\\/g, '/'))};`
  );
  const missing = `lightning/${library} in the preview holds only the icons named in full in its sources; `;
  return [
    ...imports,
    `const templates = { ${entries.map(([, key]) => key).join(', ')} };`,
    'export default new Proxy(templates, {',
    '  get(held, key) {',
    "    if (typeof key === 'string' && !(key in held) && /^[a-z]+_/.test(key))",
    `      console.warn(${JSON.stringify(missing)} + 'not ' + key.replace('_', ':'));`,
    '    return held[key];',
    '  }',
    '});',
    ''
  ].join('\n');
}

/** The rollup plugin: each icon library with only the icons `keys` names. */
export function iconSubset(lbcModules: string, keys: Set<string>): Plugin {
  return {
    name: 'adoption-coach-icon-subset',
    resolveId(source) {
      return LIBRARY.test(source) ? PREFIX + source : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const library = LIBRARY.exec(id.slice(PREFIX.length))![1];
      const file = join(lbcModules, library, 'buildTemplates', 'templates.js');
      return iconLibrarySource(file, library, keys);
    }
  };
}
