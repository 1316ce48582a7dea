import { api } from "./api-client";

/** The file name the server gave (RFC 5987 `filename*` first), else a fallback. */
export function fileNameFromDisposition(header: string | undefined | null, fallback: string): string {
  if (!header) return fallback;
  const star = header.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* malformed: try the plain name */
    }
  }
  const plain = header.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain ? plain[1].trim() : fallback;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Where a download stands: the server is still building the file (nothing received yet: a city-sized
 * export takes a while), or bytes are arriving (`total` when the server said the size).
 */
export type DownloadProgress = { phase: "building" } | { phase: "downloading"; loaded: number; total: number | null };

/**
 * Downloads a file through the API with the bearer token (a plain link would carry no token), then
 * hands it to the browser; returns the file's name. Exports of a big period take a while: longer
 * timeout, and `onProgress` hears "building" at once, then the bytes as they arrive.
 */
export async function downloadFile(
  url: string,
  fallbackName: string,
  params: Record<string, string> = {},
  onProgress?: (p: DownloadProgress) => void,
): Promise<string> {
  onProgress?.({ phase: "building" });
  const res = await api.get<Blob>(url, {
    responseType: "blob",
    timeout: 120_000,
    ...(Object.keys(params).length ? { params } : {}),
    ...(onProgress ? { onDownloadProgress: (e) => onProgress({ phase: "downloading", loaded: e.loaded, total: e.total || null }) } : {}),
  });
  const name = fileNameFromDisposition(res.headers["content-disposition"] as string | undefined, fallbackName);
  saveBlob(res.data, name);
  return name;
}
