import { useCallback, useEffect, useState } from "react";
import { ApiError, get } from "./api";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads {@code path} with GET and keeps the result; reloads when the path changes or on {@code
 * reload()}. A null path loads nothing. A stale answer (the path changed meanwhile) is dropped.
 */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({
    loading: path !== null,
    path,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, path }));
    get<T>(path, { signal: controller.signal })
      .then((data) => setState({ data, loading: false, path }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, "Unexpected error", error instanceof Error ? error.message : String(error));
        setState({ error: apiError, loading: false, path });
      });
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && (state.loading || !current),
    reload,
  };
}
