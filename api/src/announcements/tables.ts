import type { Generated } from "kysely";

export type AnnouncementAudience = "everyone" | "all_units" | "units";
export type AnnouncementStatus = "draft" | "scheduled" | "published" | "archived";

export interface AnnouncementCategoriesTable {
  id: Generated<number>;
  name: string;
  /** folded name, unique: "Tin tuc" and "Tin tức" are the same category */
  name_key: string;
  sort_order: number;
  created_at: string;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  /**
   * The ward whose staff published it (its feed, its units, its receipts); null: a city notice of
   * Sở Nội vụ, shown in every ward's feed (audience everyone: every ward's people; all_units: every
   * ward's staff and focal points).
   */
  ward_id: number | null;
  title: string;
  /** Markdown, rendered safely by the mini app (never as raw HTML) */
  body: string;
  category_id: number;
  /** JSON FileMeta of the cover image, or null (a snapshot taken when the notice is saved) */
  cover_json: string | null;
  /** JSON FileMeta[] of the attachments, in order */
  attachments_json: string;
  audience: AnnouncementAudience;
  pinned: number;
  status: AnnouncementStatus;
  /** when a scheduled notice goes out */
  publish_at: string | null;
  /** when it actually went out */
  published_at: string | null;
  expires_at: string | null;
  requires_ack: number;
  /** set when a published notice's content changes ("đã chỉnh sửa") */
  edited_at: string | null;
  archived_at: string | null;
  /** feed order key: published_at, else publish_at, else created_at */
  sort_at: string;
  /** foldVietnamese(title + body), found through a substring index (db/dialect.ts, createSubstringIndex) */
  search_text: string;
  /** every GET of the detail, signed in or not */
  view_count: number;
  last_reminded_at: string | null;
  /** marks demo notices so the seed stays idempotent */
  seed_key: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The chosen units of an audience "units". */
export interface AnnouncementUnitsTable {
  announcement_id: number;
  unit_id: number;
}

export interface AnnouncementReadsTable {
  announcement_id: number;
  user_id: number;
  first_read_at: string;
  last_read_at: string;
  views: number;
}

/**
 * "Đã tiếp nhận". scope_key is "unit:<id>" for a unit's acknowledgement (one per unit) or
 * "user:<id>" for a person acknowledging an "everyone" notice; unique per notice.
 */
export interface AnnouncementAcksTable {
  id: Generated<number>;
  announcement_id: number;
  scope_key: string;
  unit_id: number | null;
  user_id: number;
  acked_at: string;
}

/**
 * One row (id 1). `revision` moves (database triggers) with every change of the categories (notices
 * move their ward's row of announcement_feed_revisions). With the latest expiry passed and the reader's read count it decides a
 * 304 without building the feed.
 */
export interface AnnouncementFeedStateTable {
  id: number;
  revision: number;
  /** random per database, so two databases never share revisions */
  epoch: string;
}

/**
 * The feed revision of one ward (ward_key = its id) or of the city's notices (ward_key 0), moved by
 * triggers with every change of that ward's notices and their units. A ward's feed sums its own, the
 * city's and `announcement_feed_state.revision` (categories, shared by every ward).
 */
export interface AnnouncementFeedRevisionsTable {
  ward_key: number;
  revision: number;
}

/** How many notices each person has opened (kept by a trigger on announcement_reads). */
export interface AnnouncementReaderStateTable {
  user_id: number;
  read_count: number;
}

export interface AnnouncementTables {
  announcement_categories: AnnouncementCategoriesTable;
  announcements: AnnouncementsTable;
  announcement_units: AnnouncementUnitsTable;
  announcement_reads: AnnouncementReadsTable;
  announcement_acks: AnnouncementAcksTable;
  announcement_feed_state: AnnouncementFeedStateTable;
  announcement_feed_revisions: AnnouncementFeedRevisionsTable;
  announcement_reader_state: AnnouncementReaderStateTable;
}
