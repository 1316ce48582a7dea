import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createHarness, describeEachDb, DIALECTS, type Harness } from "./harness.js";
import { binary, putReport } from "./exports-fixtures.js";
import { addSecondWard } from "./tenancy-work-fixtures.js";
import { WorkerPool } from "../src/workers/pool.js";
import { runJob } from "../src/workers/jobs.js";
import { usesWorkers } from "../src/workers/run.js";
import { isDatabaseUnavailable } from "../src/db/unavailable.js";
import { AppError } from "../src/lib/errors.js";
import { TASK_RESULT_EXCERPT, TASK_RESULT_EXCERPT_CHARS } from "../src/contract/summary.js";
import type { ExportFile } from "../src/exports/export-jobs.js";

const FAKE = new URL("./fakes/export-worker.mjs", import.meta.url);
const pool = (opts: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => new WorkerPool({ size: 1, queue: 1, timeoutMs: 60_000, entry: FAKE, ...opts });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)),
  );

describe("export worker pool", () => {
  it("runs a job in a worker and gives back its result", async () => {
    const p = pool();
    expect(await p.run("echo", { bytes: new Uint8Array([1, 2, 3]), name: "Tổng hợp.xlsx" })).toEqual({ bytes: new Uint8Array([1, 2, 3]), name: "Tổng hợp.xlsx" });
    await p.close();
  });

  it("refuses a job with 503 EXPORT_BUSY when every worker is busy and the queue is full, and never leaves one hanging", async () => {
    const p = pool({ size: 1, queue: 1 });
    const running = codeOf(p.run("hang", null));
    const waiting = codeOf(p.run("echo", 1));
    const refused = p.run("echo", 2);
    const err = (await refused.catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 503, code: "EXPORT_BUSY", retryAfterSeconds: 60 });
    expect(err.message).toMatch(/đang tạo nhiều tệp báo cáo cùng lúc/);
    expect(p.load).toEqual({ running: 1, waiting: 1, workers: 1 });
    await p.close();
    expect(await running).toBe("500 EXPORT_FAILED");
    expect(await waiting).toBe("500 EXPORT_FAILED");
  });

  it("passes a job's own coded error through, turns a crash into 500 EXPORT_FAILED and a lost database into DATABASE_UNAVAILABLE", async () => {
    const p = pool();
    const refused = await p.run("refuse", null).catch((e) => e);
    expect(refused).toMatchObject({ status: 404, code: "PERIOD_NOT_FOUND", message: "Không tìm thấy kỳ báo cáo." });
    expect(await codeOf(p.run("fail", null))).toBe("500 EXPORT_FAILED");
    expect(isDatabaseUnavailable(await p.run("unavailable", null).catch((e) => e))).toBe(true);
    await p.close();
  });

  it("a worker that exits or throws fails its job with EXPORT_FAILED, and the next job gets a new worker", async () => {
    const p = pool({ queue: 2 });
    const exited = codeOf(p.run("exit", null));
    const next = p.run("echo", "sau khi thoát");
    expect(await exited).toBe("500 EXPORT_FAILED");
    expect(await next).toBe("sau khi thoát");
    expect(await codeOf(p.run("throw", null))).toBe("500 EXPORT_FAILED");
    expect(await p.run("echo", "vẫn chạy")).toBe("vẫn chạy");
    await p.close();
  });

  it("stops a job past its time with 503 EXPORT_TIMEOUT and stops its stuck worker", async () => {
    const p = pool({ timeoutMs: 50 });
    const err = (await p.run("hang", null).catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ status: 503, code: "EXPORT_TIMEOUT" });
    expect(err.message).toMatch(/chưa tạo xong/);
    expect(p.load).toEqual({ running: 0, waiting: 0, workers: 0 });
    await p.close();
  });

  it("stops a worker that has had nothing to do for a while, and starts one again for the next job", async () => {
    const p = pool({ idleMs: 20 });
    expect(await p.run("echo", 1)).toBe(1);
    await expect.poll(() => p.load.workers).toBe(0);
    expect(await p.run("echo", 2)).toBe(2);
    await p.close();
  });

  it("drops a waiting job whose caller went away", async () => {
    const p = pool({ queue: 1 });
    const running = codeOf(p.run("hang", null));
    const gone = new AbortController();
    const waiting = codeOf(p.run("echo", 1, gone.signal));
    gone.abort();
    expect(await waiting).toBe("500 EXPORT_FAILED");
    expect(p.load.waiting).toBe(0);
    await p.close();
    expect(await running).toBe("500 EXPORT_FAILED");
  });
});

/** The parts of an Office file (a zip) without its timestamps: what a reader sees. */
async function officeParts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    // docProps/core.xml carries the instant the file was packed
    if (!zip.files[name].dir && name !== "docProps/core.xml") parts[name] = await zip.files[name].async("string");
  }
  return parts;
}

// A file database, so that the worker threads can open it too (an in-memory one exists only in its thread).
const sqliteFile = path.join(os.tmpdir(), `tns-test-export-worker-${crypto.randomUUID()}.sqlite`);
afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(sqliteFile + suffix, { force: true });
});

describeEachDb(
  "exports through worker threads",
  (h) => {
    let periodId: number;
    let staff: string;
    const args = () => ({ periodId, counted: "submitted_and_approved" as const, user: null });
    const longText = `Tổ chức ${"nhiều hoạt động tuyên truyền cho thanh niên trên địa bàn phường, ".repeat(6)}kết quả tốt.`;

    beforeAll(async () => {
      expect(usesWorkers(h().ctx)).toBe(true);
      periodId = (await h().ctx.database.db.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow()).id;
      staff = await h().signIn("staff");
      await putReport(h(), periodId, "VP", { status: "submitted", indicators: { CT01: [412, 530], CT14: 1 }, tasks: { NV01: { status: "done", progress: 100, result: "Văn phòng: đăng 12 tin." } } });
      await putReport(h(), periodId, "CA", { status: "approved", indicators: { CT01: [100, 200] }, tasks: { NV01: { status: "in_progress", progress: 50, result: longText } } });
      await putReport(h(), periodId, "VHXH", { status: "approved", tasks: { NV01: { status: "done", progress: 100, result: "Đăng 24 tin bài trên trang Zalo của phường." } } });
      await putReport(h(), periodId, "DOAN", { status: "submitted", tasks: { NV01: { status: "in_progress", progress: 60, result: "Lập fanpage Đoàn phường." }, NV02: { status: "done" } } });
      await putReport(h(), periodId, "HOI", { status: "returned", tasks: { NV01: { status: "done", progress: 100, result: "BÁO CÁO BỊ TRẢ LẠI" } } });
    });

    it("builds the Excel and the Word in a worker with the same content as on the event loop", async () => {
      for (const kind of ["xlsx", "docx"] as const) {
        const res = await binary(h().http().get(`/api/periods/${periodId}/export.${kind}`).set(bearer(staff)));
        expect(res.status).toBe(200);
        const inline = (await runJob(h().ctx, kind === "xlsx" ? "wardXlsx" : "wardDocx", args())) as ExportFile;
        expect(decodeURIComponent(String(res.headers["content-disposition"]).split("''")[1])).toBe(inline.name);
        expect(await officeParts(res.body)).toEqual(await officeParts(inline.bytes));
      }
    });

    it("answers the summary from a worker, each task with an excerpt of its results and their count", async () => {
      const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.body.generatedAt).toBe(h().clock.now().toISOString());
      const inline = JSON.parse(Buffer.from((await runJob(h().ctx, "wardSummary", args())) as Uint8Array).toString());
      expect(res.body).toEqual(inline);
      const nv01 = res.body.tasks.find((t: { code: string }) => t.code === "NV01");
      expect(nv01.resultCount).toBe(4); // the returned report does not count
      expect(nv01.results).toHaveLength(TASK_RESULT_EXCERPT);
      const cut = nv01.results.find((r: { result: string }) => r.result.startsWith("Tổ chức"));
      expect(cut.result.length).toBe(TASK_RESULT_EXCERPT_CHARS);
      expect(cut.result.endsWith("…")).toBe(true);
      // NV02: a status without a written result is not listed
      expect(res.body.tasks.find((t: { code: string }) => t.code === "NV02")).toMatchObject({ resultCount: 0, results: [] });
    });

    it("gives every unit's result of a task, whole and page by page, in the summary's unit order", async () => {
      const nv01 = (await h().ctx.database.db.selectFrom("tasks").select("id").where("code", "=", "NV01").executeTakeFirstOrThrow()).id;
      const url = `/api/periods/${periodId}/summary/tasks/${nv01}/results`;
      const all = await h().http().get(url).set(bearer(staff));
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ taskId: nv01, total: 4, offset: 0, limit: 50 });
      expect(all.body.items.map((r: { result: string }) => r.result)).toContain(longText);
      expect(all.body.items.map((r: { result: string }) => r.result)).not.toContain("BÁO CÁO BỊ TRẢ LẠI");
      const summary = (await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff))).body;
      const excerpt = summary.tasks.find((t: { id: number }) => t.id === nv01).results;
      expect(all.body.items.slice(0, TASK_RESULT_EXCERPT).map((r: { unitId: number }) => r.unitId)).toEqual(excerpt.map((r: { unitId: number }) => r.unitId));

      const page = await h().http().get(url).query({ offset: 1, limit: 2 }).set(bearer(staff));
      expect(page.body.items).toEqual(all.body.items.slice(1, 3));
      const approved = await h().http().get(url).query({ counted: "approved_only" }).set(bearer(staff));
      expect(approved.body.total).toBe(2);

      const tooMany = await h().http().get(url).query({ limit: 1000 }).set(bearer(staff));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.details[0].message).toBe("Mỗi trang tối đa 200 đơn vị.");
      const unknown = await h().http().get(`/api/periods/${periodId}/summary/tasks/999999/results`).set(bearer(staff));
      expect(unknown.body.error.code).toBe("TASK_NOT_FOUND");
      const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
      expect((await h().http().get(url).set(bearer(focal))).status).toBe(403);

      // another ward's staff: the period is not theirs (404, as if it did not exist); the city reads it
      const b = await addSecondWard(h(), "KTW", "Ủy ban nhân dân phường Kiểm Thử");
      const other = await h().signIn("staff", { wardId: b.wardId });
      const refused = await h().http().get(url).set(bearer(other));
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe("PERIOD_NOT_FOUND");
      const city = await h().signIn("city_staff");
      expect((await h().http().get(url).set(bearer(city))).body.total).toBe(4);
    });

    it("passes a refusal from inside the worker through with its code", async () => {
      const res = await h().http().get("/api/periods/999999/export.xlsx").set(bearer(staff));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("PERIOD_NOT_FOUND");
    });

    it("sends the ward's report upward and builds the city's figures, Excel and Word in workers", async () => {
      const wardId = await h().unitId("UBND");
      const sent = await h().http().post(`/api/city/wards/${wardId}/snapshots`).set(bearer(staff)).send({ periodId });
      expect(sent.status).toBe(201);
      const docx = await binary(h().http().get(sent.body.docx.url).set(bearer(staff)));
      const inline = (await runJob(h().ctx, "wardDocx", { ...args(), unitId: wardId })) as ExportFile;
      expect(await officeParts(docx.body)).toEqual(await officeParts(inline.bytes));
      const city = await h().signIn("city_staff");
      const figures = await h().http().get("/api/city/summary").query({ year: 2026 }).set(bearer(city));
      expect(figures.status).toBe(200);
      expect(figures.body).toEqual(JSON.parse(Buffer.from((await runJob(h().ctx, "citySummary", { year: 2026 })) as Uint8Array).toString()));
      expect(figures.body.counts.expected).toBeGreaterThan(0);
      for (const kind of ["xlsx", "docx"] as const) {
        const res = await binary(h().http().get(`/api/city/export.${kind}`).query({ year: 2026 }).set(bearer(city)));
        expect(res.status).toBe(200);
        const job = kind === "xlsx" ? "cityXlsx" : "cityDocx";
        const mine = (await runJob(h().ctx, job, { year: 2026, signer: "" })) as ExportFile;
        expect(await officeParts(res.body)).toEqual(await officeParts(mine.bytes));
      }
    });
  },
  { env: { SQLITE_PATH: sqliteFile, EXPORT_WORKERS: "1" } },
);

describe("an export past EXPORT_TIMEOUT_MS", () => {
  for (const dialect of DIALECTS) {
    let h: Harness;
    const file = path.join(os.tmpdir(), `tns-test-export-timeout-${crypto.randomUUID()}.sqlite`);
    beforeAll(async () => {
      h = await createHarness(dialect, { env: { SQLITE_PATH: file, EXPORT_WORKERS: "1", EXPORT_TIMEOUT_MS: "1" } });
    });
    afterAll(async () => {
      await h.close();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    });

    it(`answers 503 EXPORT_TIMEOUT in Vietnamese instead of a hung request [${dialect}]`, async () => {
      const period = await h.ctx.database.db.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
      const res = await h.http().get(`/api/periods/${period.id}/export.xlsx`).set(bearer(await h.signIn("staff")));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("EXPORT_TIMEOUT");
      expect(res.body.error.message).toMatch(/^Tệp báo cáo chưa tạo xong/);
      expect(res.headers["retry-after"]).toBe("60"); // "try again in a few minutes", for programs too
    });
  }
});
