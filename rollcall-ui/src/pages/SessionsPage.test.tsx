import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeServer, json } from "@/test/fakeServer";
import SessionsPage from "./SessionsPage";

const session = {
  id: "s-1",
  integrationId: "i-1",
  state: "failed",
  mode: "full",
  startedAt: "2026-01-01T00:00:00Z",
  finishedAt: "2026-01-01T00:00:05Z",
  stats: { users: { read: 3, created: 1, updated: 0, unchanged: 2, deleted: 0, errors: 1 } },
  errors: [],
};

describe("the sessions history", () => {
  it("asks the server for the filtered sessions and names their integration", async () => {
    const server = new FakeServer()
      .on("GET", "/api/v1/integrations", { items: [{ id: "i-1", name: "District SIS" }], total: 1, limit: 1000, offset: 0 })
      .on("GET", "/api/v1/syncs", (call) => json({ items: call.path.includes("state=failed") ? [session] : [], next: null }))
      .install();
    render(<SessionsPage />);

    await screen.findByText("No sessions");
    await userEvent.click(screen.getByTestId("sessions-state"));
    await userEvent.click(await screen.findByRole("option", { name: "failed" }));

    expect(await screen.findByText("District SIS")).toBeInTheDocument();
    expect(window.location.search).toBe("?state=failed");
    await waitFor(() => expect(server.callsTo("GET", "/api/v1/syncs?state=failed&limit=25")).toHaveLength(1));
    expect(screen.getByTestId("sessions")).toHaveTextContent("1 errors");
  });
});
