import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * A one-component project, analysed by scripts/metadata/analyze.ts in a child process (the
 * analyzer's ESLint engine loads its configurations with dynamic imports, which jest's VM refuses).
 */
function analyze(js: string, dirs: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-analyze-'));
  dirs.push(dir);
  const files: Record<string, string> = {
    'force-app/main/default/lwc/card/card.js': js,
    'force-app/main/default/lwc/card/card.html': '<template><div class="out"></div></template>\n'
  };
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return spawnSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'scripts', 'metadata', 'analyze.ts'), dir],
    { encoding: 'utf8' }
  );
}

const card = (statement: string) => `import { LightningElement, api } from 'lwc';
export default class Card extends LightningElement {
  @api text;
  renderedCallback() {
    ${statement}
  }
}
`;

describe('Salesforce Code Analyzer', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('fails on a component that writes innerHTML (@lwc/lwc/no-inner-html, severity 2 High)', () => {
    const run = analyze(card("this.template.querySelector('.out').innerHTML = this.text;"), dirs);
    // The LWC base configuration's no-inner-html rule is tagged Recommended and Security, with
    // severity 2; the statement is on line 5 of card.js.
    expect(run.stderr).toMatch(
      /^force-app\/main\/default\/lwc\/card\/card\.js:5 eslint:@lwc\/lwc\/no-inner-html \(severity 2\) /m
    );
    expect(run.stdout).toMatch(/1 Critical: 0, 2 High: 1,/);
    expect(run.status).toBe(1);
  }, 120_000);

  it('passes the same component when it sets textContent', () => {
    const run = analyze(card("this.template.querySelector('.out').textContent = this.text;"), dirs);
    expect(run.stdout).toMatch(/1 Critical: 0, 2 High: 0,/);
    expect(run.status).toBe(0);
  }, 120_000);
});
