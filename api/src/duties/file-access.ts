import type { FileParentAccess } from "../files/access.js";

/**
 * A document handed in for a duty is seen by those who see the duty's hand-ins: the ward's staff and
 * observer, city staff, and the focal points of the unit that handed it in — never by anyone holding the link.
 */
export const dutyHandInAccess: FileParentAccess = async (ctx, user, handInIds) => {
  if (!user) return "denied";
  if (user.role === "city_staff") return "allowed";
  const q = ctx.database.db.selectFrom("duty_history as h").innerJoin("duties as d", "d.id", "h.duty_id").select("h.id").where("h.id", "in", handInIds);
  if (user.role === "staff" || user.role === "observer") return (await q.where("d.ward_id", "=", user.wardId ?? -1).executeTakeFirst()) ? "allowed" : "denied";
  if (user.role !== "focal" || !user.unitId) return "denied";
  return (await q.where("h.unit_id", "=", user.unitId).executeTakeFirst()) ? "allowed" : "denied";
};
