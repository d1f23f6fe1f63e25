import type { ApiClient } from "../api/client";
import { ApiError, call, toApiError } from "../api/errors";
import { MEDIA_TYPES, type FileFormat, type ImportReport } from "./importFile";

/** POST /admin/import with a file (or a part of one) as it is: the API reads CSV or NDJSON by its media type. */
export function postImport(api: ApiClient, body: string, format: FileFormat, dryRun: boolean): Promise<ImportReport> {
  return call(
    api.POST("/admin/import", {
      params: { query: dryRun ? { dry_run: true } : {} },
      body,
      // The text goes as it is, not as a JSON string.
      bodySerializer: (b) => b as string,
      headers: { "Content-Type": MEDIA_TYPES[format] },
    }),
  );
}

/** Users per export page: the API's largest. */
const EXPORT_PAGE = 1000;

/** The cursor of the next page, from the answer's `Link: </admin/export?cursor=…&limit=…>; rel="next"` (null on the last page). */
export function nextExportCursor(link: string | null): string | null {
  const m = link?.match(/<([^>]*)>\s*;\s*rel="?next"?/);
  return m ? new URL(m[1]!, "http://portal.invalid").searchParams.get("cursor") : null;
}

/** One page of GET /admin/export: its NDJSON text and the next page's cursor. */
async function exportPage(api: ApiClient, cursor: string | null): Promise<{ text: string; next: string | null }> {
  const request = api.GET("/admin/export", { params: { query: { limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) } }, parseAs: "text" });
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, "network", "");
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response, result.error);
  return { text: String(result.data ?? ""), next: nextExportCursor(result.response.headers.get("Link")) };
}

/** Every page of the export, concatenated: one importable NDJSON file. `onPage` hears each page as it arrives. */
export async function exportAll(api: ApiClient, onPage: (pages: number) => void): Promise<string> {
  const parts: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await exportPage(api, cursor);
    // Each page ends its last line; a page without one still starts the next on its own line.
    parts.push(page.text && !page.text.endsWith("\n") ? `${page.text}\n` : page.text);
    cursor = page.next;
    onPage(parts.length);
  } while (cursor);
  return parts.join("");
}

/** Saves text as a file through a blob: link (the portal's CSP allows it: no other origin, no inline script). */
export function saveFile(text: string, name: string, type = "application/x-ndjson") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Later, not at once: the browser starts the download after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
