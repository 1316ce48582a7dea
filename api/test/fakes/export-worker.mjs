// A stand-in export worker for api/test/export-worker.test.ts: it speaks the pool's protocol
// (workers/pool.ts) and misbehaves on demand, which the real jobs never do on purpose.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, job, args, close }) => {
  if (close) process.exit(0);
  if (job === "echo") parentPort.postMessage({ id, ok: true, value: args });
  else if (job === "hang") {
    /* never answers */
  } else if (job === "refuse") {
    parentPort.postMessage({ id, ok: false, failure: { kind: "app", status: 404, code: "PERIOD_NOT_FOUND", message: "Không tìm thấy kỳ báo cáo." } });
  } else if (job === "fail") parentPort.postMessage({ id, ok: false, failure: { kind: "crash", message: "render failed" } });
  else if (job === "unavailable") parentPort.postMessage({ id, ok: false, failure: { kind: "unavailable", code: "57P01", message: "terminating connection due to administrator command" } });
  else if (job === "exit") process.exit(3);
  else if (job === "throw")
    setTimeout(() => {
      throw new Error("uncaught in the worker");
    });
});
