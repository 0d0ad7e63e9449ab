import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { tokenStore } from "./lib/api";
import { FakeServer, json, problem } from "./test/fakeServer";

const GOOD = "good-token-0123456789";

function server() {
  return new FakeServer()
    .on("GET", "/api/v1/integrations", (call) =>
      call.headers.Authorization === `Bearer ${GOOD}` ? json({ items: [], total: 0, limit: 1, offset: 0 }) : problem(401, "needs a token", [], "Unauthorized"),
    )
    .on("GET", "/api/v1/audit", [])
    .install();
}

describe("sign-in", () => {
  it("refuses a bad token with the reason, and keeps the user on the sign-in page", async () => {
    server();
    render(<App />);

    await userEvent.type(screen.getByLabelText("Admin token"), "wrong-token");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("Rollcall did not accept that token. Check it and try again.")).toBeInTheDocument();
    expect(tokenStore.get()).toBeNull();
  });

  it("lets a good token in, keeps it for the tab's session, and signs out", async () => {
    server();
    render(<App />);

    await userEvent.type(screen.getByLabelText("Admin token"), GOOD);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Overview" })).toBeInTheDocument();
    expect(tokenStore.get()).toBe(GOOD);

    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByText("You are signed out.")).toBeInTheDocument();
    expect(tokenStore.get()).toBeNull();
  });

  it("returns to sign-in when a call is answered 401", async () => {
    tokenStore.set("revoked-token");
    server();
    render(<App />);

    expect(await screen.findByText(/Your session ended/)).toBeInTheDocument();
    await waitFor(() => expect(tokenStore.get()).toBeNull());
  });
});
