import { Alert, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Stack } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { ScopeLabels } from "../personas/PersonaTile";
import { formatDate, typeName } from "../personas/personas";
import { conflictOr, DecisionModal, type DecisionProps } from "./DecisionModal";
import { formatValidity } from "./validity";
import { useAcceptRequest, type WorkRequest } from "./requests";

/**
 * Accept on an "Activate a persona" request (the admin's side): the persona
 * and the user it is for, then, once confirmed, the API's re-check: 200
 * accepted (the user holds the persona now) or 200 failed with its reason.
 */
export function ActivateModal({ request, onClose, onOutcome }: DecisionProps) {
  const { t } = useTranslation();
  const accept = useAcceptRequest();
  const result = accept.data;
  const go = () => accept.mutate(request.id, { onError: conflictOr(onOutcome) });
  return (
    <DecisionModal
      id="pp-activate"
      title={t("work.accept.title")}
      variant="medium"
      error={accept.error}
      confirm={t("work.accept.confirm")}
      confirmVariant="primary"
      pending={accept.isPending}
      onConfirm={go}
      onClose={onClose}
      done={result !== undefined}
    >
      <Stack hasGutter>
        {result ? <Recheck request={result} /> : <Content component="p">{t("manage.work.activate.body", { user: request.subject.display_name || request.subject.email })}</Content>}
        <ActivationDetails request={result ?? request} />
      </Stack>
    </DecisionModal>
  );
}

function personaLabel(t: ReturnType<typeof useTranslation>["t"], r: WorkRequest): string {
  const name = r.persona.display_name || typeName(t, r.persona.type);
  return r.persona.scope.length ? `${name} (${r.persona.scope.join(", ")})` : name;
}

/** The re-check's word: the persona is the user's now, or why it could not be. */
function Recheck({ request }: { request: WorkRequest }) {
  const { t } = useTranslation();
  const user = request.subject.display_name || request.subject.email;
  if (request.status === "failed") {
    return (
      <Alert variant="danger" isInline isLiveRegion title={t("work.outcome.failed", { title: request.title })}>
        <p>{request.failure_reason}</p>
        <p>{t("manage.work.activate.failedBody")}</p>
      </Alert>
    );
  }
  return (
    <Alert variant="success" isInline isLiveRegion title={t("work.outcome.accepted", { title: request.title })}>
      {t("manage.work.activate.accepted", { user, persona: personaLabel(t, request) })}
    </Alert>
  );
}

function ActivationDetails({ request }: { request: WorkRequest }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const p = request.persona;
  const rows: [string, React.ReactNode][] = [
    [
      "user",
      <>
        {request.subject.display_name} <span style={{ overflowWrap: "anywhere" }}>({request.subject.email})</span>
      </>,
    ],
    ["persona", p.display_name || typeName(t, p.type)],
    ["scope", <ScopeLabels key="s" scope={p.scope} />],
    ["validity", formatValidity(t, lang, p.valid_from, p.valid_until)],
    ["personaEmail", p.email || t("manage.work.activate.userEmail")],
    ["requested", formatDate(request.created_at, lang, true)],
    ["expires", formatDate(request.expires_at, lang, true)],
  ];
  return (
    <DescriptionList isCompact orientation={{ sm: "horizontal" }} horizontalTermWidthModifier={{ default: "12ch" }} aria-label={t("manage.work.activate.detailsLabel")}>
      {rows.map(([key, value]) => (
        <DescriptionListGroup key={key}>
          <DescriptionListTerm>{t(`manage.work.activate.fields.${key}`)}</DescriptionListTerm>
          <DescriptionListDescription>{value}</DescriptionListDescription>
        </DescriptionListGroup>
      ))}
    </DescriptionList>
  );
}
