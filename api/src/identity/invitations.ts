import crypto from "node:crypto";
import QRCode from "qrcode";
import type { Kysely } from "kysely";
import type { Config } from "../config.js";
import type { DB } from "../db/schema.js";
import type { Invitation, InvitableRole, InvitationStatus } from "../contract/identity.js";

/** Codes avoid look-alike characters (0/O, 1/I/L) since people may type them from a screen. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 10;

export function newInvitationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return code;
}

/** Codes are read case-insensitively and without spaces or dashes. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();

/** The mini app deep link that opens the app with the invitation. */
export const invitationLink = (config: Config, code: string) =>
  `https://zalo.me/s/${encodeURIComponent(config.zalo.appId)}/?invite=${encodeURIComponent(code)}`;

export function invitationStatus(row: { used_at: string | null; expires_at: string }, nowIso: string): InvitationStatus {
  if (row.used_at) return "used";
  return row.expires_at <= nowIso ? "expired" : "active";
}

/**
 * Creates a one-time invitation and returns its id: the holder who accepts it takes `role` in `unitId`
 * (its ward with it). A collision of 10 random characters is practically impossible; retried anyway.
 */
export async function issueInvitation(
  db: Kysely<DB>,
  inv: { unitId: number; role: InvitableRole; createdBy: number; now: Date; days: number },
): Promise<number> {
  const expiresAt = new Date(inv.now.getTime() + inv.days * 24 * 3600_000).toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db
      .insertInto("invitations")
      .values({
        code: newInvitationCode(),
        unit_id: inv.unitId,
        role: inv.role,
        created_by: inv.createdBy,
        created_at: inv.now.toISOString(),
        expires_at: expiresAt,
        used_by: null,
        used_at: null,
      })
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) return row.id;
  }
  throw new Error("could not allocate an invitation code");
}

/** Invitations with the names they refer to (unit, its ward, creator, who used it). */
export function selectInvitations(db: Kysely<DB>) {
  return db
    .selectFrom("invitations")
    .innerJoin("units", "units.id", "invitations.unit_id")
    .leftJoin("units as iw", "iw.id", "units.ward_id")
    .leftJoin("users as creator", "creator.id", "invitations.created_by")
    .leftJoin("users as used", "used.id", "invitations.used_by")
    .select([
      "invitations.id",
      "invitations.code",
      "invitations.role",
      "invitations.created_at",
      "invitations.expires_at",
      "invitations.used_at",
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
      "units.ward_id as ward_id",
      "iw.code as ward_code",
      "iw.name as ward_name",
      "creator.name as created_by_name",
      "used.name as used_by_name",
    ]);
}

export const qrDataUrl = (link: string) => QRCode.toDataURL(link, { errorCorrectionLevel: "M", margin: 2, width: 320 });

export interface InvitationRow {
  id: number;
  code: string;
  role: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  ward_id: number | null;
  ward_code: string | null;
  ward_name: string | null;
  created_by_name: string | null;
  used_by_name: string | null;
}

export async function toInvitation(config: Config, row: InvitationRow, nowIso: string, withQr = true): Promise<Invitation> {
  const link = invitationLink(config, row.code);
  const status = invitationStatus(row, nowIso);
  return {
    id: row.id,
    code: row.code,
    link,
    role: row.role as InvitableRole,
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    ward: row.ward_id !== null ? { id: row.ward_id, code: row.ward_code!, name: row.ward_name! } : null,
    status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    createdBy: row.created_by_name ?? "",
    usedBy: row.used_by_name,
    usedAt: row.used_at,
    qrDataUrl: withQr && status === "active" ? await qrDataUrl(link) : null,
  };
}
