import type { Config } from "../config.js";
import type { Ward } from "../contract/wards.js";
import { wardTitle } from "../contract/wards-labels.js";
import type { WardRow } from "./queries.js";

/** The mini app link that puts a youth in this ward (`?ward=<code>`), as a QR code on the ward's posters. */
export const wardJoinLink = (config: Config, code: string) =>
  `https://zalo.me/s/${encodeURIComponent(config.zalo.appId)}/?ward=${encodeURIComponent(code)}`;

export function toWard(config: Config, row: WardRow): Ward {
  const { name, level } = wardTitle(row.name);
  return { id: row.id, code: row.code, name, unitName: row.name, level, joinLink: wardJoinLink(config, row.code) };
}
