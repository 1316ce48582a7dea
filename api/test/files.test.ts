import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import ExcelJS from "exceljs";
import { Document, Packer, Paragraph } from "docx";
import { bearer, describeEachDb } from "./harness.js";
import { requireFiles } from "../src/files/store.js";
import { classify } from "../src/files/sniff.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const TEXT = Buffer.from("Đây chỉ là một tệp văn bản, không phải PDF.\n");

async function docxBytes(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Nghị quyết 83")] }] }));
}
async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Chỉ tiêu").addRow(["CT01", 1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDb("files", (h) => {
  let token = "";
  const upload = (bytes: Buffer, filename: string, contentType?: string) =>
    h()
      .http()
      .post("/api/files")
      .set(bearer(token))
      .attach("file", bytes, contentType ? { filename, contentType } : { filename });

  it("needs a signed-in user", async () => {
    token = await h().signIn("staff");
    const res = await h().http().post("/api/files").attach("file", PDF, "a.pdf");
    expect(res.status).toBe(401);
  });

  it("stores a PDF and serves it back inline with safe headers", async () => {
    const res = await upload(PDF, "Nghị quyết 83-NQ-HĐND.pdf", "application/pdf");
    expect(res.status).toBe(201);
    // attached to nothing yet, the file is its uploader's: the answer carries a short-lived signed link
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[\w-]{20,}$/),
      url: expect.stringMatching(new RegExp(`^/api/files/${res.body.id}\\?exp=\\d+&sig=[\\w-]+$`)),
      name: "Nghị quyết 83-NQ-HĐND.pdf",
      size: PDF.length,
      mime: "application/pdf",
    });
    expect((await h().http().get(`/api/files/${res.body.id}`)).status).toBe(404);

    const got = await h().http().get(res.body.url).buffer(true);
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toBe("application/pdf");
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(got.headers["cache-control"]).toBe("private, no-store");
    const cd = got.headers["content-disposition"];
    expect(cd).toMatch(/^inline; filename="Nghi quyet 83-NQ-HDND\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe("Nghị quyết 83-NQ-HĐND.pdf");
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);

    // the uploader's own token opens it too
    expect((await h().http().get(`/api/files/${res.body.id}`).set(bearer(token))).status).toBe(200);

    const row = await h().ctx.database.db.selectFrom("files").selectAll().where("id", "=", res.body.id).executeTakeFirstOrThrow();
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(h().ctx.config.uploadDir, row.storage_path)).equals(PDF)).toBe(true);
  });

  it("accepts Word, Excel and images, and serves Office files as downloads", async () => {
    const docx = await upload(await docxBytes(), "Kế hoạch.docx");
    expect(docx.status).toBe(201);
    expect(docx.body.mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const dl = await h().http().get(docx.body.url);
    expect(dl.headers["content-disposition"]).toMatch(/^attachment;/);

    const xlsx = await upload(await xlsxBytes(), "Bao-cao.xlsx", "application/octet-stream");
    expect(xlsx.status).toBe(201);
    expect(xlsx.body.mime).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    const png = await upload(PNG, "anh.png", "image/png");
    expect(png.status).toBe(201);
    expect(png.body.mime).toBe("image/png");
    const img = await h().http().get(png.body.url);
    expect(img.headers["content-type"]).toBe("image/png");
    expect(img.headers["content-disposition"]).toMatch(/^inline;/);

    // A picker that gives no name: the type comes from the bytes and the name gains its extension.
    const blob = await upload(JPEG, "blob", "image/jpeg");
    expect(blob.status).toBe(201);
    expect(blob.body).toMatchObject({ name: "blob.jpg", mime: "image/jpeg" });
  });

  it("refuses a file over 10 MB and stores nothing", async () => {
    const before = await countFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const res = await upload(big, "lon.pdf", "application/pdf");
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("FILE_TOO_LARGE");
    expect(res.body.error.message).toContain("10 MB");
    expect(await countFiles()).toBe(before);
  });

  it("refuses bytes that do not match the claimed type", async () => {
    const before = await countFiles();
    const fakePdf = await upload(TEXT, "nghi-quyet.pdf", "application/pdf");
    expect(fakePdf.status).toBe(415);
    expect(fakePdf.body.error.code).toBe("FILE_TYPE_MISMATCH");
    const pngAsJpg = await upload(PNG, "anh.jpg", "image/jpeg");
    expect(pngAsJpg.body.error.code).toBe("FILE_TYPE_MISMATCH");
    const xlsxAsDocx = await upload(await xlsxBytes(), "bang.docx");
    expect(xlsxAsDocx.body.error.code).toBe("FILE_TYPE_MISMATCH");
    const pdfClaimedPng = await upload(PDF, "van-ban.pdf", "image/png");
    expect(pdfClaimedPng.body.error.code).toBe("FILE_TYPE_MISMATCH");
    expect(await countFiles()).toBe(before);
  });

  it("refuses types that are not allowed, and a request without a file", async () => {
    const exe = await upload(Buffer.from("MZ\x90\x00"), "setup.exe", "application/octet-stream");
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const html = await upload(Buffer.from("<script>alert(1)</script>"), "trang.html", "text/html");
    expect(html.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const unknownBytes = await upload(TEXT, "ghi-chu", "application/octet-stream");
    expect(unknownBytes.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");

    const none = await h().http().post("/api/files").set(bearer(token)).field("note", "không có tệp");
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe("FILE_REQUIRED");
    const wrongField = await h().http().post("/api/files").set(bearer(token)).attach("tep", PDF, "a.pdf");
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.code).toBe("FILE_REQUIRED");
    // an upload route takes multipart only: JSON is refused as the wrong kind of body
    const json = await h().http().post("/api/files").set(bearer(token)).send({ file: "abc" });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers 404 FILE_NOT_FOUND for unknown and hidden files", async () => {
    const missing = await h().http().get("/api/files/AAAAAAAAAAAAAAAAAAAAAA");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("FILE_NOT_FOUND");
    const up = await upload(PDF, "an.pdf");
    await h().ctx.database.db.updateTable("files").set({ hidden: 1 }).where("id", "=", up.body.id).execute();
    expect((await h().http().get(up.body.url)).status).toBe(404);
    expect((await h().http().get("/api/files/..%2F..%2Fetc")).status).toBe(400);
  });

  it("requireFiles validates references in order and checks images", async () => {
    const db = h().ctx.database.db;
    const pdf = (await upload(PDF, "a.pdf")).body;
    const png = (await upload(PNG, "b.png")).body;
    expect(await requireFiles(db, [])).toEqual([]);
    const got = await requireFiles(db, [png.id, pdf.id, png.id]);
    expect(got.map((f) => f.id)).toEqual([png.id, pdf.id]);
    expect(got[1]).toEqual({ ...pdf, url: `/api/files/${pdf.id}` });
    await expect(requireFiles(db, [pdf.id, "nope-nope-nope"])).rejects.toMatchObject({ status: 400, code: "UNKNOWN_FILE" });
    await expect(requireFiles(db, [png.id, pdf.id], { imagesOnly: true })).rejects.toMatchObject({ status: 400, code: "NOT_AN_IMAGE" });
    expect(await requireFiles(db, [png.id], { imagesOnly: true })).toHaveLength(1);
  });

  async function countFiles() {
    const r = await h().ctx.database.db.selectFrom("files").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const onDisk = fs.existsSync(h().ctx.config.uploadDir)
      ? fs.readdirSync(h().ctx.config.uploadDir, { recursive: true }).filter((f) => !fs.statSync(path.join(h().ctx.config.uploadDir, String(f))).isDirectory()).length
      : 0;
    return `${Number(r.n)} rows / ${onDisk} files`;
  }
});

it("classify tells legacy Office files apart and needs matching bytes", () => {
  const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from(stream, "utf16le")]);
  expect(classify("a.doc", "application/msword", ole("WordDocument"))).toMatchObject({ ok: true, kind: "doc" });
  expect(classify("a.xls", "application/vnd.ms-excel", ole("Workbook"))).toMatchObject({ ok: true, kind: "xls" });
  expect(classify("a.xls", "", ole("WordDocument"))).toMatchObject({ ok: false, code: "FILE_TYPE_MISMATCH" });
  expect(classify("a.gif", "image/gif", Buffer.from("GIF89a......"))).toMatchObject({ ok: true, kind: "gif" });
  expect(classify("a.webp", "image/webp", Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 "))).toMatchObject({ ok: true, kind: "webp" });
});
