import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { PDF_BYTES, PNG_BYTES, categoryId as noticeCategory, upload } from "./announcements-helpers.js";
import { categoryId } from "./feedback-helpers.js";

/**
 * Files inherit the access of what they are attached to (issue 12): a link alone opens nothing
 * private, an attached file cannot be someone else's upload, and signed links expire.
 */
describeEachDb("files: access follows the parent", (h) => {
  let staff = "";
  let youth = "";
  let stranger = "";
  let focal = "";
  let otherFocal = "";
  let observer = "";
  let period = 0;
  let doan = 0;

  it("signs in", async () => {
    staff = await h().signIn("staff");
    youth = await h().signIn("youth", { name: "Người Gửi Ảnh" });
    stranger = await h().signIn("youth", { name: "Người Lạ" });
    observer = await h().signIn("observer");
    doan = await h().unitId("DOAN");
    focal = await h().signIn("focal", { unitId: doan });
    otherFocal = await h().signIn("focal", { unitId: await h().unitId("CA") });
    period = (await h().http().get("/api/periods")).body[0].id;
  });

  it("a public notice's attachment is public and cacheable; a notice for units gives signed links only", async () => {
    const pdf = await upload(h(), staff, "Kế hoạch.pdf", PDF_BYTES, "application/pdf");
    const cat = await noticeCategory(h());
    const pub = await h().http().post("/api/announcements").set(bearer(staff)).send({ title: "Thông báo chung", body: "Nội dung.", categoryId: cat, audience: "everyone", status: "published", attachmentIds: [pdf] });
    expect(pub.body.attachments[0].url).toBe(`/api/files/${pdf}`);
    const got = await h().http().get(`/api/files/${pdf}`);
    expect(got.status).toBe(200);
    expect(got.headers["cache-control"]).toBe("public, no-cache");
    expect((await h().http().get(`/api/files/${pdf}`).set("If-None-Match", got.headers.etag)).status).toBe(304);

    const internal = await upload(h(), staff, "Nội bộ.pdf", PDF_BYTES, "application/pdf");
    const forUnits = await h()
      .http()
      .post("/api/announcements")
      .set(bearer(staff))
      .send({ title: "Chỉ cho các đơn vị", body: "Nội dung.", categoryId: cat, audience: "all_units", status: "published", attachmentIds: [internal] });
    expect(forUnits.status).toBe(201);
    expect((await h().http().get(`/api/files/${internal}`)).status).toBe(404);
    expect((await h().http().get(`/api/files/${internal}`).set(bearer(youth))).status).toBe(404);
    const seen = await h().http().get(`/api/announcements/${forUnits.body.id}`).set(bearer(focal));
    const link = seen.body.attachments[0].url as string;
    expect(link).toMatch(/\?exp=\d+&sig=/);
    const opened = await h().http().get(link);
    expect(opened.status).toBe(200);
    expect(opened.headers["cache-control"]).toBe("private, no-store");
  });

  it("a private feedback photo and a private answer's attachment are not served to anyone holding the id", async () => {
    const photo = await upload(h(), youth, "anh.png", PNG_BYTES, "image/png");
    const sent = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: "Ổ gà trước cổng trường cần sửa.", photoIds: [photo], allowPublic: false });
    expect(sent.status).toBe(201);
    const doc = await upload(h(), staff, "Trả lời.pdf", PDF_BYTES, "application/pdf");
    expect((await h().http().post(`/api/feedback/${sent.body.id}/answer`).set(bearer(staff)).send({ text: "Phường đã giao đơn vị sửa chữa.", attachmentIds: [doc] })).status).toBe(201);

    for (const id of [photo, doc]) {
      expect((await h().http().get(`/api/files/${id}`)).status, id).toBe(404);
      expect((await h().http().get(`/api/files/${id}`).set(bearer(stranger))).status, id).toBe(404);
      expect((await h().http().get(`/api/files/${id}`).set(bearer(observer))).status, id).toBe(200);
    }
    const mine = await h().http().get(`/api/feedback/${sent.body.id}`).set(bearer(youth));
    for (const url of [mine.body.photos[0].url, mine.body.answers[0].attachments[0].url] as string[]) {
      expect(url).toMatch(/\?exp=\d+&sig=/);
      expect((await h().http().get(url)).status).toBe(200);
    }
  });

  it("report evidence only reaches those who see the report", async () => {
    const ev = await upload(h(), focal, "Minh chứng.pdf", PDF_BYTES, "application/pdf");
    const url = `/api/periods/${period}/reports/${doan}`;
    const form = (await h().http().get(url).set(bearer(focal))).body;
    const saved = await h().http().put(url).set(bearer(focal)).send({ version: form.version, evidence: [{ fileId: ev }] });
    expect(saved.status).toBe(200);
    expect((await h().http().get(`/api/files/${ev}`)).status).toBe(404);
    expect((await h().http().get(`/api/files/${ev}`).set(bearer(otherFocal))).status).toBe(404);
    expect((await h().http().get(`/api/files/${ev}`).set(bearer(stranger))).status).toBe(404);
    expect((await h().http().get(`/api/files/${ev}`).set(bearer(observer))).status).toBe(200);
    expect((await h().http().get(saved.body.evidence[0].url)).status).toBe(200);
  });

  it("a signed link expires, and a forged one opens nothing", async () => {
    const photo = await upload(h(), youth, "anh-2.png", PNG_BYTES, "image/png");
    const sent = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: "Cây đổ chắn ngang đường ngõ 5.", photoIds: [photo] });
    const link = (await h().http().get(`/api/feedback/${sent.body.id}`).set(bearer(youth))).body.photos[0].url as string;
    expect((await h().http().get(link.replace(/sig=[\w-]+/, "sig=AAAAAAAAAAAAAAAAAAAAAA"))).status).toBe(404);
    expect((await h().http().get(link.replace(/exp=\d+/, "exp=9999999999"))).status).toBe(404);
    h().clock.advance(41 * 60_000);
    expect((await h().http().get(link)).status).toBe(404);
  });

  it("cross-user file ids: nobody attaches someone else's upload (staff may reuse a file)", async () => {
    const strangers = await upload(h(), stranger, "cua-nguoi-khac.png", PNG_BYTES, "image/png");
    const photo = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: "Lấy ảnh của người khác đính kèm.", photoIds: [strangers] });
    expect(photo.status).toBe(400);
    expect(photo.body.error.code).toBe("UNKNOWN_FILE");

    const url = `/api/periods/${period}/reports/${doan}`;
    const form = (await h().http().get(url).set(bearer(focal))).body;
    const ev = await h().http().put(url).set(bearer(focal)).send({ version: form.version, evidence: [{ fileId: strangers }] });
    expect(ev.status).toBe(400);
    expect(ev.body.error.code).toBe("UNKNOWN_FILE");

    const item = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: "Góp ý để đơn vị trả lời kèm tệp." });
    await h().http().patch(`/api/feedback/${item.body.id}`).set(bearer(staff)).send({ assignedUnitId: doan });
    const answer = await h().http().post(`/api/feedback/${item.body.id}/answer`).set(bearer(focal)).send({ text: "Đơn vị đã xử lý xong.", attachmentIds: [strangers] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("UNKNOWN_FILE");

    // staff attach an existing file (the plan's PDF in a second notice)
    const staffAnswer = await h().http().post(`/api/feedback/${item.body.id}/answer`).set(bearer(staff)).send({ text: "Phường gửi kèm hình ảnh.", attachmentIds: [strangers] });
    expect(staffAnswer.status).toBe(201);
  });
});
