import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Runs middlewares one after the other, as an express.Router of path-less middlewares would (an
 * error, thrown or rejected, goes to `next`), without a router's per-request matching: the API's
 * own steps (CORS, body, sign-in, routes) are the same for every API request.
 */
export function chain(...steps: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      const handler = steps[i++];
      if (!handler) return next();
      try {
        const done = handler(req, res, step) as unknown;
        if (done instanceof Promise) done.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
