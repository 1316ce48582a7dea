import pino from "pino";

export type Logger = pino.Logger;

/**
 * Never in a log line: tokens, passwords, invitation and phone codes. Request lines carry no headers,
 * bodies or query strings (app.ts); these paths cover objects logged by hand or attached to errors.
 */
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  "*.password",
  "*.token",
  "*.accessToken",
  "*.access_token",
  "*.refreshToken",
  "*.refresh_token",
  "*.secret_key",
  "err.config",
  "err.request",
  "err.response",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACT, censor: "[đã ẩn]" } }, destination);
}
