import { Pencil, Play, Power, PowerOff, Trash2 } from "lucide-react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { EnabledBadge } from "@/components/StatusBadge";
import { ConfigurationTab, DoctorTab, HistoryTab, RunsTab } from "@/components/IntegrationTabs";
import { RunSyncDialog } from "@/components/RunSyncDialog";
import { WebhooksTab } from "@/components/WebhooksTab";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { del, post } from "@/lib/api";
import { formatRelative } from "@/lib/format";
import { Link, navigate } from "@/lib/router";
import type { Connector, Integration } from "@/lib/types";
import { useResource } from "@/lib/useResource";

export type IntegrationTab = "runs" | "configuration" | "history" | "doctor" | "webhooks";

/** One integration: its runs, configuration, history and connection doctor, and what can be done to it. */
export default function IntegrationPage({ id, tab }: { id: string; tab: IntegrationTab }) {
  const path = `/api/v1/integrations/${encodeURIComponent(id)}`;
  const integration = useResource<Integration>(path);
  const connector = useResource<Connector>(integration.data ? `/api/v1/connectors/${encodeURIComponent(integration.data.connector)}` : null);
  const data = integration.data;

  if (integration.error) return <ProblemAlert error={integration.error} />;
  if (!data) return <Skeleton className="h-64 w-full" />;

  const base = `/integrations/${encodeURIComponent(id)}`;
  return (
    <div>
      <PageHeader
        title={data.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <EnabledBadge enabled={data.enabled} />
            <span>{connector.data?.displayName ?? data.connector}</span>
            <span>·</span>
            <span>config v{data.version}</span>
            <span>·</span>
            <span>updated {formatRelative(data.updatedAt)}</span>
          </span>
        }
        actions={
          <>
            <RunSyncDialog
              integration={data}
              connector={connector.data}
              trigger={
                <Button disabled={!data.enabled} title={data.enabled ? undefined : "Enable the integration to run it"}>
                  <Play /> Run sync
                </Button>
              }
            />
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  {data.enabled ? <PowerOff /> : <Power />} {data.enabled ? "Disable" : "Enable"}
                </Button>
              }
              title={data.enabled ? `Disable ${data.name}?` : `Enable ${data.name}?`}
              description={data.enabled ? "A disabled integration does not sync until it is enabled again." : "An enabled integration can sync."}
              confirmLabel={data.enabled ? "Disable" : "Enable"}
              onConfirm={async () => {
                await post(`${path}/${data.enabled ? "disable" : "enable"}`);
                integration.reload();
              }}
            />
            <Button asChild variant="outline">
              <Link to={`${base}/edit`}>
                <Pencil /> Edit
              </Link>
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="ghost" aria-label="Delete">
                  <Trash2 />
                </Button>
              }
              title={`Delete ${data.name}?`}
              description="The integration, its configuration history and its stored credentials are deleted. This cannot be undone."
              confirmLabel="Delete"
              destructive
              onConfirm={async () => {
                await del(path);
                navigate("/integrations");
              }}
            />
          </>
        }
      />
      <Tabs value={tab} onValueChange={(next) => navigate(next === "runs" ? base : `${base}/${next}`)}>
        <TabsList>
          <TabsTrigger value="runs">Runs</TabsTrigger>
          <TabsTrigger value="configuration">Configuration</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
          <TabsTrigger value="doctor">Connection doctor</TabsTrigger>
          <TabsTrigger value="webhooks">Webhooks</TabsTrigger>
        </TabsList>
        <TabsContent value="runs">{tab === "runs" && <RunsTab integration={data} />}</TabsContent>
        <TabsContent value="configuration">{tab === "configuration" && <ConfigurationTab integration={data} connector={connector.data} />}</TabsContent>
        <TabsContent value="history">{tab === "history" && <HistoryTab integration={data} onRolledBack={integration.reload} />}</TabsContent>
        <TabsContent value="doctor">{tab === "doctor" && <DoctorTab integration={data} />}</TabsContent>
        <TabsContent value="webhooks">{tab === "webhooks" && <WebhooksTab integration={data} />}</TabsContent>
      </Tabs>
    </div>
  );
}
