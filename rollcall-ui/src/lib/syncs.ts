// Sync sessions: start one, list an integration's, and follow one live. Live updates come from the
// server's event stream for the session; a server without one (404) is followed by re-reading the
// session every few seconds while it is not finished, and the page says which of the two it uses.
import { useEffect, useState } from "react";
import { ApiError, get, post } from "./api";
import { readEventStream } from "./eventStream";
import { type SyncRequest, type SyncSession, syncState, TERMINAL_STATES } from "./types";

export const syncPath = (id: string) => `/api/v1/syncs/${encodeURIComponent(id)}`;
export const integrationSyncsPath = (integrationId: string) => `/api/v1/integrations/${encodeURIComponent(integrationId)}/syncs`;

/** A list answer may be a bare array or a page with {@code items}. */
export function sessionsOf(answer: unknown): SyncSession[] {
  if (Array.isArray(answer)) return answer as SyncSession[];
  if (answer && typeof answer === "object" && Array.isArray((answer as { items?: unknown }).items)) {
    return (answer as { items: SyncSession[] }).items;
  }
  return [];
}

export function startSync(integrationId: string, request: SyncRequest): Promise<{ id: string }> {
  return post<{ id: string }>(integrationSyncsPath(integrationId), request);
}

export type LiveMode = "connecting" | "events" | "polling" | "finished";

export interface LiveSession {
  session: SyncSession | undefined;
  error: ApiError | undefined;
  live: LiveMode;
  /** Re-reads the session now (after approve, reject or cancel). */
  refresh(): void;
}

const POLL_MS = 2000;

export function useLiveSession(id: string): LiveSession {
  const [session, setSession] = useState<SyncSession>();
  const [error, setError] = useState<ApiError>();
  const [live, setLive] = useState<LiveMode>("connecting");
  const [generation, setGeneration] = useState(0);
  const finished = session !== undefined && TERMINAL_STATES.has(syncState(session));

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const load = async () => {
      try {
        const next = await get<SyncSession>(syncPath(id), { signal });
        setSession(next);
        setError(undefined);
        return next;
      } catch (e) {
        if (!signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
        return undefined;
      }
    };

    const poll = async () => {
      const next = await load();
      if (signal.aborted) return;
      if (next && TERMINAL_STATES.has(syncState(next))) {
        setLive("finished");
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    };

    const follow = async () => {
      const first = await load();
      if (signal.aborted || !first) return;
      if (TERMINAL_STATES.has(syncState(first))) {
        setLive("finished");
        return;
      }
      try {
        setLive("events");
        await readEventStream(
          `${syncPath(id)}/events`,
          (event) => {
            const snapshot = parseSnapshot(event.data, id);
            // An event that carries the whole session is applied as it is; any other event says
            // something changed, and the session is read again.
            if (snapshot) setSession(snapshot);
            else void load();
          },
          signal,
        );
        if (!signal.aborted) {
          const last = await load();
          setLive(last && TERMINAL_STATES.has(syncState(last)) ? "finished" : "connecting");
          if (last && !TERMINAL_STATES.has(syncState(last))) timer = setTimeout(follow, POLL_MS);
        }
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && (e.missingEndpoint || e.status === 404 || e.status === 406)) {
          setLive("polling");
          timer = setTimeout(poll, POLL_MS);
        } else {
          // The stream broke (server restart, proxy timeout): reconnect after a pause.
          setLive("connecting");
          timer = setTimeout(follow, POLL_MS);
        }
      }
    };

    void follow();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, generation]);

  return { session, error, live: finished ? "finished" : live, refresh: () => setGeneration((n) => n + 1) };
}

function parseSnapshot(data: string, id: string): SyncSession | undefined {
  try {
    const value = JSON.parse(data) as Partial<SyncSession>;
    return value && value.id === id && typeof value.state === "string" && value.stats ? (value as SyncSession) : undefined;
  } catch {
    return undefined;
  }
}

/** Totals over every entity of a session's stats. */
export function totals(session: Pick<SyncSession, "stats">): { read: number; created: number; updated: number; unchanged: number; deleted: number; errors: number } {
  const sum = { read: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, errors: 0 };
  for (const stats of Object.values(session.stats ?? {})) {
    sum.read += stats.read ?? 0;
    sum.created += stats.created ?? 0;
    sum.updated += stats.updated ?? 0;
    sum.unchanged += stats.unchanged ?? 0;
    sum.deleted += stats.deleted ?? 0;
    sum.errors += stats.errors ?? 0;
  }
  return sum;
}

export type Health = "healthy" | "syncing" | "needs-approval" | "failing" | "never-run" | "disabled" | "unknown";

/**
 * An integration's health as far as the dashboard can tell: disabled, else from its latest session
 * (unknown when this server has no sessions API).
 */
export function healthOf(enabled: boolean, latest: SyncSession | undefined, sessionsAvailable: boolean): Health {
  if (!enabled) return "disabled";
  if (!sessionsAvailable) return "unknown";
  if (!latest) return "never-run";
  switch (syncState(latest)) {
    case "succeeded":
      return "healthy";
    case "failed":
      return "failing";
    case "held":
      return "needs-approval";
    case "queued":
    case "running":
      return "syncing";
    default:
      return "healthy";
  }
}
