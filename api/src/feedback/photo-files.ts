import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { fromBool, toBool } from "../db/dialect.js";
import { hiddenPhotoIdsOf, photosOf } from "./queries.js";

/**
 * Keeps `files.hidden` in step with moderation, so that a photo hidden by staff (alone, or with its
 * whole item, or by three flags) is no longer served at `/api/files/:id` to anyone who kept the link.
 * A file is hidden while any item showing it hides it; showing it again clears the flag.
 */
export async function syncPhotoFiles(trx: Kysely<DB>, fileIds: readonly string[]): Promise<void> {
  for (const fileId of new Set(fileIds)) {
    // Ids are url-safe base64: "_" is the only LIKE wildcard they can hold, so LIKE may over-match;
    // the exact check is done on the parsed JSON below.
    const refs = await trx
      .selectFrom("feedback_items")
      .select(["hidden", "photos", "hidden_photo_ids"])
      .where("photos", "like", `%"${fileId}"%`)
      .execute();
    const hidden = refs
      .filter((r) => photosOf(r).some((p) => p.id === fileId))
      .some((r) => toBool(r.hidden) || hiddenPhotoIdsOf(r).includes(fileId));
    await trx.updateTable("files").set({ hidden: fromBool(hidden) }).where("id", "=", fileId).execute();
  }
}
