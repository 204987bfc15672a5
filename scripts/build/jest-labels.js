// Custom labels for jest: `@salesforce/label/c.<Name>` resolves to the text of <Name> in
// force-app/main/default/labels/CustomLabels.labels-meta.xml, so component tests read the words
// users read. sfdx-lwc-jest turns each label import into `require(...).default` with the label's
// name as the fallback; the moduleNameMapper returned here maps every label of the file to a
// generated module holding its text, and any other label name to a module that reports it with
// console.error (which fails a component test, see jest.setup.js).
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { XMLParser } = require('fast-xml-parser');

const LABELS_FILE = join(
  __dirname,
  '../../force-app/main/default/labels/CustomLabels.labels-meta.xml'
);

/** The labels of the file as [name, text] pairs, in file order. */
function parseLabels(xml) {
  const doc = new XMLParser({
    isArray: (name) => name === 'labels',
    parseTagValue: false
  }).parse(xml);
  const labels = doc.CustomLabels && doc.CustomLabels.labels;
  if (!labels) throw new Error(`${LABELS_FILE}: no <labels> under <CustomLabels>`);
  return labels.map((l, i) => {
    if (typeof l.fullName !== 'string' || !/^\w+$/.test(l.fullName)) {
      throw new Error(`${LABELS_FILE}: labels[${i}] has no valid <fullName>`);
    }
    return [l.fullName, l.value === undefined ? '' : String(l.value)];
  });
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Writes one module per label (once per content of the labels file); returns the mapper. */
function labelModuleNameMapper() {
  const xml = readFileSync(LABELS_FILE, 'utf8');
  const hash = createHash('sha256').update(xml).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `adoption-coach-jest-labels-${hash}`);
  const labels = parseLabels(xml);
  if (!existsSync(dir)) {
    const partial = `${dir}.${process.pid}`;
    mkdirSync(partial, { recursive: true });
    for (const [name, text] of labels) {
      writeFileSync(
        join(partial, `${name}.js`),
        `module.exports = { default: ${JSON.stringify(text)} };\n`
      );
    }
    writeFileSync(
      join(partial, 'unknown-label.js'),
      'console.error("A component imports a custom label that is not in ' +
        'force-app/main/default/labels/CustomLabels.labels-meta.xml (the metadata tests name it).");\n' +
        'module.exports = { default: "" };\n'
    );
    try {
      renameSync(partial, dir);
    } catch (e) {
      // Another jest process wrote the same labels first.
      if (!existsSync(dir)) throw e;
    }
  }
  const mapper = {};
  for (const [name] of labels) {
    mapper[`^@salesforce/label/c\\.${escapeRegExp(name)}$`] = join(dir, `${name}.js`);
  }
  mapper['^@salesforce/label/c\\..*$'] = join(dir, 'unknown-label.js');
  return mapper;
}

module.exports = { labelModuleNameMapper, parseLabels, LABELS_FILE };
