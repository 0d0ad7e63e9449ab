import { describe, expect, it } from "vitest";
import { endpointRequest, schemeSpec, WEBHOOK_SCHEMES } from "./webhooks";

describe("webhook schemes", () => {
  it("offers the nine schemes the server verifies", () => {
    expect(WEBHOOK_SCHEMES.map((scheme) => scheme.name)).toEqual([
      "standard-webhooks",
      "github",
      "slack",
      "stripe",
      "notion",
      "shopify",
      "twilio",
      "google-pubsub",
      "hmac-sha256",
    ]);
    expect(schemeSpec("google-pubsub")?.usesSecret).toBe(false);
  });

  it("sends only the scheme's own settings, trimmed, and blank ones not at all", () => {
    expect(endpointRequest("hmac-sha256", { header: " X-Sig ", prefix: "", audience: "left over" }, "")).toEqual({
      scheme: "hmac-sha256",
      settings: { header: "X-Sig" },
    });
  });

  it("sends a typed secret, except for google-pubsub which has none", () => {
    expect(endpointRequest("stripe", {}, " whsec_abc ")).toEqual({ scheme: "stripe", settings: {}, secret: "whsec_abc" });
    expect(endpointRequest("google-pubsub", { audience: "a", serviceAccountEmail: "b" }, "ignored")).toEqual({
      scheme: "google-pubsub",
      settings: { audience: "a", serviceAccountEmail: "b" },
    });
  });
});
