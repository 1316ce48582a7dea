/** The plain text of a Markdown body, for excerpts and push messages (no markup survives). */
export function markdownToPlainText(md: string): string {
  return md
    .replace(/\r\n?/g, "\n")
    .replace(/\[([^\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g, "$1") // [text](url) → text, one level of (…) inside the url
    .replace(/^\s{0,3}#{1,6}\s+/gm, "") // headings
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, "") // list markers
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(.+?)\1/g, "$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first `max` characters of the text, cut at a word, with an ellipsis. */
export function excerpt(md: string, max = 160): string {
  const text = markdownToPlainText(md);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
