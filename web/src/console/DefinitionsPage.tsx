import { Alert, AlertActionCloseButton, Button, EmptyState, EmptyStateBody, Flex, Label, Stack, StackItem } from "@patternfly/react-core";
import { CubesIcon } from "@patternfly/react-icons/dist/esm/icons/cubes-icon";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { ConfirmModal } from "./ConfirmModal";
import { ConsolePage } from "./ConsolePage";
import { DefinitionModal } from "./DefinitionModal";
import { useArchiveDefinition, useDefinitions, type Definition } from "./definitions";
import { Tokens } from "./Tokens";
import { useConsoleStrings } from "./strings";
import "./console.css";

type Editing = { definition: Definition | null };

/** Persona definitions: what personas the tenant has, with Create, Edit and Archive. */
export default function DefinitionsPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const list = useDefinitions();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [archiving, setArchiving] = useState<Definition | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(null);
        setEditing({ definition: null });
      }}
    >
      {t("console.definitions.create")}
    </Button>
  );

  return (
    <ConsolePage title={t("console.definitions.title")} intro={t("console.definitions.intro")} actions={create}>
      <Stack hasGutter>
        {notice ? (
          <StackItem>
            <Alert variant="success" isInline isLiveRegion title={notice} actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />} />
          </StackItem>
        ) : null}
        <StackItem>
          {list.isPending ? (
            <PageLoading />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.length === 0 ? (
            <EmptyState icon={CubesIcon} headingLevel="h2" titleText={t("console.definitions.empty")}>
              <EmptyStateBody>{t("console.definitions.emptyBody")}</EmptyStateBody>
            </EmptyState>
          ) : (
            <DefinitionsTable
              items={list.data}
              onEdit={(d) => {
                setNotice(null);
                setEditing({ definition: d });
              }}
              onArchive={(d) => {
                setNotice(null);
                setArchiving(d);
              }}
            />
          )}
        </StackItem>
      </Stack>
      {editing ? (
        <DefinitionModal
          definition={editing.definition}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            setEditing(null);
            setNotice(t(editing.definition ? "console.definitions.saved" : "console.definitions.created", { name: d.display_name }));
          }}
        />
      ) : null}
      {archiving ? (
        <ArchiveModal
          definition={archiving}
          onClose={() => setArchiving(null)}
          onArchived={() => {
            setArchiving(null);
            setNotice(t("console.definitions.archived", { name: archiving.display_name }));
          }}
        />
      ) : null}
    </ConsolePage>
  );
}

function DefinitionsTable({ items, onEdit, onArchive }: { items: Definition[]; onEdit: (d: Definition) => void; onArchive: (d: Definition) => void }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`console.definitions.columns.${k}`);
  return (
    <Table aria-label={t("console.definitions.title")} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <Thead>
        <Tr>
          <Th>{col("name")}</Th>
          <Th>{col("scope")}</Th>
          <Th>{col("entitlements")}</Th>
          <Th>{col("options")}</Th>
          <Th screenReaderText={col("actions")} modifier="fitContent" />
        </Tr>
      </Thead>
      <Tbody>
        {items.map((d) => (
          <Tr key={d.type}>
            <Td dataLabel={col("name")}>
              <div>{d.display_name}</div>
              <div className="pp-code pf-v6-u-color-200">{d.type}</div>
            </Td>
            <Td dataLabel={col("scope")}>
              <Tokens values={d.scope_values} label={t("console.definitions.scopeOf", { name: d.display_name })} />
            </Td>
            <Td dataLabel={col("entitlements")}>
              <Tokens values={d.entitlements} label={t("console.definitions.entitlementsOf", { name: d.display_name })} color="blue" />
            </Td>
            <Td dataLabel={col("options")}>
              {d.manages.length === 0 && !d.delegable && !d.step_up_required ? <span className="pf-v6-u-color-200">{t("console.common.none")}</span> : null}
              <Flex gap={{ default: "gapXs" }}>
                {d.manages.length > 0 ? <Label isCompact color="purple">{t("console.definitions.manages", { types: d.manages.join(", ") })}</Label> : null}
                {d.delegable ? <Label isCompact color="teal">{t("console.definitions.fields.delegable")}</Label> : null}
                {d.step_up_required ? <Label isCompact color="orange">{t("console.definitions.fields.step_up_required")}</Label> : null}
              </Flex>
            </Td>
            <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
              <Flex gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }}>
                <Button variant="secondary" size="sm" aria-label={t("console.common.editOf", { name: d.display_name })} onClick={() => onEdit(d)}>
                  {t("console.common.edit")}
                </Button>
                <Button variant="danger" size="sm" aria-label={t("console.common.archiveOf", { name: d.display_name })} onClick={() => onArchive(d)}>
                  {t("console.common.archive")}
                </Button>
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function ArchiveModal({ definition, onClose, onArchived }: { definition: Definition; onClose: () => void; onArchived: () => void }) {
  const { t } = useTranslation();
  const archive = useArchiveDefinition();
  return (
    <ConfirmModal
      id="pp-archive-definition"
      title={t("console.definitions.archiveTitle", { name: definition.display_name })}
      confirm={t("console.common.archive")}
      error={archive.error}
      pending={archive.isPending}
      onConfirm={() => archive.mutate(definition.type, { onSuccess: onArchived })}
      onClose={onClose}
    >
      {t("console.definitions.archiveBody")}
    </ConfirmModal>
  );
}
