import { describe, expect, it } from "vitest";
import { calendarDaysUntil, deadlineCountdown, formatDate, formatDateTime } from "./dates";

const DEADLINE = "2026-11-30T16:59:59.000Z"; // 30/11/2026 23:59:59 +07:00

describe("dates in Asia/Ho_Chi_Minh", () => {
  it("formats dd/MM/yyyy in Vietnam time, not UTC", () => {
    expect(formatDate(DEADLINE)).toBe("30/11/2026");
    expect(formatDate("2026-11-26T18:30:00.000Z")).toBe("27/11/2026"); // 01:30 on 27/11 in Hà Nội
    expect(formatDateTime("2026-01-05T02:07:00.000Z")).toBe("09:07 05/01/2026");
  });

  it("counts calendar days to the deadline", () => {
    expect(calendarDaysUntil(DEADLINE, new Date("2026-11-27T01:00:00.000Z"))).toBe(3);
    expect(deadlineCountdown(DEADLINE, new Date("2026-11-27T01:00:00.000Z"))).toBe("Còn 3 ngày đến hạn nộp báo cáo 30/11/2026");
  });

  it("says when the deadline is today and when it has passed", () => {
    expect(deadlineCountdown(DEADLINE, new Date("2026-11-30T10:00:00.000Z"))).toBe("Hôm nay là hạn cuối nộp báo cáo 30/11/2026");
    expect(deadlineCountdown(DEADLINE, new Date("2026-12-02T03:00:00.000Z"))).toBe("Đã quá hạn nộp báo cáo 30/11/2026 (2 ngày)");
  });
});
