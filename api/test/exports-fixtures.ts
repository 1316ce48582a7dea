import type supertest from "supertest";
import type { Harness } from "./harness.js";
import { vnInstant } from "../src/lib/time.js";

type Status = "draft" | "submitted" | "approved" | "returned";

export interface ReportSeed {
  status: Status;
  onTime?: boolean;
  /** by indicator code: [numerator, denominator] for percentages, a number otherwise */
  indicators?: Record<string, [number, number] | number>;
  /** by task code */
  tasks?: Record<string, { status: "not_started" | "in_progress" | "done" | null; progress?: number | null; result?: string }>;
  difficulties?: string;
  proposals?: string;
}

/** Writes a unit's report straight into the report tables (the report routes are another feature's). */
export async function putReport(h: Harness, periodId: number, unitCode: string, seed: ReportSeed): Promise<number> {
  const { db } = h.ctx.database;
  const now = h.clock.now().toISOString();
  const unitId = await h.unitId(unitCode);
  const { id } = await db
    .insertInto("reports")
    .values({
      period_id: periodId,
      unit_id: unitId,
      status: seed.status,
      version: 1,
      difficulties: seed.difficulties ?? "",
      proposals: seed.proposals ?? "",
      submitted_at: seed.status === "submitted" || seed.status === "approved" ? now : null,
      submitted_by: null,
      on_time: seed.status === "submitted" || seed.status === "approved" ? (seed.onTime === false ? 0 : 1) : null,
      reviewed_at: null,
      reviewed_by: null,
      return_reason: seed.status === "returned" ? "Thiếu số liệu" : null,
      created_at: now,
      updated_at: now,
      updated_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [code, v] of Object.entries(seed.indicators ?? {})) {
    const ind = await db.selectFrom("indicators").select("id").where("code", "=", code).executeTakeFirstOrThrow();
    await db
      .insertInto("report_indicator_values")
      .values({
        report_id: id,
        indicator_id: ind.id,
        numerator: Array.isArray(v) ? v[0] : null,
        denominator: Array.isArray(v) ? v[1] : null,
        value: Array.isArray(v) ? null : v,
        comment: "",
        flagged: 0,
        updated_at: now,
      })
      .execute();
  }
  for (const [code, v] of Object.entries(seed.tasks ?? {})) {
    const task = await db.selectFrom("tasks").select("id").where("code", "=", code).executeTakeFirstOrThrow();
    await db
      .insertInto("report_task_values")
      .values({ report_id: id, task_id: task.id, status: v.status, progress: v.progress ?? null, result: v.result ?? "", comment: "", updated_at: now })
      .execute();
  }
  return id;
}

/** An annual period for `year` expecting the given units (by code). */
export async function createAnnualPeriod(h: Harness, year: number, unitCodes: string[]): Promise<number> {
  const { db } = h.ctx.database;
  const now = h.clock.now().toISOString();
  const { id } = await db
    .insertInto("periods")
    .values({
      ward_id: await h.unitId("UBND"),
      year,
      kind: "annual",
      title: `Báo cáo kết quả thực hiện Nghị quyết 83 năm ${year}`,
      opens_at: vnInstant(year, 1, 1),
      deadline_at: vnInstant(year, 11, 30, 23, 59, 59),
      status: "closed",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const code of unitCodes) {
    await db.insertInto("period_units").values({ period_id: id, unit_id: await h.unitId(code), exception_until: null }).execute();
  }
  return id;
}

/** supertest: collect a binary body into a Buffer. */
export function binary(req: supertest.Test): supertest.Test {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => cb(null, Buffer.concat(chunks)));
  });
}
