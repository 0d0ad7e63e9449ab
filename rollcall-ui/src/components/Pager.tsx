import { Button } from "@/components/ui/button";
import type { CursorPages } from "@/lib/paging";

/** Newer / older buttons for a cursor-paged list. */
export function Pager({ pages, next, testId }: { pages: CursorPages; next: string | null | undefined; testId?: string }) {
  return (
    <div className="flex items-center justify-end gap-2" data-testid={testId}>
      <span className="text-xs text-muted-foreground">Page {pages.page}</span>
      <Button variant="outline" size="sm" disabled={pages.page === 1} onClick={pages.newer}>
        Previous
      </Button>
      <Button variant="outline" size="sm" disabled={!next} onClick={() => next && pages.older(next)}>
        Next
      </Button>
    </div>
  );
}
