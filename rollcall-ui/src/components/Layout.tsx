import { Cable, History, Inbox, LayoutDashboard, LogOut, Moon, ScrollText, Sun, Users } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useAuth } from "@/lib/auth";
import { Link, useLocation } from "@/lib/router";
import { useTheme } from "@/lib/theme";
import { cn } from "@/lib/utils";

const nav = [
  { to: "/", label: "Overview", icon: LayoutDashboard, match: (path: string) => path === "/" },
  { to: "/integrations", label: "Integrations", icon: Cable, match: (path: string) => path.startsWith("/integrations") },
  { to: "/sessions", label: "Sessions", icon: History, match: (path: string) => path.startsWith("/sessions") || path.startsWith("/syncs") },
  { to: "/roster", label: "Roster", icon: Users, match: (path: string) => path.startsWith("/roster") },
  { to: "/dead-letters", label: "Dead letters", icon: Inbox, match: (path: string) => path.startsWith("/dead-letters") },
  { to: "/audit", label: "Audit log", icon: ScrollText, match: (path: string) => path.startsWith("/audit") },
];

/** The signed-in frame: navigation (a sidebar on wide screens, a top bar on narrow ones), theme, sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const { signOut } = useAuth();
  const [theme, toggleTheme] = useTheme();

  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[14rem_1fr]">
      <header className="sticky top-0 z-40 border-b bg-card/95 backdrop-blur lg:h-screen lg:border-b-0 lg:border-r">
        <div className="flex items-center gap-2 px-4 py-3 lg:h-full lg:flex-col lg:items-stretch lg:py-5">
          <Link to="/" className="mr-2 flex items-center gap-2 font-semibold lg:mb-6 lg:px-2">
            <span className="grid size-7 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground">R</span>
            <span>Rollcall</span>
          </Link>
          <nav aria-label="Main" className="flex flex-1 items-center gap-1 overflow-x-auto lg:flex-col lg:items-stretch">
            {nav.map((item) => {
              const active = item.match(pathname);
              return (
                <Link
                  key={item.to}
                  to={item.to}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
                    active && "bg-accent text-foreground",
                  )}
                >
                  <item.icon className="size-4" aria-hidden />
                  {item.label}
                </Link>
              );
            })}
          </nav>
          <div className="flex items-center gap-1 lg:mt-auto lg:flex-col lg:items-stretch">
            <Button variant="ghost" size="sm" onClick={toggleTheme} aria-label={theme === "dark" ? "Use light theme" : "Use dark theme"}>
              {theme === "dark" ? <Sun /> : <Moon />}
              <span className="hidden lg:inline">{theme === "dark" ? "Light theme" : "Dark theme"}</span>
            </Button>
            <Button variant="ghost" size="sm" onClick={signOut}>
              <LogOut />
              <span>Sign out</span>
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl min-w-0 px-4 py-6 md:px-6 lg:py-8">{children}</main>
    </div>
  );
}
