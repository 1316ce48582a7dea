// Push delivery: publishing a notice to 10 000 people (the enqueue happens in the publishing
// transaction), then the push worker delivering through a fake Zalo OA on loopback at a capped
// rate, run the way the server runs it (one pass per worker interval). Prints the enqueue time and
// the sends per second: the cap is a ceiling, and delivery should flow, not burst.
// Env: BENCH_RECIPIENTS (10000), BENCH_LINKED (2000 of them with a Zalo account, the others are
// inbox-only), BENCH_PUSH_RATE (200 per second), BENCH_INTERVAL_MS (1000).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { bootstrap } from "../api/src/bootstrap.js";
import { loadConfig } from "../api/src/config.js";
import { createLogger } from "../api/src/lib/logger.js";
import { createAnnouncement } from "../api/src/announcements/compose.js";
import { runOutboxOnce, sendsPerRun } from "../api/src/notifications/worker.js";
import type { AuthUser } from "../api/src/http/context.js";
import { report } from "./lib.mjs";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const LINKED = Number(process.env.BENCH_LINKED ?? 2000);
const RATE = Number(process.env.BENCH_PUSH_RATE ?? 200);
const INTERVAL = Number(process.env.BENCH_INTERVAL_MS ?? 1000);

async function main() {
  const sent: number[] = [];
  const zalo = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      sent.push(performance.now());
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: 0, message: "Success", data: { message_id: String(sent.length) } }));
    });
  });
  await new Promise<void>((r) => zalo.listen(0, "127.0.0.1", r));
  const zaloUrl = `http://127.0.0.1:${(zalo.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-push-"));
  const config = loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    SQLITE_PATH: path.join(dir, "push.sqlite"),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: "bench_push" } : {}),
    ZALO_OA_API_URL: zaloUrl,
    ZALO_OA_OAUTH_URL: zaloUrl,
    ZALO_OA_ACCESS_TOKEN: "bench",
    ZALO_OA_REFRESH_TOKEN: "bench",
    PUSH_RATE_PER_SECOND: String(RATE),
    WORKER_INTERVAL_MS: String(INTERVAL),
  });
  if (config.database.kind === "postgres") {
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: config.database.url });
    await admin.connect();
    await admin.query("DROP SCHEMA IF EXISTS bench_push CASCADE; CREATE SCHEMA bench_push");
    await admin.end();
  }
  const ctx = await bootstrap(config, { logger: createLogger("silent") });
  const { db } = ctx.database;
  try {
    const now = ctx.clock.now().toISOString();
    // the recipients are the youth of the staff's ward (a notice goes to its own ward's people)
    const staffRow = await db.selectFrom("users").select(["id", "name", "ward_id"]).where("role", "=", "staff").executeTakeFirstOrThrow();
    for (let i = 0; i < RECIPIENTS; i += 500) {
      await db
        .insertInto("users")
        .values(
          Array.from({ length: Math.min(500, RECIPIENTS - i) }, (_, k) => ({
            zalo_id: i + k < LINKED ? `zalo-${i + k}` : null,
            name: `Đoàn viên ${i + k}`,
            role: "youth" as const,
            ward_id: staffRow.ward_id,
            source: i + k < LINKED ? "zalo" : "dev",
            created_at: now,
            updated_at: now,
          })) as never,
        )
        .execute();
    }
    const staff: AuthUser = { id: staffRow.id, name: staffRow.name, role: "staff", unitId: null, wardId: staffRow.ward_id, sessionId: 0 };
    const category = await db.selectFrom("announcement_categories").select("id").executeTakeFirstOrThrow();

    const t0 = performance.now();
    await createAnnouncement(ctx, staff, {
      title: "Thông báo gửi toàn thể đoàn viên",
      body: "Nội dung thông báo.",
      categoryId: category.id,
      attachmentIds: [],
      audience: "everyone",
      unitIds: [],
      pinned: false,
      requiresAck: false,
      status: "published",
    });
    const enqueueMs = performance.now() - t0;
    const queued = await db.selectFrom("notifications").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    console.log(`Push on ${config.database.kind === "postgres" ? "PostgreSQL" : "SQLite"}: ${Number(queued.n).toLocaleString("en")} recipients enqueued while publishing in ${enqueueMs.toFixed(0)} ms`);
    report({ figure: `Push: ${RECIPIENTS.toLocaleString("en")} recipients enqueued (publishing the notice)`, value: enqueueMs, unit: "ms", target: "< 1 000 ms", ok: enqueueMs < 1000 });

    // The server's loop: one pass per interval, never two at once.
    const start = performance.now();
    while (sent.length < LINKED && performance.now() - start < 10 * 60_000) {
      const tick = performance.now();
      await runOutboxOnce(ctx, { maxBatches: 40, maxSends: sendsPerRun(ctx) });
      const left = INTERVAL - (performance.now() - tick);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    const perSecond: number[] = [];
    for (const t of sent) perSecond[Math.floor((t - sent[0]) / 1000)] = (perSecond[Math.floor((t - sent[0]) / 1000)] ?? 0) + 1;
    const full = perSecond.slice(0, -1).map((n) => n ?? 0); // the last second is partial
    const seconds = (sent[sent.length - 1] - sent[0]) / 1000;
    console.log(`  ${sent.length} pushes in ${seconds.toFixed(1)} s at a cap of ${RATE}/s (interval ${INTERVAL} ms); per second: ${perSecond.map((n) => n ?? 0).join(" ")}`);
    const max = Math.max(...full);
    const min = Math.min(...full);
    report({ figure: `Push: busiest second at a cap of ${RATE}/s`, value: max, unit: "pushes", ratio: max / RATE, reference: "of the cap", target: "≤ the cap", ok: max <= RATE * 1.02 });
    report({ figure: "Push: quietest full second while delivering (smoothness)", value: min, unit: "pushes", ratio: min / RATE, reference: "of the cap", target: "≥ 0.8× the cap (no bursts then idle)", ok: min >= RATE * 0.8 });
  } finally {
    await ctx.database.destroy();
    zalo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
