import { Alert, AlertActionCloseButton, Button, EmptyState, EmptyStateBody, Flex, Label, Stack, StackItem } from "@patternfly/react-core";
import { IdBadgeIcon } from "@patternfly/react-icons/dist/esm/icons/id-badge-icon";
import { Table, Tbody, Td, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { TableHead } from "../shell/TableHead";
import { ConfirmModal } from "./ConfirmModal";
import { displayNameOf, useDefinitions, type Definition } from "./definitions";
import { PersonaModal } from "./PersonaModal";
import { Tokens } from "./Tokens";
import { useRevokePersona, useUserPersonas, type Persona, type Profile } from "./users";

const STATUS_COLOR = { pending: "blue", accepted: "green", rejected: "red", revoked: "grey", expired: "grey" } as const;

/** A persona that has not ended can be edited and revoked. */
const live = (p: Persona) => p.status.value === "pending" || p.status.value === "accepted";

/** The user's personas, all statuses: Add a persona, Edit, Revoke. */
export function UserPersonas({ user }: { user: Profile }) {
  const { t } = useTranslation();
  const personas = useUserPersonas(user.id);
  const definitions = useDefinitions();
  const [editing, setEditing] = useState<{ persona: Persona | null } | null>(null);
  const [revoking, setRevoking] = useState<Persona | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = (type: string) => displayNameOf(definitions.data, type);

  if (personas.isPending || definitions.isPending) return <PageLoading />;
  if (personas.isError) return <ErrorState error={personas.error} onRetry={() => void personas.refetch()} />;
  if (definitions.isError) return <ErrorState error={definitions.error} onRetry={() => void definitions.refetch()} />;
  return (
    <Stack hasGutter>
      <StackItem>
        <Button
          variant="primary"
          onClick={() => {
            setNotice(null);
            setEditing({ persona: null });
          }}
        >
          {t("console.personas.add")}
        </Button>
      </StackItem>
      {notice ? (
        <StackItem>
          <Alert variant="success" isInline isLiveRegion title={notice} actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />} />
        </StackItem>
      ) : null}
      <StackItem>
        {personas.data.length === 0 ? (
          <EmptyState icon={IdBadgeIcon} headingLevel="h2" titleText={t("console.personas.empty")}>
            <EmptyStateBody>{t("console.personas.emptyBody")}</EmptyStateBody>
          </EmptyState>
        ) : (
          <PersonasTable
            items={personas.data}
            name={name}
            onEdit={(p) => {
              setNotice(null);
              setEditing({ persona: p });
            }}
            onRevoke={(p) => {
              setNotice(null);
              setRevoking(p);
            }}
          />
        )}
      </StackItem>
      {editing ? (
        <PersonaModal
          user={user}
          persona={editing.persona}
          definitions={definitions.data}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            setNotice(t(editing.persona ? "console.personas.saved" : "console.personas.added", { name: name(p.type) }));
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeModal
          user={user}
          persona={revoking}
          definitions={definitions.data}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setNotice(t("console.personas.revoked", { name: name(revoking.type) }));
          }}
        />
      ) : null}
    </Stack>
  );
}

function PersonasTable(props: { items: Persona[]; name: (type: string) => string; onEdit: (p: Persona) => void; onRevoke: (p: Persona) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const col = (k: string) => t(`console.personas.columns.${k}`);
  return (
    <Table aria-label={t("console.personas.tableLabel")} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <TableHead columns={["persona", "scope", "status", "validity"]} name={col} />
      <Tbody>
        {props.items.map((p) => {
          const n = props.name(p.type);
          return (
            <Tr key={p.id}>
              <Td dataLabel={col("persona")}>
                <div>{n}</div>
                <div className="pf-v6-u-color-200 pf-v6-u-font-size-sm">{p.email}</div>
              </Td>
              <Td dataLabel={col("scope")}>
                <Tokens values={p.scope} label={t("console.personas.scopeOf", { name: n })} />
              </Td>
              <Td dataLabel={col("status")}>
                <Flex gap={{ default: "gapXs" }}>
                  <Label isCompact color={STATUS_COLOR[p.status.value]}>
                    {t(`console.personas.status.${p.status.value}`)}
                  </Label>
                  {p.preferred ? <Label isCompact color="yellow">{t("console.personas.preferred")}</Label> : null}
                </Flex>
              </Td>
              <Td dataLabel={col("validity")}>
                {p.valid_until
                  ? t("console.personas.fromUntil", { from: formatDate(p.valid_from, lang), until: formatDate(p.valid_until, lang) })
                  : t("console.personas.fromOpen", { from: formatDate(p.valid_from, lang) })}
              </Td>
              <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
                {live(p) ? (
                  <Flex gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }}>
                    <Button variant="secondary" size="sm" aria-label={t("console.common.editOf", { name: n })} onClick={() => props.onEdit(p)}>
                      {t("console.common.edit")}
                    </Button>
                    <Button variant="danger" size="sm" aria-label={t("console.personas.revokeOf", { name: n })} onClick={() => props.onRevoke(p)}>
                      {t("console.personas.revoke")}
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

function RevokeModal(props: { user: Profile; persona: Persona; definitions: Definition[]; onClose: () => void; onRevoked: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokePersona(props.user.id);
  const name = displayNameOf(props.definitions, props.persona.type);
  return (
    <ConfirmModal
      id="pp-revoke-persona"
      title={t("console.personas.revokeTitle", { name })}
      confirm={t("console.personas.revoke")}
      error={revoke.error}
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate(props.persona.id, { onSuccess: props.onRevoked })}
      onClose={props.onClose}
    >
      {t("console.personas.revokeBody", { email: props.user.email })}
    </ConfirmModal>
  );
}
