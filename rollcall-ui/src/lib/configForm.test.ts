import { describe, expect, it } from "vitest";
import { testConnector } from "@/test/fakeServer";
import { fieldHint, initialValues, SECRET_MASK, storedSecrets, toConfig } from "./configForm";
import type { ConfigFieldSpec } from "./types";

const fields = testConnector.configFields as ConfigFieldSpec[];

describe("config form values", () => {
  it("converts numbers and lists, and leaves blank optional fields out so defaults apply", () => {
    const values = { ...initialValues(fields), baseUrl: " https://sis.example/ ", apiKey: "k-1", pageSize: "250", streams: "users, classes,,", auth: "" };

    expect(toConfig(fields, values)).toEqual({ baseUrl: "https://sis.example/", apiKey: "k-1", pageSize: 250, verbose: false, streams: ["users", "classes"] });
  });

  it("sends what does not parse as typed, so the server names the problem", () => {
    const values = { ...initialValues(fields), pageSize: "lots" };

    expect(toConfig(fields, values).pageSize).toBe("lots");
  });

  it("keeps a stored secret by sending it masked unless a new value is typed", () => {
    const config = { baseUrl: "https://a.example", apiKey: SECRET_MASK, pageSize: 10 };
    const secrets = storedSecrets(fields, config);
    const values = initialValues(fields, config);

    expect(values.apiKey).toBe("");
    expect(values.pageSize).toBe("10");
    expect(toConfig(fields, values, secrets).apiKey).toBe(SECRET_MASK);
    expect(toConfig(fields, { ...values, apiKey: "new-key" }, secrets).apiKey).toBe("new-key");
  });

  it("leaves an unset secret out instead of sending the mask", () => {
    expect(toConfig(fields, initialValues(fields), new Set())).not.toHaveProperty("apiKey");
  });

  it("describes the range, default and format of a field", () => {
    expect(fieldHint(fields.find((field) => field.name === "pageSize")!)).toBe("Between 1 and 3000. Default: 100.");
  });
});
