import { expect, it } from "vitest";
import { describeEachDb } from "./harness.js";
import { runReportReminders } from "../src/reports/jobs.js";

// A fresh install (or a focal point who joins late) first reaches the 7-day step with 3 days left:
// the reminder told them "Còn 7 ngày" while the home screen said 3.
describeEachDb("report reminders say the days actually left", (h) => {
  const titles = async (unitId: number) =>
    (
      await h()
        .ctx.database.db.selectFrom("notifications")
        .innerJoin("users", "users.id", "notifications.user_id")
        .select(["notifications.title"])
        .where("notifications.kind", "=", "report_reminder")
        .where("users.unit_id", "=", unitId)
        .execute()
    ).map((n) => n.title);

  it("says the calendar days left, like the home screen's countdown", async () => {
    const doan = await h().unitId("DOAN");
    h().clock.set("2026-11-27T08:00:00.000Z"); // 27/11 15:00 in Hanoi; deadline 30/11 23:59:59
    await h().signIn("focal", { unitId: doan, name: "Đầu mối Đoàn" });
    expect(await runReportReminders(h().ctx)).toBeGreaterThan(0);
    expect(await titles(doan)).toEqual(["Còn 3 ngày đến hạn nộp báo cáo"]);

    h().clock.set("2026-11-30T05:00:00.000Z"); // the deadline day: the 1-day step, first reached today
    await runReportReminders(h().ctx);
    expect(await titles(doan)).toContain("Hôm nay là hạn cuối nộp báo cáo");

    const hoi = await h().unitId("HOI");
    h().clock.set("2026-11-16T16:59:59.000Z"); // the 14-day step, reached on time (16/11 23:59:59 in Hanoi)
    await h().signIn("focal", { unitId: hoi, name: "Đầu mối Hội" });
    await runReportReminders(h().ctx);
    expect(await titles(hoi)).toEqual(["Còn 14 ngày đến hạn nộp báo cáo"]);
  });
});
