import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "@/components/ui/button";
import type { Connector, Integration } from "@/lib/types";
import { FakeServer, json } from "@/test/fakeServer";
import { RunSyncDialog } from "./RunSyncDialog";

const integration = { id: "i-1", name: "District SIS", connector: "roster", enabled: true, version: 1, config: {}, createdAt: "", updatedAt: "" } as Integration;
const connector = {
  type: "roster",
  displayName: "Roster",
  description: "",
  capabilities: ["FULL_READ", "DELTA_READ"],
  configFields: [],
  streams: [
    { name: "orgs", entityType: "ORG", modes: ["FULL", "DELTA"] },
    { name: "users", entityType: "USER", modes: ["FULL", "DELTA"] },
    { name: "demographics", entityType: "DEMOGRAPHICS", modes: ["FULL"] },
  ],
} as Connector;

function renderDialog() {
  const server = new FakeServer().on("POST", "/api/v1/integrations/i-1/syncs", () => json({ id: "s-9", state: "queued" }, 202)).install();
  render(<RunSyncDialog integration={integration} connector={connector} trigger={<Button>Run sync</Button>} />);
  return server;
}

describe("the run dialog", () => {
  it("runs every stream as the server's default and opens the new session", async () => {
    const server = renderDialog();

    await userEvent.click(screen.getByRole("button", { name: "Run sync" }));
    await userEvent.click(screen.getByRole("button", { name: "Start sync" }));

    expect(server.calls.at(-1)!.body).toEqual({ mode: "full", streams: [], dryRun: false });
    expect(window.location.pathname).toBe("/syncs/s-9");
  });

  it("runs a delta dry run of one stream, offering only the streams that read deltas", async () => {
    const server = renderDialog();

    await userEvent.click(screen.getByRole("button", { name: "Run sync" }));
    await userEvent.click(screen.getByRole("radio", { name: "Delta" }));
    expect(screen.queryByLabelText("demographics")).toBeNull();
    await userEvent.click(screen.getByLabelText("orgs"));
    await userEvent.click(screen.getByLabelText(/Dry run/));
    await userEvent.click(screen.getByRole("button", { name: "Start dry run" }));

    expect(server.calls.at(-1)!.body).toEqual({ mode: "delta", streams: ["users"], dryRun: true });
  });
});
