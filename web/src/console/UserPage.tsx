import { Alert, Breadcrumb, BreadcrumbItem, Button, Content, Label, PageSection, Skeleton, Tab, Tabs, TabTitleText, Title } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../shell/ErrorState";
import { ConfirmModal } from "./ConfirmModal";
import { ErrorAlert } from "./ErrorAlert";
import { UserPersonas } from "./UserPersonas";
import { UserProfileForm } from "./UserProfileForm";
import { nameOf, usePatchUser, useSetUserStatus, useUser, type Profile } from "./users";
import { useConsoleStrings } from "./strings";
import "./console.css";

const TABS = ["profile", "personas"] as const;
type UserTab = (typeof TABS)[number];

/** One user, opened from Users: the profile, disable or enable, the personas (?tab= keeps the tab in the address). */
export default function UserPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const { userId = "" } = useParams();
  const user = useUser(userId);
  return (
    <>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem render={({ className }) => <Link className={className} to="/console/users">{t("console.users.title")}</Link>} />
          <BreadcrumbItem isActive>{user.data ? nameOf(user.data) : t("console.user.title")}</BreadcrumbItem>
        </Breadcrumb>
      </PageSection>
      {user.isPending ? (
        <PageSection>
          <div aria-busy="true" aria-label={t("app.loading")} role="status">
            <Skeleton width="40%" fontSize="2xl" />
            <Skeleton width="60%" style={{ marginTop: "1rem" }} />
          </div>
        </PageSection>
      ) : user.isError ? (
        <PageSection>
          <ErrorState error={user.error} onRetry={() => void user.refetch()} />
        </PageSection>
      ) : (
        <UserView user={user.data} />
      )}
    </>
  );
}

function UserView({ user }: { user: Profile }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const patch = usePatchUser(user.id);
  const status = useSetUserStatus(user.id);
  const [confirming, setConfirming] = useState(false);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const tab: UserTab = TABS.find((x) => x === params.get("tab")) ?? "profile";
  const disabled = user.status === "disabled";

  return (
    <>
      <PageSection>
        <div className="pp-console-head">
          <div>
            <Title headingLevel="h1">{nameOf(user)}</Title>
            <Content component="p">
              {user.email}{" "}
              <Label isCompact color={disabled ? "grey" : "green"}>
                {t(`console.users.status.${user.status}`)}
              </Label>
            </Content>
          </div>
          <div className="pp-console-actions">
            <Link to={`/console/audit?user=${user.id}`}>{t("console.user.auditLink")}</Link>
            {disabled ? (
              <Button variant="primary" onClick={() => status.mutate("active")} isLoading={status.isPending} isDisabled={status.isPending}>
                {t("console.user.enable")}
              </Button>
            ) : (
              <Button variant="danger" onClick={() => setConfirming(true)}>
                {t("console.user.disable")}
              </Button>
            )}
          </div>
        </div>
        <div aria-live="polite">
          {created ? <Alert variant="success" isInline title={t("console.user.created")} style={{ marginTop: "var(--pf-t--global--spacer--md)" }} /> : null}
          {status.isSuccess ? (
            <Alert variant="success" isInline title={t(disabled ? "console.user.disabled" : "console.user.enabled")} style={{ marginTop: "var(--pf-t--global--spacer--md)" }} />
          ) : null}
        </div>
        {status.isError && !confirming ? (
          <div style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
            <ErrorAlert title={t("console.user.statusFailed")} error={status.error} onRetry={() => status.mutate(disabled ? "active" : "disabled")} />
          </div>
        ) : null}
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={tab}
          aria-label={t("console.user.tabsLabel")}
          mountOnEnter
          unmountOnExit
          onSelect={(_e, key) => setParams(key === "profile" ? {} : { tab: String(key) }, { replace: true })}
        >
          {TABS.map((k) => (
            <Tab key={k} eventKey={k} title={<TabTitleText>{t(`console.user.tabs.${k}`)}</TabTitleText>}>
              <div style={{ paddingTop: "var(--pf-t--global--spacer--md)" }}>
                {k === "profile" ? <UserProfileForm key={user.updated_at} user={user} save={patch} /> : <UserPersonas user={user} />}
              </div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
      {confirming ? (
        <ConfirmModal
          id="pp-disable-user"
          title={t("console.user.disableTitle", { name: nameOf(user) })}
          confirm={t("console.user.disable")}
          error={status.error}
          pending={status.isPending}
          onConfirm={() => status.mutate("disabled", { onSuccess: () => setConfirming(false) })}
          onClose={() => {
            setConfirming(false);
            status.reset();
          }}
        >
          {t("console.user.disableBody")}
        </ConfirmModal>
      ) : null}
    </>
  );
}
