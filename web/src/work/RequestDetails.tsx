import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../personas/personas";
import { formatValidity } from "./validity";
import { STATUS_COLOR, type RequestStatus, type WorkRequest } from "./requests";

export function StatusLabel({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Label color={STATUS_COLOR[status]}>{t(`work.status.${status}`)}</Label>;
}

function Person({ who }: { who: WorkRequest["initiator"] }) {
  return (
    <>
      {who.display_name} <span className="pf-v6-u-color-200">({who.email})</span>
    </>
  );
}

/** Everything a request says, for View, for Accept's confirmation and for the magic link's preview. */
export function RequestDetails({ request, withStatus = true }: { request: WorkRequest; withStatus?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const date = (iso: string | null) => (iso ? formatDate(iso, lang, true) : t("work.details.none"));
  const p = request.persona;
  const attributes = Object.entries(p.attributes ?? {});
  const rows: [string, React.ReactNode][] = [
    ...(withStatus ? ([["status", <StatusLabel key="s" status={request.status} />]] as [string, React.ReactNode][]) : []),
    ["title", request.title],
    ["created", date(request.created_at)],
    ["expires", date(request.expires_at)],
    ["initiator", <Person key="i" who={request.initiator} />],
    ["assignee", <Person key="a" who={request.assignee} />],
    ["subject", <Person key="s" who={request.subject} />],
    ["personaType", p.display_name || p.type],
    [
      "scope",
      p.scope.length ? (
        <LabelGroup key="sc" numLabels={10}>
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
    ["validity", formatValidity(t, lang, p.valid_from, p.valid_until)],
    ["personaEmail", p.email || t("work.details.none")],
  ];
  if (attributes.length) rows.push(["attributes", attributes.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ")]);
  if (request.decided_at) rows.push(["decided", date(request.decided_at)]);
  if (request.reason) rows.push(["reason", request.reason]);
  if (request.failure_reason) rows.push(["failureReason", request.failure_reason]);
  return (
    <DescriptionList isCompact orientation={{ sm: "horizontal" }} horizontalTermWidthModifier={{ default: "12ch" }}>
      {rows.map(([key, value]) => (
        <DescriptionListGroup key={key}>
          <DescriptionListTerm>{t(`work.details.${key}`)}</DescriptionListTerm>
          <DescriptionListDescription>{value}</DescriptionListDescription>
        </DescriptionListGroup>
      ))}
    </DescriptionList>
  );
}
