import { describe, expect, it, vi } from "vitest";
import { FakeServer, problem } from "@/test/fakeServer";
import { ApiError, get, onUnauthorized, post, tokenStore } from "./api";

describe("api", () => {
  it("sends the session's bearer token", async () => {
    tokenStore.set("tok-123");
    const server = new FakeServer().on("GET", "/api/v1/audit", []).install();

    await get("/api/v1/audit");

    expect(server.calls[0]!.headers.Authorization).toBe("Bearer tok-123");
  });

  it("turns problem+json into an ApiError with every field error", async () => {
    new FakeServer()
      .on("POST", "/api/v1/integrations", () =>
        problem(400, "The integration has 2 invalid fields", [
          { field: "name", reason: "is required" },
          { field: "config.baseUrl", reason: "is required" },
        ]),
      )
      .install();

    const error = await post("/api/v1/integrations", {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.detail).toBe("The integration has 2 invalid fields");
    expect(apiError.reasonsFor("config.baseUrl")).toEqual(["is required"]);
    expect(apiError.missingEndpoint).toBe(false);
  });

  it("tells a missing endpoint from a missing resource", async () => {
    new FakeServer().on("GET", "/api/v1/syncs/1", () => problem(404, "Sync session 1 does not exist", [], "Not found")).install();

    const missingResource = (await get("/api/v1/syncs/1").catch((e: unknown) => e)) as ApiError;
    const missingEndpoint = (await get("/api/v1/nothing").catch((e: unknown) => e)) as ApiError;

    expect(missingResource.missingEndpoint).toBe(false);
    expect(missingEndpoint.missingEndpoint).toBe(true);
  });

  it("ends the session on a 401", async () => {
    tokenStore.set("revoked");
    new FakeServer().on("GET", "/api/v1/audit", () => problem(401, "needs a token", [], "Unauthorized")).install();
    const listener = vi.fn();
    const stop = onUnauthorized(listener);

    await expect(get("/api/v1/audit")).rejects.toMatchObject({ status: 401 });

    expect(listener).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
    stop();
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));

    await expect(get("/api/v1/audit")).rejects.toMatchObject({ status: 0, title: "Rollcall is not reachable" });
  });
});
