import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useNavigate } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { AppPage } from "./app-page";

function Inner() {
  return (
    <AppPage title="Hộp thư" back>
      <p>nội dung</p>
    </AppPage>
  );
}

function Home() {
  const navigate = useNavigate();
  return (
    <div>
      <p data-testid="home">Trang chủ</p>
      <button type="button" onClick={() => navigate("/notifications")}>
        mở hộp thư
      </button>
    </div>
  );
}

const app = (entries: string[]) => (
  <MemoryRouter initialEntries={entries}>
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/notifications" element={<Inner />} />
    </Routes>
  </MemoryRouter>
);

describe("AppPage back button", () => {
  afterEach(cleanup);

  it("goes home when the screen was opened directly (a deep link: nothing to go back to)", () => {
    render(app(["/notifications"]));
    fireEvent.click(screen.getByRole("button", { name: "Quay lại" }));
    expect(screen.getByTestId("home")).toBeInTheDocument();
  });

  it("goes back to the previous screen otherwise", () => {
    render(app(["/"]));
    fireEvent.click(screen.getByRole("button", { name: "mở hộp thư" }));
    expect(screen.getByRole("heading", { name: "Hộp thư" })).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Quay lại" }));
    expect(screen.getByTestId("home")).toBeInTheDocument();
  });
});
