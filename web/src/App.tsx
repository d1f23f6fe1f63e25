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
// Delegated administration (portal paths under /manage: the API owns /users…).
const ManageUsersPage = lazy(() => import("./manage/UsersPage"));
const ManageUserPage = lazy(() => import("./manage/UserPage"));
const InvitationsPage = lazy(() => import("./invitations/InvitationsPage"));
// The tenant console (under /console: the API owns /admin/…).
const DefinitionsPage = lazy(() => import("./console/DefinitionsPage"));
const ConsoleUsersPage = lazy(() => import("./console/UsersPage"));
const ConsoleUserPage = lazy(() => import("./console/UserPage"));
const ConsoleApplicationsPage = lazy(() => import("./console/ApplicationsPage"));
const SettingsPage = lazy(() => import("./console/SettingsPage"));
const ImportExportPage = lazy(() => import("./console/ImportExportPage"));
const AuditPage = lazy(() => import("./console/AuditPage"));

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
      <Route path="/manage" element={<Navigate to="/manage/users" replace />} />
      <Route path="/manage/users" element={<ManageUsersPage />} />
      <Route path="/manage/users/:userId" element={<ManageUserPage />} />
      <Route path="/manage/invitations" element={<InvitationsPage />} />
      <Route path="/console" element={<Navigate to="/console/definitions" replace />} />
      <Route path="/console/definitions" element={<DefinitionsPage />} />
      <Route path="/console/users" element={<ConsoleUsersPage />} />
      <Route path="/console/users/:userId" element={<ConsoleUserPage />} />
      <Route path="/console/applications" element={<ConsoleApplicationsPage />} />
      <Route path="/console/settings" element={<SettingsPage />} />
      <Route path="/console/import-export" element={<ImportExportPage />} />
      <Route path="/console/audit" element={<AuditPage />} />
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
