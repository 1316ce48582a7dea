/**
 * A tiny, safe Markdown renderer for notice bodies. It never produces HTML strings: the source is
 * turned into React elements, so every character of the text is escaped by React and nothing the
 * author typed (<script>, <img onerror>, javascript: links) can become markup or run.
 * Supported: paragraphs, line breaks, # headings, - and 1. lists, **bold**, *italic*,
 * [text](https://…) links (http and https only; anything else stays plain text).
 */
import { Fragment, type ReactNode } from "react";
import { openDocument } from "../../lib/zalo";

export type Inline =
  | { type: "text"; text: string }
  | { type: "br" }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] };

/** Only absolute http(s) URLs become links. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!/^https?:\/\//i.test(href)) return null;
  try {
    const u = new URL(href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

const INLINE = /\*\*([^*]+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const lines = text.split("\n");
  lines.forEach((line, li) => {
    if (li > 0) out.push({ type: "br" });
    let last = 0;
    for (const m of line.matchAll(INLINE)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ type: "text", text: line.slice(last, at) });
      if (m[1] !== undefined) out.push({ type: "strong", children: parseInline(m[1]) });
      else if (m[2] !== undefined) out.push({ type: "em", children: parseInline(m[2]) });
      else {
        const href = safeHref(m[4]);
        if (href) out.push({ type: "link", href, children: parseInline(m[3]) });
        else out.push({ type: "text", text: m[0] });
      }
      last = at + m[0].length;
    }
    if (last < line.length) out.push({ type: "text", text: line.slice(last) });
  });
  return out;
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}([-*+])\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,3})[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  // A blank line ends a paragraph; inside a list it ends the list only if no item follows.
  let blankInList = false;
  const flushPara = () => {
    if (para.length) blocks.push({ type: "paragraph", children: parseInline(para.join("\n")) });
    para = [];
  };
  const flushList = () => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, start: list.start, items: list.items.map(parseInline) });
    list = null;
    blankInList = false;
  };
  for (const line of lines) {
    if (!line.trim()) {
      flushPara();
      if (list) blankInList = true;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flushPara();
      flushList();
      blocks.push({ type: "heading", level: Math.min(h[1].length, 3) as 1 | 2 | 3, children: parseInline(h[2]) });
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    if (b || n) {
      flushPara();
      const ordered = !!n;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, start: n ? Number(n[1]) : 1, items: [] };
      list.items.push((b ?? n)![2]);
      blankInList = false;
      continue;
    }
    if (list && blankInList) flushList();
    if (list) {
      // A continuation line of the last list item.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
      continue;
    }
    para.push(line);
  }
  flushPara();
  flushList();
  return blocks;
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return <Fragment key={i}>{n.text}</Fragment>;
      case "br":
        return <br key={i} />;
      case "strong":
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case "em":
        return <em key={i}>{renderInline(n.children)}</em>;
      case "link":
        return (
          <a
            key={i}
            href={n.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            onClick={(e) => {
              e.preventDefault();
              void openDocument(n.href);
            }}
          >
            {renderInline(n.children)}
          </a>
        );
    }
  });
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <div className={className ?? "markdown"} data-testid="markdown">
      {blocks.map((b, i) => {
        if (b.type === "heading") {
          const Tag = (["h3", "h4", "h5"] as const)[b.level - 1];
          return <Tag key={i}>{renderInline(b.children)}</Tag>;
        }
        if (b.type === "list") {
          const items = b.items.map((it, j) => <li key={j}>{renderInline(it)}</li>);
          return b.ordered ? (
            <ol key={i} start={b.start !== 1 ? b.start : undefined}>
              {items}
            </ol>
          ) : (
            <ul key={i}>{items}</ul>
          );
        }
        return <p key={i}>{renderInline(b.children)}</p>;
      })}
    </div>
  );
}
