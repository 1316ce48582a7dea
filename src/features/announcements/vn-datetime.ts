/**
 * <input type="datetime-local"> values read as Vietnam wall-clock time (UTC+7, no daylight
 * saving), whatever the phone's own time zone is.
 */
const OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-30T08:00" (Vietnam) → ISO UTC, or null when empty or invalid. */
export function vnLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET_MS;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** ISO UTC → "2026-11-30T08:00" in Vietnam time, for the input's value. */
export function isoToVnLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(Date.parse(iso) + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "dd/MM/yyyy HH:mm" in Vietnam time. */
export function formatDayTime(iso: string): string {
  const [date, time] = isoToVnLocal(iso).split("T");
  const [y, mo, d] = date.split("-");
  return `${d}/${mo}/${y} ${time}`;
}
