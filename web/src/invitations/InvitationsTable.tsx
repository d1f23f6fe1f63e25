import { Button, Content, Flex, Label, LabelGroup } from "@patternfly/react-core";
import { Table, Tbody, Td, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import { formatDate } from "../personas/personas";
import { TableHead } from "../shell/TableHead";
import { canAct, STATE_COLOR, type InvitationState, type PreparedInvitation } from "./invitations";

export type InvitationAction = { kind: "resend" | "withdraw"; invitation: PreparedInvitation };

export function StateLabel({ state }: { state: InvitationState }) {
  const { t } = useTranslation();
  return (
    <Label color={STATE_COLOR[state]} isCompact>
      {t(`invitations.state.${state}`)}
    </Label>
  );
}

const linkIsOver = (at: string) => Date.parse(at) <= Date.now();

/** When the link stops working; a dash once the user answered (the link died with the answer). */
function LinkExpiry({ invitation, lang }: { invitation: PreparedInvitation; lang: string }) {
  const { t } = useTranslation();
  const at = invitation.link_expires_at;
  if (!at || invitation.state !== "waiting_for_user") return <>{t("invitations.noLink")}</>;
  const date = formatDate(at, lang, true);
  return <>{t(linkIsOver(at) ? "invitations.linkExpired" : "invitations.linkExpires", { date })}</>;
}

function emailText(status: PreparedInvitation["email_status"]) {
  switch (status) {
    case "sent":
      return "invitations.email.sent";
    case "queued":
    case "sending":
      return "invitations.email.queued";
    case "rejected":
    case "abandoned":
      return "invitations.email.failed";
    default:
      return "invitations.email.none";
  }
}

export function InvitationsTable({ items, onAction }: { items: PreparedInvitation[]; onAction: (a: InvitationAction) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const col = (k: string) => t(`invitations.columns.${k}`);
  return (
    <Table aria-label={t("invitations.tableLabel")} variant="compact" gridBreakPoint="grid-md" className="pp-invitations-table">
      <TableHead columns={["persona", "user", "state", "link", "created"]} name={col} />
      <Tbody>
        {items.map((inv) => {
          const r = inv.request;
          const p = r.persona;
          // Names the row's buttons: the persona, its scope and the user tell two invitations apart.
          const name = `${p.display_name || p.type}${p.scope.length ? ` (${p.scope.join(", ")})` : ""} — ${r.subject.display_name}`;
          return (
            <Tr key={r.id}>
              <Td dataLabel={col("persona")}>
                <Content component="p">{p.display_name || p.type}</Content>
                {p.scope.length ? (
                  <LabelGroup numLabels={5} aria-label={t("invitations.scopeOf", { name: p.display_name || p.type })}>
                    {p.scope.map((s) => (
                      <Label key={s} isCompact variant="outline">
                        {s}
                      </Label>
                    ))}
                  </LabelGroup>
                ) : null}
              </Td>
              <Td dataLabel={col("user")}>
                <Content component="p">{r.subject.display_name}</Content>
                <Content component="small">{r.subject.email}</Content>
              </Td>
              <Td dataLabel={col("state")}>
                <StateLabel state={inv.state} />
              </Td>
              <Td dataLabel={col("link")}>
                <Content component="p">
                  <LinkExpiry invitation={inv} lang={lang} />
                </Content>
                <Content component="small">{t("invitations.emailIs", { status: t(emailText(inv.email_status)) })}</Content>
              </Td>
              <Td dataLabel={col("created")}>{formatDate(r.created_at, lang)}</Td>
              <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
                {canAct(inv) ? (
                  <Flex gap={{ default: "gapSm" }} direction={{ default: "row", md: "column", xl: "row" }} flexWrap={{ default: "wrap", xl: "nowrap" }}>
                    <Button variant="secondary" size="sm" aria-label={t("invitations.resendOf", { name })} onClick={() => onAction({ kind: "resend", invitation: inv })}>
                      {t("invitations.resend.button")}
                    </Button>
                    <Button variant="danger" size="sm" aria-label={t("invitations.withdrawOf", { name })} onClick={() => onAction({ kind: "withdraw", invitation: inv })}>
                      {t("invitations.withdraw.button")}
                    </Button>
                  </Flex>
                ) : null}
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
}
