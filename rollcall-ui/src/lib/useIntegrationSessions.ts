import { integrationSyncsPath, sessionsOf } from "./syncs";
import type { SyncSession } from "./types";
import { useResource } from "./useResource";

export interface IntegrationSessions {
  sessions: SyncSession[];
  /** False when this server has no sessions API (404 on its endpoint). */
  available: boolean;
  loading: boolean;
  error: ReturnType<typeof useResource>["error"];
  reload(): void;
}

/** An integration's sync sessions, newest first as the server lists them. */
export function useIntegrationSessions(integrationId: string): IntegrationSessions {
  const resource = useResource<unknown>(integrationSyncsPath(integrationId));
  const missing = resource.error?.missingEndpoint === true;
  return {
    sessions: sessionsOf(resource.data),
    available: !missing,
    loading: resource.loading,
    error: missing ? undefined : resource.error,
    reload: resource.reload,
  };
}
