import type { AppContext } from "../http/context.js";
import type { Report } from "../contract/reports.js";
import { signFiles, type FileParentAccess } from "../files/access.js";

/**
 * Evidence of a unit's report is seen by those who see the report: the ward's staff and observer, city
 * staff, and the focal points of that unit — never by anyone holding the link.
 */
export const reportEvidenceAccess: FileParentAccess = async (ctx, user, reportIds) => {
  if (!user) return "denied";
  if (user.role === "city_staff") return "allowed";
  const q = ctx.database.db.selectFrom("reports as r").innerJoin("units as u", "u.id", "r.unit_id").select("r.id").where("r.id", "in", reportIds);
  if (user.role === "staff" || user.role === "observer") return (await q.where("u.ward_id", "=", user.wardId ?? -1).executeTakeFirst()) ? "allowed" : "denied";
  if (user.role !== "focal" || !user.unitId) return "denied";
  return (await q.where("r.unit_id", "=", user.unitId).executeTakeFirst()) ? "allowed" : "denied";
};

/** The report as sent to someone allowed to read it: evidence opens through signed links. */
export async function withEvidenceLinks(ctx: AppContext, report: Promise<Report>): Promise<Report> {
  const r = await report;
  return { ...r, evidence: signFiles(ctx, r.evidence) };
}
