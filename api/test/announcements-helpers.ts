import type { Harness } from "./harness.js";
import { bearer } from "./harness.js";

/** A tiny but real PDF (the files store sniffs "%PDF-"). */
export const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
/** A 1×1 PNG. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export async function upload(h: Harness, token: string, name: string, bytes: Buffer, mime: string): Promise<string> {
  const res = await h.http().post("/api/files").set(bearer(token)).attach("file", bytes, { filename: name, contentType: mime });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function categoryId(h: Harness, name = "Tin tức"): Promise<number> {
  const res = await h.http().get("/api/announcement-categories");
  const c = (res.body as { id: number; name: string }[]).find((x) => x.name === name);
  if (!c) throw new Error(`no category ${name}`);
  return c.id;
}

export async function publish(h: Harness, staff: string, body: Record<string, unknown>): Promise<{ id: number; [k: string]: unknown }> {
  const res = await h
    .http()
    .post("/api/announcements")
    .set(bearer(staff))
    .send({ body: "Nội dung thông báo.", categoryId: await categoryId(h), audience: "everyone", status: "published", ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function feedIds(h: Harness, token: string | null, query: Record<string, string | number> = {}): Promise<number[]> {
  let req = h.http().get("/api/announcements").query({ limit: 50, ...query });
  if (token) req = req.set(bearer(token));
  const res = await req;
  if (res.status !== 200) throw new Error(`feed failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.items as { id: number }[]).map((i) => i.id);
}

export async function countRows(h: Harness, table: "announcements" | "notifications" | "announcement_units"): Promise<number> {
  const row = await h.ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
