// Building list URLs and walking cursor-paged lists.
import { useCallback, useEffect, useState } from "react";

type QueryValue = string | number | boolean | null | undefined;

/** {@code path?a=1&b=x}, leaving out parameters that are null, undefined or empty. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export interface CursorPages {
  /** The cursor of the page shown; undefined on the first page. */
  cursor: string | undefined;
  /** 1 on the first page. */
  page: number;
  older(next: string): void;
  newer(): void;
  reset(): void;
}

/**
 * The position in a list paged by opaque cursors: a stack of the cursors walked so far, so "back"
 * needs no cursor from the server. Goes back to the first page whenever {@code resetKey} changes
 * (the filters did).
 */
export function useCursorPages(resetKey: string): CursorPages {
  const [stack, setStack] = useState<string[]>([]);
  useEffect(() => setStack([]), [resetKey]);
  const older = useCallback((next: string) => setStack((previous) => [...previous, next]), []);
  const newer = useCallback(() => setStack((previous) => previous.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor: stack.at(-1), page: stack.length + 1, older, newer, reset };
}

/** The value, once it has stopped changing for {@code delayMs} (a search box's text). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
