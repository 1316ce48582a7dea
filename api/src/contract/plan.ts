/** The plan's life: Resolution 83's youth development plan runs in yearly cycles from 2026 to 2030. */
export const PLAN_FIRST_YEAR = 2026;
export const PLAN_LAST_YEAR = 2030;
export const PLAN_YEARS: readonly number[] = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, i) => PLAN_FIRST_YEAR + i);

/** The standard title of a year's annual report period. */
export const annualPeriodTitle = (year: number) => `Báo cáo kết quả thực hiện Nghị quyết 83 năm ${year}`;
