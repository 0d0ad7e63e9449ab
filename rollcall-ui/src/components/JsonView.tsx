/** A JSON value, pretty-printed in a scrollable block. */
export function JsonView({ value, testId, className = "max-h-96" }: { value: unknown; testId?: string; className?: string }) {
  return (
    <pre className={`overflow-auto rounded-md bg-muted p-3 font-mono text-xs ${className}`} data-testid={testId}>
      {value === undefined || value === null ? "—" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
