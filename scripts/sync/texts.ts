/**
 * The sync's words for people (quick-win proposals, the e-mail digest) come from the org's
 * custom labels, as the components' do: one file of texts to translate.
 */
import { join, resolve } from 'node:path';

export const LABELS_FILE = join(
  resolve(__dirname, '../..'),
  'force-app/main/default/labels/CustomLabels.labels-meta.xml'
);

/** A label with {0}, {1}, … filled in; an unknown label is an error naming it. */
export function formatText(
  labels: Map<string, string>,
  name: string,
  params: unknown[] = []
): string {
  const template = labels.get(name);
  if (template === undefined)
    throw new Error(`custom label ${name} is missing from ${LABELS_FILE}`);
  return template.replace(/\{(\d+)\}/g, (whole, i: string) =>
    params[Number(i)] === undefined || params[Number(i)] === null
      ? whole
      : String(params[Number(i)])
  );
}
