import type { Kysely } from "kysely";
import type { AppContext } from "../http/context.js";
import type { DB } from "../db/schema.js";
import { foldVietnamese } from "../lib/text.js";
import { vnParts } from "../lib/time.js";
import { computeDueAt } from "./due.js";
import { formatCode, nextSequence } from "./create.js";
import type { FeedbackStatus } from "./tables.js";
import { ensureUserByUsername } from "../identity/users.js";

export const DEFAULT_CATEGORIES: { code: string; name: string; answerDays: number }[] = [
  { code: "HOC_TAP_VIEC_LAM", name: "Học tập - Việc làm", answerDays: 5 },
  { code: "VAN_HOA_THE_THAO", name: "Văn hóa - Thể thao", answerDays: 5 },
  { code: "AN_NINH_TRAT_TU", name: "An ninh - Trật tự", answerDays: 5 },
  { code: "MOI_TRUONG", name: "Môi trường", answerDays: 5 },
  { code: "CHINH_SACH_THANH_NIEN", name: "Chính sách thanh niên", answerDays: 5 },
  { code: "KHAC", name: "Khác", answerDays: 5 },
];

interface DemoItem {
  key: string;
  sender: number;
  category: string;
  content: string;
  place?: string;
  allowPublic: boolean;
  anonymous: boolean;
  daysAgo: number;
  status: FeedbackStatus;
  unit?: string;
  reason?: string;
  answer?: { text: string; isPublic: boolean; byUnit: string };
}

const DEMO_ITEMS: DemoItem[] = [
  {
    key: "seed-demo-01",
    sender: 0,
    category: "VAN_HOA_THE_THAO",
    content: "Đề nghị phường mở cửa sân bóng nhà văn hóa vào buổi tối cuối tuần để thanh niên có chỗ sinh hoạt thể thao.",
    place: "TDP01",
    allowPublic: true,
    anonymous: false,
    daysAgo: 20,
    status: "answered",
    unit: "DOAN",
    answer: {
      text: "Đoàn phường đã phối hợp với tổ dân phố mở cửa sân bóng từ 18h đến 21h thứ Bảy và Chủ nhật, bắt đầu từ tháng này.",
      isPublic: true,
      byUnit: "DOAN",
    },
  },
  {
    key: "seed-demo-02",
    sender: 1,
    category: "AN_NINH_TRAT_TU",
    content: "Khu vực ngõ 12 thường xuyên có nhóm thanh niên tụ tập đua xe sau 23h, gây mất trật tự.",
    place: "TDP02",
    allowPublic: true,
    anonymous: true,
    daysAgo: 15,
    status: "answered",
    unit: "CA",
    answer: { text: "Công an phường đã tăng cường tuần tra khu vực ngõ 12 vào ban đêm. Cảm ơn bạn đã phản ánh.", isPublic: true, byUnit: "CA" },
  },
  {
    key: "seed-demo-03",
    sender: 0,
    category: "HOC_TAP_VIEC_LAM",
    content: "Mong phường tổ chức thêm buổi tư vấn hướng nghiệp cho học sinh lớp 12 trước kỳ thi.",
    allowPublic: false,
    anonymous: false,
    daysAgo: 3,
    status: "in_progress",
    unit: "HOI",
  },
  {
    key: "seed-demo-04",
    sender: 1,
    category: "MOI_TRUONG",
    content: "Bãi đất trống cạnh chợ bị đổ rác thải xây dựng nhiều ngày chưa được dọn.",
    place: "TDP03",
    allowPublic: true,
    anonymous: false,
    daysAgo: 14,
    status: "received",
  },
];

async function demoUser(db: Kysely<DB>, n: number | string, now: string, focalUnitId: number | null = null): Promise<number> {
  const username = `demo:feedback:${n}`;
  const name = focalUnitId ? "Đầu mối đơn vị (minh họa)" : typeof n === "number" ? (["Nguyễn Văn An", "Trần Thị Bình"][n] ?? `Thanh niên ${n + 1}`) : n;
  return ensureUserByUsername(db, { username, name, role: focalUnitId ? "focal" : "youth", unitId: focalUnitId, source: "demo", consentAt: now }, now);
}

/** Feedback categories (always) and demo items (with SEED_DEMO). Idempotent. */
export async function seedFeedback(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  for (const [i, c] of DEFAULT_CATEGORIES.entries()) {
    await db
      .insertInto("feedback_categories")
      .values({ code: c.code, name: c.name, answer_days: c.answerDays, sort_order: i, active: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
  if (!ctx.config.seedDemo) return;

  const cats = new Map((await db.selectFrom("feedback_categories").select(["id", "code", "answer_days"]).execute()).map((c) => [c.code, c]));
  const units = new Map((await db.selectFrom("units").select(["id", "code"]).execute()).map((u) => [u.code, u.id]));
  const senders = [await demoUser(db, 0, now), await demoUser(db, 1, now)];
  for (const d of DEMO_ITEMS) {
    const sender = senders[d.sender];
    const exists = await db.selectFrom("feedback_items").select("id").where("sender_id", "=", sender).where("idempotency_key", "=", d.key).executeTakeFirst();
    if (exists) continue;
    const cat = cats.get(d.category);
    if (!cat) continue;
    const createdAt = new Date(nowDate.getTime() - d.daysAgo * 86_400_000).toISOString();
    const dueAt = await computeDueAt(db, createdAt, cat.answer_days);
    await db.transaction().execute(async (trx) => {
      const year = vnParts(createdAt).year;
      const code = formatCode(year, await nextSequence(trx, year));
      const answeredAt = d.answer ? new Date(Date.parse(createdAt) + 2 * 86_400_000).toISOString() : null;
      const { id } = await trx
        .insertInto("feedback_items")
        .values({
          code,
          // the demo senders are youth of the default ward
          ward_id: (await trx.selectFrom("users").select("ward_id").where("id", "=", sender).executeTakeFirstOrThrow()).ward_id,
          sender_id: sender,
          category_id: cat.id,
          content: d.content,
          search_text: foldVietnamese(`${code} ${d.content}`),
          photos: "[]",
          hidden_photo_ids: "[]",
          place_unit_id: d.place ? (units.get(d.place) ?? null) : null,
          allow_public: d.allowPublic ? 1 : 0,
          anonymous: d.anonymous ? 1 : 0,
          status: d.status,
          status_reason: d.reason ?? null,
          assigned_unit_id: d.unit ? (units.get(d.unit) ?? null) : null,
          due_at: dueAt,
          answered_at: answeredAt,
          hidden: 0,
          hidden_by: null,
          flags_count: 0,
          flags_reviewed: 0,
          supports_count: 0,
          idempotency_key: d.key,
          created_at: createdAt,
          updated_at: answeredAt ?? createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (d.answer) {
        await trx
          .insertInto("feedback_answers")
          .values({ item_id: id, author_id: await demoUser(trx, `focal:${d.answer.byUnit}`, now, units.get(d.answer.byUnit) ?? null), text: d.answer.text, attachments: "[]", is_public: d.answer.isPublic ? 1 : 0, created_at: answeredAt! })
          .execute();
      }
    });
  }
}
