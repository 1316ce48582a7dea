/**
 * Dates for the mini app: the API's one date helper (dd/MM/yyyy, Asia/Ho_Chi_Minh) plus the
 * phrases screens show.
 */
import { formatDateVN, formatDateTimeVN, isWeekendDate, vnDateKey, vnInstant, vnParts } from "../../api/src/lib/time";

export { formatDateVN as formatDate, formatDateTimeVN as formatDateTime, isWeekendDate, vnDateKey };

/** The year of an instant in Vietnam. */
export const vnYear = (instant: Date | string) => vnParts(instant).year;

/** The instant of a date (yyyy-MM-dd) and time (HH:mm) typed in a form, in Vietnam time; null when incomplete. */
export function instantFromInput(date: string, time = "23:59:59"): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  return vnInstant(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
}

/** Whole calendar days (Vietnam) from `now` to `deadline`; negative once past. */
export function calendarDaysUntil(deadline: string, now: Date = new Date()): number {
  const a = Date.parse(vnDateKey(now));
  const b = Date.parse(vnDateKey(deadline));
  return Math.round((b - a) / 86_400_000);
}

/** "Còn 3 ngày đến hạn nộp báo cáo 30/11/2026", or today / overdue phrasing. */
export function deadlineCountdown(deadline: string, now: Date = new Date()): string {
  const date = formatDateVN(deadline);
  if (now.getTime() > Date.parse(deadline)) {
    const late = Math.max(1, -calendarDaysUntil(deadline, now));
    return `Đã quá hạn nộp báo cáo ${date} (${late} ngày)`;
  }
  const days = calendarDaysUntil(deadline, now);
  if (days === 0) return `Hôm nay là hạn cuối nộp báo cáo ${date}`;
  return `Còn ${days} ngày đến hạn nộp báo cáo ${date}`;
}

/** "5 phút trước", "2 giờ trước", else dd/MM/yyyy. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const diff = now.getTime() - Date.parse(iso);
  if (diff < 60_000) return "Vừa xong";
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} phút trước`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} giờ trước`;
  if (diff < 7 * 86_400_000) return `${Math.floor(diff / 86_400_000)} ngày trước`;
  return formatDateVN(iso);
}

/** yyyy-MM-dd (a date input's value) → the start or the end of that day in Vietnam, as an instant with its offset. */
export const startOfDayVN = (date: string) => `${date}T00:00:00+07:00`;
export const endOfDayVN = (date: string) => `${date}T23:59:59+07:00`;

/** An instant → its Vietnamese calendar date as yyyy-MM-dd (a date input's value). */
export const dateInputValue = (iso: string) => vnDateKey(iso);
