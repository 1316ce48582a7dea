import type { FileParentAccess } from "../files/access.js";

/**
 * A document handed in for a duty is seen by those who see the duty's hand-ins: staff, the observer,
 * and the focal points of the unit that handed it in — never by anyone holding the link.
 */
export const dutyHandInAccess: FileParentAccess = async (ctx, user, handInIds) => {
  if (!user) return "denied";
  if (user.role === "staff" || user.role === "observer") return "allowed";
  if (user.role !== "focal" || !user.unitId) return "denied";
  const own = await ctx.database.db
    .selectFrom("duty_history")
    .select("id")
    .where("id", "in", handInIds)
    .where("unit_id", "=", user.unitId)
    .executeTakeFirst();
  return own ? "allowed" : "denied";
};
