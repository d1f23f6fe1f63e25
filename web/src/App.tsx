import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { i18n as I18n } from "i18next";
import { lazy } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import type { ApiClient } from "./api/client";
import { ApiProvider } from "./api/context";
import type { Auth } from "./auth/auth";
import type { BlockedAction } from "./auth/blocked";
import { AuthProvider } from "./auth/context";
import { ResumeAction } from "./auth/ResumeAction";
import { AppShell } from "./shell/AppShell";
import { Placeholder } from "./shell/Placeholder";

// One chunk per page: the first screen loads only what it shows.
const AccountPage = lazy(() => import("./account/AccountPage"));
const GeneralTab = lazy(() => import("./account/GeneralTab"));
const PersonasTab = lazy(() => import("./personas/PersonasTab"));
const PersonaDetails = lazy(() => import("./personas/PersonaDetails"));
const ApplicationsPage = lazy(() => import("./applications/ApplicationsPage"));
const MyWorkPage = lazy(() => import("./work/MyWorkPage"));
const MagicLinkPage = lazy(() => import("./magic/MagicLinkPage"));
const CallbackPage = lazy(() => import("./auth/CallbackPage"));

export interface AppDeps {
  api: ApiClient;
  auth: Auth;
  queryClient: QueryClient;
  i18n: I18n;
  /** Back from a step-up: the mutation it blocked, sent again once. */
  resume?: BlockedAction | null;
}

function NotFound() {
  const { t } = useTranslation();
  return <Placeholder title={t("app.notFound")} body="" />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/account/general" replace />} />
      <Route path="/account" element={<AccountPage />}>
        <Route index element={<Navigate to="general" replace />} />
        <Route path="general" element={<GeneralTab />} />
        <Route path="personas" element={<PersonasTab />} />
        <Route path="personas/:personaId" element={<PersonaDetails />} />
      </Route>
      <Route path="/applications" element={<ApplicationsPage />} />
      <Route path="/my-work" element={<MyWorkPage />} />
      <Route path="/work" element={<Navigate to="/my-work" replace />} />
      <Route path="/magic/:token" element={<MagicLinkPage />} />
      <Route path="/callback" element={<CallbackPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** Everything the screens need, given from outside so tests hand in their own. */
export function AppProviders({ deps, children }: { deps: AppDeps; children: React.ReactNode }) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <AuthProvider auth={deps.auth}>
        <ApiProvider client={deps.api}>
          <QueryClientProvider client={deps.queryClient}>{children}</QueryClientProvider>
        </ApiProvider>
      </AuthProvider>
    </I18nextProvider>
  );
}

export function App({ deps }: { deps: AppDeps }) {
  return (
    <AppProviders deps={deps}>
      <AppShell notice={deps.resume ? <ResumeAction action={deps.resume} /> : null}>
        <AppRoutes />
      </AppShell>
    </AppProviders>
  );
}
