import { useCallback } from "react";
import { navigate, useLocation } from "./router";

/**
 * Page state kept in the URL's query (so a filtered list can be linked to and survives a reload):
 * the current values, and a setter that replaces the history entry with the new query.
 */
export function useQueryState<K extends string>(names: readonly K[], defaults: Partial<Record<K, string>> = {}) {
  const { pathname, search } = useLocation();
  const values = Object.fromEntries(names.map((name) => [name, search.get(name) ?? defaults[name] ?? ""])) as Record<K, string>;
  const searchText = search.toString();
  const set = useCallback(
    (changes: Partial<Record<K, string>>) => {
      const next = new URLSearchParams(searchText);
      for (const [name, value] of Object.entries(changes) as [K, string | undefined][]) {
        if (value === undefined || value === "" || value === defaults[name]) next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      navigate(query ? `${pathname}?${query}` : pathname, { replace: true });
    },
    // defaults is a literal at each call site: a new object each render, with the same content
    [pathname, searchText],
  );
  return [values, set] as const;
}
