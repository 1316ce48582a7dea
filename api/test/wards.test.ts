import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { addWardCommand } from "../src/wards/add-ward-command.js";

/** Adding a ward: from the template, from a CSV (refused whole when a row is broken), its first staff. */
describeEachDb("wards: adding a ward", (h) => {
  const unitsOf = async (wardCode: string) => {
    const ward = await h().ctx.database.db.selectFrom("units").select("id").where("code", "=", wardCode).executeTakeFirst();
    if (!ward) return [];
    return h().ctx.database.db.selectFrom("units").select(["id", "code", "name", "short_name", "kind", "parent_id", "ward_id"]).where("ward_id", "=", ward.id).orderBy("sort_order").execute();
  };
  const unitCount = async () => Number((await h().ctx.database.db.selectFrom("units").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("adds a ward from the template: its units under it, the plan's assignments, a 30-day invitation for its first staff", async () => {
    const city = await h().signIn("city_staff");
    const res = await h().http().post("/api/wards").set(bearer(city)).send({ code: "hb", level: "phuong", placeName: "Hồng Bàng", residentialGroups: 12 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ward).toMatchObject({ code: "HB", name: "Phường Hồng Bàng", unitName: "Ủy ban nhân dân phường Hồng Bàng", level: "phuong", joinLink: "https://zalo.me/s/thanh-nien-so/?ward=HB" });
    expect(res.body.unitCount).toBe(10 + 12);
    const units = await unitsOf("HB");
    const ward = units.find((u) => u.code === "HB")!;
    const cityUnit = await h().unitId("HP");
    expect((await h().ctx.database.db.selectFrom("units").select("parent_id").where("id", "=", ward.id).executeTakeFirstOrThrow()).parent_id).toBe(cityUnit);
    expect(units.find((u) => u.code === "HB-CA")).toMatchObject({ name: "Công an phường Hồng Bàng", kind: "police", parent_id: ward.id, ward_id: ward.id });
    expect(units.find((u) => u.code === "HB-TDP12")).toMatchObject({ name: "Tổ dân phố số 12", kind: "residential_group" });
    // the plan's share carries over: the Youth Union reports what Lê Đại Hành's does, a new residential group what theirs do
    const links = async (code: string) =>
      (await h().ctx.database.db.selectFrom("indicator_units").innerJoin("indicators", "indicators.id", "indicator_units.indicator_id").select("indicators.code").where("unit_id", "=", await h().unitId(code)).orderBy("indicators.code").execute()).map((r) => r.code);
    expect(await links("HB-DOAN")).toEqual(await links("DOAN"));
    expect(await links("HB-TDP12")).toEqual(await links("TDP01"));
    expect((await links("HB-TDP12")).length).toBeGreaterThan(0);

    // the invitation: a ward staff account for the ward's culture-society office, valid 30 days
    const inv = res.body.invitation;
    expect(inv).toMatchObject({ role: "staff", status: "active", unit: { code: "HB-VHXH" }, ward: { code: "HB" } });
    expect(inv.link).toBe(`https://zalo.me/s/thanh-nien-so/?invite=${inv.code}`);
    expect(inv.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Date.parse(inv.expiresAt) - h().clock.now().getTime()).toBe(30 * 24 * 3600_000);
    const person = await h().signIn("youth", { name: "Cán bộ mới Hồng Bàng" });
    const accepted = await h().http().post(`/api/invitations/${inv.code}/accept`).set(bearer(person));
    expect(accepted.body).toMatchObject({ role: "staff", unit: { code: "HB-VHXH" }, ward: { code: "HB" }, wardChosen: true });
    // the new staff member manages their own ward: its units, its focal points
    const focalInvite = await h().http().post("/api/invitations").set(bearer(person)).send({ unitId: await h().unitId("HB-DOAN"), role: "focal" });
    expect(focalInvite.status).toBe(201);
    const other = await h().http().post("/api/invitations").set(bearer(person)).send({ unitId: await h().unitId("DOAN"), role: "focal" });
    expect([other.status, other.body.error.code]).toEqual([400, "UNKNOWN_UNIT"]);

    // everyone sees the city's wards; the ward's staff print their own join code
    const wards = (await h().http().get("/api/wards")).body;
    expect(wards.map((w: { code: string; name: string }) => [w.code, w.name])).toEqual([
      ["UBND", "Phường Lê Đại Hành"],
      ["HB", "Phường Hồng Bàng"],
    ]);
    const join = await h().http().get(`/api/wards/${ward.id}/join`).set(bearer(person));
    expect(join.body).toMatchObject({ link: "https://zalo.me/s/thanh-nien-so/?ward=HB", ward: { code: "HB" } });
    expect(join.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const foreign = await h().http().get(`/api/wards/${await h().unitId("UBND")}/join`).set(bearer(person));
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "WARD_NOT_FOUND"]);
  });

  it("refuses a taken code or name, a bad code, and anyone but city staff, with nothing created", async () => {
    const city = await h().signIn("city_staff");
    const before = await unitCount();
    const post = (body: object, token = city) => h().http().post("/api/wards").set(bearer(token)).send(body);
    const dup = await post({ code: "HB", level: "phuong", placeName: "Hồng Bàng Mới" });
    expect([dup.status, dup.body.error.code]).toEqual([409, "WARD_CODE_TAKEN"]);
    expect(dup.body.error.message).toContain("“HB” đã được dùng");
    // a unit's code is taken too (codes are unique across the city)
    expect((await post({ code: "DOAN", level: "xa", placeName: "Đoàn Kết" })).body.error.code).toBe("WARD_CODE_TAKEN");
    const sameName = await post({ code: "HB2", level: "phuong", placeName: "Hồng Bàng" });
    expect([sameName.status, sameName.body.error.code]).toEqual([409, "WARD_NAME_TAKEN"]);
    const badCode = await post({ code: "H B!", level: "phuong", placeName: "Hải An" });
    expect([badCode.status, badCode.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(JSON.stringify(badCode.body.error.details)).toContain("Mã phường, xã gồm 2–10 chữ cái");
    for (const role of ["staff", "youth", "observer"] as const) {
      const res = await post({ code: "HA", level: "phuong", placeName: "Hải An" }, await h().signIn(role));
      expect(res.body.error.code).toBe("ROLE_FORBIDDEN");
    }
    expect(await unitCount()).toBe(before);
  });

  it("two requests for one new code at once make one ward", async () => {
    const city = await h().signIn("city_staff");
    const body = { code: "LC", level: "phuong", placeName: "Lê Chân", residentialGroups: 3 };
    const results = await Promise.all([1, 2].map(() => h().http().post("/api/wards").set(bearer(city)).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await unitsOf("LC")).length).toBe(1 + 10 + 3);
  });

  const GOOD_CSV = [
    "\uFEFFMã;Tên;Tên ngắn;Loại;Đơn vị cấp trên",
    "VHXH;Phòng Văn hóa - Xã hội;Phòng VHXH;Phòng, ban;",
    'CA;"Công an xã An Lão; đội 1";Công an xã;police;',
    "DOAN;Đoàn TNCS Hồ Chí Minh xã An Lão;Đoàn xã;youth_union;",
    "CD1;Chi đoàn thôn 1;Chi đoàn thôn 1;Đoàn Thanh niên;DOAN",
    "TH1;Thôn 1;Thôn 1;residential_group;",
    "",
  ].join("\r\n");

  it("adds a ward from a CSV of units: Excel's semicolons and BOM, Vietnamese headers and kinds, parents", async () => {
    const city = await h().signIn("city_staff");
    const res = await h().http().post("/api/wards").set(bearer(city)).send({ code: "AL", level: "xa", placeName: "An Lão", source: "csv", csv: GOOD_CSV });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ward).toMatchObject({ name: "Xã An Lão", level: "xa" });
    expect(res.body.unitCount).toBe(5);
    const units = await unitsOf("AL");
    expect(units.map((u) => u.code)).toEqual(["AL", "AL-VHXH", "AL-CA", "AL-DOAN", "AL-CD1", "AL-TH1"]);
    expect(units.find((u) => u.code === "AL-CA")!.name).toBe("Công an xã An Lão; đội 1");
    expect(units.find((u) => u.code === "AL-CD1")!.parent_id).toBe(units.find((u) => u.code === "AL-DOAN")!.id);
    expect(res.body.invitation.unit.code).toBe("AL-VHXH");
  });

  it("refuses a CSV with a broken row whole, naming the row and the column; nothing is half-imported", async () => {
    const city = await h().signIn("city_staff");
    const before = await unitCount();
    const send = (csv: string, code = "KTH") => h().http().post("/api/wards").set(bearer(city)).send({ code, level: "phuong", placeName: "Kiến Thụy", source: "csv", csv });
    const broken = await send(["code,name,kind,parent_code", "VHXH,Phòng VHXH,office,", "CA,Công an phường,police,", "X1,Tổ bảo vệ,bao_ve,", "X2,,office,ZZ"].join("\n"));
    expect([broken.status, broken.body.error.code]).toEqual([400, "CSV_INVALID"]);
    expect(broken.body.error.message).toBe(
      "Tệp CSV có lỗi ở dòng 4, cột “kind”: Loại đơn vị “bao_ve” không hợp lệ (một trong: office, police, military, front, youth_union, youth_federation, service_centre, health, residential_group). (và 2 lỗi khác) Chưa nhập đơn vị nào; hãy sửa tệp rồi gửi lại.",
    );
    expect(broken.body.error.details.problems).toEqual([
      { row: 4, column: "kind", message: expect.stringContaining("bao_ve") },
      { row: 5, column: "name", message: "Thiếu tên đơn vị." },
      { row: 5, column: "parent_code", message: expect.stringContaining("“ZZ” phải có ở một dòng phía trên") },
    ]);
    const cases: [string, number, string | null, RegExp][] = [
      [["code,name,kind", "A,Một,office", "A,Hai,office"].join("\n"), 3, "code", /trùng với dòng 2/],
      [["code,name,kind", 'A,"Một,office'].join("\n"), 2, null, /ngoặc kép/],
      [["code,name", "A,Một"].join("\n"), 1, "kind", /Thiếu cột bắt buộc/],
      [["code,name,kind,ghi_chu", "A,Một,office,x"].join("\n"), 1, "ghi_chu", /không được hỗ trợ/],
      [["code,name,kind", "A B,Một,office"].join("\n"), 2, "code", /chỉ được gồm chữ cái/],
    ];
    for (const [csv, row, column, message] of cases) {
      const res = await send(csv);
      expect(res.body.error.code, csv).toBe("CSV_INVALID");
      expect(res.body.error.details.problems[0], csv).toMatchObject({ row, column });
      expect(res.body.error.details.problems[0].message, csv).toMatch(message);
    }
    expect((await send("code,name,kind\n")).body.error.code).toBe("CSV_EMPTY");
    expect((await h().http().post("/api/wards").set(bearer(city)).send({ code: "KTH", level: "phuong", placeName: "Kiến Thụy", source: "csv" })).body.error.code).toBe("CSV_REQUIRED");
    // nothing of any refused file was written; the code is still free
    expect(await unitCount()).toBe(before);
    expect((await send(["code,name,kind", "VHXH,Phòng VHXH,office"].join("\n"))).status).toBe(201);
  });

  it("adds a ward from the server's shell, and refuses a broken CSV there the same way", async () => {
    if (h().dialect !== "sqlite") return; // the command opens its own database: a file here
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-add-ward-"));
    const env = { NODE_ENV: "test", LOG_LEVEL: "silent", SEED_DEMO: "false", SQLITE_PATH: path.join(dir, "db.sqlite"), UPLOAD_DIR: path.join(dir, "up") };
    const ok = await addWardCommand(["--code", "TN", "--name", "Thủy Nguyên", "--groups", "4"], env);
    expect(ok.code, ok.message).toBe(0);
    expect(ok.message).toMatch(/^Đã thêm Phường Thủy Nguyên \(mã TN\) với 14 đơn vị\./);
    expect(ok.message).toMatch(/https:\/\/zalo\.me\/s\/thanh-nien-so\/\?invite=[A-Z2-9]{10}/);
    const csv = path.join(dir, "units.csv");
    fs.writeFileSync(csv, "code,name,kind\nA,Một,office\nB,Hai,kho\n");
    const bad = await addWardCommand(["--code", "KA", "--name", "Kiến An", "--csv", csv], env);
    expect(bad.code).toBe(65);
    expect(bad.message).toContain("dòng 3, cột kind");
    expect((await addWardCommand(["--code", "TN", "--name", "Khác"], env)).message).toContain("WARD_CODE_TAKEN");
    expect((await addWardCommand(["--name", "Thiếu mã"], env)).code).toBe(64);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
