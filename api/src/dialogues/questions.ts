import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DialogueQuestion, NewQuestionSchema, QuestionPatchSchema } from "../contract/dialogues.js";
import { FEEDBACK_LIMITS } from "../contract/feedback-labels.js";
import { AppError, badRequest, conflict, notFound } from "../lib/errors.js";
import { formatDateTimeVN, vnParts } from "../lib/time.js";
import { cleanText } from "../feedback/shared.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { dialogueState, loadDialogue } from "./service.js";

type Db = Kysely<DB>;
const HOUR = 3_600_000;
const MAX_ID = 2_147_483_647;
const questionNotFound = () => notFound("Không tìm thấy câu hỏi này.", "QUESTION_NOT_FOUND");

/** DT-2026-1-0007: the dialogue's year and id, then the question's number in it. */
export const questionCode = (year: number, dialogueId: number, seq: number) => `DT-${year}-${dialogueId}-${String(seq).padStart(4, "0")}`;

/**
 * A youth sends a question while the window is open. As for feedback: a tracking code, plain text,
 * at most FEEDBACK_LIMITS.perHour a rolling hour; a refused question is not stored and the app keeps it.
 */
export async function askQuestion(ctx: AppContext, user: AuthUser, dialogueId: number, body: z.output<typeof NewQuestionSchema>): Promise<{ id: number; code: string }> {
  const { db, dialect } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const d = await loadDialogue(db, dialogueId, user);
  const state = dialogueState(d, nowIso);
  if (state === "upcoming") throw conflict("QUESTIONS_NOT_OPEN", `Buổi đối thoại nhận câu hỏi từ ${formatDateTimeVN(d.questions_open_at)}. Câu hỏi của bạn chưa được gửi.`);
  if (state !== "collecting") {
    throw conflict("QUESTIONS_CLOSED", `Đã hết hạn gửi câu hỏi (${formatDateTimeVN(d.questions_close_at)}). Câu hỏi của bạn chưa được gửi; bạn có thể gửi qua mục Góp ý.`);
  }
  const text = cleanText(body.text);
  return db.transaction().execute(async (trx) => {
    // one question at a time per person, so the hourly limit cannot be raced (SQLite serialises anyway)
    if (dialect === "postgres") await trx.selectFrom("users").select("id").where("id", "=", user.id).forUpdate().execute();
    const recent = await trx.selectFrom("dialogue_questions").select("created_at").where("sender_id", "=", user.id).where("created_at", ">", new Date(now.getTime() - HOUR).toISOString()).orderBy("created_at").execute();
    if (recent.length >= FEEDBACK_LIMITS.perHour) {
      const retryAt = new Date(Date.parse(recent[recent.length - FEEDBACK_LIMITS.perHour].created_at) + HOUR).toISOString();
      throw new AppError(429, "QUESTION_RATE_LIMITED", `Bạn đã gửi ${FEEDBACK_LIMITS.perHour} câu hỏi trong 1 giờ qua. Bạn có thể gửi tiếp từ ${formatDateTimeVN(retryAt)}; nội dung đang soạn vẫn được giữ.`, { retryAt });
    }
    const seq = await trx
      .updateTable("dialogues")
      .set((eb) => ({ question_seq: eb("question_seq", "+", 1) }))
      .where("id", "=", dialogueId)
      .returning("question_seq")
      .executeTakeFirstOrThrow();
    const code = questionCode(vnParts(d.held_at).year, dialogueId, Number(seq.question_seq));
    const row = await trx
      .insertInto("dialogue_questions")
      .values({
        dialogue_id: dialogueId,
        code,
        sender_id: user.id,
        text,
        anonymous: body.anonymous ? 1 : 0,
        hidden: 0,
        hidden_by: null,
        flags_count: 0,
        flags_reviewed: 0,
        supports_count: 0,
        group_label: null,
        position: null,
        answer: null,
        published_answer: null,
        answered_at: null,
        answered_by: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();
    return row;
  });
}

async function marks(db: Db, table: "dialogue_question_supports" | "dialogue_question_flags", userId: number | null, ids: number[]): Promise<Set<number>> {
  if (!userId || !ids.length) return new Set();
  const rows = await db.selectFrom(table).select("question_id").where("user_id", "=", userId).where("question_id", "in", ids).execute();
  return new Set(rows.map((r) => r.question_id));
}

/**
 * The questions of a dialogue. Youth see the visible ones (and their own, even hidden), names only
 * when not anonymous, answers once published; staff see everything with names, flags and drafts.
 */
export async function listQuestions(ctx: AppContext, user: AuthUser | null, dialogueId: number, order: "popular" | "agenda"): Promise<DialogueQuestion[]> {
  const { db } = ctx.database;
  await loadDialogue(db, dialogueId, user);
  const staff = user?.role === "staff";
  let q = db.selectFrom("dialogue_questions as q").innerJoin("users as u", "u.id", "q.sender_id").selectAll("q").select("u.name as sender_name").where("q.dialogue_id", "=", dialogueId);
  if (!staff) q = q.where((eb) => eb.or([eb("q.hidden", "=", 0), eb("q.sender_id", "=", user?.id ?? -1)]));
  q =
    order === "agenda"
      ? q.orderBy((eb) => eb.case().when("q.group_label", "is", null).then(1).else(0).end()).orderBy("q.group_label").orderBy((eb) => eb.case().when("q.position", "is", null).then(1).else(0).end()).orderBy("q.position").orderBy("q.supports_count", "desc").orderBy("q.id")
      : q.orderBy("q.supports_count", "desc").orderBy("q.id");
  const rows = await q.limit(1000).execute();
  const ids = rows.map((r) => r.id);
  const [supported, flagged] = await Promise.all([marks(db, "dialogue_question_supports", user?.id ?? null, ids), marks(db, "dialogue_question_flags", user?.id ?? null, ids)]);
  return rows.map((r) => {
    const mine = !!user && r.sender_id === user.id;
    return {
      id: r.id,
      code: r.code,
      text: r.text,
      senderName: staff || mine || !r.anonymous ? r.sender_name : null,
      anonymous: !!r.anonymous,
      supportsCount: Number(r.supports_count),
      supported: supported.has(r.id),
      flagged: flagged.has(r.id),
      mine,
      hidden: !!r.hidden,
      flagsCount: staff ? Number(r.flags_count) : 0,
      group: r.group_label,
      position: r.position === null ? null : Number(r.position),
      answer: r.published_answer,
      draftAnswer: staff ? r.answer : null,
      answeredAt: r.published_answer ? r.answered_at : null,
      createdAt: r.created_at,
    };
  });
}

async function loadQuestion(db: Db, user: AuthUser, dialogueId: number, questionId: number) {
  if (questionId > MAX_ID || dialogueId > MAX_ID) throw questionNotFound();
  await loadDialogue(db, dialogueId, user);
  const q = await db.selectFrom("dialogue_questions").selectAll().where("id", "=", questionId).where("dialogue_id", "=", dialogueId).executeTakeFirst();
  if (!q) throw questionNotFound();
  return q;
}

/** Staff group and order the questions for the chair, hide or show them, and write the answers. */
export async function updateQuestion(ctx: AppContext, user: AuthUser, dialogueId: number, questionId: number, body: z.output<typeof QuestionPatchSchema>): Promise<DialogueQuestion> {
  const { db } = ctx.database;
  const q = await loadQuestion(db, user, dialogueId, questionId);
  if (Object.keys(body).length === 0) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
  await db
    .updateTable("dialogue_questions")
    .set({
      ...(body.group !== undefined ? { group_label: body.group } : {}),
      ...(body.position !== undefined ? { position: body.position } : {}),
      ...(body.hidden !== undefined ? { hidden: body.hidden ? 1 : 0, hidden_by: body.hidden ? "staff" : null } : {}),
      // un-hiding reviews the flags so far, as for feedback
      ...(body.hidden === false ? { flags_reviewed: q.flags_count } : {}),
      ...(body.answer !== undefined ? { answer: body.answer === null ? null : cleanText(body.answer), answered_by: user.id } : {}),
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", questionId)
    .execute();
  const list = await listQuestions(ctx, user, dialogueId, "agenda");
  return list.find((x) => x.id === questionId)!;
}

async function loadVisible(db: Db, user: AuthUser, dialogueId: number, questionId: number) {
  const q = await loadQuestion(db, user, dialogueId, questionId);
  if (q.hidden) throw questionNotFound();
  return q;
}

export async function supportQuestion(ctx: AppContext, user: AuthUser, dialogueId: number, questionId: number) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const q = await loadVisible(trx, user, dialogueId, questionId);
    if (q.sender_id === user.id) throw conflict("SELF_SUPPORT", "Bạn không thể tự ủng hộ câu hỏi của mình.");
    const res = await trx.insertInto("dialogue_question_supports").values({ question_id: questionId, user_id: user.id, created_at: nowIso }).onConflict((oc) => oc.columns(["question_id", "user_id"]).doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_SUPPORTED", "Bạn đã ủng hộ câu hỏi này rồi.");
    const row = await trx.updateTable("dialogue_questions").set((eb) => ({ supports_count: eb("supports_count", "+", 1) })).where("id", "=", questionId).returning("supports_count").executeTakeFirstOrThrow();
    return { supported: true, supportsCount: Number(row.supports_count) };
  });
}

/** Flags as for feedback: FEEDBACK_LIMITS.flagsToHide unreviewed flags hide it until staff look. */
export async function flagQuestion(ctx: AppContext, user: AuthUser, dialogueId: number, questionId: number, reason?: string) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const q = await loadVisible(trx, user, dialogueId, questionId);
    if (q.sender_id === user.id) throw conflict("SELF_FLAG", "Bạn không thể báo cáo vi phạm câu hỏi của chính mình.");
    const res = await trx
      .insertInto("dialogue_question_flags")
      .values({ question_id: questionId, user_id: user.id, reason: reason || null, created_at: nowIso })
      .onConflict((oc) => oc.columns(["question_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_FLAGGED", "Bạn đã báo cáo vi phạm câu hỏi này rồi.");
    const row = await trx.updateTable("dialogue_questions").set((eb) => ({ flags_count: eb("flags_count", "+", 1) })).where("id", "=", questionId).returning(["flags_count", "flags_reviewed"]).executeTakeFirstOrThrow();
    const hidden = Number(row.flags_count) - Number(row.flags_reviewed) >= FEEDBACK_LIMITS.flagsToHide;
    if (hidden) {
      await trx.updateTable("dialogue_questions").set({ hidden: 1, hidden_by: "flags", updated_at: nowIso }).where("id", "=", questionId).execute();
      const d = await loadDialogue(trx, dialogueId, null);
      const staff = await trx.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", d.ward_id).where("disabled", "=", 0).execute();
      await enqueueNotifications(
        trx,
        staff.map((s) => ({
          userId: s.id,
          kind: "dialogue_question_flagged",
          title: `Câu hỏi ${q.code} bị ẩn chờ xem xét`,
          body: `Câu hỏi đã bị báo cáo vi phạm ${Number(row.flags_count)} lần và tạm ẩn.`,
          link: `/dialogues/${dialogueId}`,
          dedupeKey: `dialogue-question:${questionId}:flagged:${Number(row.flags_count)}`,
          source: `dialogue:${dialogueId}`,
        })),
        nowIso,
        pushEnabled(ctx.config),
      );
    }
    return { flagged: true, hidden };
  });
}
