// A unit's report as the API returns it, and a save applied to it: shared by the reports tests.
import type { Report, ReportSave } from "@contract/reports";

/** A draft of the Đoàn phường report with one percentage indicator (CT10), overridable. */
export const form = (over: Partial<Report> = {}): Report => ({
  id: 1,
  periodId: 1,
  unitId: 8,
  unitCode: "DOAN",
  unitName: "Đoàn TNCS Hồ Chí Minh phường",
  status: "draft",
  version: 0,
  difficulties: "",
  proposals: "",
  submittedAt: null,
  onTime: null,
  timing: null,
  reviewedAt: null,
  returnReason: null,
  updatedAt: "2026-11-20T03:00:00.000Z",
  indicators: [
    {
      indicatorId: 10,
      code: "CT10",
      name: "Tỷ lệ thanh niên thành thạo kỹ năng số",
      measure: "percent",
      unitLabel: "%",
      target: 50,
      direction: "at_least",
      targetText: "Từ 50% trở lên",
      lastYear: { numerator: 40, denominator: 100, value: null, periodId: 0 },
      numerator: null,
      denominator: null,
      value: null,
      comment: "",
      flagged: false,
    },
  ],
  tasks: [],
  evidence: [],
  lock: { locked: false, reason: null, deadlineAt: "2026-11-30T16:59:59.000Z", exceptionUntil: null, editableUntil: "2026-11-30T16:59:59.000Z" },
  ...over,
});

export function applySave(base: Report, body: ReportSave): Report {
  return {
    ...base,
    version: body.version + 1,
    indicators: base.indicators.map((i) => ({ ...i, ...(body.indicators?.find((x) => x.indicatorId === i.indicatorId) ?? {}) })) as Report["indicators"],
  };
}
