/**
 * The preview's icon libraries hold the icons its sources name, and nothing else
 * (scripts/preview/icons.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { iconKeys, iconLibrarySource } from '../../scripts/preview/icons';

const ROOT = resolve(__dirname, '..', '..');
const LBC_MODULES = join(ROOT, 'node_modules/lightning-base-components/src/lightning');

describe('the icons the preview builds', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'adoption-coach-icons-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are the names written in full in the sources, less the libraries themselves', () => {
    write('lwc/card/card.html', '<lightning-card icon-name="standard:coaching"></lightning-card>');
    write('lwc/card/card.js', "const up = 'utility:arrowup'; const text = 'note: standard:x';");
    write('lwc/card/card.css', '.a { --icon: "utility:css_only"; }');
    write('lbc/combobox/combobox.js', "iconName = 'utility:down';");
    write('lbc/iconSvgTemplatesUtility/buildTemplates/templates.js', "'utility:every_icon'");
    // card.js names two icons (standard:x is a name too: the pattern cannot tell prose from a
    // name, and one icon too many only costs its compilation); .css is not read; the library's
    // own folder is skipped.
    expect([...iconKeys([join(dir, 'lwc')], join(dir, 'lbc'))].sort()).toEqual([
      'standard_coaching',
      'standard_x',
      'utility_arrowup',
      'utility_down'
    ]);
  });

  it('build a library from its own templates, the named ones only, warning of another', () => {
    const templates = join(dir, 'iconSvgTemplatesUtility', 'buildTemplates', 'templates.js');
    write(
      'iconSvgTemplatesUtility/buildTemplates/templates.js',
      [
        "import { default as utility_add } from './utility/add.html';",
        "import { default as utility_down } from './utility/down.html';",
        "import { default as utility_up } from './utility/up.html';",
        'export default { utility_add, utility_down, utility_up };'
      ].join('\n')
    );
    const source = iconLibrarySource(
      templates,
      'iconSvgTemplatesUtility',
      new Set(['utility_down', 'standard_goals'])
    );
    const down = join(dir, 'iconSvgTemplatesUtility/buildTemplates/utility/down.html');
    expect(source.split('\n').slice(0, 2)).toEqual([
      `import utility_down from ${JSON.stringify(down)};`,
      'const templates = { utility_down };'
    ]);
    expect(source).not.toMatch(/add\.html|up\.html/);
    // What the browser runs: the held icon, and a warning naming one not held.
    const body = source.replace(/^import .*\n/gm, '').replace('export default', 'return');
    const warnings: string[] = [];
    const library = new Function('utility_down', 'console', body)('TEMPLATE', {
      warn: (m: string) => warnings.push(m)
    });
    expect(library.utility_down).toBe('TEMPLATE');
    expect(library.utility_up).toBeUndefined();
    expect(warnings).toEqual([
      'lightning/iconSvgTemplatesUtility in the preview holds only the icons named in full in its sources; not utility:up'
    ]);
  });

  it("hold every icon this project's components name, each one an icon of SLDS", () => {
    mkdirSync(join(dir, 'none'));
    const keys = iconKeys([join(ROOT, 'force-app/main/default/lwc')], join(dir, 'none'));
    const held = new Set<string>();
    for (const category of ['Utility', 'Standard', 'Action', 'Custom', 'Doctype']) {
      const file = join(
        LBC_MODULES,
        `iconSvgTemplates${category}`,
        'buildTemplates',
        'templates.js'
      );
      for (const m of readFileSync(file, 'utf8').matchAll(/default as (\w+) \}/g)) held.add(m[1]);
    }
    // The cards' icons at least (standard:coaching on the 1:1 prep, the record coach, …).
    expect(keys).toContain('standard_coaching');
    expect([...keys].filter((k) => !held.has(k))).toEqual([]);
  });
});
