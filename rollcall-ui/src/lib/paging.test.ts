import { describe, expect, it } from "vitest";
import { withQuery } from "./paging";

describe("withQuery", () => {
  it("leaves out null, undefined and empty parameters and encodes the rest", () => {
    expect(withQuery("/api/v1/records/users", { q: "ada lovelace", integrationId: undefined, after: null, includeDeleted: "", limit: 50 })).toBe(
      "/api/v1/records/users?q=ada+lovelace&limit=50",
    );
  });

  it("answers the bare path when nothing is left", () => {
    expect(withQuery("/api/v1/syncs", { state: undefined })).toBe("/api/v1/syncs");
  });

  it("keeps false and zero, which are values", () => {
    expect(withQuery("/x", { includeDeleted: false, offset: 0 })).toBe("/x?includeDeleted=false&offset=0");
  });
});
