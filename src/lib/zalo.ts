/**
 * The only module that imports zmp-sdk. Inside Zalo it calls the real APIs; in a desktop or phone
 * browser it falls back cleanly. Note (shared/platform.md): outside Zalo the SDK mocks on
 * "localhost" and rejects with plain objects {code, message} elsewhere — never `instanceof Error`.
 *
 * The SDK (~30 kB gzip) is imported on first use, and only inside Zalo: it is not part of the
 * first download, and outside Zalo it never loads (so its own login() at import time never runs
 * there and never rejects unawaited).
 */
declare global {
  interface Window {
    ZaloJavaScriptInterface?: unknown;
  }
}

// Destructured in `then` so the bundler keeps only these functions of the SDK in its chunk.
const loadSdk = () =>
  import("zmp-sdk/apis").then(({ chooseImage, getAccessToken, getPhoneNumber, getUserInfo, openShareSheet, openWebview }) => ({
    chooseImage,
    getAccessToken,
    getPhoneNumber,
    getUserInfo,
    openShareSheet,
    openWebview,
  }));
let sdkModule: ReturnType<typeof loadSdk> | null = null;
const sdk = () =>
  (sdkModule ??= loadSdk().catch((err: unknown) => {
    sdkModule = null; // its file could not be fetched (offline): the next call tries again
    throw err;
  }));

export function isInZalo(): boolean {
  if (typeof window === "undefined") return false;
  return typeof window.ZaloJavaScriptInterface !== "undefined" || /Zalo/i.test(navigator.userAgent);
}

/** A plain object error from the SDK, or an Error: normalised to {code, message}. */
export function zaloError(e: unknown): { code: number; message: string } {
  if (e && typeof e === "object" && "code" in e) {
    const o = e as { code: unknown; message?: unknown };
    return { code: Number(o.code), message: String(o.message ?? "") };
  }
  return { code: -1, message: e instanceof Error ? e.message : String(e) };
}

/** The Zalo access token for sign-in, or null outside Zalo (or when Zalo refuses). */
export async function zaloAccessToken(): Promise<string | null> {
  if (!isInZalo()) return null;
  try {
    const token = await (await sdk()).getAccessToken();
    return token || null;
  } catch {
    return null;
  }
}

/** Name and avatar, asked with consent; null when refused (code -1401) or outside Zalo. */
export async function zaloUserProfile(): Promise<{ name: string; avatar: string } | null> {
  if (!isInZalo()) return null;
  try {
    const { userInfo } = await (await sdk()).getUserInfo({ autoRequestPermission: true });
    return { name: userInfo.name, avatar: userInfo.avatar };
  } catch {
    return null;
  }
}

/** A one-time phone token (valid ~2 minutes) to exchange server-side; null when refused or outside Zalo. */
export async function zaloPhoneToken(): Promise<string | null> {
  if (!isInZalo()) return null;
  try {
    const { token } = await (await sdk()).getPhoneNumber();
    return token ?? null;
  } catch {
    return null;
  }
}

/**
 * Shares a deep link into the mini app to Zalo chats. Outside Zalo: the Web Share API, else the
 * clipboard. Returns how it was shared so the caller can tell the user.
 */
export async function shareDeepLink(opts: {
  title: string;
  description: string;
  path: string;
  thumbnail?: string;
}): Promise<"zalo" | "web-share" | "clipboard" | "none"> {
  if (isInZalo()) {
    try {
      await (await sdk()).openShareSheet({
        type: "zmp_deep_link",
        data: { title: opts.title, description: opts.description, path: opts.path, thumbnail: opts.thumbnail ?? "" },
      });
      return "zalo";
    } catch {
      return "none";
    }
  }
  const url = new URL(opts.path.replace(/^\//, ""), document.baseURI).toString();
  if (navigator.share) {
    try {
      await navigator.share({ title: opts.title, text: opts.description, url });
      return "web-share";
    } catch {
      return "none";
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return "clipboard";
  } catch {
    return "none";
  }
}

/** Opens a document (PDF, Word…) in Zalo's webview, or a new browser tab. */
export async function openDocument(url: string): Promise<void> {
  if (isInZalo()) {
    try {
      await (await sdk()).openWebview({ url });
      return;
    } catch {
      /* fall back to the browser */
    }
  }
  window.open(url, "_blank", "noopener");
}

/** Picks images: Zalo's picker in Zalo, a file input elsewhere. Returns File objects. */
export async function pickImages(count: number): Promise<File[]> {
  if (isInZalo()) {
    try {
      const { filePaths } = await (await sdk()).chooseImage({ count, sourceType: ["album", "camera"] });
      const files = await Promise.all(
        filePaths.map(async (p, i) => {
          const blob = await (await fetch(p)).blob();
          return new File([blob], `anh-${i + 1}.jpg`, { type: blob.type || "image/jpeg" });
        }),
      );
      return files;
    } catch {
      return [];
    }
  }
  return pickFiles({ accept: "image/*", multiple: count > 1 }).then((f) => f.slice(0, count));
}

/** A browser file picker (also used for documents inside Zalo, where <input type=file> works). */
export function pickFiles(opts: { accept?: string; multiple?: boolean } = {}): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    if (opts.accept) input.accept = opts.accept;
    input.multiple = !!opts.multiple;
    input.onchange = () => resolve(Array.from(input.files ?? []));
    input.click();
  });
}
