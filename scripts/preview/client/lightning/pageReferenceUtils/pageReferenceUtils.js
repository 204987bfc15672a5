/** The preview's `lightning/pageReferenceUtils`, as the platform encodes default field values. */
export function encodeDefaultFieldValues(values) {
  return Object.entries(values || {})
    .map(([field, value]) => `${field}=${encodeURIComponent(value)}`)
    .join(',');
}

export function decodeDefaultFieldValues(encoded) {
  const values = {};
  for (const pair of String(encoded || '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) values[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
  }
  return values;
}
