import { Alert, AlertActionCloseButton, Button, EmptyState, EmptyStateBody, Flex, Stack, StackItem } from "@patternfly/react-core";
import { CubesIcon } from "@patternfly/react-icons/dist/esm/icons/cubes-icon";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { ApplicationModal } from "./ApplicationModal";
import { useApplications, useArchiveApplication, type Application } from "./applications";
import { ConfirmModal } from "./ConfirmModal";
import { ConsolePage } from "./ConsolePage";
import { Tokens } from "./Tokens";
import { useConsoleStrings } from "./strings";
import "./console.css";

/** Applications: what users see on their Applications page, and through which personas. */
export default function ApplicationsPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const list = useApplications();
  const [editing, setEditing] = useState<{ application: Application | null } | null>(null);
  const [archiving, setArchiving] = useState<Application | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(null);
        setEditing({ application: null });
      }}
    >
      {t("console.applications.create")}
    </Button>
  );

  return (
    <ConsolePage title={t("console.applications.title")} intro={t("console.applications.intro")} actions={create}>
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
            <EmptyState icon={CubesIcon} headingLevel="h2" titleText={t("console.applications.empty")}>
              <EmptyStateBody>{t("console.applications.emptyBody")}</EmptyStateBody>
            </EmptyState>
          ) : (
            <ApplicationsTable
              items={list.data}
              onEdit={(a) => {
                setNotice(null);
                setEditing({ application: a });
              }}
              onArchive={(a) => {
                setNotice(null);
                setArchiving(a);
              }}
            />
          )}
        </StackItem>
      </Stack>
      {editing ? (
        <ApplicationModal
          application={editing.application}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            setNotice(t(editing.application ? "console.applications.saved" : "console.applications.created", { name: a.name }));
          }}
        />
      ) : null}
      {archiving ? (
        <ArchiveModal
          application={archiving}
          onClose={() => setArchiving(null)}
          onArchived={() => {
            setArchiving(null);
            setNotice(t("console.applications.archived", { name: archiving.name }));
          }}
        />
      ) : null}
    </ConsolePage>
  );
}

function ApplicationsTable({ items, onEdit, onArchive }: { items: Application[]; onEdit: (a: Application) => void; onArchive: (a: Application) => void }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`console.applications.columns.${k}`);
  return (
    <Table aria-label={t("console.applications.title")} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <Thead>
        <Tr>
          <Th>{col("name")}</Th>
          <Th>{col("url")}</Th>
          <Th>{col("personaTypes")}</Th>
          <Th>{col("entitlements")}</Th>
          <Th screenReaderText={col("actions")} modifier="fitContent" />
        </Tr>
      </Thead>
      <Tbody>
        {items.map((a) => (
          <Tr key={a.id}>
            <Td dataLabel={col("name")}>
              <div>{a.name}</div>
              {a.description ? <div className="pf-v6-u-color-200 pf-v6-u-font-size-sm">{a.description}</div> : null}
            </Td>
            <Td dataLabel={col("url")}>
              <span className="pp-code">{a.url}</span>
            </Td>
            <Td dataLabel={col("personaTypes")}>
              <Tokens values={a.persona_types} label={t("console.applications.typesOf", { name: a.name })} color="purple" />
            </Td>
            <Td dataLabel={col("entitlements")}>
              <Tokens values={a.entitlements_any} label={t("console.applications.entitlementsOf", { name: a.name })} color="blue" />
            </Td>
            <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
              <Flex gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }}>
                <Button variant="secondary" size="sm" aria-label={t("console.common.editOf", { name: a.name })} onClick={() => onEdit(a)}>
                  {t("console.common.edit")}
                </Button>
                <Button variant="danger" size="sm" aria-label={t("console.common.archiveOf", { name: a.name })} onClick={() => onArchive(a)}>
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

function ArchiveModal({ application, onClose, onArchived }: { application: Application; onClose: () => void; onArchived: () => void }) {
  const { t } = useTranslation();
  const archive = useArchiveApplication();
  return (
    <ConfirmModal
      id="pp-archive-application"
      title={t("console.applications.archiveTitle", { name: application.name })}
      confirm={t("console.common.archive")}
      error={archive.error}
      pending={archive.isPending}
      onConfirm={() => archive.mutate(application.id, { onSuccess: onArchived })}
      onClose={onClose}
    >
      {t("console.applications.archiveBody")}
    </ConfirmModal>
  );
}
