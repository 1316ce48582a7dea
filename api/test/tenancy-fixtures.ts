import { expect } from "vitest";
import { bearer, type Harness } from "./harness.js";
import { categoryId, uploadPng } from "./feedback-helpers.js";

/**
 * Two wards of one city for the tenancy tests: A is the seeded Lê Đại Hành (code UBND), B a ward the
 * city adds through the API (Phường Hồng Bàng, HB, from the template). Each side has its staff, a
 * focal point (of its Youth Union), the Front's observer and two youth; `city` is a city staff member.
 */
export interface Side {
  ward: number;
  code: string;
  staff: string;
  focal: string;
  observer: string;
  youth: string;
  /** a second youth (supports and flags count others' items only) */
  youth2: string;
  /** the side's unit by its local code ("DOAN": UBND's DOAN, HB's HB-DOAN) */
  unit(local: string): Promise<number>;
  /** the side's unit code of a local code ("DOAN" → "HB-DOAN") */
  unitCode(local: string): string;
}

export interface Wards {
  h: Harness;
  a: Side;
  b: Side;
  city: string;
}

export async function setUpWards(h: Harness): Promise<Wards> {
  const city = await h.signIn("city_staff", { name: "Chuyên viên Sở Nội vụ" });
  const existing = await h.ctx.database.db.selectFrom("units").select("id").where("code", "=", "HB").executeTakeFirst();
  if (!existing) {
    const res = await h.http().post("/api/wards").set(bearer(city)).send({ code: "HB", level: "phuong", placeName: "Hồng Bàng" });
    if (res.status !== 201) throw new Error(`adding ward HB failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const side = async (code: string, prefix: string, label: string): Promise<Side> => {
    const ward = await h.unitId(code);
    const unitCode = (local: string) => `${prefix}${local}`;
    const unit = (local: string) => h.unitId(unitCode(local));
    return {
      ward,
      code,
      staff: await h.signIn("staff", { wardId: ward, name: `Cán bộ ${label}` }),
      focal: await h.signIn("focal", { unitId: await unit("DOAN"), name: `Đầu mối Đoàn ${label}` }),
      observer: await h.signIn("observer", { wardId: ward, name: `MTTQ ${label}` }),
      youth: await h.signIn("youth", { wardId: ward, name: `Thanh niên ${label}` }),
      youth2: await h.signIn("youth", { wardId: ward, name: `Thanh niên thứ hai ${label}` }),
      unit,
      unitCode,
    };
  };
  return { h, a: await side("UBND", "", "Lê Đại Hành"), b: await side("HB", "HB-", "Hồng Bàng"), city };
}

let serial = 0;
/** A text no other fixture writes: a list that shows it has leaked another ward's record. */
export const marker = (what: string) => `${what} mã ${Date.now().toString(36)}${(serial++).toString(36)}`;

/** A feedback item sent by a new youth of the side (private unless `answeredInPublic`), with a photo. */
export async function feedbackOf(w: Wards, s: Side, opts: { answeredInPublic?: boolean; category?: string } = {}) {
  const { h } = w;
  const content = marker("Góp ý về sân chơi cho thanh niên");
  // a sender per item: the hourly limit of one person's feedback is not what is tested here
  const sender = (await youthOf(w, s)).token;
  const photo = await uploadPng(() => h, sender);
  const res = await h
    .http()
    .post("/api/feedback")
    .set(bearer(sender))
    .send({ categoryId: await categoryId(() => h, opts.category ?? "VAN_HOA_THE_THAO"), content, photoIds: [photo], allowPublic: !!opts.answeredInPublic });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (opts.answeredInPublic) {
    const answer = await h.http().post(`/api/feedback/${res.body.id}/answer`).set(bearer(s.staff)).send({ text: "Phường đã tiếp nhận và sẽ bố trí sân chơi.", isPublic: true });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  }
  return { id: res.body.id as number, code: res.body.code as string, content, photo };
}

/** A focal-point invitation of the side's Youth Union, created by its staff. */
export async function invitationOf(w: Wards, s: Side) {
  const res = await w.h.http().post("/api/invitations").set(bearer(s.staff)).send({ unitId: await s.unit("DOAN"), role: "focal" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; code: string };
}

/** A youth account of the side, with a name no other fixture has. */
export async function youthOf(w: Wards, s: Side) {
  const name = marker("Thanh niên");
  const token = await w.h.signIn("youth", { wardId: s.ward, name });
  const me = await w.h.http().get("/api/me").set(bearer(token));
  return { id: me.body.id as number, name, token };
}
