/** A datetime on `day` at `hour`:00 UTC, as Salesforce writes datetimes. */
export function at(day: string, hour = 10): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}
