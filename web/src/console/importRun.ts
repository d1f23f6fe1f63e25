import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useApi } from "../api/context";
import { addReports, chunksOf, EMPTY_REPORT, inFileLines, type Chunk, type ImportReport, type ParsedFile } from "./importFile";
import { postImport } from "./transfer";
import { usersKey } from "./users";

export interface ImportRun {
  total: number;
  /** Records imported so far (the progress bar). */
  done: number;
  report: ImportReport;
  running: boolean;
  /** The request that failed as a whole (no connection, 503): Resume sends that part again. */
  error: unknown;
  finished: boolean;
}

/**
 * The real import, part after part (chunksOf), each part's report added to
 * the others in the file's line numbers. A part that fails as a whole stops
 * the run; resuming sends it again, which is safe: what landed is unchanged.
 */
export function useImportRun() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [run, setRun] = useState<ImportRun | null>(null);
  const plan = useRef<{ format: ParsedFile["format"]; chunks: Chunk[]; next: number } | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const go = useCallback(
    async (from: ImportRun) => {
      const p = plan.current!;
      let state: ImportRun = { ...from, running: true, error: null };
      setRun(state);
      for (; p.next < p.chunks.length; p.next++) {
        const chunk = p.chunks[p.next]!;
        try {
          const report = await postImport(api, chunk.body, p.format, false);
          state = { ...state, done: state.done + chunk.count, report: addReports(state.report, inFileLines(report, chunk)) };
        } catch (error) {
          state = { ...state, running: false, error };
          break;
        }
        if (!alive.current) return;
        setRun(state);
      }
      if (!alive.current) return;
      setRun({ ...state, running: false, finished: state.error === null });
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
    [api, queryClient],
  );

  const start = useCallback(
    (file: ParsedFile) => {
      plan.current = { format: file.format, chunks: chunksOf(file), next: 0 };
      void go({ total: file.records.length, done: 0, report: EMPTY_REPORT, running: true, error: null, finished: false });
    },
    [go],
  );
  const resume = useCallback(() => {
    if (run && plan.current) void go(run);
  }, [go, run]);
  const reset = useCallback(() => {
    plan.current = null;
    setRun(null);
  }, []);
  return { run, start, resume, reset };
}
