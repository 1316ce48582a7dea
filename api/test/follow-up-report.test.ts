import fs from "node:fs";
import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { putReport } from "./exports-fixtures.js";
import { uploadPng } from "./feedback-helpers.js";
import { registerAllSubmitted } from "../src/difficulties/register.js";
import { followUpModel, loadFollowUp, renderFollowUp } from "../src/exports/follow-up-sections.js";

const texts = (blocks: { type: string; text?: string; lead?: string; rows?: string[][] }[]) =>
  blocks.map((b) => (b.type === "para" ? `${b.lead ?? ""}${b.text}` : b.rows!.map((r) => r.join(" | ")).join("\n"))).join("\n");

describeEachDb("the ward report's sections on duties, difficulties, supervision and dialogues", (h) => {
  it("says what was done and what is overdue, by theme, with the answers and the dialogue held", async () => {
    const staff = await h().signIn("staff");
    const observer = await h().signIn("observer", { name: "Ủy ban MTTQ phường" });
    const doanId = await h().unitId("DOAN");
    const doan = await h().signIn("focal", { unitId: doanId });
    const youth = await h().signIn("youth", { name: "Phạm Hà" });
    const periodId = (await h().http().get("/api/periods")).body.find((p: { year: number }) => p.year === 2026).id;

    // empty year: every section says so
    const empty = followUpModel(await loadFollowUp(h().ctx, await h().unitId("UBND"), 2026));
    expect(empty.map((s) => s.heading)).toEqual([
      "THỰC HIỆN CÁC NHIỆM VỤ CÓ THỜI HẠN",
      "KẾT QUẢ XỬ LÝ KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
      "GIÁM SÁT CỦA ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG",
      "ĐỐI THOẠI GIỮA CHỦ TỊCH UBND PHƯỜNG VỚI THANH NIÊN (CHỈ TIÊU CT14, NHIỆM VỤ 5)",
    ]);
    expect(texts(empty[3].blocks)).toContain("chưa tổ chức đối thoại");

    // a duty accepted
    const cal = (await h().http().get("/api/duties").set(bearer(doan))).body;
    const youthMonth = cal.entries.find((e: { kind: string }) => e.kind === "youth_month");
    const file = await uploadPng(h, doan);
    await h().http().post(`/api/duties/${youthMonth.dutyId}/units/${doanId}/hand-in`).set(bearer(doan)).send({ text: "Báo cáo Tháng Thanh niên 2026.", fileIds: [file] }).expect(200);
    await h().http().post(`/api/duties/${youthMonth.dutyId}/units/${doanId}/accept`).set(bearer(staff)).expect(200);
    // difficulties, one resolved
    await putReport(h(), periodId, "DOAN", { status: "submitted", difficulties: "Thiếu kinh phí tổ chức hoạt động", proposals: "Đề nghị bố trí sân chơi cho thanh niên" });
    await registerAllSubmitted(h().ctx);
    const items = (await h().http().get("/api/difficulties").set(bearer(staff))).body.items;
    const money = (await h().http().get("/api/difficulty-themes").set(bearer(staff))).body.find((t: { name: string }) => t.name === "Kinh phí");
    await h().http().patch(`/api/difficulties/${items[0].id}`).set(bearer(staff)).send({ themeId: money.id }).expect(200);
    await h().http().post(`/api/difficulties/${items[0].id}/resolve`).set(bearer(staff)).send({ answer: "UBND phường bổ sung 30 triệu đồng năm 2027." }).expect(200);
    // a supervision, answered
    const sup = await h()
      .http()
      .post("/api/supervisions")
      .set(bearer(observer))
      .send({
        heldOn: "2026-11-12T08:00:00+07:00",
        title: "Giám sát thực hiện Nghị quyết 83 tại Đoàn phường",
        unitIds: [doanId],
        findings: "Đoàn phường triển khai tốt phong trào tình nguyện.",
        recommendations: [{ text: "Đề nghị mở rộng tổ công nghệ số cộng đồng.", unitId: doanId, dueAt: "2026-12-15T23:59:59+07:00" }],
      });
    await h().http().post(`/api/supervisions/${sup.body.id}/recommendations/${sup.body.recommendations[0].id}/answer`).set(bearer(doan)).send({ text: "Đã thành lập thêm 5 tổ công nghệ số." }).expect(200);
    // a dialogue held, with an answered question
    const dlg = await h()
      .http()
      .post("/api/dialogues")
      .set(bearer(staff))
      .send({ title: "Đối thoại với thanh niên năm 2026", heldAt: "2026-12-26T08:00:00+07:00", place: "Hội trường UBND phường", presidedBy: "Chủ tịch UBND phường", questionsCloseAt: "2026-12-20T23:59:59+07:00" });
    const q = await h().http().post(`/api/dialogues/${dlg.body.id}/questions`).set(bearer(youth)).send({ text: "Phường có hỗ trợ thanh niên khởi nghiệp không?" });
    await h().http().patch(`/api/dialogues/${dlg.body.id}/questions/${q.body.id}`).set(bearer(staff)).send({ answer: "Có, qua Hội LHTN phường và quỹ hỗ trợ." }).expect(200);
    h().clock.set("2026-12-27T09:00:00+07:00");
    const staff2 = await h().signIn("staff");
    await h().http().post(`/api/dialogues/${dlg.body.id}/publish`).set(bearer(staff2)).send({ attendees: 85 }).expect(200);

    const model = followUpModel(await loadFollowUp(h().ctx, await h().unitId("UBND"), 2026));
    const [duties, difficulties, supervision, dialogue] = model.map((s) => texts(s.blocks));
    expect(duties).toContain("Trong năm 2026 có 4 nhiệm vụ có thời hạn theo Kế hoạch; 1 nhiệm vụ đã được tất cả các đơn vị hoàn thành, 3 nhiệm vụ còn đơn vị quá hạn chưa nộp.");
    expect(duties).toMatch(/Tổ chức Tháng Thanh niên năm 2026 \| 31\/03\/2026 \| 1\/1 \| 0 \| 0/);
    expect(duties).toContain("các đơn vị quá hạn chưa nộp: Phòng Văn hóa - Xã hội.");
    expect(difficulties).toContain("1. Kinh phí");
    expect(difficulties).toContain("- Khó khăn, vướng mắc (Đoàn TNCS Hồ Chí Minh phường): Thiếu kinh phí tổ chức hoạt động. Tình trạng: Đã giải quyết: UBND phường bổ sung 30 triệu đồng năm 2027.");
    expect(difficulties).toContain("2. Chưa phân loại");
    expect(difficulties).toContain("Đề nghị bố trí sân chơi cho thanh niên. Tình trạng: Mới tiếp nhận");
    expect(supervision).toContain("tổ chức 1 cuộc giám sát với 1 kiến nghị; 1 kiến nghị đã được trả lời, 0 kiến nghị quá hạn");
    expect(supervision).toContain("Đã thành lập thêm 5 tổ công nghệ số.\n(đã trả lời, 20/11/2026)");
    expect(dialogue).toContain("đã đối thoại với thanh niên 1 lần (chỉ tiêu: ít nhất 01 lần/năm) — đạt chỉ tiêu CT14.");
    expect(dialogue).toContain("kế hoạch được công khai trước 36 ngày; 1 câu hỏi của thanh niên, 1 câu đã được trả lời công khai; 85 thanh niên tham dự.");
    expect(renderFollowUp(model).length).toBeGreaterThan(10);

    // the Word report carries them
    const res = await h().http().get(`/api/periods/${periodId}/export.docx`).set(bearer(staff2)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    if (process.env.FOLLOW_UP_DOCX) fs.writeFileSync(`${process.env.FOLLOW_UP_DOCX}-${h().dialect}.docx`, res.body as Buffer);
    expect((res.body as Buffer).length).toBeGreaterThan(5000);
  });
});
