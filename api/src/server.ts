import type { Server } from "node:http";
import { ConfigError, loadConfig } from "./config.js";
import { DatabaseOpenError } from "./db/database.js";
import { bootstrap } from "./bootstrap.js";
import { buildApp } from "./app.js";
import { backgroundJobs } from "./jobs.js";
import { startJobs } from "./job-runner.js";
import { pushChannelName } from "./notifications/channel-name.js";
import { closeExports } from "./workers/run.js";

/** Starts the API: configuration, database, migrations, seed, HTTP server, background jobs. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG: a supervisor should not restart in a loop
    }
    throw err;
  }

  let ctx;
  try {
    ctx = await bootstrap(config);
  } catch (err) {
    const msg =
      err instanceof DatabaseOpenError
        ? err.message
        : `Không khởi tạo được cơ sở dữ liệu (${config.database.kind}): ${(err as Error).message}`;
    console.error(msg);
    process.exit(78);
  }
  const { logger } = ctx;
  const { app } = buildApp(ctx);

  const channel = pushChannelName(config);
  if (channel === "inbox") {
    logger.warn("No Zalo credentials configured: notifications go to the in-app inbox only (Thông báo chỉ gửi vào hộp thư trong ứng dụng).");
  } else {
    logger.info({ channel }, "Zalo push channel configured");
  }
  if (config.devSignIn) logger.warn("Dev sign-in is ON (Chế độ thử nghiệm): do not use in production.");

  const server: Server = app.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, db: ctx.database.dialect, ward: config.wardName },
      `Thanh niên số API: http://localhost:${config.port}  (mini app: http://localhost:${config.port}/)`,
    );
  });
  server.on("error", (err: NodeJS.ErrnoException) => {
    logger.fatal({ err }, err.code === "EADDRINUSE" ? `Cổng ${config.port} đang được dùng (đặt PORT khác).` : "server error");
    process.exit(1);
  });

  // Background jobs: one run at a time per job, across every instance on the database (job-runner.ts).
  let stopping = false;
  const jobs = startJobs(ctx, backgroundJobs(ctx));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const jobsDone = jobs.stop();
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections?.();
    await jobsDone;
    // in-flight requests are answered (server.close waited for them), so no export is running now
    await closeExports(ctx);
    await ctx.database.destroy();
    logger.info("database closed; bye");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

void main();
