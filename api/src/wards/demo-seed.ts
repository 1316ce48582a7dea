import type { AppContext, AuthUser } from "../http/context.js";
import type { Role } from "../contract/identity.js";
import { ensureUserByUsername } from "../identity/users.js";
import { insertDemoNotices, type DemoNotice } from "../announcements/seed.js";
import { createFeedback } from "../feedback/create.js";
import { answerFeedback } from "../feedback/staff-actions.js";
import { seedDemoWardYear } from "../reports/demo-seed.js";
import { vnInstant } from "../lib/time.js";
import { createWard } from "./create.js";

/**
 * The city's demo (SEED_DEMO, never in production): Lê Đại Hành and two more wards, Phường Hồng Bàng
 * (HB) and Phường Ngô Quyền (NQ), added the way city staff add a ward (createWard: the standard
 * template, then prepareWard), so that both levels of the README's journeys can be tried:
 * - each ward has its staff, a focal point (its Youth Union), the Front's observer and two youth;
 *   city staff have a demo account of their own (Sở Nội vụ);
 * - each ward has its notices, and the city two notices (to everyone; to the wards' staff and focal
 *   points, asking each ward to acknowledge);
 * - each ward has feedback from its youth, one answered in public;
 * - Hồng Bàng's units have all sent their 2026 report and its staff approved them, so its staff can
 *   send the ward report to the city; Ngô Quyền has only a few reports sent, so the city's
 *   completeness shows it "not sent".
 * Idempotent at every start (by ward code, username, seed key, idempotency key, one report per unit
 * and period), and right on any date of the plan: dates still to come are clamped to the clock.
 */
interface DemoWard {
  code: string;
  placeName: string;
  groups: number;
  /** of the units its 2026 period expects: how many have reported, and where the reports are */
  reports2026: { share: number; status: "approved" | "submitted" };
  people: Record<"staff" | "focal" | "observer" | "youth" | "youth2", string>;
  notices: (code: string) => DemoNotice[];
  feedback: { key: string; category: string; content: string; place: string; answer?: string }[];
}

const WARDS: DemoWard[] = [
  {
    code: "HB",
    placeName: "Hồng Bàng",
    groups: 6,
    reports2026: { share: 1, status: "approved" },
    people: {
      staff: "Đỗ Thị Thu Hà (Phòng VHXH phường Hồng Bàng)",
      focal: "Bùi Quang Huy (Đoàn phường Hồng Bàng)",
      observer: "Ngô Văn Thắng (UB MTTQ phường Hồng Bàng)",
      youth: "Phạm Ngọc Ánh",
      youth2: "Lương Minh Đức",
    },
    notices: (code) => [
      {
        key: `demo:${code}:chu-nhat-xanh-2026`,
        title: "Phường Hồng Bàng ra quân “Ngày Chủ nhật xanh” cùng đoàn viên, thanh niên",
        category: "Sự kiện - Hoạt động",
        audience: "everyone",
        publishedAt: vnInstant(2026, 3, 8, 7, 0),
        body: [
          "Đoàn TNCS Hồ Chí Minh phường Hồng Bàng tổ chức **Ngày Chủ nhật xanh** tại các tổ dân phố.",
          "- Tập trung 6 giờ 30 tại nhà văn hóa của mỗi tổ dân phố.",
          "- Mang theo găng tay, chổi; phường chuẩn bị túi đựng rác.",
          "Đoàn viên, thanh niên đăng ký với Bí thư chi đoàn tổ dân phố.",
        ].join("\n\n"),
      },
      {
        key: `demo:${code}:bao-cao-2026`,
        title: "Phường Hồng Bàng: các đơn vị gửi báo cáo kết quả thực hiện Nghị quyết 83 năm 2026",
        category: "Văn bản chỉ đạo",
        audience: "all_units",
        requiresAck: true,
        publishedAt: vnInstant(2026, 11, 2, 8, 30),
        body: "UBND phường Hồng Bàng đề nghị các cơ quan, đơn vị và tổ dân phố nhập báo cáo năm 2026 trên mini app *Thanh niên số* trước ngày **30/11/2026**, và bấm **Đã tiếp nhận** thông báo này.",
      },
    ],
    feedback: [
      {
        key: "demo-ward-HB-1",
        category: "MOI_TRUONG",
        content: "Đề nghị phường bố trí thêm thùng rác ở khu vực vườn hoa cạnh tổ dân phố số 2, cuối tuần rác thải nhiều.",
        place: "TDP02",
        answer: "Phường đã giao Tổ dân phố số 2 phối hợp đơn vị vệ sinh môi trường đặt thêm hai thùng rác từ tuần sau. Cảm ơn bạn đã góp ý.",
      },
      {
        key: "demo-ward-HB-2",
        category: "VAN_HOA_THE_THAO",
        content: "Mong phường mở lớp bóng rổ cho thanh niên vào buổi tối ở sân nhà văn hóa phường.",
        place: "TDP04",
      },
    ],
  },
  {
    code: "NQ",
    placeName: "Ngô Quyền",
    groups: 5,
    reports2026: { share: 0.2, status: "submitted" },
    people: {
      staff: "Trịnh Văn Long (Phòng VHXH phường Ngô Quyền)",
      focal: "Hoàng Thị Lan (Đoàn phường Ngô Quyền)",
      observer: "Đặng Quốc Việt (UB MTTQ phường Ngô Quyền)",
      youth: "Vũ Khánh Linh",
      youth2: "Tạ Quang Minh",
    },
    notices: (code) => [
      {
        key: `demo:${code}:viec-lam-2026`,
        title: "Phường Ngô Quyền tư vấn việc làm, học nghề cho thanh niên",
        category: "Việc làm - Học nghề",
        audience: "everyone",
        publishedAt: vnInstant(2026, 9, 12, 8, 0),
        body: "Hội LHTN phường Ngô Quyền phối hợp Phòng Văn hóa - Xã hội tư vấn việc làm và học nghề miễn phí cho thanh niên từ 16 đến 30 tuổi, sáng thứ Bảy hằng tuần tại Trung tâm sự nghiệp dịch vụ công phường.",
      },
    ],
    feedback: [
      {
        key: "demo-ward-NQ-1",
        category: "MOI_TRUONG",
        content: "Đèn chiếu sáng ngõ sau chợ ở tổ dân phố số 3 bị hỏng, buổi tối thanh niên đi học về rất tối.",
        place: "TDP03",
        answer: "Phường đã báo đơn vị quản lý chiếu sáng, đèn được thay trong tuần này.",
      },
    ],
  },
];

/** The city's demo notices (Sở Nội vụ): shown in every ward's feed with the city as sender. */
const CITY_NOTICES: DemoNotice[] = [
  {
    key: "demo:city:thang-thanh-nien-2026",
    title: "Thành phố phát động Tháng Thanh niên năm 2026 trên toàn thành phố",
    category: "Sự kiện - Hoạt động",
    audience: "everyone",
    publishedAt: vnInstant(2026, 2, 20, 8, 0),
    body: [
      "Thực hiện Nghị quyết số 83/NQ-HĐND về phát triển thanh niên thành phố Hải Phòng đến năm 2030, **Sở Nội vụ** phối hợp Thành Đoàn phát động **Tháng Thanh niên năm 2026** tại tất cả phường, xã, đặc khu.",
      "- Ra quân tình nguyện vì cộng đồng tại mỗi phường, xã trong tháng 3.",
      "- Đối thoại giữa lãnh đạo phường, xã và thanh niên.",
      "Đoàn viên, thanh niên theo dõi lịch hoạt động của phường, xã mình trên mini app *Thanh niên số*.",
    ].join("\n\n"),
  },
  {
    key: "demo:city:bao-cao-len-thanh-pho-2026",
    title: "Sở Nội vụ: các phường, xã gửi báo cáo kết quả thực hiện Nghị quyết 83 năm 2026 lên thành phố trước ngày 15/12/2026",
    category: "Văn bản chỉ đạo",
    audience: "all_units",
    pinned: true,
    requiresAck: true,
    publishedAt: vnInstant(2026, 11, 5, 8, 0),
    body: [
      "Sở Nội vụ đề nghị UBND các phường, xã, đặc khu:",
      "1. Tổng hợp báo cáo năm 2026 của các đơn vị trên địa bàn.",
      "2. Gửi báo cáo lên thành phố trên mini app *Thanh niên số* (**Tổng hợp và xuất báo cáo** → **Gửi báo cáo lên thành phố**) trước ngày **15/12/2026**.",
      "Cán bộ phường, xã bấm **Đã tiếp nhận** để xác nhận phường đã nhận được thông báo này.",
    ].join("\n\n"),
  },
];

const asUser = (id: number, name: string, role: Role, wardId: number | null, unitId: number | null = null): AuthUser => ({ id, name, role, unitId, wardId, sessionId: 0 });

/** The demo's city staff account (Sở Nội vụ), which also adds the demo wards. */
async function cityStaff(ctx: AppContext, nowIso: string): Promise<number> {
  return ensureUserByUsername(ctx.database.db, { username: "demo:city:staff", name: "Chuyên viên Sở Nội vụ (minh họa)", role: "city_staff", unitId: null, source: "demo", consentAt: nowIso }, nowIso);
}

/** The ward's id, adding the ward from the standard template (as city staff do) when it is not there. */
async function ensureWard(ctx: AppContext, d: DemoWard, createdBy: number): Promise<number> {
  const { db } = ctx.database;
  const found = await db.selectFrom("units").select(["id", "kind"]).where("code", "=", d.code).executeTakeFirst();
  if (found) return found.kind === "ward" ? found.id : -1;
  const made = await createWard(ctx, { code: d.code, level: "phuong", placeName: d.placeName, source: "template", residentialGroups: d.groups }, createdBy);
  return made.ward.id;
}

async function seedWardPeople(ctx: AppContext, d: DemoWard, wardId: number, nowIso: string) {
  const { db } = ctx.database;
  const doan = await db.selectFrom("units").select("id").where("code", "=", `${d.code}-DOAN`).executeTakeFirstOrThrow();
  const vhxh = await db.selectFrom("units").select("id").where("code", "=", `${d.code}-VHXH`).executeTakeFirst();
  const make = async (key: keyof DemoWard["people"], role: Role, unitId: number | null) => {
    const id = await ensureUserByUsername(db, { username: `demo:${d.code}:${key}`, name: d.people[key], role, unitId, wardId, source: "demo", consentAt: nowIso }, nowIso);
    return asUser(id, d.people[key], role, wardId, unitId);
  };
  return {
    staff: await make("staff", "staff", vhxh?.id ?? null),
    focal: await make("focal", "focal", doan.id),
    observer: await make("observer", "observer", null),
    youth: [await make("youth", "youth", null), await make("youth2", "youth", null)],
  };
}

async function seedWardFeedback(ctx: AppContext, d: DemoWard, people: Awaited<ReturnType<typeof seedWardPeople>>): Promise<void> {
  const { db } = ctx.database;
  const cats = new Map((await db.selectFrom("feedback_categories").select(["id", "code"]).execute()).map((c) => [c.code, c.id]));
  for (const [i, f] of d.feedback.entries()) {
    const categoryId = cats.get(f.category);
    const place = await db.selectFrom("units").select("id").where("code", "=", `${d.code}-${f.place}`).executeTakeFirst();
    if (!categoryId || !place) continue;
    const sender = people.youth[i % people.youth.length];
    const { created } = await createFeedback(
      ctx,
      sender,
      { categoryId, content: f.content, photoIds: [], placeUnitId: place.id, allowPublic: !!f.answer, anonymous: false, idempotencyKey: f.key },
      undefined,
    );
    if (!f.answer) continue;
    const answered = await db.selectFrom("feedback_answers").select("id").where("item_id", "=", created.id).executeTakeFirst();
    if (!answered) await answerFeedback(ctx, people.staff, created.id, { text: f.answer, attachmentIds: [], isPublic: true });
  }
}

export async function seedDemoWards(ctx: AppContext): Promise<void> {
  const nowIso = ctx.clock.now().toISOString();
  const city = await cityStaff(ctx, nowIso);
  for (const d of WARDS) {
    const wardId = await ensureWard(ctx, d, city);
    // a unit with that code that is not a ward (made by hand): the demo leaves it alone
    if (wardId < 0) continue;
    const people = await seedWardPeople(ctx, d, wardId, nowIso);
    await insertDemoNotices(ctx, wardId, d.notices(d.code));
    await seedWardFeedback(ctx, d, people);
    await seedDemoWardYear(ctx, wardId, 2026, d.reports2026);
  }
  await insertDemoNotices(ctx, null, CITY_NOTICES);
}
