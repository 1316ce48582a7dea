import { describe, expect, it } from "vitest";
import { isDayValue, isMomentValue, parseDayText, parseTimeText, shapeDayTyping, shapeTimeTyping } from "./date-text";

describe("dates and times as typed in Vietnam", () => {
  it("reads dd/MM/yyyy (and its usual variants) as a day, refusing days that do not exist", () => {
    expect(parseDayText("30/11/2026")).toBe("2026-11-30");
    expect(parseDayText("3/1/2027")).toBe("2027-01-03");
    expect(parseDayText("30-11-2026")).toBe("2026-11-30");
    expect(parseDayText("30.11.2026")).toBe("2026-11-30");
    expect(parseDayText("30112026")).toBe("2026-11-30");
    expect(parseDayText(" 29/02/2028 ")).toBe("2028-02-29");
    for (const bad of ["29/02/2027", "31/04/2026", "11/30/2026", "00/01/2026", "30/11/26", "2026-11-30", "", "30/11"]) expect(parseDayText(bad), bad).toBeNull();
  });

  it("reads 24-hour times, with the Vietnamese 8h30 too", () => {
    expect(parseTimeText("08:30")).toBe("08:30");
    expect(parseTimeText("8:30")).toBe("08:30");
    expect(parseTimeText("8h30")).toBe("08:30");
    expect(parseTimeText("14g")).toBe("14:00");
    expect(parseTimeText("0830")).toBe("08:30");
    expect(parseTimeText("23:59")).toBe("23:59");
    for (const bad of ["24:00", "8:60", "8:3", "8 PM", "", "abc"]) expect(parseTimeText(bad), bad).toBeNull();
  });

  it("adds the slashes while digits are typed and leaves deleting alone", () => {
    const typed = [..."30112026"].reduce<string[]>((acc, ch) => [...acc, shapeDayTyping((acc.at(-1) ?? "") + ch, acc.at(-1) ?? "")], []);
    expect(typed).toEqual(["3", "30/", "30/1", "30/11/", "30/11/2", "30/11/20", "30/11/202", "30/11/2026"]);
    expect(shapeDayTyping("3/", "3")).toBe("3/");
    expect(shapeDayTyping("3/1/", "3/1")).toBe("3/1/");
    expect(shapeDayTyping("30/11/20261", "30/11/2026")).toBe("30/11/2026");
    expect(shapeDayTyping("30/11", "30/11/")).toBe("30/11"); // backspace over the slash
    expect(shapeTimeTyping("083", "08")).toBe("08:3");
    expect(shapeTimeTyping("8h30", "8h3")).toBe("8h30");
  });

  it("tells a real value from text still being typed", () => {
    expect(isDayValue("2026-11-30")).toBe(true);
    expect(isDayValue("2026-02-30")).toBe(false);
    expect(isDayValue("30/11")).toBe(false);
    expect(isMomentValue("2026-11-30T08:30")).toBe(true);
    expect(isMomentValue("30/11/2026 8")).toBe(false);
  });
});
