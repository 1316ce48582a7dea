/**
 * Which requests the vite dev server (`npm run dev`) forwards to the API. Vite reads keys starting
 * with "^" as regular expressions. /api/src/… are the contract's source modules the app imports
 * through the @contract alias: the dev server must serve those itself, or the app stays blank.
 */
export const DEV_API_PROXY_PATTERN = "^/api/(?!src/)";

/** Whether the dev server forwards `url` to the API (same rule as vite's regex proxy keys). */
export const isProxiedToApi = (url: string) => new RegExp(DEV_API_PROXY_PATTERN).test(url);
