import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { activeTabKey, BottomNav, visibleTabs } from "./bottom-nav";
import { useSession } from "../lib/session-store";
import type { Me } from "@contract/identity";

const me = (role: Me["role"]): Me => ({ id: 1, name: "Người thử", avatarUrl: null, role, unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true });

describe("bottom navigation", () => {
  afterEach(() => useSession.setState({ me: null, status: "anonymous" }));

  it("shows Báo cáo only to focal points, staff and observers", () => {
    const labels = (role: Parameters<typeof visibleTabs>[0]) => visibleTabs(role).map((t) => t.label);
    expect(labels("anonymous")).toEqual(["Trang chủ", "Thông báo", "Góp ý", "Cá nhân"]);
    expect(labels("youth")).toEqual(["Trang chủ", "Thông báo", "Góp ý", "Cá nhân"]);
    for (const role of ["focal", "staff", "observer"] as const) expect(labels(role)).toContain("Báo cáo");
    // city staff (Sở Nội vụ) have the wards' reports instead of a ward's
    expect(labels("city_staff")).toEqual(["Trang chủ", "Thông báo", "Các phường", "Góp ý", "Cá nhân"]);
    expect(activeTabKey("/city/snapshots/3")).toBe("city");
  });

  it("marks the tab of nested screens as active", () => {
    expect(activeTabKey("/")).toBe("home");
    expect(activeTabKey("/announcements/12")).toBe("announcements");
    expect(activeTabKey("/reports/1/summary")).toBe("reports");
  });

  it("renders the tabs for the signed-in role with an unread badge", () => {
    useSession.setState({ me: me("staff"), status: "signed-in" });
    render(
      <MemoryRouter>
        <BottomNav badges={{ announcements: 4 }} />
      </MemoryRouter>,
    );
    expect(screen.getByTestId("tab-reports")).toHaveTextContent("Báo cáo");
    expect(screen.getByTestId("tab-announcements")).toHaveTextContent("Thông báo4");
  });
});
