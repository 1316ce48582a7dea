import type { AppContext } from "../http/context.js";
import type { Report } from "../contract/reports.js";
import { signFiles, type FileParentAccess } from "../files/access.js";

/**
 * Evidence of a unit's report is seen by those who see the report: staff, the observer, and the
 * focal points of that unit — never by anyone holding the link.
 */
export const reportEvidenceAccess: FileParentAccess = async (ctx, user, reportIds) => {
  if (!user) return "denied";
  if (user.role === "staff" || user.role === "observer") return "allowed";
  if (user.role !== "focal" || !user.unitId) return "denied";
  const own = await ctx.database.db.selectFrom("reports").select("id").where("id", "in", reportIds).where("unit_id", "=", user.unitId).executeTakeFirst();
  return own ? "allowed" : "denied";
};

/** The report as sent to someone allowed to read it: evidence opens through signed links. */
export async function withEvidenceLinks(ctx: AppContext, report: Promise<Report>): Promise<Report> {
  const r = await report;
  return { ...r, evidence: signFiles(ctx, r.evidence) };
}
