import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Markdown, parseMarkdown, safeHref } from "./markdown";

describe("Markdown renderer", () => {
  afterEach(cleanup);
  it("renders paragraphs, line breaks, bold, italic, headings and lists", () => {
    const { container } = render(
      <Markdown source={"# Tiêu đề\n\nDòng một\ndòng hai với **đậm** và *nghiêng*.\n\n- Một\n- Hai\n\n1. Thứ nhất\n2. Thứ hai"} />,
    );
    expect(container.querySelector("h3")?.textContent).toBe("Tiêu đề");
    const p = container.querySelector("p")!;
    expect(p.querySelector("br")).not.toBeNull();
    expect(p.querySelector("strong")?.textContent).toBe("đậm");
    expect(p.querySelector("em")?.textContent).toBe("nghiêng");
    expect([...container.querySelectorAll("ul li")].map((li) => li.textContent)).toEqual(["Một", "Hai"]);
    expect([...container.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(["Thứ nhất", "Thứ hai"]);
  });

  it("never turns script or HTML into markup", () => {
    const evil = [
      `<script>window.__pwned = 1</script>`,
      `<img src=x onerror="window.__pwned=2">`,
      `**<b onclick="x()">đậm</b>**`,
      `[bấm](javascript:alert(1)) [dữ liệu](data:text/html;base64,PHNjcmlwdD4=)`,
      `<iframe src="https://evil.example"></iframe>`,
    ].join("\n\n");
    const { container } = render(<Markdown source={evil} />);
    expect(container.querySelector("script, img, iframe, b")).toBeNull();
    expect(container.querySelectorAll("a").length).toBe(0);
    expect(container.querySelector("[onerror], [onclick]")).toBeNull();
    expect(container.textContent).toContain("<script>window.__pwned = 1</script>");
    expect(container.textContent).toContain("[bấm](javascript:alert(1))");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // The markup is escaped text in the DOM.
    expect(container.innerHTML).toContain("&lt;script&gt;");
  });

  it("links only http(s) URLs and opens them outside the app", () => {
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    const { container } = render(<Markdown source="Xem [Cổng dịch vụ công](https://dichvucong.gov.vn) ngay." />);
    const a = container.querySelector("a")!;
    expect(a.getAttribute("href")).toBe("https://dichvucong.gov.vn/");
    expect(a.getAttribute("rel")).toContain("noopener");
    a.click();
    expect(open).toHaveBeenCalledWith("https://dichvucong.gov.vn/", "_blank", "noopener");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("  HTTPS://a.vn/x ")).toBe("https://a.vn/x");
    expect(safeHref("//evil.example")).toBeNull();
  });

  it("parses list continuation lines, loose lists and mixed lists", () => {
    const blocks = parseMarkdown("- a\n  tiếp\n1. b");
    expect(blocks.map((b) => b.type)).toEqual(["list", "list"]);
    const loose = parseMarkdown("1. một\n\n2. hai\n\n3. ba\n\nĐoạn sau.");
    expect(loose.map((b) => b.type)).toEqual(["list", "paragraph"]);
    expect(loose[0].type === "list" && loose[0].items.length).toBe(3);
    const { container } = render(<Markdown source={"3. ba\n4. bốn"} />);
    expect(container.querySelector("ol")?.getAttribute("start")).toBe("3");
  });
});
