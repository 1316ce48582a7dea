import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { SendSnapshot, Snapshot, SnapshotDetail, SnapshotList } from "../contract/city.js";
import type { WardSummary } from "../contract/summary.js";
import { REPORT_SIGNER } from "../exports/signature.js";
import { isUniqueViolation, parseJson } from "../db/dialect.js";
import { conflict, notFound } from "../lib/errors.js";
import { discardFile, storeFile } from "../files/store.js";
import { linkFiles } from "../files/access.js";
import { DOCX_MIME, XLSX_MIME } from "../exports/download.js";
import { cityDeadline, cityDeadlines } from "./deadlines.js";
import { ownWard, seesWard, wardForCaller } from "./access.js";
import { wardPeriod } from "./ward-source.js";
import { runExport } from "../workers/run.js";
import { notifyCityStaff } from "./notify.js";

type Db = Kysely<DB>;
const MAX_ID = 2_147_483_647;
const snapshotNotFound = () => notFound("Không tìm thấy báo cáo đã gửi lên thành phố.", "SNAPSHOT_NOT_FOUND");

/** The columns of a version (never the summary JSON), with the ward and the people's names. */
function versionQuery(db: Db) {
  return db
    .selectFrom("ward_snapshots as s")
    .innerJoin("units as w", "w.id", "s.ward_id")
    .innerJoin("files as fd", "fd.id", "s.docx_file_id")
    .innerJoin("files as fx", "fx.id", "s.xlsx_file_id")
    .leftJoin("users as us", "us.id", "s.sent_by")
    .leftJoin("users as ud", "ud.id", "s.decided_by")
    .select([
      "s.id",
      "s.ward_id",
      "s.period_id",
      "s.year",
      "s.version",
      "s.status",
      "s.counted",
      "s.sent_at",
      "s.decided_at",
      "s.return_reason",
      "s.units_submitted",
      "s.units_expected",
      "s.indicators_on_track",
      "s.indicators_total",
      "w.code as ward_code",
      "w.name as ward_name",
      "fd.name as docx_name",
      "fd.size as docx_size",
      "fx.name as xlsx_name",
      "fx.size as xlsx_size",
      "us.name as sent_by_name",
      "ud.name as decided_by_name",
    ]);
}
type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>["execute"]>>[number];

function toSnapshot(r: VersionRow, deadlineAt: string, latestVersion: number): Snapshot {
  return {
    id: r.id,
    ward: { id: r.ward_id, code: r.ward_code, name: r.ward_name },
    periodId: r.period_id,
    year: Number(r.year),
    version: Number(r.version),
    status: r.status,
    counted: r.counted,
    sentAt: r.sent_at,
    sentBy: r.sent_by_name ?? null,
    sentOnTime: r.sent_at <= deadlineAt,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by_name ?? null,
    returnReason: r.return_reason,
    latest: Number(r.version) === latestVersion,
    docx: { name: r.docx_name, size: Number(r.docx_size), url: `/api/city/snapshots/${r.id}/report.docx` },
    xlsx: { name: r.xlsx_name, size: Number(r.xlsx_size), url: `/api/city/snapshots/${r.id}/report.xlsx` },
    unitsSubmitted: Number(r.units_submitted),
    unitsExpected: Number(r.units_expected),
    indicatorsOnTrack: Number(r.indicators_on_track),
    indicatorsTotal: Number(r.indicators_total),
  };
}

/** Versions as the API shows them: the city's deadline of each year, and which is the newest of its period. */
async function present(db: Db, rows: VersionRow[]): Promise<Snapshot[]> {
  const deadlines = await cityDeadlines(db, [...new Set(rows.map((r) => Number(r.year)))]);
  const newest = new Map<string, number>();
  const key = (r: VersionRow) => `${r.ward_id}:${r.period_id}`;
  // the newest version of each period is looked up, not assumed to be among the rows asked for
  const pairs = [...new Set(rows.map(key))];
  if (pairs.length) {
    const wardIds = [...new Set(rows.map((r) => r.ward_id))];
    const periodIds = [...new Set(rows.map((r) => r.period_id))];
    const tops = await db
      .selectFrom("ward_snapshots")
      .select(["ward_id", "period_id", (eb) => eb.fn.max("version").as("v")])
      .where("ward_id", "in", wardIds)
      .where("period_id", "in", periodIds)
      .groupBy(["ward_id", "period_id"])
      .execute();
    for (const t of tops) newest.set(`${t.ward_id}:${t.period_id}`, Number(t.v));
  }
  return rows.map((r) => toSnapshot(r, deadlines.get(Number(r.year))!.deadlineAt, newest.get(key(r)) ?? Number(r.version)));
}

async function latestOf(db: Db, wardId: number, periodId: number) {
  return db
    .selectFrom("ward_snapshots")
    .select(["id", "version", "status"])
    .where("ward_id", "=", wardId)
    .where("period_id", "=", periodId)
    .orderBy("version", "desc")
    .executeTakeFirst();
}

/** Why a ward cannot send a new version of a period now (null: it can). */
function cannotSend(latest: { status: string; version: number } | undefined): { code: string; message: string } | null {
  if (latest?.status === "accepted") {
    return {
      code: "SNAPSHOT_ALREADY_ACCEPTED",
      message: `Thành phố đã tiếp nhận báo cáo (phiên bản ${latest.version}); không gửi lại được. Nếu cần sửa, đề nghị Sở Nội vụ trả lại báo cáo.`,
    };
  }
  return null;
}

/** Every version a ward sent (newest first), optionally of one period or one year. */
export async function listSnapshots(ctx: AppContext, user: AuthUser, wardId: number, filter: { periodId?: number; year?: number }): Promise<SnapshotList> {
  const { db } = ctx.database;
  const ward = await wardForCaller(db, user, wardId);
  let q = versionQuery(db).where("s.ward_id", "=", ward.id);
  if (filter.periodId !== undefined) {
    await wardPeriod(db, ward.id, filter.periodId);
    q = q.where("s.period_id", "=", filter.periodId);
  }
  if (filter.year !== undefined) q = q.where("s.year", "=", filter.year);
  const rows = await q.orderBy("s.year", "desc").orderBy("s.version", "desc").execute();
  const items = await present(db, rows);

  let canSend = false;
  let cannotSendReason: string | null = null;
  let deadlineAt: string | null = null;
  if (filter.periodId !== undefined) {
    const period = await wardPeriod(db, ward.id, filter.periodId);
    deadlineAt = (await cityDeadline(db, period.year)).deadlineAt;
    const blocked = period.kind !== "annual" ? { message: ADHOC_MESSAGE } : cannotSend(await latestOf(db, ward.id, period.id));
    canSend = user.role === "staff" && !blocked;
    cannotSendReason = blocked?.message ?? (user.role === "staff" ? null : "Chỉ cán bộ phường gửi báo cáo của phường lên thành phố.");
  } else if (filter.year !== undefined) {
    deadlineAt = (await cityDeadline(db, filter.year)).deadlineAt;
  }
  return { ward, items, canSend, cannotSendReason, deadlineAt };
}

const ADHOC_MESSAGE = "Chỉ báo cáo năm gửi lên thành phố; báo cáo đột xuất là báo cáo nội bộ của phường.";

/** A version with its frozen summary; another ward's answers 404. */
export async function getSnapshot(ctx: AppContext, user: AuthUser, id: number): Promise<SnapshotDetail> {
  const { db } = ctx.database;
  if (id > MAX_ID) throw snapshotNotFound();
  const row = await versionQuery(db).select("s.summary_json").where("s.id", "=", id).executeTakeFirst();
  if (!row || !seesWard(user, row.ward_id)) throw snapshotNotFound();
  const [snapshot] = await present(db, [row]);
  return { ...snapshot, summary: parseJson<WardSummary>(row.summary_json, null as never) };
}

/** The frozen Word or Excel file of a version, as it was sent. */
export async function snapshotFile(ctx: AppContext, user: AuthUser, id: number, kind: "docx" | "xlsx"): Promise<{ fileId: string; mime: string }> {
  const { db } = ctx.database;
  if (id > MAX_ID) throw snapshotNotFound();
  const row = await db.selectFrom("ward_snapshots").select(["ward_id", "docx_file_id", "xlsx_file_id"]).where("id", "=", id).executeTakeFirst();
  if (!row || !seesWard(user, row.ward_id)) throw snapshotNotFound();
  return kind === "docx" ? { fileId: row.docx_file_id, mime: DOCX_MIME } : { fileId: row.xlsx_file_id, mime: XLSX_MIME };
}

/**
 * Ward staff send their ward's report of a period to the city as version N+1 of it: load → compute →
 * render (an export worker) → store the files → insert. Two sends at once both aim at N+1; the unique (ward, period,
 * version) lets one in and the other gets 409 SNAPSHOT_SEND_CONFLICT (its files are discarded).
 * An older version still waiting for the city is superseded; an accepted one blocks new versions.
 */
export async function sendSnapshot(ctx: AppContext, user: AuthUser, wardId: number, body: SendSnapshot & { counted: NonNullable<SendSnapshot["counted"]> }): Promise<Snapshot> {
  const { db } = ctx.database;
  const ward = await ownWard(db, user, wardId);
  const period = await wardPeriod(db, ward.id, body.periodId);
  if (period.kind !== "annual") throw conflict("PERIOD_NOT_ANNUAL", ADHOC_MESSAGE);
  const latest = await latestOf(db, ward.id, period.id);
  const blocked = cannotSend(latest);
  if (blocked) throw conflict(blocked.code, blocked.message);
  const version = (latest ? Number(latest.version) : 0) + 1;

  const now = ctx.clock.now();
  // load → compute → render in an export worker; what is stored, and the checks around it, stay here
  const rendered = await runExport(ctx, "wardSnapshot", { wardId: ward.id, periodId: period.id, counted: body.counted, signer: body.signer ?? REPORT_SIGNER.name });
  const c = rendered.summary.completeness;
  if (c.counted === 0) {
    throw conflict(
      "NOTHING_TO_SEND",
      body.counted === "approved_only"
        ? "Chưa có báo cáo đơn vị nào được duyệt trong kỳ này: chưa có số liệu để gửi lên thành phố."
        : "Chưa có đơn vị nào nộp báo cáo trong kỳ này: chưa có số liệu để gửi lên thành phố.",
    );
  }

  const suffix = ` - phiên bản ${version}`;
  const withSuffix = (name: string) => name.replace(/(\.[^.]+)$/, `${suffix}$1`);
  const docx = await storeFile(ctx, { name: withSuffix(rendered.docx.name), mime: DOCX_MIME, bytes: rendered.docx.bytes, uploadedBy: user.id });
  const xlsx = await storeFile(ctx, { name: withSuffix(rendered.xlsx.name), mime: XLSX_MIME, bytes: rendered.xlsx.bytes, uploadedBy: user.id }).catch(async (err) => {
    await discardFile(ctx, docx.id);
    throw err;
  });
  const nowIso = now.toISOString();
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("ward_snapshots")
        .values({
          ward_id: ward.id,
          period_id: period.id,
          year: period.year,
          version,
          status: "sent",
          counted: body.counted,
          summary_json: JSON.stringify(rendered.summary),
          docx_file_id: docx.id,
          xlsx_file_id: xlsx.id,
          sent_at: nowIso,
          sent_by: user.id,
          decided_at: null,
          decided_by: null,
          return_reason: null,
          units_submitted: c.submitted,
          units_expected: c.expected,
          indicators_on_track: rendered.summary.indicators.filter((i) => i.onTrack === "on_track").length,
          indicators_total: rendered.summary.indicators.length,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("ward_snapshots")
        .set({ status: "superseded" })
        .where("ward_id", "=", ward.id)
        .where("period_id", "=", period.id)
        .where("status", "=", "sent")
        .where("id", "!=", row.id)
        .execute();
      // the city may have accepted the previous version while this one was being built
      const accepted = await trx
        .selectFrom("ward_snapshots")
        .select("version")
        .where("ward_id", "=", ward.id)
        .where("period_id", "=", period.id)
        .where("status", "=", "accepted")
        .executeTakeFirst();
      if (accepted) {
        const b = cannotSend({ status: "accepted", version: Number(accepted.version) })!;
        throw conflict(b.code, b.message);
      }
      if (rendered.figures.length) await trx.insertInto("ward_snapshot_figures").values(rendered.figures.map((f) => ({ ...f, snapshot_id: row.id }))).execute();
      await linkFiles(trx, "ward_snapshot", row.id, [docx.id, xlsx.id], nowIso);
      await notifyCityStaff(ctx, trx, {
        title: `${ward.name} gửi báo cáo năm ${period.year}`,
        body: `${ward.name} đã gửi báo cáo kết quả thực hiện Nghị quyết 83 năm ${period.year} (phiên bản ${version}) lên thành phố: ${c.submitted}/${c.expected} đơn vị đã nộp. Vui lòng xem và tiếp nhận hoặc trả lại.`,
        link: `/city/snapshots/${row.id}`,
        dedupeKey: `snapshot-sent:${row.id}`,
      });
      return row.id;
    });
  } catch (err) {
    await discardFile(ctx, docx.id);
    await discardFile(ctx, xlsx.id);
    if (isUniqueViolation(err)) {
      throw conflict(
        "SNAPSHOT_SEND_CONFLICT",
        `Báo cáo của phường vừa được gửi lên thành phố (phiên bản ${version}) bởi một yêu cầu khác cùng lúc. Không có gì bị mất: hãy xem danh sách phiên bản, nếu cần thì gửi lại.`,
        { version },
      );
    }
    throw err;
  }
  const [snapshot] = await present(db, [(await versionQuery(db).where("s.id", "=", id).executeTakeFirstOrThrow())]);
  return snapshot;
}

