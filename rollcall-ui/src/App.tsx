import { lazy, type ReactNode, Suspense } from "react";
import { Layout } from "@/components/Layout";
import { Skeleton } from "@/components/ui/skeleton";
import { AuthProvider, useAuth } from "@/lib/auth";
import { isRosterCollection } from "@/lib/roster";
import { matchPath, useLocation } from "@/lib/router";
import { SignInPage } from "@/pages/SignInPage";

// Each page is its own chunk: the first load fetches the frame and the page it opens on.
const OverviewPage = lazy(() => import("@/pages/OverviewPage"));
const IntegrationsPage = lazy(() => import("@/pages/IntegrationsPage"));
const IntegrationFormPage = lazy(() => import("@/pages/IntegrationFormPage"));
const IntegrationPage = lazy(() => import("@/pages/IntegrationPage"));
const SessionPage = lazy(() => import("@/pages/SessionPage"));
const AuditPage = lazy(() => import("@/pages/AuditPage"));
const SessionsPage = lazy(() => import("@/pages/SessionsPage"));
const RosterPage = lazy(() => import("@/pages/RosterPage"));
const RecordPage = lazy(() => import("@/pages/RecordPage"));
const DeadLettersPage = lazy(() => import("@/pages/DeadLettersPage"));
const DeadLetterPage = lazy(() => import("@/pages/DeadLetterPage"));
const NotFoundPage = lazy(() => import("@/pages/NotFoundPage"));

export const INTEGRATION_TABS = ["runs", "configuration", "history", "doctor", "webhooks"] as const;

function route(pathname: string): ReactNode {
  if (pathname === "/") return <OverviewPage />;
  if (pathname === "/integrations") return <IntegrationsPage />;
  if (pathname === "/integrations/new") return <IntegrationFormPage />;
  if (pathname === "/audit") return <AuditPage />;
  if (pathname === "/sessions") return <SessionsPage />;
  if (pathname === "/dead-letters") return <DeadLettersPage />;
  if (pathname === "/roster") return <RosterPage entity="users" />;
  let params = matchPath("/integrations/:id/edit", pathname);
  if (params) return <IntegrationFormPage key={params.id} id={params.id} />;
  params = matchPath("/integrations/:id", pathname);
  if (params) return <IntegrationPage key={params.id} id={params.id!} tab="runs" />;
  params = matchPath("/integrations/:id/:tab", pathname);
  if (params && (INTEGRATION_TABS as readonly string[]).includes(params.tab!)) {
    return <IntegrationPage key={params.id} id={params.id!} tab={params.tab as (typeof INTEGRATION_TABS)[number]} />;
  }
  params = matchPath("/roster/:entity", pathname);
  if (params && isRosterCollection(params.entity!)) return <RosterPage entity={params.entity} />;
  params = matchPath("/roster/:entity/:id", pathname);
  if (params && isRosterCollection(params.entity!)) return <RecordPage key={params.id} entity={params.entity} id={params.id!} />;
  params = matchPath("/dead-letters/:id", pathname);
  if (params) return <DeadLetterPage key={params.id} id={params.id!} />;
  params = matchPath("/syncs/:id", pathname);
  if (params) return <SessionPage key={params.id} id={params.id!} />;
  return <NotFoundPage />;
}

function Screens() {
  const { signedIn } = useAuth();
  const { pathname } = useLocation();
  if (!signedIn) return <SignInPage />;
  return (
    <Layout>
      <Suspense fallback={<PageSkeleton />}>{route(pathname)}</Suspense>
    </Layout>
  );
}

function PageSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Screens />
    </AuthProvider>
  );
}
