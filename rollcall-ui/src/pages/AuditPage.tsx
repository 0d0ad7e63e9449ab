import { useState } from "react";
import { PageHeader, EmptyState } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { AuditTable } from "@/components/AuditTable";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import type { AuditEntry } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const PAGE = 100;

/** The tenant's audit log, newest first, filtered by target type and id. */
export default function AuditPage() {
  const [targetType, setTargetType] = useState("");
  const [targetId, setTargetId] = useState("");
  const [limit, setLimit] = useState(PAGE);
  const query = new URLSearchParams({ limit: String(limit) });
  if (targetType.trim()) query.set("targetType", targetType.trim());
  if (targetId.trim()) query.set("targetId", targetId.trim());
  const audit = useResource<AuditEntry[]>(`/api/v1/audit?${query}`);

  return (
    <div>
      <PageHeader title="Audit log" description="Every configuration change, with who made it and the state before and after. Secrets show only as masked." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-type">Target type</Label>
          <Input id="audit-type" className="w-44" placeholder="e.g. integration" value={targetType} onChange={(e) => setTargetType(e.target.value)} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-id">Target id</Label>
          <Input id="audit-id" className="w-80 max-w-full" placeholder="an integration id" value={targetId} onChange={(e) => setTargetId(e.target.value)} />
        </div>
      </div>
      {audit.error && <ProblemAlert error={audit.error} what="The audit log" />}
      {audit.loading && !audit.data && <Skeleton className="h-64 w-full" />}
      {audit.data && audit.data.length === 0 && <EmptyState title="No audit entries match" />}
      {audit.data && audit.data.length > 0 && (
        <>
          <AuditTable entries={audit.data} />
          {audit.data.length >= limit && limit < 1000 && (
            <div className="mt-4 flex justify-center">
              <Button variant="outline" onClick={() => setLimit(Math.min(1000, limit + PAGE))}>
                Show more
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
