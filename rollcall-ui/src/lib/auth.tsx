// The signed-in state: an admin token kept in sessionStorage (gone when the tab closes). A 401 from
// any call signs out, with a note for the sign-in page.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, get, onUnauthorized, tokenStore } from "./api";

interface Auth {
  signedIn: boolean;
  /** Why the user was signed out, shown on the sign-in page. */
  notice: string | null;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState(() => tokenStore.get() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(
    () =>
      onUnauthorized(() => {
        setSignedIn(false);
        setNotice("Your session ended: the token is no longer accepted. Sign in again.");
      }),
    [],
  );

  const signIn = useCallback(async (token: string) => {
    const trimmed = token.trim();
    if (!trimmed) throw new ApiError(400, "Token required", "Enter an admin token.");
    try {
      await get("/api/v1/integrations?limit=1", { token: trimmed });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw new ApiError(401, "Token not accepted", "Rollcall did not accept that token. Check it and try again.");
      }
      throw error;
    }
    tokenStore.set(trimmed);
    setNotice(null);
    setSignedIn(true);
  }, []);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setNotice("You are signed out.");
    setSignedIn(false);
  }, []);

  const value = useMemo(() => ({ signedIn, notice, signIn, signOut }), [signedIn, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth needs an AuthProvider");
  return auth;
}
