import { Label } from "@/components/ui/label";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { ApiError } from "@/lib/api";
import { fieldHint, type FormValues } from "@/lib/configForm";
import type { ConfigFieldSpec } from "@/lib/types";

const UNSET = "__unset__";

/**
 * The fields of a connector's configuration, generated from its spec: one input per field, chosen
 * by type, with the label, hint and the server's reasons for that field ({@code config.<name>})
 * right under it. A stored secret shows as set and stays unchanged unless a new value is typed.
 */
export function ConfigFields({
  fields,
  values,
  onChange,
  error,
  secretsStored,
  disabled,
}: {
  fields: ConfigFieldSpec[];
  values: FormValues;
  onChange(name: string, value: string | boolean): void;
  error?: ApiError;
  secretsStored: Set<string>;
  disabled?: boolean;
}) {
  return (
    <div className="grid max-w-2xl gap-5">
      {fields.map((field) => (
        <ConfigFieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          onChange={(value) => onChange(field.name, value)}
          reasons={error?.reasonsFor(`config.${field.name}`) ?? []}
          secretStored={secretsStored.has(field.name)}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

function ConfigFieldInput({
  field,
  value,
  onChange,
  reasons,
  secretStored,
  disabled,
}: {
  field: ConfigFieldSpec;
  value: string | boolean | undefined;
  onChange(value: string | boolean): void;
  reasons: string[];
  secretStored: boolean;
  disabled?: boolean;
}) {
  const id = `config-${field.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = reasons.length > 0;
  const describedBy = [fieldHint(field) ? hintId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, name: field.name, disabled, "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  const label = field.label && field.label !== field.name ? field.label : humanize(field.name);

  let control;
  if (field.type === "BOOLEAN") {
    control = <Switch {...common} checked={value === true} onCheckedChange={(checked) => onChange(checked)} />;
  } else if (field.type === "ENUM") {
    const current = typeof value === "string" && value !== "" ? value : UNSET;
    control = (
      <Select value={current} onValueChange={(next) => onChange(next === UNSET ? "" : next)} disabled={disabled}>
        <SelectTrigger {...common} className="sm:max-w-sm">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {!field.required && (
            <SelectItem value={UNSET}>{field.defaultValue != null ? `Default (${String(field.defaultValue)})` : "Not set"}</SelectItem>
          )}
          {field.required && current === UNSET && <SelectItem value={UNSET}>Choose…</SelectItem>}
          {field.options.map((option) => (
            <SelectItem key={option} value={option}>
              {option}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    );
  } else {
    const text = typeof value === "string" ? value : "";
    control = (
      <Input
        {...common}
        type={field.secret ? "password" : field.type === "URL" ? "url" : "text"}
        inputMode={field.type === "INTEGER" ? "numeric" : undefined}
        autoComplete={field.secret ? "new-password" : "off"}
        spellCheck={false}
        placeholder={placeholder(field, secretStored)}
        value={text}
        // A URL input would let the browser block the submit with its own message; the server's
        // reason, shown under the field, is the one that counts.
        onInvalid={(event) => event.preventDefault()}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }

  return (
    <div className="grid gap-1.5" data-field={field.name}>
      <div className="flex flex-wrap items-center gap-2">
        <Label htmlFor={id}>
          {label}
          {field.required && (
            <span className="ml-0.5 text-destructive" aria-hidden>
              *
            </span>
          )}
        </Label>
        <code className="font-mono text-xs text-muted-foreground">{field.name}</code>
        {field.secret && secretStored && <span className="text-xs text-muted-foreground">(stored; type a new value to replace it)</span>}
      </div>
      {control}
      {fieldHint(field) && (
        <p id={hintId} className="text-xs text-muted-foreground">
          {fieldHint(field)}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="text-sm font-medium text-destructive" data-testid={`error-config.${field.name}`}>
          {reasons.map((reason) => `${label} ${reason}`).join("; ")}
        </p>
      )}
    </div>
  );
}

function placeholder(field: ConfigFieldSpec, secretStored: boolean): string | undefined {
  if (field.secret) return secretStored ? "•••••••• unchanged" : field.required ? "Required" : "Not set";
  if (field.defaultValue != null) return String(Array.isArray(field.defaultValue) ? field.defaultValue.join(", ") : field.defaultValue);
  if (field.type === "URL") return "https://";
  return undefined;
}

/** {@code baseUrl} → "Base url"; used when the spec gives no label of its own. */
export function humanize(name: string): string {
  const words = name
    .replace(/[._]/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
