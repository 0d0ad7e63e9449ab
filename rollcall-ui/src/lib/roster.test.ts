import { describe, expect, it } from "vitest";
import { isRosterCollection, provenanceRows, referencesOf } from "./roster";

describe("referencesOf", () => {
  it("finds every GUIDRef with a browsable type, in objects and lists", () => {
    const enrollment = {
      sourcedId: "e-1",
      role: "student",
      user: { sourcedId: "u-1", type: "user", href: "https://x/users/u-1" },
      class: { sourcedId: "c-1", type: "class" },
      school: { sourcedId: "s-1", type: "org" },
      terms: [{ sourcedId: "t-1", type: "academicSession" }],
      metadata: { note: { sourcedId: "n", type: "note" } },
    };
    expect(referencesOf(enrollment)).toEqual([
      { path: "user", collection: "users", id: "u-1" },
      { path: "class", collection: "classes", id: "c-1" },
      { path: "school", collection: "orgs", id: "s-1" },
      { path: "terms[0]", collection: "academicSessions", id: "t-1" },
    ]);
  });

  it("does not take the record itself for a reference", () => {
    expect(referencesOf({ sourcedId: "u-1", type: "user" })).toEqual([]);
    expect(referencesOf(null)).toEqual([]);
  });
});

describe("provenanceRows", () => {
  it("makes one row per field, sorted, keeping what the engine recorded", () => {
    const rows = provenanceRows({
      familyName: { integration: "i-1", session: "s-1", at: "2026-01-01T00:00:00Z", policy: "source-wins" },
      email: { integration: "i-2", session: "s-2", at: "2026-01-02T00:00:00Z", policy: "source-wins" },
      odd: "manual",
    });
    expect(rows.map((row) => row.field)).toEqual(["email", "familyName", "odd"]);
    expect(rows[0]!.details.integration).toBe("i-2");
    expect(rows[2]!.details).toEqual({ value: "manual" });
  });

  it("is empty for anything but an object", () => {
    expect(provenanceRows(null)).toEqual([]);
    expect(provenanceRows([1, 2])).toEqual([]);
  });
});

describe("isRosterCollection", () => {
  it("knows the browsable collections only", () => {
    expect(isRosterCollection("academicSessions")).toBe(true);
    expect(isRosterCollection("demographics")).toBe(false);
  });
});
