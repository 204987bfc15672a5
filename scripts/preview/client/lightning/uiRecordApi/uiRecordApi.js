/**
 * The preview's `lightning/uiRecordApi`: `getRecord` (wire), `createRecord` and `updateRecord`
 * through the preview server as the acting user. As with Lightning Data Service, a write
 * refreshes every `getRecord` wire of that record, so a fixed field shows at once.
 */
import { callApi } from '../../session';
import { WireAdapter } from '../../wireAdapter';

const wiresByRecord = new Map();

function fieldNames(list) {
  if (!list) return [];
  return (Array.isArray(list) ? list : [list]).map((f) => {
    return typeof f === 'string' ? f : `${f.objectApiName}.${f.fieldApiName}`;
  });
}

export class getRecord extends WireAdapter {
  load({ recordId, fields, optionalFields }, emit) {
    if (!recordId) return Promise.resolve();
    if (!wiresByRecord.has(recordId)) wiresByRecord.set(recordId, new Set());
    wiresByRecord.get(recordId).add(this);
    const query = new URLSearchParams({
      fields: fieldNames(fields).join(','),
      optionalFields: fieldNames(optionalFields).join(',')
    });
    return callApi('GET', `/api/records/${encodeURIComponent(recordId)}?${query}`)
      .then((data) => emit({ data, error: undefined }))
      .catch((error) => emit({ data: undefined, error }));
  }

  released(config) {
    if (config && config.recordId) wiresByRecord.get(config.recordId)?.delete(this);
  }
}

function refreshWires(recordId) {
  return Promise.all([...(wiresByRecord.get(recordId) || [])].map((wire) => wire.run()));
}

export async function createRecord({ apiName, fields }) {
  const record = await callApi('POST', '/api/records', { apiName, fields });
  await refreshWires(record.id);
  return record;
}

export async function updateRecord({ fields }) {
  const record = await callApi('PATCH', `/api/records/${encodeURIComponent(fields.Id)}`, {
    fields
  });
  await refreshWires(record.id);
  return record;
}

export function getFieldValue(record, field) {
  const name = typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
  let node = record;
  for (const part of name.split('.')) {
    const entry = node && node.fields && node.fields[part];
    if (!entry) return undefined;
    node = entry.value;
  }
  return node;
}
