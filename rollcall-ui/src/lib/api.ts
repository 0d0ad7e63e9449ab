// The one way the dashboard talks to Rollcall: bearer token from the session, problem+json errors
// turned into ApiError, and a 401 anywhere ends the session (the app returns to sign-in).

const TOKEN_KEY = "rollcall.adminToken";

export interface FieldError {
  field: string;
  reason: string;
}

/** A failed call: an RFC 9457 problem (status, title, detail, field errors) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, title: string, detail: string, type = "", errors: FieldError[] = [], requestId?: string) {
    super(detail || title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
    this.errors = errors;
    this.requestId = requestId;
  }

  /**
   * True when the server has no such endpoint at all (an older server, or a feature that has not
   * landed), as opposed to a missing resource behind an existing endpoint.
   */
  get missingEndpoint(): boolean {
    return this.status === 404 && this.detail.startsWith("There is no endpoint");
  }

  /** The reasons reported for one field (e.g. {@code config.apiKey}). */
  reasonsFor(field: string): string[] {
    return this.errors.filter((error) => error.field === field).map((error) => error.reason);
  }
}

export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when any call is answered 401: the token is gone or revoked. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Use this token instead of the session's, and do not end the session on 401 (sign-in uses it). */
  token?: string;
  headers?: Record<string, string>;
}

export async function apiFetch(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  const token = options.token ?? tokenStore.get();
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "Rollcall is not reachable", "The request did not reach the server; check that Rollcall is running.");
  }
  if (response.status === 401 && options.token === undefined) {
    tokenStore.clear();
    unauthorizedListeners.forEach((listener) => listener());
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(method, path, body, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>("GET", path, undefined, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>("POST", path, body, options);
export const put = <T>(path: string, body: unknown, options?: RequestOptions) => api<T>("PUT", path, body, options);
export const del = (path: string, options?: RequestOptions) => api<void>("DELETE", path, undefined, options);

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let problem: Record<string, unknown> = {};
  try {
    problem = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's error page): fall back to the status line.
  }
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((e): e is FieldError => typeof e === "object" && e !== null && "field" in e && "reason" in e)
        .map((e) => ({ field: String(e.field), reason: String(e.reason) }))
    : [];
  return new ApiError(
    response.status,
    typeof problem.title === "string" ? problem.title : response.statusText || `HTTP ${response.status}`,
    typeof problem.detail === "string" ? problem.detail : "",
    typeof problem.type === "string" ? problem.type : "",
    errors,
    typeof problem.requestId === "string" ? problem.requestId : undefined,
  );
}
