import { expect } from "vitest";
import { bearer } from "./harness.js";
import { categoryId } from "./announcements-helpers.js";
import { marker, type Side, type Wards } from "./tenancy-fixtures.js";

/** What staff send to publish a notice now (to everyone unless told). */
export async function noticeBody(w: Wards, body: Record<string, unknown> = {}) {
  return { title: marker("Thông báo của phường"), body: "Nội dung thông báo của phường.", categoryId: await categoryId(w.h), audience: "everyone", status: "published", ...body };
}

/** A published notice of the side's ward (to everyone unless told), by its staff, with a title no other fixture has. */
export async function noticeOf(w: Wards, s: Side, body: Record<string, unknown> = {}) {
  const res = await w.h.http().post("/api/announcements").set(bearer(s.staff)).send(await noticeBody(w, body));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as number, title: res.body.title as string };
}
