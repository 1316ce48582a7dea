/**
 * Adds a ward from the server's shell, as city staff do on their screen:
 *   npm run add-ward -- --code HB --name "Hồng Bàng" [--level phuong|xa|dac_khu] [--groups 12]
 *   npm run add-ward -- --code AL --name "An Lão" --level xa --csv don-vi-an-lao.csv
 * Uses the server's configuration (DATABASE_URL / SQLITE_PATH); migrations and the reference seed
 * run first, as at start. Prints the ward's first staff invitation (link and code).
 */
import fs from "node:fs";
import { ConfigError, loadConfig } from "../config.js";
import { bootstrap } from "../bootstrap.js";
import { AppError } from "../lib/errors.js";
import { formatDateVN } from "../lib/time.js";
import { ensureUserByUsername } from "../identity/users.js";
import type { CsvProblem, WardLevel } from "../contract/wards.js";
import { WardLevelSchema } from "../contract/wards.js";
import { createWard } from "./create.js";

const USAGE =
  'Cách dùng: npm run add-ward -- --code <MÃ> --name "<tên, không kèm chữ phường/xã>" [--level phuong|xa|dac_khu] [--groups <số tổ dân phố>] [--csv <tệp CSV>]';

/** The account the shell issues invitations as (it cannot sign in: no password, no Zalo id, disabled). */
export const SHELL_USERNAME = "system:shell";

function parseArgs(argv: string[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)$/.exec(argv[i]);
    if (!m || argv[i + 1] === undefined) return null;
    out[m[1]] = argv[++i];
  }
  return out;
}

export async function addWardCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; message: string }> {
  const args = parseArgs(argv);
  if (!args || !args.code || !args.name) return { code: 64, message: USAGE };
  const level = WardLevelSchema.safeParse(args.level ?? "phuong");
  if (!level.success) return { code: 64, message: `Cấp "${args.level}" không hợp lệ (phuong, xa hoặc dac_khu).\n${USAGE}` };
  let csv: string | undefined;
  if (args.csv) {
    try {
      csv = fs.readFileSync(args.csv, "utf8");
    } catch (err) {
      return { code: 66, message: `Không đọc được tệp ${args.csv}: ${(err as Error).message}` };
    }
  }
  let config;
  try {
    config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? "warn" });
  } catch (err) {
    if (err instanceof ConfigError) return { code: 78, message: err.message };
    throw err;
  }
  const ctx = await bootstrap(config);
  try {
    const now = ctx.clock.now().toISOString();
    const shell = await ensureUserByUsername(
      ctx.database.db,
      { username: SHELL_USERNAME, name: "Quản trị máy chủ (dòng lệnh)", role: "city_staff", unitId: null, source: "system" },
      now,
    );
    await ctx.database.db.updateTable("users").set({ disabled: 1 }).where("id", "=", shell).execute();
    const result = await createWard(
      ctx,
      {
        code: args.code,
        level: level.data as WardLevel,
        placeName: args.name,
        source: csv !== undefined ? "csv" : "template",
        residentialGroups: args.groups !== undefined ? Number(args.groups) : undefined,
        csv,
      },
      shell,
    );
    const inv = result.invitation;
    return {
      code: 0,
      message: [
        `Đã thêm ${result.ward.name} (mã ${result.ward.code}) với ${result.unitCount} đơn vị.`,
        `Lời mời cán bộ phường đầu tiên (${inv.unit.name}), hiệu lực đến ${formatDateVN(inv.expiresAt)}:`,
        `  mã ${inv.code}`,
        `  ${inv.link}`,
        `Đường dẫn cho thanh niên của phường: ${result.ward.joinLink}`,
      ].join("\n"),
    };
  } catch (err) {
    if (err instanceof AppError) {
      const problems = (err.details as { problems?: CsvProblem[] } | undefined)?.problems ?? [];
      const lines = problems.map((p) => `  dòng ${p.row}${p.column ? `, cột ${p.column}` : ""}: ${p.message}`);
      return { code: 65, message: [`Không thêm được phường, xã (${err.code}): ${err.message}`, ...lines].join("\n") };
    }
    if (err && typeof err === "object" && "issues" in err) {
      const issues = (err as { issues: { path: PropertyKey[]; message: string }[] }).issues;
      return { code: 65, message: ["Không thêm được phường, xã: dữ liệu chưa hợp lệ.", ...issues.map((i) => `  ${i.path.join(".")}: ${i.message}`)].join("\n") };
    }
    throw err;
  } finally {
    await ctx.database.destroy();
  }
}

// Run as a command (not when imported by a test).
if (process.argv[1] && /add-ward-command\.[jt]s$/.test(process.argv[1])) {
  addWardCommand(process.argv.slice(2)).then(
    ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      process.exit(code);
    },
    (err: Error) => {
      console.error(`Không thêm được phường, xã: ${err.message}`);
      process.exit(1);
    },
  );
}
