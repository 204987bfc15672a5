/**
 * The preview's static assets: the SLDS stylesheet and the page script are kept by the browser
 * and revalidated, so a second visit costs a 304 and no body (RFC 9110 §13.1.2, If-None-Match).
 */
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { startPreview, type PreviewServer } from '../../scripts/preview/server';

const STYLESHEET = '/slds/styles/salesforce-lightning-design-system.min.css';

describe('preview assets', () => {
  let org: LocalOrg;
  let preview: PreviewServer;

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo' });
    preview = await startPreview({ org });
  });
  afterAll(async () => {
    await preview.close();
    await org.close();
  });

  test('the SLDS stylesheet carries a validator; the same one again gets 304 with no body', async () => {
    const first = await fetch(preview.url + STYLESHEET);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('content-type')).toBe('text/css; charset=utf-8');
    // The package's minified stylesheet is several hundred kilobytes.
    expect((await first.text()).length).toBeGreaterThan(100_000);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+-\d+"$/);

    const again = await fetch(preview.url + STYLESHEET, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    const stale = await fetch(preview.url + STYLESHEET, {
      headers: { 'If-None-Match': 'W/"1-1"' }
    });
    expect(stale.status).toBe(200);
  });

  test('an asset outside the SLDS folder or missing is 404', async () => {
    expect((await fetch(preview.url + '/slds/styles/none.css')).status).toBe(404);
    expect((await fetch(preview.url + '/slds/%2e%2e/package.json')).status).toBe(404);
  });
});
