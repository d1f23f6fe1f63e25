import "@patternfly/react-core/dist/styles/base.css";
import "./portal.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import { createApiClient } from "./api/client";
import { createQueryClient } from "./api/queryClient";
import { createAuth } from "./auth/auth";
import { ensureSession, stepUpOn401 } from "./auth/session";
import { loadSettings } from "./config/settings";
import { createI18n, detectLanguage } from "./i18n";
import { followSystemTheme } from "./shell/theme";

followSystemTheme();
const root = createRoot(document.getElementById("root")!);

loadSettings().then(
  async (settings) => {
    const auth = createAuth(settings);
    const start = await ensureSession(auth, window.location);
    if (start.redirecting) return;
    const deps = {
      auth,
      api: createApiClient(settings.api_url, () => auth.accessToken(), undefined, (response, sent) => stepUpOn401(auth, response, sent)),
      resume: start.resume,
      queryClient: createQueryClient(),
      i18n: createI18n(detectLanguage()),
    };
    root.render(
      <StrictMode>
        <BrowserRouter>
          <App deps={deps} />
        </BrowserRouter>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    // Before any bundle of strings can be trusted: a plain message for the operator.
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = `Persona Portal cannot start: ${error instanceof Error ? error.message : String(error)}`;
    document.getElementById("root")!.replaceChildren(p);
  },
);
