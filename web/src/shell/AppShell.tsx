import {
  Button,
  FormSelect,
  FormSelectOption,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons/dist/esm/icons/user-icon";
import { useQuery } from "@tanstack/react-query";
import { Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import { useAuth } from "../auth/context";
import { typeName } from "../personas/personas";
import { LANGUAGES, rememberLanguage, type Language } from "../i18n";
import { PageLoading } from "./PageLoading";

export const MAIN_ID = "main-content";

const NAV = [
  { to: "/account", key: "nav.account" },
  { to: "/applications", key: "nav.applications" },
  { to: "/my-work", key: "nav.work" },
] as const;

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <FormSelect
      aria-label={t("app.language")}
      value={i18n.resolvedLanguage ?? "en"}
      onChange={(_e, value) => {
        rememberLanguage(value as Language);
        void i18n.changeLanguage(value);
      }}
    >
      {LANGUAGES.map((l) => (
        <FormSelectOption key={l} value={l} label={t(`languages.${l}`)} />
      ))}
    </FormSelect>
  );
}

function ActivePersona() {
  const { t } = useTranslation();
  const api = useApi();
  const active = useQuery({ queryKey: ["me", "active-persona"], queryFn: () => call(api.GET("/me/active-persona")) });
  const persona = active.data?.persona;
  // Until it loads, or when it cannot, the area says nothing is selected rather than an error.
  const label = persona ? [typeName(t, persona.type), persona.scope.join(", ")].filter(Boolean).join(" · ") : t("app.noActivePersona");
  return (
    <span className="pp-active-persona" data-testid="active-persona">
      <UserIcon /> {t("app.activePersona")}: {label}
    </span>
  );
}

function Header() {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label={t("app.toggleNav")} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component="a" href="/">
            <span className="pp-product-name">{t("app.name")}</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: "alignEnd" }} gap={{ default: "gapSm" }}>
              {/* The active persona; its switcher (PUT /me/active-persona, with step-up) comes here. */}
              <ToolbarItem visibility={{ default: "hidden", md: "visible" }}>
                <ActivePersona />
              </ToolbarItem>
              <ToolbarItem>
                <LanguageSwitch />
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={() => void auth.signOut()}>
                  {t("app.signOut")}
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
}

function Sidebar() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t("app.mainNav")}>
          <NavList>
            {NAV.map(({ to, key }) => (
              <NavItem
                key={to}
                itemId={to}
                to={to}
                isActive={pathname === to || pathname.startsWith(`${to}/`)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(to);
                }}
              >
                {t(key)}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Page
      masthead={<Header />}
      sidebar={<Sidebar />}
      isManagedSidebar
      skipToContent={<SkipToContent href={`#${MAIN_ID}`}>{t("app.skipToContent")}</SkipToContent>}
      mainContainerId={MAIN_ID}
    >
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </Page>
  );
}
