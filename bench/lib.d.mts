/** Types of bench/lib.mjs for the TypeScript benches. */
export interface BenchServer {
  url: string;
  pid: number;
  healthyMs: number;
  stop(): Promise<void>;
}
export function startServer(extraEnv?: Record<string, string>, opts?: { runner?: "dist" | "tsx" }): Promise<BenchServer>;
export function rssMb(pid: number): number;
export interface LoadLine {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  "2xx": number;
  "304": number;
  errors: number;
  other: number;
}
export function load(name: string, url: string, opts?: Record<string, unknown>): Promise<LoadLine>;
export function warm(url: string, opts: Record<string, unknown>, seconds: number): Promise<void>;
export function median(xs: number[]): number;
export function percentile(xs: number[], p: number): number;
export function report(f: {
  figure: string;
  value: number | string;
  unit?: string;
  ratio?: number | null;
  reference?: string | null;
  target?: string | null;
  ok?: boolean | null;
}): void;
