/**
 * The one reader of the project's object metadata (force-app/main/default/objects): each
 * object folder's `<Object>.object-meta.xml` and `fields/*.field-meta.xml`, parsed. The
 * metadata checks build their schema from it and the local org its custom objects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export type XmlDoc = Record<string, unknown>;

/** Tag values stay text; a picklist's `value` is always an array. */
const XML = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (n) => n === 'value'
});

/** A parsed file, or why it could not be read. */
export interface SourceFile {
  path: string;
  /** The document's root element (CustomObject, CustomField), {} when it has none. */
  doc: XmlDoc;
  /** Set when the file does not parse; `doc` is then {}. */
  error?: string;
}

export interface ObjectSource {
  /** The folder's name: the object's API name. */
  name: string;
  /** `<Object>.object-meta.xml`, undefined when the folder has none. */
  object?: SourceFile;
  /** `fields/*.field-meta.xml`, sorted by file name; `name` is the field's API name. */
  fields: (SourceFile & { name: string })[];
}

function readXml(path: string, root: string): SourceFile {
  try {
    return { path, doc: (XML.parse(readFileSync(path, 'utf8'))[root] ?? {}) as XmlDoc };
  } catch (e) {
    return { path, doc: {}, error: (e as Error).message };
  }
}

/** Every object folder under `objectsDir`, sorted by name ([] when the folder is missing). */
export function readObjectSources(objectsDir: string): ObjectSource[] {
  if (!existsSync(objectsDir)) return [];
  return readdirSync(objectsDir)
    .sort()
    .map((name) => {
      const objectFile = join(objectsDir, name, `${name}.object-meta.xml`);
      const fieldsDir = join(objectsDir, name, 'fields');
      const fieldFiles = existsSync(fieldsDir) ? readdirSync(fieldsDir).sort() : [];
      return {
        name,
        object: existsSync(objectFile) ? readXml(objectFile, 'CustomObject') : undefined,
        fields: fieldFiles
          .filter((f) => f.endsWith('.field-meta.xml'))
          .map((f) => ({
            name: f.replace('.field-meta.xml', ''),
            ...readXml(join(fieldsDir, f), 'CustomField')
          }))
      };
    });
}
