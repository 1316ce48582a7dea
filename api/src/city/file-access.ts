import type { FileParentAccess } from "../files/access.js";

/**
 * A snapshot's Word and Excel files are seen by those who see the snapshot: city staff, and the staff
 * and observer of its ward — not another ward's people, not anyone holding the link.
 */
export const wardSnapshotAccess: FileParentAccess = async (ctx, user, snapshotIds) => {
  if (!user) return "denied";
  if (user.role === "city_staff") return "allowed";
  if ((user.role !== "staff" && user.role !== "observer") || user.wardId === null) return "denied";
  const own = await ctx.database.db.selectFrom("ward_snapshots").select("id").where("id", "in", snapshotIds).where("ward_id", "=", user.wardId).executeTakeFirst();
  return own ? "allowed" : "denied";
};
