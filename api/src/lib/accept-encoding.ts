/** The content codings an Accept-Encoding header allows (q > 0), lower case. */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && (!q || Number(q.slice(2)) > 0)) out.add(name);
  }
  return out;
}

/** The coding to answer with, brotli first: what both the browser and this server do best. */
export function preferredEncoding(header: string | string[] | undefined): "br" | "gzip" | null {
  const accepted = acceptedEncodings(header);
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
}
