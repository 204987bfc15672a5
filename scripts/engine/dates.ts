/** 'YYYY-MM-DD' of a date or datetime on its UTC day; null for blank or unparseable values. */
export function toUtcDate(value: unknown): string | null {
  throw new Error('not implemented');
}
/** Whole days from `from` to `to` (positive when `to` is later); null if either is blank. */
export function daysBetween(from: unknown, to: unknown): number | null {
  throw new Error('not implemented');
}
/** The 'YYYY-MM-DD' date `days` after `date`. */
export function addDays(date: string, days: number): string {
  throw new Error('not implemented');
}
