import type { Generated } from "kysely";

export type FeedbackStatus = "received" | "in_progress" | "answered" | "not_competent" | "duplicate" | "rejected";

/** A feedback category with its answer time in working days (staff may change it). */
export interface FeedbackCategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** answer time in working days (weekends and the holidays table skipped) */
  answer_days: number;
  sort_order: number;
  /** 0/1 */
  active: number;
  created_at: string;
  updated_at: string;
}

/** One row per year: the last tracking-code sequence handed out (locked by the UPDATE). */
export interface FeedbackCountersTable {
  year: number;
  last_seq: number;
}

export interface FeedbackItemsTable {
  id: Generated<number>;
  /** GY-2026-000123 */
  code: string;
  /** the ward it was sent in (the sender's ward then): its staff handle it */
  ward_id: number | null;
  sender_id: number;
  category_id: number;
  /** plain text as typed (never rendered as markup) */
  content: string;
  /** folded code + content for diacritic-insensitive search (never the sender's name) */
  search_text: string;
  /** JSON FileMeta[] snapshot of the photos (≤ 5 images) */
  photos: string;
  /** JSON string[] of photo ids hidden by moderation */
  hidden_photo_ids: string;
  /** residential group unit id */
  place_unit_id: number | null;
  /** 0/1: the sender allows publishing */
  allow_public: number;
  /** 0/1: the sender's name is hidden from the public (staff still see it) */
  anonymous: number;
  status: FeedbackStatus;
  /** required for not_competent, duplicate, rejected */
  status_reason: string | null;
  assigned_unit_id: number | null;
  due_at: string;
  answered_at: string | null;
  /** 0/1 moderation */
  hidden: number;
  /** "flags" (automatic, pending review) or "staff" */
  hidden_by: string | null;
  flags_count: number;
  /** flags_count when staff last reviewed (un-hid) the item: 3 new flags hide it again */
  flags_reviewed: number;
  supports_count: number;
  idempotency_key: string | null;
  /** sha256 of what was sent with the key (null before 0701): a reused key must carry the same */
  request_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface FeedbackAnswersTable {
  id: Generated<number>;
  item_id: number;
  author_id: number;
  text: string;
  /** JSON FileMeta[] */
  attachments: string;
  /** 0/1 */
  is_public: number;
  created_at: string;
}

/** Internal notes: never shown to the sender or the public. */
export interface FeedbackNotesTable {
  id: Generated<number>;
  item_id: number;
  author_id: number;
  text: string;
  created_at: string;
}

export interface FeedbackSupportsTable {
  item_id: number;
  user_id: number;
  created_at: string;
}

export interface FeedbackFlagsTable {
  item_id: number;
  user_id: number;
  reason: string | null;
  created_at: string;
}

export interface FeedbackTables {
  feedback_categories: FeedbackCategoriesTable;
  feedback_counters: FeedbackCountersTable;
  feedback_items: FeedbackItemsTable;
  feedback_answers: FeedbackAnswersTable;
  feedback_notes: FeedbackNotesTable;
  feedback_supports: FeedbackSupportsTable;
  feedback_flags: FeedbackFlagsTable;
}
