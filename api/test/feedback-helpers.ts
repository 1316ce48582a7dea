import { bearer, type Harness } from "./harness.js";

/** A real 1×1 PNG (the files feature sniffs the bytes). */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export async function uploadPng(h: () => Harness, token: string, name = "anh.png"): Promise<string> {
  const res = await h().http().post("/api/files").set(bearer(token)).attach("file", PNG_1X1, { filename: name, contentType: "image/png" });
  if (res.status !== 201) throw new Error(`upload failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function categoryId(h: () => Harness, code = "MOI_TRUONG"): Promise<number> {
  const cats = (await h().http().get("/api/feedback/categories")).body as { id: number; code: string }[];
  return cats.find((c) => c.code === code)!.id;
}

