import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "../contract/plan.js";
import { vnParts } from "./time.js";

/** The plan year a screen opens on at `now`: the Vietnamese calendar year, within the plan's years. */
export const planYearAt = (now: Date) => Math.min(Math.max(vnParts(now).year, PLAN_FIRST_YEAR), PLAN_LAST_YEAR);
