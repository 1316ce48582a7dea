import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { CityFigureValue, CityIndicator, CitySummary, CityWardRow } from "../contract/city.js";
import type { Measure, Milestone } from "../contract/catalog.js";
import type { OnTrack, TrajectoryPoint } from "../contract/summary.js";
import { PLAN_FIRST_YEAR, PLAN_YEARS } from "../contract/plan.js";
import { judge, milestoneFor } from "../exports/compute/milestones.js";
import { percentOf } from "../exports/compute/figures.js";
import { cityDeadline, type CityDeadline } from "./deadlines.js";
import { cityCounts, wardStates } from "./completeness.js";

type Db = Kysely<DB>;

export interface CityIndicatorDef {
  id: number;
  code: string;
  name: string;
  measure: Measure;
  unitLabel: string;
  target: number | null;
  direction: "at_least" | "at_most";
  targetText: string;
  active: boolean;
  /** the plan's yearly milestones (the wards' own ones are theirs, not the city's) */
  milestones: Milestone[];
}

export interface AcceptedSnapshot {
  id: number;
  wardId: number;
  year: number;
  version: number;
  sentAt: string;
  decidedAt: string | null;
}

export interface WardFigureFact {
  snapshotId: number;
  indicatorId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  onTrack: OnTrack;
}

/** Everything the city's figures are computed from: the wards' accepted snapshots of the plan's years up to `year`. */
export interface CityInput {
  year: number;
  generatedAt: string;
  deadline: CityDeadline;
  wards: CityWardRow[];
  indicators: CityIndicatorDef[];
  accepted: AcceptedSnapshot[];
  figures: WardFigureFact[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A few set-based queries (never one per ward): the figures of every accepted snapshot of the years needed. */
export async function loadCityInput(ctx: AppContext, year: number): Promise<CityInput> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const years = [...new Set([...PLAN_YEARS.filter((y) => y <= year), year - 1])];
  const deadline = await cityDeadline(db, year);
  const [wards, indicators, accepted, figures] = await Promise.all([
    wardStates(db, year, deadline, nowIso),
    indicatorDefs(db),
    db
      .selectFrom("ward_snapshots")
      .select(["id", "ward_id", "year", "version", "sent_at", "decided_at"])
      .where("status", "=", "accepted")
      .where("year", "in", years)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("ward_snapshot_figures as f")
      .innerJoin("ward_snapshots as s", "s.id", "f.snapshot_id")
      .select(["f.snapshot_id", "f.indicator_id", "f.value", "f.numerator", "f.denominator", "f.on_track"])
      .where("s.status", "=", "accepted")
      .where("s.year", "in", years)
      .execute(),
  ]);
  return {
    year,
    generatedAt: nowIso,
    deadline,
    wards,
    indicators,
    accepted: accepted.map((a) => ({ id: a.id, wardId: a.ward_id, year: Number(a.year), version: Number(a.version), sentAt: a.sent_at, decidedAt: a.decided_at })),
    figures: figures.map((f) => ({ snapshotId: f.snapshot_id, indicatorId: f.indicator_id, value: num(f.value), numerator: num(f.numerator), denominator: num(f.denominator), onTrack: f.on_track })),
  };
}

async function indicatorDefs(db: Db): Promise<CityIndicatorDef[]> {
  const [rows, milestones] = await Promise.all([
    db
      .selectFrom("indicators")
      .select(["id", "code", "name", "measure", "unit_label", "target_value", "direction", "target_text", "active"])
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
    db.selectFrom("indicator_milestones").select(["indicator_id", "year", "value", "source"]).where("source", "=", "plan").execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    measure: r.measure,
    unitLabel: r.unit_label,
    target: num(r.target_value),
    direction: r.direction,
    targetText: r.target_text,
    active: Number(r.active) === 1,
    milestones: milestones.filter((m) => m.indicator_id === r.id).map((m) => ({ year: Number(m.year), value: Number(m.value), source: m.source })),
  }));
}

const hasFigure = (measure: Measure, f: WardFigureFact) => (measure === "percent" ? f.numerator !== null && f.denominator !== null : f.value !== null);

/** Wards split the city: the city figure adds up its wards' figures (numerators and denominators for a rate). */
export function cityFigure(measure: Measure, facts: WardFigureFact[]): CityFigureValue {
  const rows = facts.filter((f) => hasFigure(measure, f));
  const sum = (pick: (f: WardFigureFact) => number | null) => (rows.length ? rows.reduce((s, f) => s + (pick(f) ?? 0), 0) : null);
  const percent = measure === "percent";
  const numerator = percent ? sum((f) => f.numerator) : null;
  const denominator = percent ? sum((f) => f.denominator) : null;
  return {
    value: percent ? percentOf(numerator, denominator) : sum((f) => f.value),
    numerator,
    denominator,
    wardsReported: rows.length,
    wardsOnTrack: rows.filter((f) => f.onTrack === "on_track").length,
  };
}

/**
 * A count's or a number of times' target is set for each ward (at least one dialogue a year in every
 * ward): a sum of 100 wards against it says nothing, so the city is on track when no reporting ward is off it.
 */
function byWards(facts: WardFigureFact[], measure: Measure): OnTrack {
  const rows = facts.filter((f) => hasFigure(measure, f) && f.onTrack !== "unknown");
  if (!rows.length) return "unknown";
  return rows.some((f) => f.onTrack === "off_track") ? "off_track" : "on_track";
}

/** The city's figures as a pure function of what was loaded (it can run in a worker thread as it is). */
export function computeCitySummary(input: CityInput): CitySummary {
  const { year } = input;
  // one accepted snapshot per ward and year: the newest if a year had several periods
  const snapshotOf = new Map<string, AcceptedSnapshot>();
  for (const a of input.accepted) snapshotOf.set(`${a.year}:${a.wardId}`, a);
  const yearOfSnapshot = new Map<number, number>();
  for (const a of snapshotOf.values()) yearOfSnapshot.set(a.id, a.year);
  const facts = new Map<string, WardFigureFact[]>();
  for (const f of input.figures) {
    const y = yearOfSnapshot.get(f.snapshotId);
    if (y === undefined) continue;
    const k = `${y}:${f.indicatorId}`;
    const list = facts.get(k);
    if (list) list.push(f);
    else facts.set(k, [f]);
  }
  const of = (y: number, indicatorId: number) => facts.get(`${y}:${indicatorId}`) ?? [];

  const stateOf = new Map(input.wards.map((w) => [w.ward.id, w]));
  const wards = input.wards
    .map((w) => ({ row: w, snap: snapshotOf.get(`${year}:${w.ward.id}`) }))
    .filter((x): x is { row: CityWardRow; snap: AcceptedSnapshot } => !!x.snap)
    .map(({ row, snap }) => ({ ward: row.ward, snapshotId: snap.id, version: snap.version, sentAt: snap.sentAt, decidedAt: snap.decidedAt, timing: stateOf.get(row.ward.id)?.timing ?? "on_time" }));

  const indicators = input.indicators
    .filter((d) => d.active || of(year, d.id).some((f) => hasFigure(d.measure, f)))
    .map((d): CityIndicator => {
      const percent = d.measure === "percent";
      const current = cityFigure(d.measure, of(year, d.id));
      const last = cityFigure(d.measure, of(year - 1, d.id));
      const firstValue = year === PLAN_FIRST_YEAR ? current.value : cityFigure(d.measure, of(PLAN_FIRST_YEAR, d.id)).value;
      const milestone = percent ? milestoneFor(d, year, firstValue) : null;
      const verdict = (y: number, value: number | null, m: ReturnType<typeof milestoneFor>) =>
        percent ? judge(value, m ? m.value : d.target, d.direction, d.measure) : value === null ? "unknown" : byWards(of(y, d.id), d.measure);
      const trajectory: TrajectoryPoint[] = PLAN_YEARS.map((y) => {
        const value = y > year ? null : y === year ? current.value : cityFigure(d.measure, of(y, d.id)).value;
        const m = percent ? milestoneFor(d, y, firstValue) : null;
        return { year: y, value, milestone: m?.value ?? null, milestoneKind: m?.kind ?? null, onTrack: verdict(y, value, m) };
      });
      const byWardFacts = new Map(of(year, d.id).map((f) => [f.snapshotId, f]));
      return {
        id: d.id,
        code: d.code,
        name: d.name,
        measure: d.measure,
        unitLabel: d.unitLabel,
        target: d.target,
        direction: d.direction,
        targetText: d.targetText,
        current,
        lastYear: last.wardsReported ? { ...last, year: year - 1 } : null,
        milestone,
        basis: percent ? (milestone ? "milestone" : "target") : "wards",
        onTrack: verdict(year, current.value, milestone),
        trajectory,
        byWard: wards.map((w) => {
          const f = byWardFacts.get(w.snapshotId);
          return { wardId: w.ward.id, value: f?.value ?? null, numerator: f?.numerator ?? null, denominator: f?.denominator ?? null, onTrack: f?.onTrack ?? "unknown" };
        }),
      };
    });

  return { year, years: [...PLAN_YEARS], deadline: input.deadline, generatedAt: input.generatedAt, counts: cityCounts(input.wards), wards, indicators };
}

/** What the city's Excel and Word render: the summary and every ward's state (who sent what). */
export type CityReportData = CitySummary & { wardRows: CityWardRow[] };

export async function cityReportData(ctx: AppContext, year: number): Promise<CityReportData> {
  const input = await loadCityInput(ctx, year);
  return { ...computeCitySummary(input), wardRows: input.wards };
}

export async function citySummary(ctx: AppContext, year: number): Promise<CitySummary> {
  return computeCitySummary(await loadCityInput(ctx, year));
}
