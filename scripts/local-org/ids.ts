/** Salesforce-style record ids: 15 case-sensitive characters plus a 3-character case-safe suffix. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix that makes a 15-character id unique case-insensitively. */
export function idSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

/** An 18-character id from a key prefix (001, 006, a0x...) and a sequence number. */
export function makeId(keyPrefix: string, sequence: number): string {
  let n = sequence;
  let body = '';
  while (n > 0) {
    body = BASE62[n % 62] + body;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}8c0${body.padStart(9, '0')}`;
  return id15 + idSuffix(id15);
}

/** The 18-character form of a 15- or 18-character id; null when it is not an id. */
export function normalizeId(id: unknown): string | null {
  if (typeof id !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) return null;
  const id15 = id.slice(0, 15);
  return id15 + idSuffix(id15);
}

/** The sequence number makeId encoded in an id (0 for ids it did not make). */
export function idSequence(id: string): number {
  if (id.slice(3, 6) !== '8c0') return 0;
  let n = 0;
  for (const ch of id.slice(6, 15)) {
    const v = BASE62.indexOf(ch);
    if (v < 0) return 0;
    n = n * 62 + v;
  }
  return n;
}
