import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
} from "@patternfly/react-core";
import { EyeIcon } from "@patternfly/react-icons/dist/esm/icons/eye-icon";
import { OutlinedStarIcon } from "@patternfly/react-icons/dist/esm/icons/outlined-star-icon";
import { StarIcon } from "@patternfly/react-icons/dist/esm/icons/star-icon";
import { useTranslation } from "react-i18next";
import { DelegateAction } from "./DelegateAction";
import { canBePreferred, formatDate, STATUS_COLOR, typeName, type Persona } from "./personas";

interface Props {
  persona: Persona;
  onPrefer: (persona: Persona) => void;
  onView: (persona: Persona) => void;
  isBusy: boolean;
}

export function ScopeLabels({ scope }: { scope: string[] }) {
  const { t } = useTranslation();
  if (scope.length === 0) return <>{t("personas.noScope")}</>;
  return (
    <LabelGroup numLabels={5}>
      {scope.map((s) => (
        <Label key={s} isCompact variant="outline">
          {s}
        </Label>
      ))}
    </LabelGroup>
  );
}

export function StatusLabels({ persona }: { persona: Persona }) {
  const { t } = useTranslation();
  return (
    <LabelGroup>
      <Label isCompact color={STATUS_COLOR[persona.status.value]}>
        {t(`personas.statusValue.${persona.status.value}`)}
      </Label>
      {persona.active ? (
        <Label isCompact color="green" variant="outline">
          {t("personas.active")}
        </Label>
      ) : null}
    </LabelGroup>
  );
}

export function Validity({ persona }: { persona: Persona }) {
  const { t, i18n } = useTranslation();
  const from = formatDate(persona.valid_from, i18n.language);
  return <>{persona.valid_until ? t("personas.validFromTo", { from, until: formatDate(persona.valid_until, i18n.language) }) : t("personas.validFromOpen", { from })}</>;
}

/** One persona on My Account > Personas: a star to make it preferred, an eye for its assignment details. */
export function PersonaTile({ persona, onPrefer, onView, isBusy }: Props) {
  const { t, i18n } = useTranslation();
  const name = typeName(t, persona.type);
  const titleId = `pp-persona-${persona.id}`;
  const star = persona.preferred || canBePreferred(persona) ? (
    <Button
      variant="plain"
      className="pp-persona-star"
      aria-pressed={persona.preferred}
      aria-label={persona.preferred ? t("personas.isPreferred", { name }) : t("personas.setPreferred", { name })}
      icon={persona.preferred ? <StarIcon color="var(--pf-t--global--icon--color--status--warning--default)" /> : <OutlinedStarIcon />}
      isAriaDisabled={isBusy}
      onClick={() => {
        // The API knows no "un-prefer": pressing the star of the preferred persona changes nothing.
        if (!persona.preferred) onPrefer(persona);
      }}
    />
  ) : null;
  return (
    <Card className="pp-persona-card" isFullHeight aria-labelledby={titleId} component="article">
      <CardHeader
        actions={{
          hasNoOffset: true,
          actions: (
            <>
              {star}
              <DelegateAction persona={persona} isPlain />
              <Button variant="plain" aria-label={t("personas.viewDetails", { name })} icon={<EyeIcon />} onClick={() => onView(persona)} />
            </>
          ),
        }}
      >
        <CardTitle id={titleId} component="h2">
          {name}
        </CardTitle>
      </CardHeader>
      <CardBody>
        <DescriptionList isCompact>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("personas.scope")}</DescriptionListTerm>
            <DescriptionListDescription>
              <ScopeLabels scope={persona.scope} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("personas.status")}</DescriptionListTerm>
            <DescriptionListDescription>
              <StatusLabels persona={persona} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("personas.validity")}</DescriptionListTerm>
            <DescriptionListDescription>
              <Validity persona={persona} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          {persona.delegation ? (
            <DescriptionListGroup>
              <DescriptionListTerm>{t("personas.details.delegation")}</DescriptionListTerm>
              <DescriptionListDescription>
                {t("personas.lentBy", {
                  name: persona.delegation.from_user.display_name || persona.delegation.from_user.email,
                  until: formatDate(persona.delegation.valid_until, i18n.language),
                })}
              </DescriptionListDescription>
            </DescriptionListGroup>
          ) : null}
        </DescriptionList>
      </CardBody>
    </Card>
  );
}
