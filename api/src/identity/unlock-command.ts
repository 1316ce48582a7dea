/**
 * Lifts a password lock-out from the server's shell, for when no other staff member can sign in to
 * do it in the users admin:  npm run unlock-account -- <username> [<address>]
 * Without an address every lock-out of the account is lifted. Uses the same configuration
 * (DATABASE_URL / SQLITE_PATH) as the server; migrations are applied first, as at start.
 */
import { ConfigError, loadConfig } from "../config.js";
import { createDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrator.js";
import { allMigrations } from "../db/migrations.js";
import { clearFailures } from "./lockout.js";

export async function unlockAccount(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; message: string }> {
  const [username, source] = argv;
  if (!username) {
    return { code: 64, message: "Cách dùng: npm run unlock-account -- <tên đăng nhập> [<địa chỉ IP>]" };
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return { code: 78, message: err.message };
    throw err;
  }
  const database = createDatabase(config.database);
  try {
    await migrateToLatest(database.db, database.dialect, allMigrations);
    const user = await database.db
      .selectFrom("users")
      .select(["id", "username"])
      .where("username", "=", username.trim().toLowerCase())
      .where("source", "=", "password")
      .executeTakeFirst();
    if (!user) return { code: 1, message: `Không có tài khoản đăng nhập bằng mật khẩu tên "${username}".` };
    const n = await clearFailures(database.db, user.id, source);
    return {
      code: 0,
      message: n
        ? `Đã mở khóa đăng nhập cho "${user.username}"${source ? ` từ địa chỉ ${source}` : " (mọi nơi)"}: xóa ${n} bản ghi sai mật khẩu.`
        : `Tài khoản "${user.username}" không bị tạm khóa${source ? ` từ địa chỉ ${source}` : ""}; không có gì để mở.`,
    };
  } finally {
    await database.destroy();
  }
}

// Run as a command (not when imported by a test).
if (process.argv[1] && /unlock-command\.[jt]s$/.test(process.argv[1])) {
  unlockAccount(process.argv.slice(2)).then(
    ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      process.exit(code);
    },
    (err: Error) => {
      console.error(`Không mở khóa được: ${err.message}`);
      process.exit(1);
    },
  );
}
