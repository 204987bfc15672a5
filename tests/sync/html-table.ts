/** Reading the tables of the governance report's HTML. */

/** The rows of the table in `doc` captioned `caption`, the header row first, each as its cells' text. */
export function tableRows(doc: Document, caption: string): string[][] {
  const t = [...doc.querySelectorAll('table')].find(
    (x) => x.querySelector('caption')?.textContent === caption
  );
  if (!t) throw new Error(`no table '${caption}'`);
  return [...t.querySelectorAll('tr')].map((tr) =>
    [...tr.children].map((c) => c.textContent ?? '')
  );
}
