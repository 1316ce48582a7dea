/**
 * Dates and times as Vietnamese people type them — dd/MM/yyyy and 24-hour HH:mm — whatever the
 * phone's own locale, for the one date input of the app (components/date-input.tsx). Values are
 * the native inputs' formats: "yyyy-MM-dd" for a day, "yyyy-MM-ddTHH:mm" for a moment (Vietnam
 * wall-clock time), "" for none.
 */
const pad = (n: number) => String(n).padStart(2, "0");

/** "30/11/2026", "30-11-2026", "30.11.2026", "3/1/2026", "30112026" → "2026-11-30"; null if not a real date. */
export function parseDayText(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "8:30", "08:30", "8h30", "8g30", "8.30", "8h", "0830" → "08:30"; null if not a time of day. */
export function parseTimeText(text: string): string | null {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,2})(?:[:hg.]\s*(\d{2})?)?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** "2026-11-30" → "30/11/2026" (what the field shows). */
export function dayText(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

/** "2026-11-30T08:05" → "08:05". */
export function timeText(value: string): string {
  const m = /T(\d{2}:\d{2})/.exec(value);
  return m ? m[1] : "";
}

export const isDayValue = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDayText(dayText(v)) === v;
export const isMomentValue = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && isDayValue(v.slice(0, 10)) && parseTimeText(v.slice(11)) === v.slice(11);

/**
 * Keeps what is being typed in shape: digits alone get their slashes ("3011" → "30/11/"), a
 * separator the person types is respected ("3/" stays), and nothing grows past dd/MM/yyyy.
 * `previous` tells typing forward from deleting at the end (never re-formatted, so a slash can be
 * deleted); a paste or a replacement is shaped like typing.
 */
const isDeleting = (next: string, previous: string) => next.length < previous.length && previous.startsWith(next);

export function shapeDayTyping(next: string, previous: string): string {
  if (isDeleting(next, previous)) return next;
  const cleaned = next.replace(/[.\-\s]/g, "/").replace(/[^\d/]/g, "");
  const parts = cleaned.split("/");
  if (parts.length === 1) {
    const d = parts[0].slice(0, 8);
    if (d.length < 2) return d;
    if (d.length < 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
    return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
  }
  const [day, month = "", ...rest] = parts;
  const year = rest.join("").slice(0, 4);
  let out = day.slice(0, 2);
  out += `/${month.slice(0, 2)}`;
  if (parts.length > 2 || month.length > 2) out += `/${year || month.slice(2, 6)}`;
  else if (month.length === 2 && next.length > previous.length && !next.endsWith("/")) out += "/";
  return out;
}

/** The same for a time: "083" → "08:3", "8h30" stays as typed. */
export function shapeTimeTyping(next: string, previous: string): string {
  if (isDeleting(next, previous)) return next;
  if (/[hg.]/i.test(next)) return next.slice(0, 5);
  const digits = next.replace(/\D/g, "").slice(0, 4);
  if (next.includes(":")) {
    const [h, m = ""] = next.split(":");
    return `${h.replace(/\D/g, "").slice(0, 2)}:${m.replace(/\D/g, "").slice(0, 2)}`;
  }
  return digits.length > 2 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits;
}
