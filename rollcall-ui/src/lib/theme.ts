// Light and dark: the saved choice wins, else the system's preference (index.html applies it before
// the first paint; this keeps it in step afterwards).
import { useCallback, useState } from "react";

const THEME_KEY = "rollcall.theme";
export type Theme = "light" | "dark";

export function currentTheme(): Theme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

export function applyTheme(theme: Theme) {
  document.documentElement.classList.toggle("dark", theme === "dark");
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}

export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const toggle = useCallback(() => {
    const next = currentTheme() === "dark" ? "light" : "dark";
    applyTheme(next);
    setTheme(next);
  }, []);
  return [theme, toggle];
}
