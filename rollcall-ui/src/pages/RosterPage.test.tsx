import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeServer, json } from "@/test/fakeServer";
import RosterPage from "./RosterPage";

const ada = { id: "r-1", entity: "users", title: "Ada Lovelace", detail: "ada@example.org", status: "active", dateLastModified: "2026-01-01T00:00:00Z" };

describe("the roster browser", () => {
  it("searches once the typing settles, and links each record", async () => {
    const server = new FakeServer()
      .on("GET", "/api/v1/integrations", { items: [], total: 0, limit: 1000, offset: 0 })
      .on("GET", "/api/v1/records/users", (call) => json({ items: call.path.includes("q=ada") ? [ada] : [], next: null }))
      .install();
    render(<RosterPage entity="users" />);

    await userEvent.type(await screen.findByLabelText("Search users"), "ada");

    const link = await screen.findByRole("link", { name: "Ada Lovelace" });
    expect(link).toHaveAttribute("href", "/roster/users/r-1");
    expect(window.location.search).toBe("?q=ada");
    const searches = server.callsTo("GET", "/api/v1/records/users").map((call) => call.path);
    expect(searches.filter((path) => path.includes("q="))).toEqual(["/api/v1/records/users?q=ada&limit=50"]);
  });

  it("pages on with the cursor the server gave", async () => {
    const server = new FakeServer()
      .on("GET", "/api/v1/integrations", { items: [], total: 0, limit: 1000, offset: 0 })
      .on("GET", "/api/v1/records/classes", (call) =>
        json(call.path.includes("after=c1") ? { items: [{ ...ada, id: "r-2", title: "Class two" }], next: null } : { items: [{ ...ada, title: "Class one" }], next: "c1" }),
      )
      .install();
    render(<RosterPage entity="classes" />);

    await screen.findByText("Class one");
    await userEvent.click(screen.getByRole("button", { name: "Next" }));

    expect(await screen.findByText("Class two")).toBeInTheDocument();
    await waitFor(() => expect(server.callsTo("GET", "/api/v1/records/classes?limit=50&after=c1")).toHaveLength(1));
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
  });
});
