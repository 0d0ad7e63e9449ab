import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { navigate } from "@/lib/router";
import { FakeServer, json, problem, testConnector } from "@/test/fakeServer";
import IntegrationFormPage from "./IntegrationFormPage";

const stored = {
  id: "11111111-1111-1111-1111-111111111111",
  name: "District SIS",
  connector: "test",
  enabled: true,
  version: 2,
  config: { baseUrl: "https://sis.example", apiKey: "********", pageSize: 50 },
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-02T00:00:00Z",
};

describe("the integration form", () => {
  it("is generated from the connector's spec and shows each field error next to its field", async () => {
    const server = new FakeServer()
      .on("GET", "/api/v1/connectors", [testConnector])
      .on("POST", "/api/v1/integrations", () =>
        problem(400, "The integration has 2 invalid fields", [
          { field: "config.baseUrl", reason: "must be an absolute http or https URL" },
          { field: "config.apiKey", reason: "is required" },
        ]),
      )
      .install();
    navigate("/integrations/new");
    render(<IntegrationFormPage />);

    await userEvent.click(await screen.findByRole("combobox", { name: "Connector" }));
    await userEvent.click(await screen.findByRole("option", { name: /Test connector/ }));
    expect(screen.getByLabelText(/Verbose logging/)).toHaveAttribute("role", "switch");
    expect(screen.getByLabelText(/Api key/)).toHaveAttribute("type", "password");

    await userEvent.type(screen.getByLabelText(/^Name/), "District SIS");
    await userEvent.type(screen.getByLabelText(/Base url/), "not a url");
    await userEvent.clear(screen.getByLabelText(/Page size/));
    await userEvent.type(screen.getByLabelText(/Page size/), "250");
    await userEvent.click(screen.getByRole("button", { name: "Create integration" }));

    const baseUrl = screen.getByText("Base url must be an absolute http or https URL");
    expect(baseUrl.closest("[data-field]")).toHaveAttribute("data-field", "baseUrl");
    expect(screen.getByLabelText(/Base url/)).toHaveAttribute("aria-invalid", "true");
    expect(within(screen.getByText("Api key is required").closest("[data-field]") as HTMLElement).getByLabelText(/Api key/)).toBeInTheDocument();
    expect(server.calls.at(-1)!.body).toEqual({ name: "District SIS", connector: "test", config: { baseUrl: "not a url", pageSize: 250, verbose: false } });
  });

  it("edits with the stored secret left unchanged unless retyped", async () => {
    const server = new FakeServer()
      .on("GET", "/api/v1/connectors", [testConnector])
      .on("GET", `/api/v1/integrations/${stored.id}`, stored)
      .on("PUT", `/api/v1/integrations/${stored.id}`, (call) => json({ ...stored, version: 3, config: (call.body as { config: object }).config }))
      .install();
    render(<IntegrationFormPage id={stored.id} />);

    const apiKey = await screen.findByLabelText(/Api key/);
    expect(apiKey).toHaveValue("");
    expect(apiKey).toHaveAttribute("placeholder", "•••••••• unchanged");
    await userEvent.clear(screen.getByLabelText(/Page size/));
    await userEvent.type(screen.getByLabelText(/Page size/), "75");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(server.callsTo("PUT", "/api/v1/integrations")[0]!.body).toEqual({
      name: "District SIS",
      config: { baseUrl: "https://sis.example", apiKey: "********", pageSize: 75, verbose: false },
    });
    expect(window.location.pathname).toBe(`/integrations/${stored.id}/configuration`);
  });
});
