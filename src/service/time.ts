// Timestamps in the service's formats.

/** ISO 8601 to the second, as the service writes job and resource times. */
export function isoNow(now = Date.now()): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A calendar date (YYYY-MM-DD), as in modelExpirationDate. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** .NET ticks (100 ns since 0001-01-01), the suffix of authoring job ids. */
export function dotnetTicks(now = Date.now()): string {
  return ((BigInt(now) + 62135596800000n) * 10000n).toString();
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
