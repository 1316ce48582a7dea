import type { Config } from "../config.js";

export type PushChannelName = "inbox" | "zalo_oa" | "zalo_miniapp";

/** Which channel pushes go through: Zalo when credentials are configured, the in-app inbox alone otherwise. */
export function pushChannelName(config: Config): PushChannelName {
  if (config.zalo.oaAccessToken || (config.zalo.oaRefreshToken && config.zalo.appSecret)) return "zalo_oa";
  if (config.zalo.miniAppApiKey && config.zalo.notificationTemplateId) return "zalo_miniapp";
  return "inbox";
}

/**
 * Whether new notifications should wait for a Zalo push (pass it to `enqueueNotifications`).
 * Without credentials the inbox is the channel and rows are recorded as `skipped` at once.
 */
export function pushEnabled(config: Config): boolean {
  return pushChannelName(config) !== "inbox";
}
