import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeServer, json, problem } from "@/test/fakeServer";
import type { Integration } from "@/lib/types";
import { WebhooksTab } from "./WebhooksTab";

const integration: Integration = {
  id: "i-1",
  name: "District SIS",
  connector: "oneroster",
  enabled: true,
  version: 1,
  config: {},
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

const endpoint = {
  id: "w-1",
  integrationId: "i-1",
  scheme: "standard-webhooks",
  settings: {},
  enabled: true,
  url: "http://localhost/webhooks/w-1",
  activeSecrets: 1,
  createdAt: "2026-01-01T00:00:00Z",
  secret: null,
};

describe("the webhooks tab", () => {
  it("creates an endpoint and shows its URL and secret once", async () => {
    let created = false;
    const server = new FakeServer()
      .on("GET", "/api/v1/integrations/i-1/webhook-endpoints", () => json(created ? [endpoint] : []))
      .on("POST", "/api/v1/integrations/i-1/webhook-endpoints", () => {
        created = true;
        return json({ ...endpoint, secret: "whsec_c2VjcmV0" }, 201);
      })
      .on("GET", "/api/v1/webhooks/w-1/events", { items: [], next: null })
      .install();
    render(<WebhooksTab integration={integration} />);

    await userEvent.click(await screen.findByRole("button", { name: "New endpoint" }));
    await userEvent.click(screen.getByTestId("create-endpoint"));

    expect(await screen.findByTestId("endpoint-secret")).toHaveTextContent("whsec_c2VjcmV0");
    expect(screen.getByTestId("endpoint-url")).toHaveTextContent("http://localhost/webhooks/w-1");
    expect(screen.getByText(/You will not see it again/)).toBeInTheDocument();
    expect(server.callsTo("POST", "/api/v1/integrations/i-1/webhook-endpoints")[0]!.body).toEqual({ scheme: "standard-webhooks", settings: {} });

    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByTestId("endpoint-secret")).toBeNull();
    expect(await screen.findByText("http://localhost/webhooks/w-1")).toBeInTheDocument();
  });

  it("shows each problem of a bad endpoint next to its setting", async () => {
    new FakeServer()
      .on("GET", "/api/v1/integrations/i-1/webhook-endpoints", [])
      .on("POST", "/api/v1/integrations/i-1/webhook-endpoints", () =>
        problem(400, "The webhook endpoint is not valid", [{ field: "settings.header", reason: "is required" }]),
      )
      .install();
    render(<WebhooksTab integration={integration} />);
    await userEvent.click(await screen.findByRole("button", { name: "New endpoint" }));
    await userEvent.click(screen.getByTestId("endpoint-scheme"));
    await userEvent.click(await screen.findByRole("option", { name: "HMAC-SHA256 of the body" }));

    await userEvent.click(screen.getByTestId("create-endpoint"));

    expect(await screen.findByText("is required")).toBeInTheDocument();
    expect(screen.getByLabelText(/Signature header/)).toHaveAttribute("aria-invalid", "true");
  });

  it("rotates a secret and shows the new one once", async () => {
    new FakeServer()
      .on("GET", "/api/v1/integrations/i-1/webhook-endpoints", [endpoint])
      .on("GET", "/api/v1/webhooks/w-1/events", { items: [], next: null })
      .on("POST", "/api/v1/webhook-endpoints/w-1/secrets", { ...endpoint, activeSecrets: 2, secret: "whsec_bmV3" })
      .install();
    render(<WebhooksTab integration={integration} />);

    await userEvent.click(await screen.findByRole("button", { name: "Rotate secret" }));
    await userEvent.click(screen.getByRole("button", { name: "Rotate" }));

    expect(await screen.findByTestId("endpoint-secret")).toHaveTextContent("whsec_bmV3");
  });
});
