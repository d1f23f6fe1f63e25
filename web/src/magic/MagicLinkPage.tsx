import {
  ActionGroup,
  ActionList,
  ActionListGroup,
  ActionListItem,
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Form,
  Label,
  LabelGroup,
  PageSection,
  Stack,
  StackItem,
  Title,
} from "@patternfly/react-core";
import { CheckCircleIcon } from "@patternfly/react-icons/dist/esm/icons/check-circle-icon";
import { ExclamationTriangleIcon } from "@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon";
import { LockIcon } from "@patternfly/react-icons/dist/esm/icons/lock-icon";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useProfile } from "../account/profile";
import { ApiError } from "../api/errors";
import { useAuth } from "../auth/context";
import { formatDate } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { ReasonField } from "../work/RequestModals";
import { REASON_MAX, type WorkRequest } from "../work/requests";
import { formatValidity } from "../work/validity";
import { Gone } from "./Gone";
import { useAcceptMagicLink, useMagicLink, useRejectMagicLink } from "./magic";

/** /magic/:token — the link of an "Assign a persona" request: a preview, then an explicit Accept or Reject. */
export default function MagicLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const link = useMagicLink(token);
  const accept = useAcceptMagicLink(token);
  const reject = useRejectMagicLink(token);

  const decided = accept.data ?? reject.data;
  const failure = [link.error, accept.error, reject.error].find((e) => e instanceof ApiError && (e.status === 410 || e.status === 404)) as ApiError | undefined;

  let body: React.ReactNode;
  if (failure?.status === 410) body = <Gone error={failure} />;
  else if (failure?.status === 404) body = <NotForYou />;
  else if (decided) body = <Decided request={decided} />;
  else if (link.isPending) body = <PageLoading />;
  else if (link.isError) body = <ErrorState error={link.error} onRetry={() => void link.refetch()} />;
  else body = <Preview request={link.data} accept={accept} reject={reject} />;

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t("magic.title")}</Title>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
}

function Preview({
  request,
  accept,
  reject,
}: {
  request: WorkRequest;
  accept: ReturnType<typeof useAcceptMagicLink>;
  reject: ReturnType<typeof useRejectMagicLink>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const p = request.persona;
  const busy = accept.isPending || reject.isPending;
  const error = accept.error ?? reject.error;
  const date = (iso: string) => formatDate(iso, lang, true);
  const rows: [string, React.ReactNode][] = [
    ["preparedBy", `${request.initiator.display_name} (${request.initiator.email})`],
    ["persona", p.display_name || p.type],
    [
      "scope",
      p.scope.length ? (
        <LabelGroup numLabels={10}>
          {p.scope.map((s) => (
            <Label key={s} isCompact>
              {s}
            </Label>
          ))}
        </LabelGroup>
      ) : (
        t("work.details.none")
      ),
    ],
    ["for", `${request.subject.display_name} (${request.subject.email})`],
    ["validity", formatValidity(t, lang, p.valid_from, p.valid_until)],
    ["linkValidUntil", date(request.expires_at)],
  ];
  return (
    <Stack hasGutter style={{ maxWidth: "48rem" }}>
      <StackItem>
        <Content component="p">
          {t("magic.summary", { initiator: request.initiator.display_name, type: p.display_name || p.type, subject: request.subject.display_name })}
        </Content>
        <Content component="p">{t("magic.nothingChanged")}</Content>
      </StackItem>
      <StackItem>
        <DescriptionList isCompact orientation={{ sm: "horizontal" }} aria-label={t("magic.previewLabel")}>
          {rows.map(([key, value]) => (
            <DescriptionListGroup key={key}>
              <DescriptionListTerm>{t(`magic.${key}`)}</DescriptionListTerm>
              <DescriptionListDescription>{value}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        </DescriptionList>
      </StackItem>
      {error ? (
        <StackItem>
          <Alert variant="danger" isInline isLiveRegion title={t("magic.actionFailed")}>
            {error instanceof ApiError && error.status === 0 ? t("errors.network") : error.message}
          </Alert>
        </StackItem>
      ) : null}
      <StackItem>
        {rejecting ? (
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.length <= REASON_MAX) reject.mutate(reason);
            }}
          >
            <ReasonField id="pp-magic-reason" value={reason} onChange={setReason} />
            <ActionGroup>
              <Button type="submit" variant="danger" isLoading={reject.isPending} isDisabled={busy || reason.length > REASON_MAX}>
                {t("magic.rejectConfirm")}
              </Button>
              <Button variant="link" onClick={() => setRejecting(false)} isDisabled={busy}>
                {t("work.cancel")}
              </Button>
            </ActionGroup>
          </Form>
        ) : (
          <ActionList>
            <ActionListGroup>
              <ActionListItem>
                <Button variant="primary" onClick={() => accept.mutate()} isLoading={accept.isPending} isDisabled={busy}>
                  {t("magic.accept")}
                </Button>
              </ActionListItem>
              <ActionListItem>
                <Button variant="secondary" isDanger onClick={() => setRejecting(true)} isDisabled={busy}>
                  {t("magic.reject")}
                </Button>
              </ActionListItem>
            </ActionListGroup>
          </ActionList>
        )}
      </StackItem>
    </Stack>
  );
}

function ToMyWork() {
  const { t } = useTranslation();
  return <Link to="/my-work">{t("magic.toMyWork")}</Link>;
}

function Decided({ request }: { request: WorkRequest }) {
  const { t } = useTranslation();
  const key = request.status === "accepted" ? "accepted" : request.status === "rejected" ? "rejected" : "failed";
  return (
    <EmptyState
      status={key === "failed" ? "danger" : key === "accepted" ? "success" : "info"}
      icon={key === "failed" ? ExclamationTriangleIcon : CheckCircleIcon}
      titleText={t(`magic.${key}Title`)}
      headingLevel="h2"
    >
      <EmptyStateBody>
        <span role="status">{key === "failed" ? request.failure_reason : t(`magic.${key}Body`)}</span>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <ToMyWork />
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
}

function NotForYou() {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useProfile();
  // Named as the API names a user (display name, else first and last name), then the address.
  const name = me.data ? me.data.display_name || [me.data.given_name, me.data.family_name].filter(Boolean).join(" ") : "";
  const who = me.data ? (name ? `${name} (${me.data.email})` : me.data.email) : t("magic.anotherAccount");
  return (
    <EmptyState status="warning" icon={LockIcon} titleText={t("magic.notForYouTitle")} headingLevel="h2">
      <EmptyStateBody>
        <span role="alert">{me.isPending ? t("app.loading") : t("magic.notForYouBody", { who })}</span>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Button variant="primary" onClick={() => void auth.signOut()}>
            {t("app.signOut")}
          </Button>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
}
