// A fake Rollcall API for component tests: routes by method and path, records each call, and answers
// real Response objects (problem+json for errors), installed as the global fetch.
import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function problem(status: number, detail: string, errors: { field: string; reason: string }[] = [], title = "Invalid request"): Response {
  return new Response(JSON.stringify({ type: `urn:rollcall:problem:${status === 404 ? "not-found" : "invalid-request"}`, status, title, detail, errors }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

export function noEndpoint(method: string, path: string): Response {
  return problem(404, `There is no endpoint ${method} ${path}`, [], "Not found");
}

export class FakeServer {
  readonly calls: Call[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[] = [];

  on(method: string, path: string | RegExp, handler: Handler | readonly unknown[] | Record<string, unknown>): this {
    const pattern = typeof path === "string" ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : path;
    this.routes.push({ method, pattern, handler: typeof handler === "function" ? (handler as Handler) : () => json(handler) });
    return this;
  }

  install(): this {
    vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
      const method = (init.method ?? "GET").toUpperCase();
      const path = String(input);
      const headers = Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {}));
      const call = { method, path, headers, body: init.body ? JSON.parse(String(init.body)) : undefined };
      this.calls.push(call);
      const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(path.split("?")[0]!) );
      if (!route) return noEndpoint(method, path.split("?")[0]!);
      return route.handler(call);
    });
    return this;
  }

  callsTo(method: string, prefix: string): Call[] {
    return this.calls.filter((call) => call.method === method && call.path.startsWith(prefix));
  }
}

export const testConnector = {
  type: "test",
  displayName: "Test connector",
  description: "For tests",
  capabilities: ["FULL_READ"],
  streams: [{ name: "orgs", entityType: "ORG", modes: ["FULL"] }],
  configFields: [
    { name: "baseUrl", type: "URL", label: "baseUrl", description: "The upstream's base URL", required: true, secret: false, defaultValue: null, options: [], min: null, max: null },
    { name: "apiKey", type: "SECRET", label: "apiKey", description: "The upstream's API key", required: true, secret: true, defaultValue: null, options: [], min: null, max: null },
    { name: "pageSize", type: "INTEGER", label: "pageSize", description: "", required: false, secret: false, defaultValue: 100, options: [], min: 1, max: 3000 },
    { name: "auth", type: "ENUM", label: "auth", description: "", required: false, secret: false, defaultValue: "api-key", options: ["api-key", "oauth2"], min: null, max: null },
    { name: "verbose", type: "BOOLEAN", label: "Verbose logging", description: "", required: false, secret: false, defaultValue: false, options: [], min: null, max: null },
    { name: "streams", type: "STRING_LIST", label: "streams", description: "", required: false, secret: false, defaultValue: null, options: [], min: null, max: null },
  ],
};
