import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  Label,
  LabelGroup,
  Skeleton,
  Stack,
  StackItem,
  Title,
} from "@patternfly/react-core";
import { ArrowLeftIcon } from "@patternfly/react-icons/dist/esm/icons/arrow-left-icon";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useProfile } from "../account/profile";
import { ErrorState } from "../shell/ErrorState";
import { DelegateAction } from "./DelegateAction";
import { ScopeLabels, StatusLabels, Validity } from "./PersonaTile";
import { formatDate, typeName, usePersona, type Persona } from "./personas";

/** The eye button's view: the persona's assignment details (GET /me/personas/{id}). */
export default function PersonaDetails() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { personaId = "" } = useParams();
  const persona = usePersona(personaId);
  return (
    <Stack hasGutter>
      <StackItem>
        <Button variant="link" isInline icon={<ArrowLeftIcon />} onClick={() => navigate("/account/personas")}>
          {t("personas.details.back")}
        </Button>
      </StackItem>
      <StackItem>
        {persona.isPending ? (
          <div aria-busy="true" aria-label={t("app.loading")} role="status">
            <Skeleton width="40%" fontSize="2xl" />
            <Skeleton width="70%" style={{ marginTop: "1rem" }} />
            <Skeleton width="60%" style={{ marginTop: "0.5rem" }} />
          </div>
        ) : persona.isError ? (
          <ErrorState error={persona.error} onRetry={() => void persona.refetch()} />
        ) : (
          <Details persona={persona.data} />
        )}
      </StackItem>
    </Stack>
  );
}

function Details({ persona }: { persona: Persona }) {
  const { t, i18n } = useTranslation();
  const me = useProfile().data;
  const changedBy = persona.status.changed_by;
  const by = changedBy.startsWith("system:")
    ? t("personas.details.changedBySystem", { job: changedBy.slice("system:".length) })
    : me && changedBy === me.id
      ? t("personas.details.changedByYou")
      : changedBy;
  const attributes = Object.entries(persona.attributes);
  const group = (term: string, description: React.ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{description}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <Stack hasGutter component="section" aria-label={t("personas.details.title")}>
      <Flex justifyContent={{ default: "justifyContentSpaceBetween" }} alignItems={{ default: "alignItemsCenter" }}>
        <Title headingLevel="h2">{typeName(t, persona.type)}</Title>
        <DelegateAction persona={persona} />
      </Flex>
      <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: "12ch", md: "16ch" }}>
        {group(t("personas.details.type"), persona.type)}
        {group(t("personas.scope"), <ScopeLabels scope={persona.scope} />)}
        {group(
          t("personas.status"),
          <>
            <StatusLabels persona={persona} />
            <div>{t("personas.details.statusChanged", { at: formatDate(persona.status.changed_at, i18n.language, true), by })}</div>
          </>,
        )}
        {group(t("personas.validity"), <Validity persona={persona} />)}
        {persona.delegation
          ? group(
              t("personas.details.delegation"),
              t("personas.lentBy", {
                name: persona.delegation.from_user.display_name || persona.delegation.from_user.email,
                until: formatDate(persona.delegation.valid_until, i18n.language),
              }),
            )
          : null}
        {group(
          t("personas.details.entitlements"),
          persona.entitlements.length ? (
            <LabelGroup numLabels={10}>
              {persona.entitlements.map((e) => (
                <Label key={e} isCompact>
                  {e}
                </Label>
              ))}
            </LabelGroup>
          ) : (
            t("personas.details.noEntitlements")
          ),
        )}
        {group(t("personas.details.email"), persona.email)}
        {group(
          t("personas.details.attributes"),
          attributes.length ? (
            <DescriptionList isCompact>
              {attributes.map(([k, v]) => (
                <DescriptionListGroup key={k}>
                  <DescriptionListTerm>{k}</DescriptionListTerm>
                  <DescriptionListDescription>{typeof v === "string" ? v : JSON.stringify(v)}</DescriptionListDescription>
                </DescriptionListGroup>
              ))}
            </DescriptionList>
          ) : (
            t("personas.details.noAttributes")
          ),
        )}
      </DescriptionList>
    </Stack>
  );
}
