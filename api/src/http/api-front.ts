import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from "express";
import { chain } from "./chain.js";

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;

/** "/api", "/api/…" and "/api?…", in any case (as Express matches a mount path). */
const API_PREFIX = /^\/api(?=[/?]|$)/i;

/**
 * Puts the API in front of Express's app router. A request under /api runs the API's steps (one
 * chain, chain.ts) at once, with Express's request and response helpers and the URL as a mount at
 * /api would give it (req.baseUrl "/api", req.url the rest, req.originalUrl the whole), so the API
 * behaves exactly as `app.use("/api", …)` without the router walking the app's other layers on each
 * of the thousands of API calls a second. Anything else (the mini app's files) goes to the app.
 *
 * An Express app is a function that calls `app.handle`: the front takes its place, so app.listen,
 * supertest(app) and the server all go through it. A request no step answers goes to `notFound`,
 * an error (of a step or of `notFound`) to `onError`.
 */
export function putApiInFront(app: Express, steps: RequestHandler[], notFound: RequestHandler, onError: ErrorRequestHandler): void {
  const run = chain(...steps, notFound);
  const express = app as unknown as { handle: Handle; request: object; response: object };
  const rest: Handle = express.handle.bind(app);
  express.handle = (incoming, outgoing, callback) => {
    const url = incoming.url ?? "/";
    const prefix = API_PREFIX.exec(url);
    if (!prefix) return rest(incoming, outgoing, callback);
    const req = incoming as Request;
    const res = outgoing as Response;
    // what app.handle does before its router runs
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, express.request);
    Object.setPrototypeOf(res, express.response);
    res.locals ??= Object.create(null);
    // what a mount at /api does
    const tail = url.slice(prefix[0].length);
    req.originalUrl = url;
    req.baseUrl = prefix[0];
    req.url = tail.startsWith("/") ? tail : `/${tail}`;
    // the chain ends in notFound, which always passes an error on
    const fail = (err: unknown) => {
      try {
        onError(err, req, res, () => undefined);
      } catch {
        res.destroy();
      }
    };
    run(req, res, fail);
  };
}
