import { z } from "zod";

/**
 * A piece of plain text people type (a hand-in note, an answer, a finding): trimmed, with a Vietnamese
 * message for each limit, control characters refused (newlines and tabs are kept). Shown as text,
 * never as HTML.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function plainText(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} phải là chữ.` })
    .trim()
    .min(min, min <= 1 ? `${label} không được để trống.` : `${label} cần ít nhất ${min} ký tự.`)
    .max(max, `${label} tối đa ${max} ký tự.`)
    .refine((s) => !CONTROL.test(s), `${label} chứa ký tự điều khiển không hợp lệ.`);
}

/** One line (a title, a place, a name): no newlines either. */
export function oneLine(label: string, min: number, max: number) {
  return plainText(label, min, max).refine((s) => !/[\r\n]/.test(s), `${label} chỉ gồm một dòng.`);
}

/** A row id as JSON sends it: a positive 32-bit integer. */
export const RowId = z.number({ error: "Mã phải là số." }).int().positive().max(2_147_483_647);

export const FileIds = (max: number) => z.array(z.string().min(1).max(64)).max(max, `Tối đa ${max} tệp.`);
