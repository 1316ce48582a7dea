import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { Dialogue, DialogueState, NewDialogueSchema, PublishAnswersSchema } from "../contract/dialogues.js";
import { DIALOGUE_LIMITS } from "../contract/dialogues-labels.js";
import { badRequest, conflict, notFound, unprocessable } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import { formatDateTimeVN, formatDateVN, vnDateKey, vnParts } from "../lib/time.js";
import { createAnnouncement } from "../announcements/compose.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import type { DialoguesTable } from "./tables.js";
import { assertSeesWard, requestWardId } from "../wards/request-ward.js";

type Db = Kysely<DB>;
export type DialogueRow = Selectable<DialoguesTable>;
const DAY = 86_400_000;
const MAX_ID = 2_147_483_647;

export const dialogueNotFound = () => notFound("Không tìm thấy buổi đối thoại.", "DIALOGUE_NOT_FOUND");

/** A dialogue the caller may see: another ward's answers 404 to a ward's people (anonymous readers see any). */
export async function loadDialogue(db: Db, id: number, user: AuthUser | null): Promise<DialogueRow> {
  if (id > MAX_ID) throw dialogueNotFound();
  const d = await db.selectFrom("dialogues").selectAll().where("id", "=", id).executeTakeFirst();
  if (!d) throw dialogueNotFound();
  assertSeesWard(user, d.ward_id, dialogueNotFound);
  return d;
}

export function dialogueState(d: Pick<DialogueRow, "status" | "held_at" | "questions_open_at" | "questions_close_at">, nowIso: string): DialogueState {
  if (d.status === "answered") return "answered";
  if (nowIso >= d.held_at) return "held";
  if (nowIso < d.questions_open_at) return "upcoming";
  return nowIso <= d.questions_close_at ? "collecting" : "closed";
}

/** Whole Vietnamese calendar days from one instant to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(vnDateKey(to)) - Date.parse(vnDateKey(from))) / DAY);

async function toDialogues(db: Db, rows: DialogueRow[], nowIso: string): Promise<Dialogue[]> {
  if (!rows.length) return [];
  const counts = await db
    .selectFrom("dialogue_questions")
    .select((eb) => ["dialogue_id", eb.fn.countAll<number>().as("n"), eb.fn.count<number>("published_answer").as("answered")])
    .where("dialogue_id", "in", rows.map((r) => r.id))
    .where("hidden", "=", 0)
    .groupBy("dialogue_id")
    .execute();
  return rows.map((d) => {
    const c = counts.find((x) => x.dialogue_id === d.id);
    const state = dialogueState(d, nowIso);
    return {
      id: d.id,
      year: Number(d.year),
      title: d.title,
      heldAt: d.held_at,
      place: d.place,
      presidedBy: d.presided_by,
      questionsOpenAt: d.questions_open_at,
      questionsCloseAt: d.questions_close_at,
      announcedAt: d.announced_at,
      noticeDays: Number(d.notice_days),
      shortNotice: Number(d.notice_days) < DIALOGUE_LIMITS.noticeDays,
      state,
      announcementId: d.announcement_id,
      questionCount: Number(c?.n ?? 0),
      answeredCount: Number(c?.answered ?? 0),
      attendees: d.attendees === null ? null : Number(d.attendees),
      summary: d.summary,
      answersPublishedAt: d.answers_published_at,
      canAsk: state === "collecting",
    };
  });
}

/** A ward's dialogues (the caller's; anonymous: ?wardId= or the default ward; city staff: ?wardId=). */
export async function listDialogues(ctx: AppContext, user: AuthUser | null, year?: number, askedWard?: number): Promise<Dialogue[]> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, askedWard);
  let q = db.selectFrom("dialogues").selectAll().where("ward_id", "=", wardId);
  if (year) q = q.where("year", "=", year);
  const rows = await q.orderBy("held_at", "desc").limit(50).execute();
  return toDialogues(db, rows, ctx.clock.now().toISOString());
}

export async function getDialogue(ctx: AppContext, user: AuthUser | null, id: number): Promise<Dialogue> {
  const d = await loadDialogue(ctx.database.db, id, user);
  return (await toDialogues(ctx.database.db, [d], ctx.clock.now().toISOString()))[0];
}

async function eventsCategory(db: Db): Promise<number> {
  const cats = await db.selectFrom("announcement_categories").select(["id", "name_key"]).orderBy("sort_order").execute();
  const events = cats.find((c) => c.name_key === foldVietnamese("Sự kiện - Hoạt động"));
  return (events ?? cats[0]).id;
}

function announcementBody(d: { heldAt: string; place: string; presidedBy: string; openAt: string; closeAt: string }): string {
  return [
    `**Thời gian:** ${formatDateTimeVN(d.heldAt)}`,
    "",
    `**Địa điểm:** ${d.place}`,
    "",
    `**Chủ trì:** ${d.presidedBy}`,
    "",
    `Thanh niên gửi câu hỏi, ý kiến tới Chủ tịch UBND phường từ ${formatDateVN(d.openAt)} đến hết ${formatDateTimeVN(d.closeAt)} tại mục **Đối thoại với thanh niên** trên Trang chủ của ứng dụng. Mỗi câu hỏi có mã theo dõi; bạn có thể xem và ủng hộ câu hỏi của người khác. Sau buổi đối thoại, câu trả lời được công bố trong ứng dụng và người hỏi nhận được thông báo.`,
  ].join("\n");
}

/**
 * Staff announce a dialogue. The plan asks for it to be published 30 days ahead: with fewer days left
 * it is refused with SHORT_NOTICE (nothing is saved) until staff confirm. The notice goes into the
 * youth's feed through the announcements component.
 */
export async function createDialogue(ctx: AppContext, user: AuthUser, body: z.output<typeof NewDialogueSchema>): Promise<Dialogue> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user);
  const nowIso = ctx.clock.now().toISOString();
  const heldAt = new Date(body.heldAt).toISOString();
  const openAt = body.questionsOpenAt ? new Date(body.questionsOpenAt).toISOString() : nowIso;
  const closeAt = new Date(body.questionsCloseAt).toISOString();
  if (heldAt <= nowIso) throw badRequest("DIALOGUE_IN_PAST", "Thời gian đối thoại phải ở tương lai.");
  if (closeAt <= openAt) throw badRequest("QUESTION_WINDOW_INVALID", "Hạn cuối gửi câu hỏi phải sau thời điểm bắt đầu nhận câu hỏi.");
  if (closeAt > heldAt) throw badRequest("QUESTION_WINDOW_INVALID", "Hạn cuối gửi câu hỏi phải trước buổi đối thoại.");
  if (closeAt <= nowIso) throw badRequest("QUESTION_WINDOW_INVALID", "Hạn cuối gửi câu hỏi phải ở tương lai.");
  const noticeDays = daysBetween(nowIso, heldAt);
  if (noticeDays < DIALOGUE_LIMITS.noticeDays && !body.acknowledgeShortNotice) {
    throw unprocessable(
      "SHORT_NOTICE",
      `Kế hoạch đối thoại cần được công khai trước ít nhất ${DIALOGUE_LIMITS.noticeDays} ngày; buổi đối thoại này chỉ còn ${noticeDays} ngày. Chọn ngày muộn hơn, hoặc xác nhận để vẫn công bố (báo cáo sẽ ghi rõ số ngày).`,
      { noticeDays, required: DIALOGUE_LIMITS.noticeDays },
    );
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("dialogues")
      .values({
        ward_id: wardId,
        year: vnParts(heldAt).year,
        title: body.title,
        held_at: heldAt,
        place: body.place,
        presided_by: body.presidedBy,
        questions_open_at: openAt,
        questions_close_at: closeAt,
        announced_at: nowIso,
        notice_days: noticeDays,
        announcement_id: null,
        status: "announced",
        answers_published_at: null,
        attendees: null,
        summary: "",
        question_seq: 0,
        created_by: user.id,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
  try {
    // the feed's own service publishes it (and pushes it) exactly as a notice staff compose
    const announcementId = await createAnnouncement(ctx, user, {
      title: body.title,
      body: announcementBody({ heldAt, place: body.place, presidedBy: body.presidedBy, openAt, closeAt }),
      categoryId: await eventsCategory(db),
      attachmentIds: [],
      audience: "everyone",
      unitIds: [],
      pinned: true,
      requiresAck: false,
      status: "published",
      expiresAt: heldAt,
    });
    await db.updateTable("dialogues").set({ announcement_id: announcementId }).where("id", "=", id).execute();
  } catch (err) {
    await db.deleteFrom("dialogues").where("id", "=", id).execute();
    throw err;
  }
  return getDialogue(ctx, user, id);
}

/**
 * After the dialogue: the answers prepared so far become public and each asker is told once. Publishing
 * again (more answers) tells only the new askers. The dialogue then counts as held (CT14, task 5).
 */
export async function publishAnswers(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof PublishAnswersSchema>): Promise<Dialogue> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const d = await loadDialogue(db, id, user);
  if (nowIso < d.held_at) throw conflict("DIALOGUE_NOT_HELD_YET", `Buổi đối thoại diễn ra lúc ${formatDateTimeVN(d.held_at)}; chỉ công bố trả lời sau buổi đối thoại.`);
  const ready = await db.selectFrom("dialogue_questions").select(["id", "sender_id", "code", "answer", "published_answer"]).where("dialogue_id", "=", id).where("hidden", "=", 0).execute();
  const visible = ready.length;
  const answered = ready.filter((q) => q.answer);
  if (visible > 0 && answered.length === 0) throw unprocessable("ANSWERS_MISSING", "Chưa có câu hỏi nào được trả lời. Hãy nhập câu trả lời trước khi công bố.");
  await db.transaction().execute(async (trx) => {
    for (const q of answered) {
      if (q.published_answer === q.answer) continue;
      await trx.updateTable("dialogue_questions").set({ published_answer: q.answer, answered_at: nowIso, updated_at: nowIso }).where("id", "=", q.id).execute();
    }
    await trx
      .updateTable("dialogues")
      .set({
        status: "answered",
        answers_published_at: d.answers_published_at ?? nowIso,
        ...(body.attendees !== undefined ? { attendees: body.attendees } : {}),
        ...(body.summary !== undefined ? { summary: body.summary } : {}),
        updated_at: nowIso,
      })
      .where("id", "=", id)
      .execute();
    await enqueueNotifications(
      trx,
      answered.map((q) => ({
        userId: q.sender_id,
        kind: "dialogue_answered",
        title: `Câu hỏi ${q.code} đã được trả lời`,
        body: `${d.title}: ${q.answer!.slice(0, 160)}`,
        link: `/dialogues/${id}`,
        dedupeKey: `dialogue-question:${q.id}:answered`,
        source: `dialogue:${id}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getDialogue(ctx, user, id);
}

/** For the ward's report: the ward's dialogues of the year held (answers published), the evidence of CT14 and task 5. */
export async function dialoguesOfYear(db: Db, wardId: number, year: number, nowIso: string) {
  const rows = await db.selectFrom("dialogues").selectAll().where("ward_id", "=", wardId).where("year", "=", year).orderBy("held_at").execute();
  const all = await toDialogues(db, rows, nowIso);
  return { held: all.filter((d) => d.state === "answered"), planned: all.filter((d) => d.state !== "answered") };
}

