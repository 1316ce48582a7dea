import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { foldVietnamese } from "../lib/text.js";

/**
 * What the users admin search matches: the folded name, the staff username and the phone number.
 * Dev accounts' technical usernames are left out.
 */
export function userSearchText(u: { name: string; username: string | null; phone: string | null; source: string }): string {
  return foldVietnamese([u.name, u.source === "password" ? u.username : null, u.phone].filter(Boolean).join(" "));
}

/**
 * Accounts created outside the identity feature (demo seeds of other features) may not fill
 * search_text: fill it before searching. After the first time this finds nothing to do.
 */
export async function fillMissingSearchText(db: Kysely<DB>): Promise<void> {
  const rows = await db.selectFrom("users").select(["id", "name", "username", "phone", "source"]).where("search_text", "=", "").execute();
  for (const r of rows) {
    const text = userSearchText(r);
    if (text) await db.updateTable("users").set({ search_text: text }).where("id", "=", r.id).execute();
  }
}
