/** Shared by the SOQL compiler's parts: the AST type, the platform's error shapes, refused functions. */
import { ApiError } from '../errors';

export const API_VERSION = 'v62.0';

/* eslint-disable @typescript-eslint/no-explicit-any -- the parser's AST is loosely typed */
export type Ast = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const malformed = (message: string) => new ApiError(400, 'MALFORMED_QUERY', message);
export const unsupported = (what: string) => malformed(`Unsupported in the local org: ${what}`);
export const invalidField = (message: string) => new ApiError(400, 'INVALID_FIELD', message);

export const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
/** Functions Salesforce has and the local org refuses, by their documented spelling. */
export const REFUSED: Record<string, string> = {
  TOLABEL: 'toLabel()',
  CONVERTCURRENCY: 'convertCurrency()',
  CONVERTTIMEZONE: 'convertTimezone()',
  FORMAT: 'FORMAT()',
  GROUPING: 'GROUPING()',
  DISTANCE: 'DISTANCE()',
  GEOLOCATION: 'GEOLOCATION()',
  FISCAL_YEAR: 'FISCAL_YEAR()',
  FISCAL_QUARTER: 'FISCAL_QUARTER()',
  FISCAL_MONTH: 'FISCAL_MONTH()',
  ROLLUP: 'GROUP BY ROLLUP',
  CUBE: 'GROUP BY CUBE'
};

export function refusedFunction(name: string, params: unknown[] = []): ApiError | null {
  const upper = name.toUpperCase();
  if (upper === 'FIELDS') return unsupported(`FIELDS(${String(params[0] ?? '').toUpperCase()})`);
  return REFUSED[upper] ? unsupported(REFUSED[upper]) : null;
}
