import type { AnnouncementDetail, Audience } from "@contract/announcements";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import { isoToVnLocal, vnLocalToIso } from "./vn-datetime";

/** How the notice goes out: now, at a chosen moment, or kept as a draft. */
export type Mode = "published" | "scheduled" | "draft";

/** What the compose screen edits (moments as "yyyy-MM-ddTHH:mm", Vietnam time). */
export interface ComposeForm {
  title: string;
  body: string;
  categoryId: number | null;
  audience: Audience;
  unitIds: number[];
  pinned: boolean;
  requiresAck: boolean;
  mode: Mode;
  publishAt: string;
  expiresAt: string;
}

export const EMPTY: ComposeForm = {
  title: "",
  body: "",
  categoryId: null,
  audience: "everyone",
  unitIds: [],
  pinned: false,
  requiresAck: false,
  mode: "published",
  publishAt: "",
  expiresAt: "",
};

/** Changes one field of the form. */
export type SetField = <K extends keyof ComposeForm>(k: K, v: ComposeForm[K]) => void;

/** A message per field that needs the author's attention ("title", "files", "newCategory"…). */
export type FieldErrors = Record<string, string>;

/** The form as an existing notice fills it (an archived one is edited as published). */
export function formFromDetail(detail: AnnouncementDetail): ComposeForm {
  return {
    title: detail.title,
    body: detail.body,
    categoryId: detail.category.id,
    audience: detail.audience,
    unitIds: detail.units.map((u) => u.id),
    pinned: detail.pinned,
    requiresAck: detail.requiresAck,
    mode: detail.status === "archived" ? "published" : detail.status,
    publishAt: isoToVnLocal(detail.publishAt),
    expiresAt: isoToVnLocal(detail.expiresAt),
  };
}

/** The checks made before sending; `published`: an already published notice keeps its moment. */
export function validateCompose(form: ComposeForm, published: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (form.title.trim().length < 3) e.title = "Tiêu đề cần ít nhất 3 ký tự.";
  else if (form.title.trim().length > ANNOUNCEMENT_LIMITS.title) e.title = `Tiêu đề tối đa ${ANNOUNCEMENT_LIMITS.title} ký tự (hiện có ${form.title.trim().length}).`;
  if (!form.body.trim()) e.body = "Nội dung không được để trống.";
  else if (form.body.trim().length > ANNOUNCEMENT_LIMITS.body) {
    e.body = `Nội dung tối đa ${ANNOUNCEMENT_LIMITS.body.toLocaleString("vi-VN")} ký tự (hiện có ${form.body.trim().length.toLocaleString("vi-VN")}). Hãy rút gọn hoặc đưa phần dài vào tệp đính kèm.`;
  }
  if (!form.categoryId) e.categoryId = "Vui lòng chọn chuyên mục.";
  if (form.audience === "units" && form.unitIds.length === 0) e.unitIds = "Vui lòng chọn ít nhất một đơn vị.";
  if (!published && form.mode === "scheduled") {
    const at = vnLocalToIso(form.publishAt);
    if (!at) e.publishAt = "Vui lòng chọn thời điểm đăng.";
    else if (Date.parse(at) <= Date.now()) e.publishAt = "Thời điểm đăng phải ở tương lai.";
  }
  if (form.expiresAt && !vnLocalToIso(form.expiresAt)) e.expiresAt = "Thời điểm hết hạn không hợp lệ.";
  return e;
}

/** What is sent for a valid form, whatever its status (the caller adds status and publishAt when they apply). */
export function noticePayload(form: ComposeForm, coverFileId: string | null, attachmentIds: string[]) {
  return {
    title: form.title.trim(),
    body: form.body,
    categoryId: form.categoryId!,
    coverFileId,
    attachmentIds,
    audience: form.audience,
    unitIds: form.audience === "units" ? form.unitIds : [],
    pinned: form.pinned,
    requiresAck: form.requiresAck,
    expiresAt: form.expiresAt ? vnLocalToIso(form.expiresAt) : null,
  };
}

/** The field of the form an API refusal points at, by its code. */
export const FIELD_OF_ERROR_CODE: Record<string, string> = {
  UNKNOWN_CATEGORY: "categoryId",
  PUBLISH_AT_IN_PAST: "publishAt",
  PUBLISH_AT_REQUIRED: "publishAt",
  UNKNOWN_UNIT: "unitIds",
  UNITS_REQUIRED: "unitIds",
  EXPIRES_BEFORE_PUBLISH: "expiresAt",
};

/** What the send button says. */
export function submitLabelFor(mode: Mode, published: boolean): string {
  if (published) return "Lưu thay đổi";
  return mode === "published" ? "Đăng ngay" : mode === "scheduled" ? "Hẹn giờ đăng" : "Lưu nháp";
}
