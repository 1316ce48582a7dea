import { Worker } from "node:worker_threads";
import { AppError } from "../lib/errors.js";
import type { Logger } from "../lib/logger.js";

/**
 * A small pool of worker threads with a bounded queue, for the exports (Excel, Word, the summary of a
 * big period): their CPU work would otherwise hold the event loop for seconds, and every request of
 * every user would wait. Workers start on the first job and stop after a while without one, so an
 * idle API holds no extra memory. Every job ends: with its result, its own coded error, or one of the
 * three below — never a request left hanging.
 */
/** "try again in a few minutes" (the messages below): a client may ask again after a minute */
const RETRY_EXPORT_AFTER_SECONDS = 60;
export const exportBusy = () =>
  new AppError(503, "EXPORT_BUSY", "Máy chủ đang tạo nhiều tệp báo cáo cùng lúc. Vui lòng thử lại sau ít phút.", undefined, RETRY_EXPORT_AFTER_SECONDS);
export const exportFailed = () =>
  new AppError(500, "EXPORT_FAILED", "Không tạo được tệp báo cáo do lỗi ở máy chủ. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.");
export const exportTimeout = (ms: number) =>
  new AppError(
    503,
    "EXPORT_TIMEOUT",
    `Tệp báo cáo chưa tạo xong sau ${Math.max(1, Math.round(ms / 1000))} giây nên máy chủ đã dừng. Vui lòng thử lại sau ít phút.`,
    undefined,
    RETRY_EXPORT_AFTER_SECONDS,
  );

/** What a worker answers for a job (the worker entry writes it, `decodeFailure` reads it). */
export type JobReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: JobFailure };

export type JobFailure =
  | { kind: "app"; status: number; code: string; message: string; details?: unknown }
  /** the database could not be reached: the original code, so the API answers 503 DATABASE_UNAVAILABLE */
  | { kind: "unavailable"; code: string; message: string }
  | { kind: "crash"; message: string; stack?: string };

export interface PoolOptions {
  /** worker threads at most */
  size: number;
  /** jobs waiting for a free worker at most; one more is refused with EXPORT_BUSY */
  queue: number;
  /** from the request on: a job not done by then answers EXPORT_TIMEOUT (its worker is stopped) */
  timeoutMs: number;
  entry: URL;
  workerData?: unknown;
  /** a worker without a job for this long stops */
  idleMs?: number;
  logger?: Logger;
}

interface Job {
  id: number;
  name: string;
  args: unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
  slot?: Slot;
  done: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idle?: NodeJS.Timeout;
  gone: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Jobs running and waiting now (for tests and logs). */
  get load(): { running: number; waiting: number; workers: number } {
    return { running: this.slots.filter((s) => s.job).length, waiting: this.waiting.length, workers: this.slots.length };
  }

  /**
   * Runs `name` with `args` (structured-cloned to the worker). `signal`: the caller went away — a job
   * still waiting is dropped (a running one finishes: stopping it would cost a worker's start).
   */
  run(name: string, args: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) return Promise.reject(exportFailed());
    const free = this.slots.find((s) => !s.job);
    if (!free && this.slots.length >= this.options.size && this.waiting.length >= this.options.queue) return Promise.reject(exportBusy());
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, name, args, resolve, reject, done: false, timer: undefined as never };
      job.timer = setTimeout(() => this.timeOut(job), this.options.timeoutMs);
      signal?.addEventListener("abort", () => {
        const at = this.waiting.indexOf(job);
        if (at >= 0) {
          this.waiting.splice(at, 1);
          this.finish(job, () => reject(exportFailed()));
        }
      });
      const slot = free ?? (this.slots.length < this.options.size ? this.spawn() : null);
      if (slot) this.start(slot, job);
      else this.waiting.push(job);
    });
  }

  /** Stops every worker; jobs still running or waiting fail with EXPORT_FAILED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) this.finish(job, () => job.reject(exportFailed()));
    await Promise.all([...this.slots].map((s) => this.retire(s, !s.job)));
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.entry, { workerData: this.options.workerData });
    // the pool never keeps the process alive: a shutdown does not wait for idle workers
    worker.unref();
    const slot: Slot = { worker, job: null, gone: false };
    this.slots.push(slot);
    worker.on("message", (reply: JobReply) => this.answer(slot, reply));
    worker.on("error", (err) => {
      this.options.logger?.error({ err }, "export worker failed");
      this.lose(slot);
    });
    worker.on("exit", (code) => {
      if (!slot.gone && slot.job) this.options.logger?.error({ code }, "export worker exited during a job");
      this.lose(slot);
    });
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(slot.idle);
    slot.job = job;
    job.slot = slot;
    slot.worker.postMessage({ id: job.id, job: job.name, args: job.args });
  }

  private answer(slot: Slot, reply: JobReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = null;
    this.finish(job, () => (reply.ok ? job.resolve(reply.value) : job.reject(this.decode(reply.failure, job))));
    this.next(slot);
  }

  private decode(f: JobFailure, job: Job): unknown {
    if (f.kind === "app") return new AppError(f.status, f.code, f.message, f.details);
    // db/unavailable.ts recognises the code: 503 DATABASE_UNAVAILABLE with Retry-After
    if (f.kind === "unavailable") return Object.assign(new Error(f.message), { code: f.code });
    this.options.logger?.error({ job: job.name, msg: f.message, stack: f.stack }, "export job failed");
    return exportFailed();
  }

  /** The worker is gone (crashed, exited, stopped): its job fails, a waiting job gets a new worker. */
  private lose(slot: Slot): void {
    if (slot.gone) return;
    slot.gone = true;
    clearTimeout(slot.idle);
    this.slots.splice(this.slots.indexOf(slot), 1);
    const job = slot.job;
    slot.job = null;
    if (job) this.finish(job, () => job.reject(exportFailed()));
    const waiting = this.waiting.shift();
    if (waiting && !this.closed) this.start(this.spawn(), waiting);
  }

  private next(slot: Slot): void {
    const job = this.waiting.shift();
    if (job) return this.start(slot, job);
    slot.idle = setTimeout(() => void this.retire(slot, true), this.options.idleMs ?? 60_000);
    slot.idle.unref();
  }

  private timeOut(job: Job): void {
    if (job.done) return;
    const at = this.waiting.indexOf(job);
    if (at >= 0) this.waiting.splice(at, 1);
    this.options.logger?.warn({ job: job.name, timeoutMs: this.options.timeoutMs }, "export timed out");
    this.finish(job, () => job.reject(exportTimeout(this.options.timeoutMs)));
    // a job stuck in CPU work cannot be interrupted: its worker is stopped and replaced when needed
    if (job.slot && job.slot.job === job) {
      job.slot.job = null;
      void this.retire(job.slot);
    }
  }

  /**
   * Stops a worker. `gracefully` (an idle one): it closes its database connection and exits (stopped
   * anyway after 5 s); a stuck one is terminated at once.
   */
  private async retire(slot: Slot, gracefully = false): Promise<void> {
    if (slot.gone) return;
    const worker = slot.worker;
    this.lose(slot);
    if (!gracefully) {
      await worker.terminate();
      return;
    }
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    // while it closes, the worker keeps the process alive: a caller awaiting close() (a shutdown, a
    // bench that has closed its server) would otherwise see the process end before the worker did
    worker.ref();
    const force = setTimeout(() => void worker.terminate(), 5000);
    worker.postMessage({ close: true });
    await exited;
    clearTimeout(force);
  }

  private finish(job: Job, settle: () => void): void {
    if (job.done) return;
    job.done = true;
    clearTimeout(job.timer);
    settle();
  }
}
