import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReportIndicator, ReportTask } from "@contract/reports";
import { IndicatorField, TaskField, parseCount } from "./fields";
import { form } from "./test-fixtures";

/** The CT10 percentage of the report fixture, with no figure from last year. */
const indicator = (over: Partial<ReportIndicator> = {}): ReportIndicator => ({ ...form().indicators[0], lastYear: null, ...over });

/** The field as the form uses it: edits go back into the item. */
function Harness(props: { start: ReportIndicator; onEdit: (e: object) => void }) {
  const [item, setItem] = useState(props.start);
  return (
    <IndicatorField
      item={item}
      readOnly={false}
      onChange={(e) => {
        props.onEdit(e);
        setItem((i) => ({ ...i, ...e }));
      }}
    />
  );
}

afterEach(cleanup);

describe("count boxes", () => {
  it("reads whole non-negative numbers and explains anything else", () => {
    expect(parseCount("")).toEqual({ value: null, error: null });
    expect(parseCount(" 412 ")).toEqual({ value: 412, error: null });
    expect(parseCount("-3").error).toBe("Số liệu không được âm.");
    expect(parseCount("12,5").error).toContain("số nguyên");
    expect(parseCount("1.5").error).toContain("số nguyên");
    expect(parseCount("abc").error).toBe("Chỉ nhập chữ số 0–9 (có thể ngăn cách hàng nghìn bằng dấu chấm, ví dụ 1.250).");
    expect(parseCount("101", 100).error).toContain("tối đa 100");
  });

  it("reads the Vietnamese thousands separator and refuses a decimal comma with the reason", () => {
    expect(parseCount("1.250")).toEqual({ value: 1250, error: null });
    expect(parseCount("1.250.000")).toEqual({ value: 1_250_000, error: null });
    expect(parseCount("12.345", 100).error).toContain("tối đa 100");
    expect(parseCount("12,5").error).toBe("“12,5” có phần thập phân (dấu phẩy): số đếm chỉ nhận số nguyên.");
    expect(parseCount("1.250,5").error).toContain("có phần thập phân (dấu phẩy)");
    for (const grouped of ["1.25", "12.50", "1250.5", "1..250", ".250"]) expect(parseCount(grouped).error, grouped).toContain("ngăn cách hàng nghìn");
  });

  it("shows a count from the server with its thousands grouped, and keeps what is typed as typed", () => {
    const onEdit = vi.fn();
    render(<Harness start={indicator({ measure: "count", unitLabel: "người/năm", value: 12500 })} onEdit={onEdit} />);
    const box = within(screen.getByTestId("indicator-CT10")).getByTestId("value") as HTMLInputElement;
    expect(box.value).toBe("12.500");
    fireEvent.change(box, { target: { value: "1.250" } });
    expect(box.value).toBe("1.250");
    expect(onEdit).toHaveBeenLastCalledWith({ value: 1250 });
    fireEvent.change(box, { target: { value: "12,5" } });
    expect(screen.getByTestId("value-error")).toHaveTextContent("“12,5” có phần thập phân (dấu phẩy): số đếm chỉ nhận số nguyên. Chưa lưu giá trị này.");
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  it("never changes what was typed behind the user's back: a minus or a decimal comma is refused out loud, not saved", () => {
    const onEdit = vi.fn();
    render(<Harness start={indicator()} onEdit={onEdit} />);
    const card = screen.getByTestId("indicator-CT10");
    const num = within(card).getByTestId("numerator") as HTMLInputElement;
    fireEvent.change(num, { target: { value: "-3" } });
    expect(num.value).toBe("-3");
    expect(within(card).getByTestId("numerator-error").textContent).toContain("không được âm");
    fireEvent.change(num, { target: { value: "12,5" } });
    expect(num.value).toBe("12,5");
    expect(within(card).getByTestId("numerator-error").textContent).toContain("số nguyên");
    expect(onEdit).not.toHaveBeenCalled();

    fireEvent.change(num, { target: { value: "40" } });
    expect(within(card).queryByTestId("numerator-error")).toBeNull();
    expect(onEdit).toHaveBeenLastCalledWith({ numerator: 40 });
    fireEvent.change(within(card).getByTestId("denominator"), { target: { value: "0" } });
    expect(within(card).getByTestId("ratio-error").textContent).toBe("Mẫu số phải lớn hơn 0.");
    fireEvent.change(within(card).getByTestId("denominator"), { target: { value: "30" } });
    expect(within(card).getByTestId("ratio-error").textContent).toBe("Tử số không được lớn hơn mẫu số.");
    fireEvent.change(within(card).getByTestId("denominator"), { target: { value: "80" } });
    expect(within(card).queryByTestId("ratio-error")).toBeNull();
    expect(within(card).getByTestId("percent").textContent).toBe("= 50%");
  });

  it("a value replaced from outside (the server's copy) shows as is", () => {
    const { rerender } = render(<IndicatorField item={indicator({ numerator: 5 })} readOnly={false} onChange={() => undefined} />);
    expect((screen.getByTestId("numerator") as HTMLInputElement).value).toBe("5");
    rerender(<IndicatorField item={indicator({ numerator: 9 })} readOnly={false} onChange={() => undefined} />);
    expect((screen.getByTestId("numerator") as HTMLInputElement).value).toBe("9");
  });

  it("task progress above 100 % is refused, not cut to 100", () => {
    const task: ReportTask = { taskId: 3, code: "NV03", name: "Rà soát", timing: "Hằng năm", role: "lead", status: "in_progress", progress: 20, result: "", comment: "" };
    const onChange = vi.fn();
    render(<TaskField item={task} readOnly={false} onChange={onChange} />);
    fireEvent.change(screen.getByTestId("progress"), { target: { value: "150" } });
    expect(screen.getByTestId("progress-error").textContent).toContain("tối đa 100");
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId("progress"), { target: { value: "60" } });
    expect(onChange).toHaveBeenLastCalledWith({ progress: 60 });
  });
});
