import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeServer, json } from "@/test/fakeServer";
import DeadLetterPage from "./DeadLetterPage";

const open = {
  id: "dl-1",
  integrationId: "i-1",
  integrationName: "District SIS",
  sessionId: "s-1",
  source: "sync",
  stream: "enrollments",
  stage: "resolve",
  externalId: "e-9",
  errorKind: "reference",
  errorClass: null,
  errorMessage: "unresolved references at the end of the run: class k-2",
  attempts: 1,
  createdAt: "2026-01-01T00:00:00Z",
  lastAttemptAt: "2026-01-01T00:00:00Z",
  resolvedAt: null,
  resolution: null,
  payload: { sourcedId: "e-9", class: { sourcedId: "k-2", type: "class" } },
};

describe("a dead letter", () => {
  it("shows its error, context and payload, and replays it", async () => {
    let resolved = false;
    const server = new FakeServer()
      .on("GET", "/api/v1/dead-letters/dl-1", () => json(resolved ? { ...open, resolvedAt: "2026-01-02T00:00:00Z", resolution: "replayed" } : open))
      .on("POST", "/api/v1/dead-letters/dl-1/replay", () => {
        resolved = true;
        return json({ deadLetter: { ...open, resolution: "replayed" }, outcome: "applied", detail: "enrollments e-9 was applied to the roster" });
      })
      .install();
    render(<DeadLetterPage id="dl-1" />);

    expect(await screen.findByTestId("dead-letter-error")).toHaveTextContent("class k-2");
    expect(screen.getByText("District SIS")).toBeInTheDocument();
    expect(screen.getByTestId("dead-letter-payload")).toHaveTextContent('"sourcedId": "e-9"');

    await userEvent.click(screen.getByTestId("replay-dead-letter"));

    expect(await screen.findByTestId("replay-result")).toHaveTextContent("enrollments e-9 was applied to the roster");
    expect(await screen.findByTestId("dead-letter-state")).toHaveTextContent("replayed");
    expect(server.callsTo("POST", "/api/v1/dead-letters/dl-1/replay")).toHaveLength(1);
    expect(screen.queryByTestId("replay-dead-letter")).toBeNull();
  });

  it("shows why a replay failed and keeps the dead letter open", async () => {
    new FakeServer()
      .on("GET", "/api/v1/dead-letters/dl-1", open)
      .on(
        "POST",
        "/api/v1/dead-letters/dl-1/replay",
        () =>
          new Response(JSON.stringify({ status: 422, title: "The record still cannot be applied", detail: "unresolved references at the end of the run: class k-2" }), {
            status: 422,
            headers: { "Content-Type": "application/problem+json" },
          }),
      )
      .install();
    render(<DeadLetterPage id="dl-1" />);

    await userEvent.click(await screen.findByTestId("replay-dead-letter"));

    expect(await screen.findByText("The record still cannot be applied")).toBeInTheDocument();
    expect(screen.getByTestId("dead-letter-state")).toHaveTextContent("open");
  });
});
