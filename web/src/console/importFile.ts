import type { components } from "../api/schema";

export type ImportReport = components["schemas"]["ImportReport"];
export type FileFormat = "csv" | "ndjson";

/** The media type POST /admin/import reads each format as. */
export const MEDIA_TYPES: Record<FileFormat, string> = { csv: "text/csv", ndjson: "application/x-ndjson" };

/**
 * The import sends the file in parts of this many users' lines, one request
 * each, so the progress bar advances per part and no request nears the
 * API's time limit (29 s; lines not started 2 s before it are reported
 * `unavailable`). Lines about one user stay in file order: the parts go one
 * after the other.
 */
export const CHUNK_LINES = 100;

/** A file's format: from its name, else from its first character (an NDJSON line starts with "{"). */
export function formatOf(name: string, text: string): FileFormat {
  const ext = name.toLowerCase().split(".").pop();
  if (ext === "csv") return "csv";
  if (ext === "ndjson" || ext === "jsonl" || ext === "json") return "ndjson";
  return text.trimStart().startsWith("{") ? "ndjson" : "csv";
}

/** One record of the file (a CSV row, an NDJSON line) and the file line it starts on (1 = the first line). */
interface FileRecord {
  line: number;
  text: string;
}

export interface ParsedFile {
  format: FileFormat;
  /** The CSV header (repeated at the top of every part); null for NDJSON. */
  header: FileRecord | null;
  records: FileRecord[];
}

/** How many lines of the file a record spans (a quoted CSV cell may hold line breaks). */
const spans = (text: string) => text.split("\n").length;

/**
 * Splits a file into its records as the API reads them: NDJSON by line,
 * CSV by row, a line break inside a quoted cell belonging to its row.
 * Blank lines are left out (the API skips them too); a UTF-8 byte-order
 * mark is dropped.
 */
export function parseFile(text: string, format: FileFormat): ParsedFile {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: FileRecord[] = [];
  let start = 0;
  let line = 1;
  let quoted = false;
  const push = (end: number) => {
    const rec = body.slice(start, end);
    if (rec.trim() !== "") records.push({ line, text: rec });
    line += spans(rec);
    start = end + 1;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (format === "csv" && c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) push(i);
  }
  if (start < body.length) push(body.length);
  if (format === "ndjson") return { format, header: null, records };
  const [header = null, ...rows] = records;
  return { format, header, records: rows };
}

/** One request's worth of the file, and where its lines come from. */
export interface Chunk {
  body: string;
  /** Records it holds (what the progress bar counts). */
  count: number;
  /** fileLine[n] is the file line of the part's line n. */
  fileLine: number[];
}

/** The file in parts of `size` records, the CSV header at the top of each. */
export function chunksOf(file: ParsedFile, size = CHUNK_LINES): Chunk[] {
  const chunks: Chunk[] = [];
  for (let i = 0; i < file.records.length; i += size) {
    const part = file.records.slice(i, i + size);
    const fileLine: number[] = [0];
    const texts: string[] = [];
    for (const r of file.header ? [file.header, ...part] : part) {
      for (let k = 0; k < spans(r.text); k++) fileLine.push(r.line + k);
      texts.push(r.text);
    }
    chunks.push({ body: `${texts.join("\n")}\n`, count: part.length, fileLine });
  }
  return chunks;
}

/** A part's report in the file's line numbers. */
export function inFileLines(report: ImportReport, chunk: Chunk): ImportReport {
  return { ...report, errors: report.errors.map((e) => ({ ...e, line: chunk.fileLine[e.line] ?? e.line })) };
}

export const EMPTY_REPORT: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] };

/** Two reports as one (the parts of one import). */
export function addReports(a: ImportReport, b: ImportReport): ImportReport {
  return { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, errors: [...a.errors, ...b.errors] };
}
