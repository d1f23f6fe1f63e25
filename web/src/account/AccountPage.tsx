import { PageSection, Tab, Tabs, TabTitleText, Title } from "@patternfly/react-core";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { PageLoading } from "../shell/PageLoading";

const TABS = [
  { key: "general", to: "/account/general" },
  { key: "personas", to: "/account/personas" },
] as const;

const PANEL_ID = "pp-account-panel";

/** My Account: the General and Personas tabs, each a route of its own. */
export default function AccountPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => pathname.startsWith(tab.to))?.key ?? "general";
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t("nav.account")}</Title>
      </PageSection>
      <PageSection type="tabs">
        <Tabs
          activeKey={active}
          aria-label={t("account.tabs")}
          component="nav"
          usePageInsets
          onSelect={(e, key) => {
            e.preventDefault();
            const tab = TABS.find((x) => x.key === key);
            if (tab) navigate(tab.to);
          }}
        >
          {TABS.map((tab) => (
            <Tab
              key={tab.key}
              id={tab.key}
              eventKey={tab.key}
              href={tab.to}
              // Every tab controls the one panel below (the route's Outlet): an
              // aria-controls naming no element is invalid ARIA (axe, critical).
              tabContentId={PANEL_ID}
              title={<TabTitleText>{t(`account.${tab.key}`)}</TabTitleText>}
            />
          ))}
        </Tabs>
      </PageSection>
      <PageSection id={PANEL_ID} role="tabpanel" aria-labelledby={`pf-tab-${active}-${active}`}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </PageSection>
    </>
  );
}
