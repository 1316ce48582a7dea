import { useState } from "react";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DateInput, DateTimeInput } from "./date-input";

/** A form holding the value as a native input would (yyyy-MM-dd / yyyy-MM-ddTHH:mm). */
function Form({ initial = "", moment = false }: { initial?: string; moment?: boolean }) {
  const [value, setValue] = useState(initial);
  return (
    <div>
      {moment ? <DateTimeInput label="Hẹn giờ" testId="f" value={value} onChange={setValue} /> : <DateInput label="Hạn nộp" testId="f" value={value} onChange={setValue} />}
      <output data-testid="value">{value}</output>
      <button type="button" onClick={() => setValue(moment ? "2027-01-05T07:45" : "2027-01-05")}>
        nạp
      </button>
    </div>
  );
}

afterEach(cleanup);

describe("DateInput", () => {
  it("shows dd/MM/yyyy whatever the phone's locale and gives the form yyyy-MM-dd", () => {
    render(<Form initial="2026-11-30" />);
    const field = screen.getByTestId("f");
    expect(field).toHaveValue("30/11/2026");
    expect(field).toHaveAttribute("inputmode", "numeric");
    fireEvent.change(field, { target: { value: "15122026" } });
    expect(field).toHaveValue("15/12/2026");
    expect(screen.getByTestId("value")).toHaveTextContent("2026-12-15");
  });

  it("keeps an unfinished or impossible date as typed, says why on leaving the field, and never passes it as a date", () => {
    render(<Form initial="2026-11-30" />);
    const field = screen.getByTestId("f");
    fireEvent.change(field, { target: { value: "31/02/2026" } });
    expect(field).toHaveValue("31/02/2026");
    expect(screen.getByTestId("value")).toHaveTextContent("31/02/2026");
    expect(screen.queryByRole("alert")).toBeNull(); // not while typing
    fireEvent.blur(field);
    expect(screen.getByRole("alert")).toHaveTextContent("Ngày chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 30/11/2026.");
    expect(field).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(field, { target: { value: "28/02/2026" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("value")).toHaveTextContent("2026-02-28");
  });

  it("writes a short date out in full on leaving, and takes a value the form loads", () => {
    render(<Form />);
    const field = screen.getByTestId("f");
    fireEvent.change(field, { target: { value: "3/1/2027" } });
    fireEvent.blur(field);
    expect(field).toHaveValue("03/01/2027");
    expect(screen.getByTestId("value")).toHaveTextContent("2027-01-03");
    fireEvent.click(screen.getByText("nạp"));
    expect(field).toHaveValue("05/01/2027");
    fireEvent.change(field, { target: { value: "" } });
    expect(screen.getByTestId("value")).toHaveTextContent("");
  });
});

describe("DateTimeInput", () => {
  it("reads a day and a 24-hour time into yyyy-MM-ddTHH:mm", () => {
    render(<Form moment initial="2026-11-30T20:15" />);
    expect(screen.getByTestId("f-day")).toHaveValue("30/11/2026");
    expect(screen.getByTestId("f-time")).toHaveValue("20:15"); // not 8:15 PM
    fireEvent.change(screen.getByTestId("f-time"), { target: { value: "8h30" } });
    expect(screen.getByTestId("value")).toHaveTextContent("2026-11-30T08:30");
    fireEvent.blur(screen.getByTestId("f-time"));
    expect(screen.getByTestId("f-time")).toHaveValue("08:30");
  });

  it("asks for the missing half, and refuses a time past 23:59", () => {
    render(<Form moment />);
    fireEvent.change(screen.getByTestId("f-day"), { target: { value: "01/12/2026" } });
    fireEvent.blur(screen.getByTestId("f-day"));
    fireEvent.blur(screen.getByTestId("f-time"));
    expect(screen.getByRole("alert")).toHaveTextContent("Vui lòng nhập cả giờ");
    expect(screen.getByTestId("value")).not.toHaveTextContent("T");
    fireEvent.change(screen.getByTestId("f-time"), { target: { value: "24:10" } });
    expect(screen.getByRole("alert")).toHaveTextContent("Giờ chưa đúng");
    fireEvent.click(screen.getByText("nạp"));
    expect(screen.getByTestId("f-day")).toHaveValue("05/01/2027");
    expect(screen.getByTestId("f-time")).toHaveValue("07:45");
  });
});
