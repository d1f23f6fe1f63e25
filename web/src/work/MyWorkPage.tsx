import { PageSection, Tab, Tabs, TabTitleText, Title } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { RequestsTab } from "./RequestsTab";
import { WORK_TABS, type WorkTab } from "./requests";

/** My Work: Requests Approval, Requests Follow Up and Requests History (?tab= keeps the choice in the address). */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab");
  const active: WorkTab = WORK_TABS.find((x) => x === asked) ?? "approval";
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t("work.title")}</Title>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={active}
          aria-label={t("work.tabsLabel")}
          className="pp-work-tabs"
          mountOnEnter
          unmountOnExit
          onSelect={(_e, key) => setParams(key === "approval" ? {} : { tab: String(key) }, { replace: true })}
        >
          {WORK_TABS.map((tab) => (
            <Tab key={tab} eventKey={tab} title={<TabTitleText>{t(`work.tabs.${tab}`)}</TabTitleText>}>
              <div style={{ paddingTop: "var(--pf-t--global--spacer--md)" }}>
                <RequestsTab tab={tab} />
              </div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
    </>
  );
}
