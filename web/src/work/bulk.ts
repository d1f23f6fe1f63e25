import { ApiError } from "../api/errors";
import type { WorkRequest } from "./requests";

/**
 * Runs `fn` on every item, at most `limit` at once. Items of one group run
 * one after the other (decisions about one user write to that user's
 * records: run side by side they would only contend). `fn` reports its own
 * outcome; an item that throws all the same never stops the others.
 */
export async function runEach<T>(items: readonly T[], limit: number, groupOf: (item: T) => string, fn: (item: T) => Promise<void>): Promise<void> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const item of group) await fn(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/** Where one request of a bulk decision stands. */
export type BulkState =
  | { state: "waiting" }
  | { state: "deciding" }
  /** The API answered with the request as it now stands: accepted, rejected, or failed (with failure_reason). */
  | { state: "decided"; request: WorkRequest }
  /** The API refused (409 decided meanwhile, 403, 503…) or could not be reached: nothing changed for this one. */
  | { state: "error"; status: number; message: string };

export function errorState(e: unknown): BulkState {
  return e instanceof ApiError ? { state: "error", status: e.status, message: e.message } : { state: "error", status: 0, message: e instanceof Error ? e.message : "" };
}

/** Small: the API and the table stay calm, and a page of decisions still takes a moment only. */
export const BULK_CONCURRENCY = 3;
