import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleProblems, compileBundles } from '../../scripts/metadata/validate';

const ROOT = resolve(__dirname, '..', '..');
const LWC = resolve(ROOT, 'force-app', 'main', 'default', 'lwc');

describe('Lightning web component bundles', () => {
  const results = compileBundles(LWC);

  it('compiles every bundle with the platform compiler, referencing only modules that exist', () => {
    expect(results.map((r) => r.name)).toEqual(readdirSync(LWC).sort());
    expect(bundleProblems(ROOT, results)).toEqual([]);
  });

  it('keeps each bundle under 50 KB of JavaScript', () => {
    // The generated engine bundle is committed readable; its minified size is held under 30 KB
    // by the engine tests.
    const large = results.filter((r) => r.name !== 'coachEngine' && r.jsBytes >= 50 * 1024);
    expect(large.map((r) => [r.name, r.jsBytes])).toEqual([]);
  });
});
