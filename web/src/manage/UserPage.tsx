import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  Label,
  PageSection,
  Skeleton,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from "@patternfly/react-core";
import { ArrowLeftIcon } from "@patternfly/react-icons/dist/esm/icons/arrow-left-icon";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { formatDate } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { UserPersonasTab } from "./UserPersonasTab";
import { personName, useScopedUser, type Profile } from "./users";
import { useManageStrings } from "./strings";

const TABS = ["general", "personas"] as const;
type UserTab = (typeof TABS)[number];

/** Users → View: a user in the admin's scope, General (the profile) and Personas (?tab= keeps the choice). */
export default function UserPage() {
  useManageStrings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { userId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const user = useScopedUser(userId);
  const active: UserTab = TABS.find((x) => x === params.get("tab")) ?? "general";
  return (
    <>
      <PageSection>
        <Button variant="link" isInline icon={<ArrowLeftIcon />} onClick={() => navigate("/manage/users")}>
          {t("manage.user.back")}
        </Button>
        {user.isPending ? (
          <div aria-busy="true" aria-label={t("app.loading")} role="status" style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
            <Skeleton width="40%" fontSize="2xl" />
            <Skeleton width="30%" style={{ marginTop: "0.5rem" }} />
          </div>
        ) : user.isError ? null : (
          <Flex direction={{ default: "column" }} gap={{ default: "gapXs" }} style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
            <Flex gap={{ default: "gapSm" }} alignItems={{ default: "alignItemsCenter" }}>
              <Title headingLevel="h1">{personName(user.data)}</Title>
              {user.data.status === "disabled" ? <Label color="grey">{t("manage.users.status.disabled")}</Label> : null}
            </Flex>
            <span style={{ overflowWrap: "anywhere" }}>{user.data.email}</span>
          </Flex>
        )}
      </PageSection>
      <PageSection>
        {user.isPending ? null : user.isError ? (
          <>
            <Title headingLevel="h1" className="pf-v6-screen-reader">
              {t("manage.user.title")}
            </Title>
            <ErrorState error={user.error} onRetry={() => void user.refetch()} />
          </>
        ) : (
          <Tabs
            activeKey={active}
            aria-label={t("manage.user.tabsLabel")}
            mountOnEnter
            unmountOnExit
            onSelect={(_e, key) => setParams(key === "general" ? {} : { tab: String(key) }, { replace: true })}
          >
            <Tab eventKey="general" title={<TabTitleText>{t("manage.user.tabs.general")}</TabTitleText>}>
              <div style={{ paddingTop: "var(--pf-t--global--spacer--md)" }}>
                <General user={user.data} />
              </div>
            </Tab>
            <Tab eventKey="personas" title={<TabTitleText>{t("manage.user.tabs.personas")}</TabTitleText>}>
              <div style={{ paddingTop: "var(--pf-t--global--spacer--md)" }}>
                <UserPersonasTab user={user.data} />
              </div>
            </Tab>
          </Tabs>
        )}
      </PageSection>
    </>
  );
}

/** The user's information, to read: a delegated admin manages personas, not profiles. */
function General({ user }: { user: Profile }) {
  const { t, i18n } = useTranslation();
  const none = t("manage.user.none");
  const attributes = Object.entries(user.attributes);
  const rows: [string, React.ReactNode][] = [
    ["givenName", user.given_name || none],
    ["familyName", user.family_name || none],
    ["displayName", user.display_name || none],
    ["email", user.email],
    ["phone", user.phone || none],
    ["locale", user.locale || none],
    ["timezone", user.timezone || none],
    ["status", t(`manage.users.status.${user.status}`)],
    ["created", formatDate(user.created_at, i18n.language)],
    ["attributes", attributes.length ? attributes.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ") : none],
  ];
  return (
    <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: "12ch", md: "16ch" }} aria-label={t("manage.user.tabs.general")}>
      {rows.map(([key, value]) => (
        <DescriptionListGroup key={key}>
          <DescriptionListTerm>{t(`manage.user.fields.${key}`)}</DescriptionListTerm>
          <DescriptionListDescription style={{ overflowWrap: "anywhere" }}>{value}</DescriptionListDescription>
        </DescriptionListGroup>
      ))}
    </DescriptionList>
  );
}
