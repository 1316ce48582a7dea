import type { CommendationRow, ReportingRow, SummaryCompleteness, UnitIssues } from "../../contract/summary.js";
import type { ReportFact, SummaryInput } from "../load.js";
import type { FigureContext } from "./figures.js";

const SENT = new Set(["submitted", "approved"]);

/**
 * Where each expected unit stands, in words: on time, on time within its extension, late (with the
 * date), returned for correction (with the reason), not submitted. Only sent reports count as sent:
 * a draft or a returned report is not a report the ward has.
 */
export function reportingRows(input: SummaryInput, reports: Map<number, ReportFact>, counted: Set<string>, ctx: FigureContext): ReportingRow[] {
  return [...input.expected]
    .sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId))
    .map((e): ReportingRow => {
      const r = reports.get(e.unitId);
      const status = r?.status ?? "missing";
      const state: ReportingRow["state"] = SENT.has(status) ? (r?.timing ?? "on_time") : status === "returned" ? "returned" : "not_submitted";
      return {
        unitId: e.unitId,
        unitName: ctx.unitName(e.unitId),
        state,
        reportStatus: status,
        submittedAt: SENT.has(status) || status === "returned" ? (r?.submittedAt ?? null) : null,
        exceptionUntil: e.exceptionUntil,
        returnReason: status === "returned" ? (r?.returnReason ?? null) : null,
        counted: counted.has(status),
      };
    });
}

export function completenessOf(rows: ReportingRow[]): SummaryCompleteness {
  const n = (f: (r: ReportingRow) => boolean) => rows.filter(f).length;
  const sent = (r: ReportingRow) => SENT.has(r.reportStatus);
  const submitted = n(sent);
  return {
    expected: rows.length,
    submitted,
    approved: n((r) => r.reportStatus === "approved"),
    counted: n((r) => r.counted),
    returned: n((r) => r.reportStatus === "returned"),
    draft: n((r) => r.reportStatus === "draft"),
    missing: rows.length - submitted,
    onTime: n((r) => sent(r) && r.state !== "late"),
    extended: n((r) => sent(r) && r.state === "on_time_extended"),
    late: n((r) => sent(r) && r.state === "late"),
  };
}

/** Difficulties and proposals of the counted reports, one entry per unit that wrote any. */
export function unitIssues(input: SummaryInput, reports: Map<number, ReportFact>, countedUnits: Set<number>, ctx: FigureContext): UnitIssues[] {
  return [...reports.values()]
    .filter((r) => countedUnits.has(r.unitId) && (r.difficulties.trim() || r.proposals.trim()))
    .sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId))
    .map((r) => {
      const u = input.scope.units.get(r.unitId);
      return { unitId: r.unitId, unitCode: u?.code ?? "", unitName: u?.name ?? ctx.unitName(r.unitId), difficulties: r.difficulties.trim(), proposals: r.proposals.trim() };
    });
}

/** The candidates of the counted reports that have a name, in unit order then the unit's order. */
export function commendationRows(input: SummaryInput, countedUnits: Set<number>, ctx: FigureContext): CommendationRow[] {
  return input.commendations
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => countedUnits.has(c.unitId) && c.name.trim())
    .sort((a, b) => ctx.rank(a.c.unitId) - ctx.rank(b.c.unitId) || a.i - b.i)
    .map(({ c }) => ({
      unitId: c.unitId,
      unitName: ctx.unitName(c.unitId),
      kind: c.kind,
      name: c.name.trim(),
      position: c.position.trim(),
      achievement: c.achievement.trim(),
      form: c.form.trim(),
    }));
}
