import type { AppContext } from "../http/context.js";
import { pushChannelName } from "../notifications/channel-name.js";

/** Plain text as stored: Unix newlines, no control characters (tabs and newlines kept). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

export const pushEnabled = (ctx: AppContext) => pushChannelName(ctx.config) !== "inbox";
