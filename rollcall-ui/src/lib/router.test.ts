import { describe, expect, it } from "vitest";
import { matchPath } from "./router";

describe("matchPath", () => {
  it("captures and decodes parameters", () => {
    expect(matchPath("/integrations/:id/:tab", "/integrations/a%20b/history")).toEqual({ id: "a b", tab: "history" });
  });

  it("needs every literal segment and the same length", () => {
    expect(matchPath("/integrations/:id", "/integrations/1/edit")).toBeNull();
    expect(matchPath("/syncs/:id", "/integrations/1")).toBeNull();
    expect(matchPath("/", "/")).toEqual({});
  });
});
