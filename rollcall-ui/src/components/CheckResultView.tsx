import { CircleAlert, CircleCheck, CircleX } from "lucide-react";
import { CheckStatusBadge } from "@/components/StatusBadge";
import type { CheckResult, CheckStatus } from "@/lib/types";

const icons: Record<CheckStatus, typeof CircleCheck> = { OK: CircleCheck, WARNING: CircleAlert, FAILED: CircleX };
const colors: Record<CheckStatus, string> = { OK: "text-success", WARNING: "text-warning", FAILED: "text-destructive" };

/** The connection doctor's verdict and each finding with what to do about it. */
export function CheckResultView({ result }: { result: CheckResult }) {
  return (
    <div className="grid gap-3" data-testid="check-result">
      <div className="flex items-center gap-2 text-sm">
        Overall <CheckStatusBadge status={result.status} />
      </div>
      <ul className="grid gap-2">
        {result.findings.map((finding, index) => {
          const Icon = icons[finding.status] ?? CircleAlert;
          return (
            <li key={`${finding.name}-${index}`} className="flex gap-3 rounded-md border p-3">
              <Icon className={`mt-0.5 size-4 shrink-0 ${colors[finding.status] ?? ""}`} aria-hidden />
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{finding.name}</span>
                  <CheckStatusBadge status={finding.status} />
                </div>
                <p className="mt-0.5 break-words text-sm text-muted-foreground">{finding.message}</p>
              </div>
            </li>
          );
        })}
        {result.findings.length === 0 && <li className="text-sm text-muted-foreground">The check reported no findings.</li>}
      </ul>
    </div>
  );
}
