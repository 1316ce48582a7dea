import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { AppContext } from "../http/context.js";
import { formatDateVN, vnInstant, vnParts } from "../lib/time.js";
import { acceptsFrom } from "../catalog/queries.js";
import { storeFile } from "../files/store.js";
import { linkFiles } from "../files/access.js";
import type { AnnouncementAudience } from "./tables.js";
import { searchTextOf } from "./search-text.js";
import { defaultWardId } from "../wards/queries.js";
import { PLAN_TEXT, PLAN_TITLE } from "./seed-plan-text.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The plan as a real Word document, built from its text. */
export async function planDocx(): Promise<Buffer> {
  const children = PLAN_TEXT.map((b) => {
    if (b.kind === "h1") return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER });
    if (b.kind === "h2") return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 });
    if (b.kind === "h3") return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_3 });
    if (b.kind === "center") return new Paragraph({ children: [new TextRun({ text: b.text, bold: true })], alignment: AlignmentType.CENTER });
    return new Paragraph({ text: b.text, alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 } });
  });
  const doc = new Document({
    creator: "UBND phường Lê Đại Hành",
    title: PLAN_TITLE,
    styles: { default: { document: { run: { font: "Times New Roman", size: 26 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export interface DemoNotice {
  key: string;
  title: string;
  body: string;
  category: string;
  audience: AnnouncementAudience;
  pinned?: boolean;
  requiresAck?: boolean;
  publishedAt: string;
  expiresAt?: string;
  withPlan?: boolean;
}

const NOTICES: DemoNotice[] = [
  {
    key: "nq83-plan",
    title: "Triển khai Nghị quyết số 83/NQ-HĐND về phát triển thanh niên đến năm 2030",
    category: "Văn bản chỉ đạo",
    audience: "everyone",
    pinned: true,
    publishedAt: vnInstant(2026, 1, 20, 8, 0),
    withPlan: true,
    body: [
      "Ủy ban nhân dân phường Lê Đại Hành ban hành **Kế hoạch triển khai thực hiện Nghị quyết số 83/NQ-HĐND** ngày 11/12/2025 của Hội đồng nhân dân thành phố về phát triển thanh niên thành phố Hải Phòng đến năm 2030.",
      "## Mục đích",
      "- Tuyên truyền, quán triệt và tổ chức triển khai thực hiện đồng bộ, thống nhất, hiệu quả Nghị quyết trên địa bàn phường.",
      "- Phấn đấu đến năm 2030 hoàn thành **100%** các mục tiêu, chỉ tiêu phát triển thanh niên đã đề ra.",
      "- Bảo đảm thanh niên được chăm lo, phát triển toàn diện về thể chất, trí tuệ, tinh thần, đạo đức, lối sống và năng lực làm việc.",
      "## Báo cáo định kỳ",
      "Các cơ quan, đơn vị báo cáo kết quả thực hiện hằng năm, gửi về UBND phường (qua phòng VHXH) *trước ngày 30/11*.",
      "Toàn văn Kế hoạch được đính kèm bên dưới.",
    ].join("\n\n"),
  },
  {
    key: "youth-month-2026",
    title: "Tháng Thanh niên năm 2026: chuỗi hoạt động tình nguyện vì cộng đồng",
    category: "Sự kiện - Hoạt động",
    audience: "everyone",
    publishedAt: vnInstant(2026, 2, 25, 9, 0),
    body: [
      "Hưởng ứng **Tháng Thanh niên năm 2026**, Đoàn TNCS Hồ Chí Minh phường phát động chuỗi hoạt động:",
      "- Ngày Chủ nhật xanh: ra quân vệ sinh môi trường tại các tổ dân phố (sáng Chủ nhật hằng tuần trong tháng 3).",
      "- Hiến máu tình nguyện tại Trạm Y tế phường ngày **15/03/2026**.",
      "- Hướng dẫn người cao tuổi sử dụng dịch vụ công trực tuyến và VNeID.",
      "Đoàn viên, thanh niên đăng ký tham gia với Bí thư chi đoàn tổ dân phố hoặc nhắn tin qua Zalo của Đoàn phường.",
    ].join("\n\n"),
  },
  {
    key: "job-fair-2026",
    title: "Ngày hội việc làm và tư vấn hướng nghiệp cho thanh niên phường năm 2026",
    category: "Việc làm - Học nghề",
    audience: "everyone",
    publishedAt: vnInstant(2026, 10, 15, 8, 0),
    body: [
      "Hội Liên hiệp Thanh niên Việt Nam phường phối hợp Phòng Văn hóa - Xã hội tổ chức **Ngày hội việc làm** dành cho thanh niên từ 16 đến 30 tuổi.",
      "## Thời gian, địa điểm",
      "- Từ 7 giờ 30 đến 11 giờ 30, **Chủ nhật ngày 06/12/2026**.",
      "- Tại Hội trường UBND phường Lê Đại Hành.",
      "## Nội dung",
      "- Hơn 20 doanh nghiệp tuyển dụng trực tiếp; tư vấn chọn nghề, học nghề miễn phí.",
      "- Hướng dẫn viết hồ sơ xin việc và kỹ năng phỏng vấn.",
      "Thông tin thêm tại [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn).",
    ].join("\n\n"),
  },
  {
    key: "dialogue-2026",
    title: "Chủ tịch UBND phường đối thoại với thanh niên năm 2026",
    category: "Tin tức",
    audience: "everyone",
    publishedAt: vnInstant(2026, 9, 5, 15, 0),
    body: [
      "Thực hiện Luật Thanh niên năm 2020, Chủ tịch UBND phường sẽ **đối thoại trực tiếp với thanh niên** vào ngày 08/10/2026 tại Hội trường UBND phường.",
      "Thanh niên có thể gửi câu hỏi, ý kiến trước qua mục **Góp ý** trên mini app *Thanh niên số* đến hết ngày 30/09/2026.",
    ].join("\n\n"),
  },
];

/** The notice of a year's report deadline, for the units, asking for an acknowledgement. */
function deadlineNotice(year: number, deadlineAt: string): DemoNotice {
  const date = formatDateVN(deadlineAt);
  const at = vnParts(deadlineAt);
  return {
    key: `report-${year}-deadline`,
    title: `Hạn gửi báo cáo kết quả thực hiện Nghị quyết 83 năm ${year}: trước ngày ${date}`,
    category: "Văn bản chỉ đạo",
    audience: "all_units",
    pinned: true,
    requiresAck: true,
    publishedAt: vnInstant(year, 11, 2, 8, 30),
    body: [
      "Thực hiện Kế hoạch triển khai Nghị quyết số 83/NQ-HĐND, UBND phường đề nghị các cơ quan, đơn vị và các tổ dân phố:",
      `1. Báo cáo kết quả thực hiện các **chỉ tiêu (Phụ lục I)** và **nhiệm vụ, giải pháp (Phụ lục II)** được giao năm ${year}.`,
      `2. Nhập báo cáo trực tiếp trên mini app *Thanh niên số*, mục **Báo cáo**, và bấm **Gửi báo cáo** trước **${at.hour} giờ ${String(at.minute).padStart(2, "0")} ngày ${date}**.`,
      "3. Đơn vị có khó khăn, vướng mắc liên hệ Phòng Văn hóa - Xã hội để được hướng dẫn.",
      "Đề nghị đầu mối các đơn vị bấm **Đã tiếp nhận** để xác nhận đã nhận được thông báo này.",
    ].join("\n\n"),
  };
}

/**
 * The deadline notices: 2026's, and the one of the yearly report open now (so a start in a later
 * year has a notice about that year's report to acknowledge).
 */
async function deadlineNotices(ctx: AppContext, wardId: number, now: string): Promise<DemoNotice[]> {
  const periods = await ctx.database.db
    .selectFrom("periods")
    .select(["year", "deadline_at", "opens_at", "accepts_from"])
    .where("kind", "=", "annual")
    .where("ward_id", "=", wardId)
    .execute();
  const first = periods.find((p) => p.year === 2026);
  const current = periods.find((p) => acceptsFrom(p) <= now && now <= p.deadline_at);
  const out = [deadlineNotice(2026, first?.deadline_at ?? vnInstant(2026, 11, 30, 23, 59, 59))];
  if (current && current.year !== 2026) out.push(deadlineNotice(current.year, current.deadline_at));
  return out;
}

/** Demo notices for the ward (idempotent: each is keyed by seed_key; nothing is pushed). */
export async function seedDemoAnnouncements(ctx: AppContext): Promise<void> {
  // the demo notices are Lê Đại Hành's (the first ward), as its demo units and reports are
  const wardId = await defaultWardId(ctx.database.db);
  if (wardId === null) return;
  await insertDemoNotices(ctx, wardId, [...NOTICES, ...(await deadlineNotices(ctx, wardId, ctx.clock.now().toISOString()))]);
}

/**
 * Inserts the demo notices of a ward (or of the city: `wardId` null) that are not there yet, each keyed
 * by its seed_key, published at its date or now if that is still to come; nothing is pushed.
 */
export async function insertDemoNotices(ctx: AppContext, wardId: number | null, notices: DemoNotice[]): Promise<void> {
  const { db } = ctx.database;
  const now = ctx.clock.now().toISOString();
  const categories = await db.selectFrom("announcement_categories").select(["id", "name"]).execute();
  const existing = new Set((await db.selectFrom("announcements").select("seed_key").where("seed_key", "in", notices.map((n) => n.key)).execute()).map((r) => r.seed_key));
  for (const n of notices) {
    if (existing.has(n.key)) continue;
    const category = categories.find((c) => c.name === n.category);
    if (!category) continue;
    const attachments = n.withPlan
      ? [await storeFile(ctx, { name: "Ke-hoach-trien-khai-Nghi-quyet-83-NQ-HDND.docx", mime: DOCX_MIME, bytes: await planDocx(), uploadedBy: null })]
      : [];
    const publishedAt = n.publishedAt < now ? n.publishedAt : now;
    const row = await db
      .insertInto("announcements")
      .values({
        ward_id: wardId,
        title: n.title,
        body: n.body,
        category_id: category.id,
        cover_json: null,
        attachments_json: JSON.stringify(attachments),
        audience: n.audience,
        pinned: n.pinned ? 1 : 0,
        status: "published",
        publish_at: publishedAt,
        published_at: publishedAt,
        expires_at: n.expiresAt ?? null,
        requires_ack: n.requiresAck ? 1 : 0,
        edited_at: null,
        archived_at: null,
        sort_at: publishedAt,
        search_text: searchTextOf(n.title, n.body),
        view_count: 0,
        last_reminded_at: null,
        seed_key: n.key,
        created_by: null,
        created_at: publishedAt,
        updated_at: publishedAt,
      })
      .onConflict((oc) => oc.column("seed_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    // the attached plan takes the notice's access (public for a notice to everyone)
    if (row) await linkFiles(db, "announcement", row.id, attachments.map((f) => f.id), publishedAt);
  }
}
