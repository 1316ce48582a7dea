import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { Commendation } from "@contract/commendations";
import { CommendationsEditor } from "./commendations-editor";
import { isEmpty, mergedForm, removeSent, toSaveBody } from "./pending-edits";

function Harness({ initial = [] as Commendation[], editable = true, seen }: { initial?: Commendation[]; editable?: boolean; seen: Commendation[][] }) {
  const [items, setItems] = useState(initial);
  return (
    <CommendationsEditor
      items={items}
      editable={editable}
      onChange={(l) => {
        seen.push(l);
        setItems(l);
      }}
    />
  );
}

describe("commendation candidates in the report form", () => {
  afterEach(cleanup);

  it("adds a candidate, asks for a name once something else is written, and removes only after confirmation", () => {
    const seen: Commendation[][] = [];
    render(<Harness seen={seen} />);
    expect(screen.getByText("Đơn vị chưa đề nghị khen thưởng.")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("add-commendation"));
    expect(seen.at(-1)).toEqual([{ kind: "person", name: "", position: "", achievement: "", form: "" }]);
    expect(screen.queryByTestId("commendation-name-error")).toBeNull();
    fireEvent.change(screen.getByTestId("commendation-achievement"), { target: { value: "Dẫn đầu phong trào tình nguyện." } });
    expect(screen.getByTestId("commendation-name-error")).toHaveTextContent("Cần ghi tên trước khi nộp báo cáo.");
    fireEvent.click(screen.getByLabelText("Tập thể"));
    fireEvent.change(screen.getByTestId("commendation-name"), { target: { value: "Chi đoàn tổ dân phố số 3 " } });
    expect(seen.at(-1)).toEqual([{ kind: "collective", name: "Chi đoàn tổ dân phố số 3 ", position: "", achievement: "Dẫn đầu phong trào tình nguyện.", form: "" }]);
    expect(screen.queryByTestId("commendation-name-error")).toBeNull();

    fireEvent.click(screen.getByTestId("remove-commendation"));
    expect(screen.getByText(/Chi đoàn tổ dân phố số 3” sẽ bị bỏ khỏi báo cáo/)).toBeInTheDocument();
    fireEvent.click(screen.getByText("Giữ lại"));
    expect(screen.getAllByTestId("commendation")).toHaveLength(1);
    fireEvent.click(screen.getByTestId("remove-commendation"));
    fireEvent.click(screen.getByTestId("confirm-remove-commendation"));
    expect(seen.at(-1)).toEqual([]);
  });

  it("is read-only when the report cannot be edited", () => {
    render(<Harness seen={[]} editable={false} initial={[{ kind: "person", name: "Nguyễn Văn An", position: "", achievement: "x", form: "" }]} />);
    expect(screen.getByTestId("commendation-name")).toBeDisabled();
    expect(screen.queryByTestId("add-commendation")).toBeNull();
    expect(screen.queryByTestId("remove-commendation")).toBeNull();
  });

  it("travels in the draft like the evidence: the whole list, sent once, shown over the server's copy", () => {
    const list: Commendation[] = [{ kind: "person", name: "Lê Thị Hoa", position: "", achievement: "Tư vấn 300 thanh niên.", form: "Giấy khen" }];
    const pending = { indicators: {}, tasks: {}, commendations: list };
    expect(isEmpty(pending)).toBe(false);
    expect(toSaveBody(3, pending)).toEqual({ version: 3, commendations: list });
    expect(mergedForm({ commendations: [], indicators: [], tasks: [], evidence: [], difficulties: "", proposals: "" } as never, pending).commendations).toEqual(list);
    expect(isEmpty(removeSent(pending, pending))).toBe(true);
  });
});
