import type { Config } from "../config.js";

export type PushChannelName = "inbox" | "zalo_oa" | "zalo_miniapp";

/** Which channel pushes go through: Zalo when credentials are configured, the in-app inbox alone otherwise. */
export function pushChannelName(config: Config): PushChannelName {
  if (config.zalo.oaAccessToken || (config.zalo.oaRefreshToken && config.zalo.appSecret)) return "zalo_oa";
  if (config.zalo.miniAppApiKey) return "zalo_miniapp";
  return "inbox";
}
