import crypto from "node:crypto";
import QRCode from "qrcode";
import type { Config } from "../config.js";
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
    status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    createdBy: row.created_by_name ?? "",
    usedBy: row.used_by_name,
    usedAt: row.used_at,
    qrDataUrl: withQr && status === "active" ? await qrDataUrl(link) : null,
  };
}
