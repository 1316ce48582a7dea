import { foldVietnamese } from "../lib/text.js";

/**
 * What the users admin search matches: the folded name, the staff username and the phone number.
 * Dev accounts' technical usernames are left out.
 */
export function userSearchText(u: { name: string; username: string | null; phone: string | null; source: string }): string {
  return foldVietnamese([u.name, u.source === "password" ? u.username : null, u.phone].filter(Boolean).join(" "));
}
