import { PageHeader } from "@/components/PageHeader";
import { Button } from "@/components/ui/button";
import { Link, useLocation } from "@/lib/router";

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div>
      <PageHeader title="Page not found" description={<>The dashboard has no page at <code className="font-mono">{pathname}</code>.</>} />
      <Button asChild variant="outline">
        <Link to="/">Go to the overview</Link>
      </Button>
    </div>
  );
}
