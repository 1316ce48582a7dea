// A unit's report as the API returns it, a save applied to it, and the form page as a focal point
// opens it: shared by the reports tests.
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { SnackbarProvider } from "zmp-ui";
import type { Report, ReportSave } from "@contract/reports";
import { useSession } from "../../lib/session-store";
import { ReportFormPage } from "./report-form-page";

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
  commendations: [],
  periodKind: "annual",
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
  lock: { locked: false, reason: null, deadlineAt: "2026-11-30T16:59:59.000Z", exceptionUntil: null, editableUntil: "2026-11-30T16:59:59.000Z", acceptsFrom: "2025-12-31T17:00:00.000Z" },
  ...over,
});

export function applySave(base: Report, body: ReportSave): Report {
  return {
    ...base,
    version: body.version + 1,
    indicators: base.indicators.map((i) => ({ ...i, ...(body.indicators?.find((x) => x.indicatorId === i.indicatorId) ?? {}) })) as Report["indicators"],
  };
}

/** A clean phone with the Đoàn phường focal point (user 5) signed in. */
export function signInFocal(): void {
  Element.prototype.scrollTo = () => undefined;
  localStorage.clear();
  useSession.setState({
    status: "signed-in",
    me: { id: 5, name: "Đầu mối", avatarUrl: null, role: "focal", unit: { id: 8, code: "DOAN", name: "Đoàn" }, ward: null, wardChosen: true, hasPhone: false, consented: true },
  });
}

/** The report form of period 1, unit 8. */
export function renderForm() {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={["/reports/1/units/8"]}>
        <Routes>
          <Route path="/reports/:periodId/units/:unitId" element={<ReportFormPage />} />
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}
