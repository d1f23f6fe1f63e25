/** One field of a before/after pair: its path (`scope`, `personas[0].status.value`) and its two values, as text. */
export interface DiffRow {
  path: string;
  before?: string;
  after?: string;
  change: "added" | "removed" | "changed" | "same";
}

/** A value as one cell shows it: a string as it is, a list of plain values joined, anything else as JSON. */
function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== "object")) return v.map(show).join(", ");
  return JSON.stringify(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isNested = (v: unknown) => (isObject(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.some((x) => x !== null && typeof x === "object"));

/** Nothing to show: null, an empty list or object (the API stores an empty one as null anyway). */
const isNothing = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * The leaves of a JSON value by path: objects and lists of objects are
 * opened, plain values and lists of them are leaves; a field holding nothing
 * is left out, so it reads as added or removed when the other side has it.
 */
function leaves(v: unknown, path: string, out: Map<string, string>) {
  if (isNothing(v)) return;
  if (isNested(v)) {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
    else for (const [k, x] of Object.entries(v as Record<string, unknown>)) leaves(x, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, show(v));
  }
}

/**
 * An audit record's before and after, field by field, in the after's order
 * then what only the before had. null (a creation, an archival) has no
 * fields: every field of the other side is added or removed.
 */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  leaves(before, "", b);
  leaves(after, "", a);
  const rows: DiffRow[] = [];
  for (const [path, value] of a) {
    const old = b.get(path);
    rows.push({ path, after: value, ...(old !== undefined ? { before: old } : {}), change: old === undefined ? "added" : old === value ? "same" : "changed" });
  }
  for (const [path, value] of b) if (!a.has(path)) rows.push({ path, before: value, change: "removed" });
  return rows;
}
