// One shape for every failure the screens show: the API's error body
// ({"error": {"code", "message", "details"}}), or a network failure (status 0).
export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** Seconds, from Retry-After (503, 429). */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, retryAfter: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** invalid_request's `details.fields` (field → reason); empty otherwise. */
  get fieldErrors(): FieldErrors {
    const fields = this.details.fields;
    if (fields && typeof fields === "object" && !Array.isArray(fields)) {
      return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    }
    return {};
  }

  /** Worth trying again as it is: a dependency failed, throttling, or no answer at all. */
  get retryable(): boolean {
    return this.status === 503 || this.status === 429 || this.status === 0;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export function toApiError(response: Response | undefined, body: unknown): ApiError {
  const status = response?.status ?? 0;
  const e = (body as ErrorBody | undefined)?.error;
  const code = typeof e?.code === "string" ? e.code : status === 0 ? "network" : "unknown";
  const message = typeof e?.message === "string" ? e.message : response ? `HTTP ${status}` : "";
  const details = e?.details && typeof e.details === "object" ? (e.details as Record<string, unknown>) : {};
  const ra = Number(response?.headers.get("Retry-After"));
  return new ApiError(status, code, message, details, Number.isFinite(ra) && ra > 0 ? ra : null);
}

/** Unwraps an openapi-fetch answer: its data, or an ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, "network", "");
  }
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.response, result.error);
  }
  return result.data as T;
}

/** An API message as a sentence of its own: trimmed, capitalised, ending with a full stop unless it ends already (. ! ? …). */
export function asSentence(message: string): string {
  const s = message.trim();
  if (!s) return s;
  const capitalised = s.charAt(0).toLocaleUpperCase() + s.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
