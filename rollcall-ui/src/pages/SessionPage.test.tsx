import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeServer, json } from "@/test/fakeServer";
import SessionPage from "./SessionPage";

const running = {
  id: "s-1",
  integrationId: "i-1",
  state: "running",
  mode: "full",
  stage: "users",
  startedAt: "2026-01-01T00:00:00Z",
  finishedAt: null,
  stats: { orgs: { read: 3, created: 3, updated: 0, unchanged: 0, deleted: 0, errors: 0 } },
  errors: [],
};
const finished = {
  ...running,
  state: "succeeded",
  stage: "done",
  finishedAt: "2026-01-01T00:00:09Z",
  stats: { ...running.stats, users: { read: 40, created: 38, updated: 0, unchanged: 0, deleted: 0, errors: 2 } },
  errors: [{ stream: "users", externalId: "u-9", message: "email is not valid" }],
};

/** A text/event-stream body that sends the given events, then ends. */
function eventStream(...events: object[]): Response {
  const body = events.map((event) => `event: session\ndata: ${JSON.stringify(event)}\n\n`).join("");
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

describe("a session", () => {
  it("follows the server's events until the run finishes", async () => {
    let reads = 0;
    const server = new FakeServer()
      .on("GET", "/api/v1/syncs/s-1", () => json(reads++ === 0 ? running : finished))
      .on("GET", "/api/v1/syncs/s-1/events", () => eventStream(finished))
      .install();
    render(<SessionPage id="s-1" />);

    expect(await screen.findByText("email is not valid")).toBeInTheDocument();
    expect(screen.getByTestId("sync-state")).toHaveTextContent("succeeded");
    expect(screen.getByTestId("session-stats")).toHaveTextContent("users");
    expect(server.callsTo("GET", "/api/v1/syncs/s-1/events")[0]!.headers.Accept).toBe("text/event-stream");
  });

  it("says so, and re-reads the session, when the server has no event stream", async () => {
    let reads = 0;
    new FakeServer().on("GET", "/api/v1/syncs/s-1", () => json(reads++ < 1 ? running : finished)).install();
    render(<SessionPage id="s-1" />);

    expect(await screen.findByTestId("live-mode")).toHaveTextContent(/refreshing every 2 s|connecting/);
    expect(await screen.findByText("email is not valid", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByTestId("live-mode")).toBeNull();
  });

  it("is honest when the server has no sessions API", async () => {
    new FakeServer().install();
    render(<SessionPage id="s-1" />);

    expect(await screen.findByText("Not available on this server")).toBeInTheDocument();
  });
});
