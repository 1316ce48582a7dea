/**
 * Every send happens once, however fast it is tapped. Two layers of one mechanism:
 * - `sendOnce(key, run)`: while a send with this key is under way, another call with the same key
 *   gets the same promise (the same answer) instead of a second request. The API client routes every
 *   POST/PUT/PATCH/DELETE through it, keyed by method, URL and body, so no button can send twice
 *   what is already on its way — and the second tap never shows the first one's 409 as an error.
 * - `useSendOnce(action)`: for a button, refuses re-entry synchronously (before React re-renders)
 *   and says whether the action is running, to show it disabled and loading (`SendButton`).
 */
import { useCallback, useRef, useState } from "react";

const inFlight = new Map<string, Promise<unknown>>();

export function sendOnce<T>(key: string, run: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = run().finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

/** How many sends are under way (tests). */
export const sendsInFlight = () => inFlight.size;

export function useSendOnce<A extends unknown[]>(action: (...args: A) => Promise<unknown> | unknown): { send: (...args: A) => Promise<void>; sending: boolean } {
  const busy = useRef(false);
  const [sending, setSending] = useState(false);
  const latest = useRef(action);
  latest.current = action;
  const send = useCallback(async (...args: A) => {
    if (busy.current) return;
    busy.current = true;
    setSending(true);
    try {
      await latest.current(...args);
    } finally {
      busy.current = false;
      setSending(false);
    }
  }, []);
  return { send, sending };
}
