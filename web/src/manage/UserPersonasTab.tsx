import { Alert, AlertActionCloseButton, Button, EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter, Flex, Stack, StackItem } from "@patternfly/react-core";
import { PlusCircleIcon } from "@patternfly/react-icons/dist/esm/icons/plus-circle-icon";
import { UserIcon } from "@patternfly/react-icons/dist/esm/icons/user-icon";
import { Table, Tbody, Td, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ScopeLabels, StatusLabels, Validity } from "../personas/PersonaTile";
import { typeName } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { TableHead } from "../shell/TableHead";
import { PersonaFormModal } from "./PersonaFormModal";
import { RevokeModal } from "./RevokeModal";
import { definitionName, isLive, personName, useAssignable, useUserPersonas, type Persona, type Profile } from "./users";

type Open = { kind: "add" } | { kind: "edit" | "revoke"; persona: Persona };
type Done = { kind: "added" | "saved" | "revoked"; persona: Persona };

/** A user's Personas tab: the personas the admin manages, Edit and Revoke each, Add a persona. */
export function UserPersonasTab({ user }: { user: Profile }) {
  const { t } = useTranslation();
  const personas = useUserPersonas(user.id);
  const defs = useAssignable();
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const name = (type: string) => definitionName(defs.data, type, (x) => typeName(t, x));
  const label = (p: Persona) => (p.scope.length ? `${name(p.type)} (${p.scope.join(", ")})` : name(p.type));
  const finish = (kind: Done["kind"]) => (persona: Persona) => {
    setOpen(null);
    setDone({ kind, persona });
  };
  const start = (o: Open) => {
    setDone(null);
    setOpen(o);
  };

  if (personas.isPending || defs.isPending) return <PageLoading />;
  if (personas.isError) return <ErrorState error={personas.error} onRetry={() => void personas.refetch()} />;
  if (defs.isError) return <ErrorState error={defs.error} onRetry={() => void defs.refetch()} />;
  const addButton = (
    <Button variant="primary" icon={<PlusCircleIcon />} onClick={() => start({ kind: "add" })} isDisabled={defs.data.length === 0}>
      {t("manage.personas.add")}
    </Button>
  );
  const col = (k: string) => t(`manage.personas.columns.${k}`);

  return (
    <Stack hasGutter>
      {done ? (
        <StackItem>
          <Alert variant="success" isInline isLiveRegion title={t(`manage.personas.done.${done.kind}`, { persona: label(done.persona) })} actionClose={<AlertActionCloseButton onClose={() => setDone(null)} />} />
        </StackItem>
      ) : null}
      {personas.data.length === 0 ? (
        <StackItem>
          <EmptyState icon={UserIcon} headingLevel="h2" titleText={t("manage.personas.empty")}>
            <EmptyStateBody>{t("manage.personas.emptyBody", { user: personName(user) })}</EmptyStateBody>
            <EmptyStateFooter>
              <EmptyStateActions>{addButton}</EmptyStateActions>
            </EmptyStateFooter>
          </EmptyState>
        </StackItem>
      ) : (
        <>
          <StackItem>
            <Flex justifyContent={{ default: "justifyContentFlexEnd" }}>{addButton}</Flex>
          </StackItem>
          <StackItem>
            <Table aria-label={t("manage.personas.tableLabel", { user: personName(user) })} variant="compact" gridBreakPoint="grid-md">
              <TableHead columns={["persona", "scope", "status", "validity", "email"]} name={col} />
              <Tbody>
                {personas.data.map((p) => (
                  <Tr key={p.id}>
                    <Td dataLabel={col("persona")}>{name(p.type)}</Td>
                    <Td dataLabel={col("scope")}>
                      <ScopeLabels scope={p.scope} />
                    </Td>
                    <Td dataLabel={col("status")}>
                      <StatusLabels persona={p} />
                    </Td>
                    <Td dataLabel={col("validity")}>
                      <Validity persona={p} />
                    </Td>
                    <Td dataLabel={col("email")} modifier="breakWord">
                      {p.email}
                    </Td>
                    <Td dataLabel={col("actions")} modifier="fitContent">
                      {isLive(p) ? (
                        <Flex gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }}>
                          <Button variant="secondary" size="sm" aria-label={t("manage.personas.editOf", { persona: label(p) })} onClick={() => start({ kind: "edit", persona: p })}>
                            {t("manage.personas.edit")}
                          </Button>
                          <Button variant="danger" size="sm" aria-label={t("manage.personas.revokeOf", { persona: label(p) })} onClick={() => start({ kind: "revoke", persona: p })}>
                            {t("manage.personas.revoke")}
                          </Button>
                        </Flex>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </StackItem>
        </>
      )}
      {open?.kind === "add" ? <PersonaFormModal user={user} defs={defs.data} onClose={() => setOpen(null)} onSaved={finish("added")} /> : null}
      {open?.kind === "edit" ? <PersonaFormModal user={user} persona={open.persona} defs={defs.data} onClose={() => setOpen(null)} onSaved={finish("saved")} /> : null}
      {open?.kind === "revoke" ? (
        <RevokeModal user={user} persona={open.persona} name={name(open.persona.type)} onClose={() => setOpen(null)} onRevoked={finish("revoked")} />
      ) : null}
    </Stack>
  );
}
