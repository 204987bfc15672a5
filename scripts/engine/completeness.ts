import type { BrowserConfig } from './browser-config';
import type { CompletenessReason, SObjectName, ValidRule } from './config-types';
import { compile, recordStatus, type CompiledConfig, type RecordStatus } from './compiled';
import { requireDay, toDayNumber } from './dates';
import type {
  CompletenessItem,
  CompletenessOptions,
  CompletenessResult,
  FlatRecord
} from './types';
import { isBlank, isFieldVisible, toNumber, toText, visibleSet } from './values';

/** hiddenFields when every field is visible (most records): one shared, frozen array. */
const NO_FIELDS: readonly string[] = Object.freeze([]);

const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS_RE = /^\+?[\d\s().\-/]+(\s*(x|ext\.?)\s*\d+)?$/i;

function checkValid(rule: ValidRule, value: unknown, asOfDay: number): boolean {
  switch (rule.check) {
    case 'notInPast': {
      const day = toDayNumber(value);
      return day !== null && day >= asOfDay;
    }
    case 'positive': {
      const n = toNumber(value);
      return n !== null && n > 0;
    }
    case 'percent': {
      const n = toNumber(value);
      return n !== null && n >= 0 && n <= 100;
    }
    case 'email': {
      const t = toText(value);
      return t !== null && EMAIL_RE.test(t);
    }
    case 'phone': {
      const t = toText(value);
      if (t === null || !PHONE_CHARS_RE.test(t)) return false;
      const main = t.replace(/(x|ext\.?)\s*\d+$/i, '');
      const digits = main.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    }
    case 'oneOf': {
      const t = toText(value);
      return t !== null && (rule.values ?? []).includes(t);
    }
  }
}

/**
 * Completeness of one record against the object's weighted rules, as of `options.asOf`.
 *
 * - A rule whose field the user cannot see is excluded (listed in `hiddenFields`). With no
 *   `visibleFields`, a field is visible when the record has the key (LDS omits optional fields
 *   the user cannot see; SOQL returns null for blank ones).
 * - `onlyOpen` rules apply to open records only; `requiredFromStage` only once the record's
 *   stage is at or after `fromStage` (a stage value the config does not know: not applied).
 * - Score: floor(100 × earned ÷ applicable weight), so 100 means nothing is missing; null
 *   when no rule applies.
 */
export function scoreCompleteness(
  config: BrowserConfig,
  objectName: SObjectName,
  record: FlatRecord,
  options: CompletenessOptions
): CompletenessResult {
  const compiled = compile(config);
  const asOfDay = requireDay(options.asOf, 'asOf');
  return completenessOf(compiled, objectName, record, asOfDay, visibleSet(options.visibleFields));
}

/**
 * scoreCompleteness under a compiled config, asOf as a day number; `status` is the record's
 * when the caller knows it (scoreDeal), else worked out when an open-only rule needs it.
 */
export function completenessOf(
  compiled: CompiledConfig,
  objectName: SObjectName,
  record: FlatRecord,
  asOfDay: number,
  visible: ReadonlySet<string> | null,
  status?: RecordStatus
): CompletenessResult {
  const obj = compiled.objects[objectName];
  let applicable = 0;
  let earned = 0;
  const items: CompletenessItem[] = [];
  let hidden: string[] | null = null;
  const rules = obj.rules.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const value = record[rule.field];
    // A value that is present is visible unless an explicit set says otherwise.
    if (
      visible === null ? value === undefined && !(rule.field in record) : !visible.has(rule.field)
    ) {
      if (hidden === null) hidden = [rule.field];
      else if (!hidden.includes(rule.field)) hidden.push(rule.field);
      continue;
    }
    if (rule.onlyOpen) {
      status ??= recordStatus(obj, objectName, record);
      if (status !== 'open') continue;
    }
    let reason: CompletenessReason | null = null;
    switch (rule.type) {
      case 'required':
        if (isBlank(value)) reason = 'missing';
        break;
      case 'requiredFromStage': {
        const from = obj.fromStageIndex.get(rule.id);
        if (
          from === undefined ||
          !obj.stageField ||
          !isFieldVisible(visible, record, obj.stageField)
        )
          continue;
        const stage = toText(record[obj.stageField]);
        const at = stage === null ? undefined : obj.stageIndex.get(stage);
        if (at === undefined || at < from) continue;
        if (isBlank(value)) reason = 'missing';
        break;
      }
      case 'fresh': {
        if (isBlank(value)) {
          reason = 'stale';
        } else {
          const day = toDayNumber(value);
          if (day === null) reason = 'invalid';
          else if (asOfDay - day > rule.maxAgeDays) reason = 'stale';
        }
        break;
      }
      case 'valid':
        if (isBlank(value)) reason = 'missing';
        else if (!checkValid(rule, value, asOfDay)) reason = 'invalid';
        break;
    }
    applicable += rule.weight;
    if (reason === null) {
      earned += rule.weight;
    } else {
      items.push(obj.items[i][reason]);
    }
  }
  // Heaviest first, ties in config order (insertion sort: a handful of items, stable).
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    while (j >= 0 && items[j].weight < item.weight) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = item;
  }
  return {
    score: applicable === 0 ? null : Math.floor((100 * earned) / applicable),
    earnedWeight: earned,
    applicableWeight: applicable,
    items,
    hiddenFields: hidden ?? NO_FIELDS
  };
}
