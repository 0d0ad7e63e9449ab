// The state of a form generated from a connector's config spec, and how it becomes the `config`
// object of a create or update request.
import type { ConfigFieldSpec } from "./types";

/** What the server shows in place of a stored secret, and accepts back as "keep the stored value". */
export const SECRET_MASK = "********";

/** Text for text-like fields, a boolean for BOOLEAN; a secret's input starts empty. */
export type FormValues = Record<string, string | boolean>;

export function initialValues(fields: ConfigFieldSpec[], config: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const stored = config[field.name];
    if (field.secret) {
      values[field.name] = "";
    } else if (field.type === "BOOLEAN") {
      const value = stored ?? field.defaultValue;
      values[field.name] = value === true || value === "true";
    } else if (stored !== undefined && stored !== null) {
      values[field.name] = Array.isArray(stored) ? stored.join(", ") : String(stored);
    } else {
      values[field.name] = "";
    }
  }
  return values;
}

/** The secret fields that have a stored value (the server shows them masked). */
export function storedSecrets(fields: ConfigFieldSpec[], config: Record<string, unknown> = {}): Set<string> {
  return new Set(fields.filter((field) => field.secret && config[field.name] === SECRET_MASK).map((field) => field.name));
}

/**
 * The request's config: blank optional fields are left out (the connector's default applies), a
 * stored secret left blank is sent masked (the server keeps it), numbers and lists are converted
 * when they parse; anything else goes as typed, so the server's validation names the problem.
 */
export function toConfig(fields: ConfigFieldSpec[], values: FormValues, secretsStored: Set<string> = new Set()): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === "BOOLEAN") {
      if (typeof value === "boolean") config[field.name] = value;
      continue;
    }
    const text = typeof value === "string" ? value : "";
    if (field.secret) {
      if (text !== "") config[field.name] = text;
      else if (secretsStored.has(field.name)) config[field.name] = SECRET_MASK;
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (field.type === "INTEGER" && /^-?\d+$/.test(trimmed)) config[field.name] = Number(trimmed);
    else if (field.type === "STRING_LIST")
      config[field.name] = trimmed
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
    else config[field.name] = trimmed;
  }
  return config;
}

/** The hint under a field: its description, default and range. */
export function fieldHint(field: ConfigFieldSpec): string {
  const parts: string[] = [];
  if (field.description) parts.push(field.description);
  if (field.min != null && field.max != null) parts.push(`Between ${field.min} and ${field.max}.`);
  if (field.type === "DURATION") parts.push("E.g. 30s, 5m, 1h or PT30S.");
  if (field.type === "STRING_LIST") parts.push("Separate values with commas.");
  if (field.defaultValue != null && field.defaultValue !== "") parts.push(`Default: ${Array.isArray(field.defaultValue) ? field.defaultValue.join(", ") : String(field.defaultValue)}.`);
  return parts.join(" ");
}
