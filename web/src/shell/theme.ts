// Light or dark following the system: PatternFly 6 switches every token on
// the pf-v6-theme-dark class of <html>.
const DARK = "pf-v6-theme-dark";

export function followSystemTheme(root: HTMLElement = document.documentElement): () => void {
  if (typeof window.matchMedia !== "function") return () => {};
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => root.classList.toggle(DARK, query.matches);
  apply();
  query.addEventListener("change", apply);
  return () => query.removeEventListener("change", apply);
}
