/**
 * One date helper for the API. Instants are stored as ISO-8601 UTC strings; people see
 * dd/MM/yyyy in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** Normalises any parseable instant to an ISO-8601 UTC string. */
export function toIso(value: string | Date): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The calendar parts of an instant as seen in Vietnam. */
export function vnParts(instant: string | Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date(new Date(instant).getTime() + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** dd/MM/yyyy in Vietnam time. */
export function formatDateVN(instant: string | Date): string {
  const p = vnParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** HH:mm dd/MM/yyyy in Vietnam time. */
export function formatDateTimeVN(instant: string | Date): string {
  const p = vnParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)} ${formatDateVN(instant)}`;
}

/** The instant of a Vietnamese wall-clock time, e.g. vnInstant(2026, 11, 30, 23, 59, 59). */
export function vnInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS).toISOString();
}

/** The Vietnamese calendar date (yyyy-MM-dd) of an instant. */
export function vnDateKey(instant: string | Date): string {
  const p = vnParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Whether a Vietnamese calendar date (yyyy-MM-dd) is a Saturday or a Sunday. */
export function isWeekendDate(key: string): boolean {
  const wd = new Date(`${key}T00:00:00.000Z`).getUTCDay();
  return wd === 0 || wd === 6;
}
