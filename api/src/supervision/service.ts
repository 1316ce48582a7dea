import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { NewSupervisionSchema, Recommendation, RecommendationState, Supervision, SupervisionList } from "../contract/supervision.js";
import { badRequest, conflict, forbidden, notFound } from "../lib/errors.js";
import { formatDateVN, vnParts } from "../lib/time.js";
import { planYearAt } from "../lib/plan-year.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { focalUserIds } from "../reports/access.js";
import { assertSeesWard, requestWardId } from "../wards/request-ward.js";

type Db = Kysely<DB>;
const MAX_ID = 2_147_483_647;
const supervisionNotFound = () => notFound("Không tìm thấy cuộc giám sát.", "SUPERVISION_NOT_FOUND");

export function recommendationState(r: { due_at: string; answered_at: string | null }, nowIso: string): RecommendationState {
  if (r.answered_at) return r.answered_at > r.due_at ? "answered_late" : "answered";
  return nowIso > r.due_at ? "overdue" : "open";
}

/** Who answers a recommendation: the focal points of its unit; ward staff for one addressed to the ward. */
function mayAnswer(user: AuthUser, unitId: number, isWard: boolean): boolean {
  if (isWard) return user.role === "staff";
  return user.role === "focal" && user.unitId === unitId;
}

function recQuery(db: Db) {
  return db
    .selectFrom("supervision_recommendations as r")
    .innerJoin("supervisions as s", "s.id", "r.supervision_id")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .leftJoin("users as a", "a.id", "r.answered_by")
    .selectAll("r")
    .select(["s.title as s_title", "s.year as s_year", "s.ward_id as s_ward", "u.name as unit_name", "u.kind as unit_kind", "u.sort_order as unit_sort", "a.name as answered_name"]);
}
type RecRow = Awaited<ReturnType<ReturnType<typeof recQuery>["executeTakeFirstOrThrow"]>>;

function toRec(r: RecRow, user: AuthUser, nowIso: string): Recommendation {
  const isWard = r.unit_kind === "ward";
  const state = recommendationState(r, nowIso);
  return {
    id: r.id,
    supervisionId: r.supervision_id,
    supervisionTitle: r.s_title,
    text: r.text,
    unit: { id: r.unit_id, name: r.unit_name, isWard },
    dueAt: r.due_at,
    state,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: r.answered_name ?? null,
    canAnswer: !r.answered_at && mayAnswer(user, r.unit_id, isWard),
  };
}

async function build(db: Db, user: AuthUser, rows: { id: number; ward_id: number; year: number; held_on: string; title: string; findings: string; created_by: number | null; created_at: string }[], nowIso: string): Promise<Supervision[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [units, recs, authors] = await Promise.all([
    db.selectFrom("supervision_units as su").innerJoin("units as u", "u.id", "su.unit_id").select(["su.supervision_id", "u.id", "u.name"]).where("su.supervision_id", "in", ids).orderBy("u.sort_order").execute(),
    recQuery(db).where("r.supervision_id", "in", ids).orderBy("r.id").execute(),
    db.selectFrom("users").select(["id", "name"]).where("id", "in", [...new Set(rows.map((r) => r.created_by ?? -1))]).execute(),
  ]);
  return rows.map((s) => ({
    id: s.id,
    year: Number(s.year),
    heldOn: s.held_on,
    title: s.title,
    findings: s.findings,
    units: units.filter((u) => u.supervision_id === s.id).map((u) => ({ id: u.id, name: u.name })),
    recommendations: recs.filter((r) => r.supervision_id === s.id).map((r) => toRec(r, user, nowIso)),
    createdBy: authors.find((a) => a.id === s.created_by)?.name ?? null,
    createdAt: s.created_at,
  }));
}

/** A focal point sees the supervisions of their unit or addressed to it; staff and the Front see all. */
function concerns(user: AuthUser) {
  const unitId = user.unitId ?? -1;
  return (eb: any) =>
    eb.or([
      eb.exists(eb.selectFrom("supervision_units as x").select("x.unit_id").whereRef("x.supervision_id", "=", "s.id").where("x.unit_id", "=", unitId)),
      eb.exists(eb.selectFrom("supervision_recommendations as y").select("y.id").whereRef("y.supervision_id", "=", "s.id").where("y.unit_id", "=", unitId)),
    ]);
}

/** A ward's supervisions of a year (its Fatherland Front's). */
export async function listSupervisions(ctx: AppContext, user: AuthUser, year?: number, askedWard?: number): Promise<SupervisionList> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, askedWard);
  const nowIso = ctx.clock.now().toISOString();
  const y = year ?? planYearAt(ctx.clock.now());
  let q = db.selectFrom("supervisions as s").selectAll("s").where("s.ward_id", "=", wardId).where("s.year", "=", y);
  if (user.role === "focal") q = q.where(concerns(user));
  const items = await build(db, user, await q.orderBy("s.held_on", "desc").orderBy("s.id", "desc").execute(), nowIso);
  const overdue = items.flatMap((s) => s.recommendations).filter((r) => r.state === "overdue" && (user.role !== "focal" || r.unit.id === user.unitId)).length;
  return { year: y, items, overdue };
}

export async function getSupervision(ctx: AppContext, user: AuthUser, id: number): Promise<Supervision> {
  const { db } = ctx.database;
  if (id > MAX_ID) throw supervisionNotFound();
  let q = db.selectFrom("supervisions as s").selectAll("s").where("s.id", "=", id);
  if (user.role === "focal") q = q.where(concerns(user));
  const row = await q.executeTakeFirst();
  if (!row) throw supervisionNotFound();
  assertSeesWard(user, row.ward_id, supervisionNotFound);
  return (await build(db, user, [row], ctx.clock.now().toISOString()))[0];
}

/** A ward's recommendations across years, for the staff dashboard (overdue first) and a unit's own to-do list. */
export async function listRecommendations(ctx: AppContext, user: AuthUser, state?: RecommendationState, askedWard?: number): Promise<Recommendation[]> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, askedWard);
  const nowIso = ctx.clock.now().toISOString();
  let q = recQuery(db).where("s.ward_id", "=", wardId);
  if (user.role === "focal") q = q.where("r.unit_id", "=", user.unitId ?? -1);
  if (state === "overdue") q = q.where("r.answered_at", "is", null).where("r.due_at", "<", nowIso);
  if (state === "open") q = q.where("r.answered_at", "is", null).where("r.due_at", ">=", nowIso);
  if (state === "answered" || state === "answered_late") q = q.where("r.answered_at", "is not", null);
  const rows = await q.orderBy("r.due_at").orderBy("r.id").limit(500).execute();
  return rows.map((r) => toRec(r, user, nowIso)).filter((r) => !state || r.state === state);
}

/** The ward's Fatherland Front records a supervision of the ward's units (another ward's unit is unknown here). */
export async function createSupervision(ctx: AppContext, user: AuthUser, body: z.output<typeof NewSupervisionSchema>): Promise<Supervision> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const heldOn = new Date(body.heldOn).toISOString();
  if (heldOn > nowIso) throw badRequest("SUPERVISION_IN_FUTURE", "Ngày giám sát không được ở tương lai: hãy ghi nhận sau khi đã giám sát.");
  const unitIds = [...new Set([...body.unitIds, ...body.recommendations.map((r) => r.unitId)])];
  const found = await db.selectFrom("units").select(["id", "kind"]).where("id", "in", unitIds).where("ward_id", "=", wardId).execute();
  const missing = unitIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw badRequest("UNKNOWN_UNIT", "Có đơn vị được chọn không tồn tại.", { unitIds: missing });
  const problems = body.recommendations
    .map((r, i) => ({ i, due: new Date(r.dueAt).toISOString() }))
    .filter((r) => r.due <= nowIso || r.due <= heldOn)
    .map((r) => ({ path: `recommendations.${r.i}.dueAt`, message: "Hạn trả lời phải sau hôm nay và sau ngày giám sát." }));
  if (problems.length) throw badRequest("RECOMMENDATION_DUE_PAST", "Hạn trả lời kiến nghị phải ở tương lai. Nội dung đã nhập vẫn được giữ.", problems);

  const id = await db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto("supervisions")
      .values({ ward_id: wardId, year: vnParts(heldOn).year, held_on: heldOn, title: body.title, findings: body.findings, created_by: user.id, created_at: nowIso })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("supervision_units").values([...new Set(body.unitIds)].map((unit_id) => ({ supervision_id: s.id, unit_id }))).execute();
    const recs = await trx
      .insertInto("supervision_recommendations")
      .values(body.recommendations.map((r) => ({ supervision_id: s.id, text: r.text, unit_id: r.unitId, due_at: new Date(r.dueAt).toISOString(), answer: null, answered_at: null, answered_by: null, created_at: nowIso })))
      .returning(["id", "unit_id", "due_at"])
      .execute();
    const focal = await focalUserIds(trx, recs.map((r) => r.unit_id));
    const staff = (await trx.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", wardId).where("disabled", "=", 0).execute()).map((r) => r.id);
    const notes: NotificationInput[] = [];
    for (const r of recs) {
      const ward = found.find((f) => f.id === r.unit_id)?.kind === "ward";
      for (const userId of ward ? staff : (focal.get(r.unit_id) ?? [])) {
        notes.push({
          userId,
          kind: "supervision_recommendation",
          title: "Kiến nghị giám sát của Ủy ban MTTQ phường cần trả lời",
          body: `${body.title}: trả lời trước ${formatDateVN(r.due_at)}.`,
          link: `/supervisions/${s.id}`,
          dedupeKey: `supervision-rec:${r.id}`,
          source: `supervision:${s.id}`,
        });
      }
    }
    await enqueueNotifications(trx, notes, nowIso, pushEnabled(ctx.config));
    return s.id;
  });
  return getSupervision(ctx, user, id);
}

export async function answerRecommendation(ctx: AppContext, user: AuthUser, supervisionId: number, recId: number, text: string): Promise<Supervision> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  if (supervisionId > MAX_ID || recId > MAX_ID) throw notFound("Không tìm thấy kiến nghị.", "RECOMMENDATION_NOT_FOUND");
  await db.transaction().execute(async (trx) => {
    const rec = await recQuery(trx).where("r.id", "=", recId).where("r.supervision_id", "=", supervisionId).executeTakeFirst();
    const missing = () => notFound("Không tìm thấy kiến nghị.", "RECOMMENDATION_NOT_FOUND");
    if (!rec) throw missing();
    assertSeesWard(user, rec.s_ward, missing);
    if (!mayAnswer(user, rec.unit_id, rec.unit_kind === "ward")) {
      throw forbidden(
        rec.unit_kind === "ward"
          ? "Kiến nghị này gửi UBND phường: cán bộ phường trả lời."
          : `Kiến nghị này gửi ${rec.unit_name}, không gửi đơn vị của bạn. Nội dung đang soạn vẫn được giữ.`,
        "RECOMMENDATION_NOT_YOURS",
      );
    }
    const upd = await trx
      .updateTable("supervision_recommendations")
      .set({ answer: text, answered_at: nowIso, answered_by: user.id })
      .where("id", "=", recId)
      .where("answered_at", "is", null)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) === 0) throw conflict("ALREADY_ANSWERED", "Kiến nghị này đã được trả lời.");
    // The ward's Front sees the answer: its accounts are told.
    const observers = await trx.selectFrom("users").select("id").where("role", "=", "observer").where("ward_id", "=", rec.s_ward).where("disabled", "=", 0).execute();
    await enqueueNotifications(
      trx,
      observers.map((o) => ({
        userId: o.id,
        kind: "supervision_answered",
        title: `${rec.unit_name} đã trả lời kiến nghị giám sát`,
        body: text.slice(0, 200),
        link: `/supervisions/${supervisionId}`,
        dedupeKey: `supervision-rec:${recId}:answered`,
        source: `supervision:${supervisionId}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getSupervision(ctx, user, supervisionId);
}

/** For the ward's report: the ward's supervisions of the year with each recommendation and its answer. */
export async function supervisionsOfYear(db: Db, wardId: number, year: number, nowIso: string) {
  const rows = await db.selectFrom("supervisions").selectAll().where("ward_id", "=", wardId).where("year", "=", year).orderBy("held_on").orderBy("id").execute();
  const system: AuthUser = { id: 0, name: "", role: "observer", unitId: null, wardId: null, sessionId: 0 };
  return build(db, system, rows, nowIso);
}
