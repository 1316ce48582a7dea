import type { Generated } from "kysely";

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

/**
 * One row per recipient and message: the in-app inbox entry and the outbox row for the Zalo
 * push at once. Written in the same transaction as what caused it (publishing, a reminder…).
 * (user_id, dedupe_key) is unique: the same person never gets the same message twice.
 */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** e.g. "announcement", "report_reminder", "report_returned", "feedback_answered" */
  kind: string;
  title: string;
  body: string;
  /** an in-app path, e.g. "/announcements/12" */
  link: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
  /** Zalo push delivery */
  push_status: DeliveryStatus;
  push_attempts: number;
  push_next_at: string | null;
  push_claimed_until: string | null;
  push_sent_at: string | null;
  push_error: string | null;
  /** the source of the message, for read figures: e.g. "announcement:12" */
  source: string | null;
}

/**
 * The Zalo OA tokens in use. A refresh token works once: after a refresh the new pair must be
 * kept (the environment still holds the spent one), so the row wins over the environment.
 */
export interface ZaloTokensTable {
  /** "oa" */
  kind: string;
  access_token: string | null;
  refresh_token: string | null;
  /** the refresh token from the environment this row descends from: a new one there resets the row */
  env_refresh_token: string | null;
  expires_at: string | null;
  updated_at: string;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  zalo_tokens: ZaloTokensTable;
}
