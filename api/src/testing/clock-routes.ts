import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { badRequest } from "../lib/errors.js";
import { isMovableClock } from "../lib/clock.js";
import { ensureAnnualPeriods } from "../reports/yearly-periods.js";

const ClockSchema = z.object({ now: z.string() }).meta({ id: "TestClock" });
const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) });

/**
 * Test only (registered when TEST_CLOCK is set, which production refuses): the browser journeys
 * move the server's clock to the instant a journey needs, e.g. the day after a deadline.
 */
export function registerTestClockRoutes(r: RouteBuilder): void {
  r.add(
    { method: "put", path: "/api/test/clock", tag: "Thử nghiệm", summary: "Đặt đồng hồ của API (chỉ khi thử nghiệm)", body: ClockBody, response: ClockSchema },
    async ({ ctx, body }) => {
      if (!isMovableClock(ctx.clock)) throw badRequest("CLOCK_NOT_MOVABLE", "Đồng hồ của API không thể đặt lại.");
      ctx.clock.set(body.now);
      await ensureAnnualPeriods(ctx);
      return { now: ctx.clock.now().toISOString() };
    },
  );
}
