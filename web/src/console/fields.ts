import { ApiError, type FieldErrors } from "../api/errors";

/**
 * The API's reason for a field: `details.fields` names it exactly, or a part
 * of it (`attributes.team`, `scope[0]`).
 */
export function reasonFor(errors: FieldErrors, field: string): string | undefined {
  for (const [key, reason] of Object.entries(errors)) {
    if (key === field || key.startsWith(`${field}.`) || key.startsWith(`${field}[`)) return reason;
  }
  return undefined;
}

/** The field errors of a failed request (empty unless it was a 400 naming fields). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** Whether any of `fields` has a reason; when none does, the error belongs in the form's alert. */
export function onAnyField(errors: FieldErrors, fields: readonly string[]): boolean {
  return fields.some((f) => reasonFor(errors, f) !== undefined);
}

/** A list typed one value a line (or separated by spaces or commas), as the API takes it: trimmed, no blanks, no duplicates. */
export function splitTokens(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((v) => v !== ""))];
}

/** A list as its field shows it: one value a line. */
export function joinTokens(list: readonly string[]): string {
  return list.join("\n");
}

/**
 * The JSON merge patch (RFC 7396) that turns `before` into `after`, for
 * custom attributes: a removed key is null, a changed one its new value.
 */
export function mergePatch(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) patch[key] = value;
  }
  return patch;
}

/** Custom attributes typed as a JSON object; null when the text is not one. */
export function parseAttributes(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Attributes as their field shows them: indented JSON, nothing for none. */
export function formatAttributes(attributes: Record<string, unknown> | null | undefined): string {
  return attributes && Object.keys(attributes).length > 0 ? JSON.stringify(attributes, null, 2) : "";
}

/** A date field's value (yyyy-mm-dd) as the instant its day starts in the browser's time zone (the audit trail's period). */
export function dayStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

/** A date field's value as the last second of that day, in the browser's time zone. */
export function dayEnd(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new Date(y!, m! - 1, d! + 1).getTime() - 1000).toISOString();
}

/**
 * A persona's validity date as the API takes it: midnight UTC, as
 * Delegate persona sends it; and back (the UTC day of an instant, "" for none).
 */
export function utcMidnight(day: string): string {
  return `${day}T00:00:00Z`;
}

export function utcDay(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "";
}
