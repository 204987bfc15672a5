/**
 * Helpers for Lightning Data Service results, shared by every Adoption Coach component.
 * Non-UI module (no template).
 */
import LOCALE from '@salesforce/i18n/locale';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';

/**
 * Reduces one or more LDS, fetch or JavaScript errors to a list of messages.
 * Handles UI API errors (`body` as an array or an object with `message`, `pageErrors`,
 * `fieldErrors`, `output.errors`), GraphQL errors (`{ message }` items), and plain Errors.
 * @param {object|object[]} errors
 * @returns {string[]} messages, never empty strings
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  return list
    .filter((error) => !!error)
    .map((error) => messagesOf(error))
    .reduce((all, messages) => all.concat(messages), [])
    .filter((message) => typeof message === 'string' && message.trim() !== '');
}

function messagesOf(error) {
  const body = error.body;
  if (Array.isArray(body)) {
    return body.map((e) => e && e.message);
  }
  if (body && typeof body === 'object') {
    const output = body.output || {};
    const fieldErrors = output.fieldErrors || body.fieldErrors || {};
    const fieldMessages = Object.values(fieldErrors)
      .reduce((all, errs) => all.concat(errs), [])
      .map((e) => e && e.message);
    const pageMessages = (output.errors || body.pageErrors || []).map((e) => e && e.message);
    const collected = [...pageMessages, ...fieldMessages];
    if (collected.length) {
      return collected;
    }
    if (typeof body.message === 'string') {
      return [body.message];
    }
  }
  if (typeof error.message === 'string') {
    return [error.message];
  }
  return [error.statusText || String(error)];
}

/**
 * Flattens a getRecord result to `{ FieldApiName: value }`, the shape the engine scores.
 * Only the fields LDS returned are present: a field the user cannot see is absent.
 * @param {object} record a record from getRecord (`{ id, fields: { X: { value } } }`)
 * @returns {object}
 */
export function flattenRecord(record) {
  const flat = {};
  if (!record || !record.fields) {
    return flat;
  }
  if (record.id) {
    flat.Id = record.id;
  }
  Object.keys(record.fields).forEach((name) => {
    flat[name] = record.fields[name] ? record.fields[name].value : null;
  });
  return flat;
}

/**
 * Flattens a UI API GraphQL node (`{ Id, Name: { value }, Owner: { Name: { value } } }`) to
 * `{ Id, Name, 'Owner.Name' }`. Only the fields present in the node appear.
 * @param {object} node
 * @returns {object}
 */
export function flattenNode(node, prefix = '', flat = {}) {
  if (!node) {
    return flat;
  }
  Object.keys(node).forEach((key) => {
    const value = node[key];
    const name = prefix + key;
    if (value === null || typeof value !== 'object') {
      flat[name] = value;
    } else if ('value' in value) {
      flat[name] = value.value;
    } else if (!Array.isArray(value) && !('edges' in value)) {
      flattenNode(value, `${name}.`, flat);
    }
  });
  return flat;
}

/**
 * The nodes of a UI API GraphQL connection (`{ edges: [{ node }] }`), flattened.
 * @param {object} connection
 * @returns {object[]}
 */
export function nodesOf(connection) {
  if (!connection || !Array.isArray(connection.edges)) {
    return [];
  }
  return connection.edges.map((edge) => flattenNode(edge.node));
}

/**
 * Keeps a wired result on `component`: its errors in `errorsField` (cleared once data comes) and,
 * when `resultField` is given, the result itself there (for a refresh).
 * @returns {object|null} the result's data, or null on errors or while none has come
 */
export function keepResult(component, result, errorsField, resultField) {
  if (resultField) component[resultField] = result;
  if (result.errors) {
    component[errorsField] = result.errors;
    return null;
  }
  if (!result.data) return null;
  component[errorsField] = undefined;
  return result.data;
}

/**
 * Runs a save from `component` and tells the user how it went with a toast. `save` returns a
 * promise (an LDS createRecord or updateRecord, and what the component does once it is written).
 * When it succeeds: a success toast (`saved`, `message`), then `after` (awaited; a refresh of the
 * wired result, say). When the save or `after` fails: an error toast, `failed` and the errors'
 * messages joined by `separator`.
 * @returns {Promise<object|undefined>} the error when it failed, else undefined (never rejects)
 */
export async function saveWithToast(component, save, options) {
  const { saved, message = '', failed, separator = ' ', after } = options;
  try {
    await save();
    component.dispatchEvent(new ShowToastEvent({ title: saved, message, variant: 'success' }));
    if (after) await after();
    return undefined;
  } catch (error) {
    const messages = reduceErrors(error).join(separator);
    component.dispatchEvent(
      new ShowToastEvent({ title: failed, message: messages, variant: 'error' })
    );
    return error;
  }
}

/**
 * Today's date as 'YYYY-MM-DD' in UTC, the engine's calendar.
 * @returns {string}
 */
export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A formatter of numbers as the user's locale writes them: plain numbers, percents (0.25 is
 * 25 %) or money in `currencyCode`, with at most `digits` fraction digits. One Intl.NumberFormat
 * serves a whole list, where a lightning-formatted-number per value builds one each (and is a
 * component of its own to create and render).
 * @param {'number'|'percent'|'currency'} type
 * @param {number} digits
 * @param {string} [currencyCode]
 * @returns {(value: number) => string}
 */
export function numberFormatter(type, digits, currencyCode) {
  const options = { maximumFractionDigits: digits };
  if (type === 'percent') options.style = 'percent';
  if (type === 'currency') {
    options.style = 'currency';
    options.currency = currencyCode;
  }
  const format = new Intl.NumberFormat(LOCALE, options);
  return (value) => format.format(value);
}
