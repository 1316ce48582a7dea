// Vietnamese labels of the plan catalog (aggregation rules, measures, milestones), shared by the
// API's exports and the mini app. Free of zod so the mini app imports it at runtime.
import type { AggregationRule, Measure } from "./catalog";

export const AGGREGATION_RULE_LABELS: Record<AggregationRule, string> = {
  sum: "Cộng số của các đơn vị",
  lead: "Lấy số của đơn vị chủ trì",
  max: "Lấy số lớn nhất trong các đơn vị",
};

/** One line explaining a rule to someone reading the figure. */
export const AGGREGATION_RULE_HINTS: Record<AggregationRule, string> = {
  sum: "các đơn vị chia nhau địa bàn hoặc đếm những việc khác nhau",
  lead: "số của các đơn vị khác là phần đóng góp, không cộng thêm",
  max: "nhiều đơn vị báo cáo trên cùng thanh niên: không cộng để tránh tính trùng",
};

export const MEASURE_LABELS: Record<Measure, string> = {
  percent: "Tỷ lệ (%)",
  count: "Số người",
  times: "Số lần",
};

/** The rule as a short phrase naming the unit whose figure stands ("Lấy số của Phòng VHXH"). */
export function ruleText(rule: AggregationRule, unitName: string | null): string {
  if (rule === "lead" && unitName) return `Lấy số của ${unitName}`;
  return AGGREGATION_RULE_LABELS[rule];
}

/** Labels of the catalog fields in the audit trail. */
export const CATALOG_FIELD_LABELS: Record<string, string> = {
  name: "Tên",
  measure: "Cách đo",
  unitLabel: "Đơn vị tính",
  target: "Mục tiêu 2030 (số)",
  targetText: "Mục tiêu 2030 (lời)",
  direction: "Chiều đánh giá",
  unitIds: "Đơn vị báo cáo",
  leadUnitIds: "Đơn vị chủ trì",
  partnerUnitIds: "Đơn vị phối hợp",
  aggregation: "Cách tổng hợp",
  active: "Đang theo dõi",
  timing: "Thời gian thực hiện",
  planNumber: "Số kế hoạch của phường",
  planDate: "Ngày ban hành kế hoạch",
};

/** "milestone:2027" → "Lộ trình năm 2027". */
export function catalogFieldLabel(field: string): string {
  const m = field.match(/^milestone:(\d{4})$/);
  if (m) return `Lộ trình năm ${m[1]}`;
  return CATALOG_FIELD_LABELS[field] ?? field;
}
