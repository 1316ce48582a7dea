import { expect } from "vitest";
import { bearer, type Harness } from "./harness.js";
import { createAnnualPeriod, putReport } from "./exports-fixtures.js";
import type { CommendationInput } from "../src/contract/commendations.js";

/**
 * The ward as a clerk tried it (issue 10), entered through the product: 16 units expected in 2026;
 * eight reports approved, one returned, one submitted within an extension after the deadline, six
 * missing. Offices report the same youth of the whole ward (CT02, CT09, CT16) and the same dialogue
 * (CT14); the residential groups split the ward (CT17).
 */

type Fill = Record<string, [number, number] | number | { status: "not_started" | "in_progress" | "done"; progress?: number; result?: string }>;

export interface UnitPlan {
  code: string;
  fill: Fill;
  comments?: Record<string, string>;
  difficulties?: string;
  proposals?: string;
  commendations?: CommendationInput[];
}

/** A focal point fills every item of the unit's report (defaults, then `fill`) and submits it. */
export async function fillAndSubmit(h: Harness, periodId: number, plan: UnitPlan): Promise<void> {
  const unitId = await h.unitId(plan.code);
  const focal = await h.signIn("focal", { unitId, name: `Đầu mối ${plan.code}` });
  const url = `/api/periods/${periodId}/reports/${unitId}`;
  const form = (await h.http().get(url).set(bearer(focal))).body;
  const save = await h
    .http()
    .put(url)
    .set(bearer(focal))
    .send({
      version: form.version,
      indicators: form.indicators.map((i: { indicatorId: number; code: string; measure: string }) => {
        const v = plan.fill[i.code];
        const comment = plan.comments?.[i.code] ?? "";
        if (i.measure === "percent") {
          const [n, d] = Array.isArray(v) ? v : [50, 100];
          return { indicatorId: i.indicatorId, numerator: n, denominator: d, comment };
        }
        return { indicatorId: i.indicatorId, value: typeof v === "number" ? v : 1, comment };
      }),
      tasks: form.tasks.map((t: { taskId: number; code: string }) => {
        const v = plan.fill[t.code];
        const s = v && typeof v === "object" && !Array.isArray(v) ? v : { status: "in_progress" as const, progress: 50, result: `${plan.code} đang triển khai.` };
        return { taskId: t.taskId, status: s.status, progress: s.progress ?? null, result: s.result ?? "" };
      }),
      difficulties: plan.difficulties ?? "",
      proposals: plan.proposals ?? "",
      ...(plan.commendations ? { commendations: plan.commendations } : {}),
    });
  expect(save.status, JSON.stringify(save.body)).toBe(200);
  const submit = await h.http().post(`${url}/submit`).set(bearer(focal)).send({ version: save.body.version });
  expect(submit.status, JSON.stringify(submit.body)).toBe(200);
}

const TDP = (n: number) => `TDP${String(n).padStart(2, "0")}`;

export const APPROVED: UnitPlan[] = [
  {
    code: "VP",
    fill: { CT01: [45, 50], CT14: 1, NV05: { status: "done", result: "Đối thoại ngày 26/3/2026 với 120 thanh niên." }, NV02: { status: "in_progress", progress: 50 } },
    difficulties: "Thiếu kinh phí tổ chức hội nghị quán triệt.",
    proposals: "Đề nghị thành phố bổ sung kinh phí tập huấn cán bộ đoàn cơ sở.",
  },
  {
    code: "VHXH",
    fill: { CT02: [4100, 6200], CT05: [3000, 6200], CT07: 35, NV01: { status: "done", result: "Đăng 48 tin bài trên trang Zalo của phường." } },
    commendations: [{ kind: "person", name: "Trần Thị Bình", position: "Công chức Văn hóa - Xã hội", achievement: "Tham mưu triển khai Nghị quyết 83 đạt kết quả.", form: "Giấy khen của Chủ tịch UBND phường" }],
  },
  { code: "CA", fill: { CT01: [30, 40], CT12: [18, 25] } },
  {
    code: "DOAN",
    fill: {
      CT02: [4230, 6200],
      CT09: [4500, 6200],
      CT16: [4300, 6200],
      CT14: 1,
      NV01: { status: "not_started" },
      NV04: { status: "done", result: "Tháng Thanh niên 2026: 12 công trình." },
      NV05: { status: "done" },
    },
    comments: { CT02: "Năm 2026 phường mở trang Zalo, số thanh niên tiếp cận tăng mạnh." },
    proposals: "Đề nghị hỗ trợ địa điểm sinh hoạt cho các chi đoàn tổ dân phố.",
    commendations: [
      { kind: "collective", name: "Chi đoàn tổ dân phố số 3", position: "Đoàn TNCS Hồ Chí Minh phường", achievement: "Dẫn đầu phong trào tình nguyện năm 2026.", form: "Giấy khen của Chủ tịch UBND phường" },
      { kind: "person", name: "Nguyễn Văn An", position: "Bí thư Đoàn phường", achievement: "Tổ chức 6 đợt tuyên truyền Nghị quyết 83.", form: "Bằng khen của Chủ tịch UBND thành phố" },
    ],
  },
  { code: TDP(1), fill: { CT17: [1, 1], CT09: [300, 600], NV03: { status: "done" } } },
  { code: TDP(2), fill: { CT17: [1, 1], CT09: [280, 620], NV03: { status: "done" } } },
  { code: TDP(3), fill: { CT17: [0, 1], CT09: [250, 610], NV03: { status: "in_progress", progress: 40 } } },
  { code: TDP(4), fill: { CT17: [1, 1], CT09: [310, 640], NV03: { status: "done" } } },
];

export const RETURNED: UnitPlan = {
  code: "QS",
  fill: { CT01: [20, 20], CT04: [50, 60], NV08: { status: "done", result: "BÁO CÁO BỊ TRẢ LẠI" } },
  commendations: [{ kind: "person", name: "KHÔNG ĐƯỢC TÍNH", achievement: "Báo cáo bị trả lại." }],
};
export const RETURN_REASON = "Thiếu số liệu CT04 theo từng khu dân cư";

export const EXTENDED: UnitPlan = { code: "MTTQ", fill: { CT16: [4400, 6200], NV13: { status: "done", result: "02 cuộc giám sát." } } };
export const EXTENSION_UNTIL = "2026-12-05T16:59:59.000Z";

export const MISSING = [5, 6, 7, 8, 9, 10].map(TDP);
export const EXPECTED = [...APPROVED.map((u) => u.code), RETURNED.code, EXTENDED.code, ...MISSING];

/** Builds the scenario; returns the 2026 period id. Leaves the clock at 02/12/2026. */
export async function buildScenario(h: Harness): Promise<{ periodId: number; staff: string }> {
  const { db } = h.ctx.database;
  const period = await db.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
  const staff = await h.signIn("staff", { name: "Cán bộ VHXH" });
  const expectedIds = await Promise.all(EXPECTED.map((c) => h.unitId(c)));
  const patch = await h.http().patch(`/api/periods/${period.id}`).set(bearer(staff)).send({ expectedUnitIds: expectedIds });
  expect(patch.status, JSON.stringify(patch.body)).toBe(200);

  // 2025: last year's figures (DOAN reached far fewer youth: its 2026 CT02 is flagged and explained)
  const p25 = await createAnnualPeriod(h, 2025, ["VHXH", "DOAN"]);
  await putReport(h, p25, "DOAN", { status: "approved", indicators: { CT02: [2000, 6200] } });
  await putReport(h, p25, "VHXH", { status: "approved", indicators: { CT02: [3900, 6200] } });

  h.clock.set("2026-11-20T03:00:00.000Z");
  for (const plan of [...APPROVED, RETURNED]) await fillAndSubmit(h, period.id, plan);
  for (const plan of APPROVED) {
    const res = await h.http().post(`/api/periods/${period.id}/reports/${await h.unitId(plan.code)}/approve`).set(bearer(staff));
    expect(res.status).toBe(200);
  }
  const ret = await h.http().post(`/api/periods/${period.id}/reports/${await h.unitId(RETURNED.code)}/return`).set(bearer(staff)).send({ reason: RETURN_REASON });
  expect(ret.status).toBe(200);

  // The day after the deadline: MTTQ gets an extension and submits within it.
  h.clock.set("2026-12-02T02:00:00.000Z");
  const staffLater = await h.signIn("staff", { name: "Cán bộ VHXH" });
  const ext = await h.http().put(`/api/periods/${period.id}/exceptions/${await h.unitId(EXTENDED.code)}`).set(bearer(staffLater)).send({ until: EXTENSION_UNTIL });
  expect(ext.status, JSON.stringify(ext.body)).toBe(200);
  await fillAndSubmit(h, period.id, EXTENDED);
  return { periodId: period.id, staff: staffLater };
}
