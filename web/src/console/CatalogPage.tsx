import { Alert, AlertActionCloseButton, Button, EmptyState, EmptyStateBody, Flex, Stack, StackItem } from "@patternfly/react-core";
import { CubesIcon } from "@patternfly/react-icons/dist/esm/icons/cubes-icon";
import { Table, Tbody, Td, Tr } from "@patternfly/react-table";
import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";
import { TableHead } from "../shell/TableHead";
import { ConfirmModal } from "./ConfirmModal";
import { ConsolePage } from "./ConsolePage";
import "./console.css";

/** A catalogue the tenant keeps (applications, persona definitions): its list, and how its items are told apart, named, edited and archived. */
export interface Catalog<T> {
  /** The strings' key under console.* (title, intro, create, empty, saved, created, archived, archiveTitle, archiveBody, columns.*). */
  area: string;
  /** The confirmation's id (pp-archive-…). */
  archiveId: string;
  useList: () => UseQueryResult<T[]>;
  useArchive: () => UseMutationResult<unknown, Error, string>;
  /** What the API names the item by (its path parameter). */
  idOf: (item: T) => string;
  nameOf: (item: T) => string;
  /** The columns between none and the actions, by their key under columns.*. */
  columns: { key: string; cell: (item: T, t: TFunction) => ReactNode }[];
  /** The create (item null) or edit modal. */
  editor: (item: T | null, onClose: () => void, onSaved: (saved: T) => void) => ReactNode;
}

/** A catalogue page: Create, the table with Edit and Archive on each row, the notice of what was done, and the list's loading, error and empty states. */
export function CatalogPage<T>({ catalog }: { catalog: Catalog<T> }) {
  const { t } = useTranslation();
  const k = (key: string) => `console.${catalog.area}.${key}`;
  const list = catalog.useList();
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const [archiving, setArchiving] = useState<T | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(null);
        setEditing({ item: null });
      }}
    >
      {t(k("create"))}
    </Button>
  );

  return (
    <ConsolePage title={t(k("title"))} intro={t(k("intro"))} actions={create}>
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
            <EmptyState icon={CubesIcon} headingLevel="h2" titleText={t(k("empty"))}>
              <EmptyStateBody>{t(k("emptyBody"))}</EmptyStateBody>
            </EmptyState>
          ) : (
            <CatalogTable
              catalog={catalog}
              items={list.data}
              onEdit={(item) => {
                setNotice(null);
                setEditing({ item });
              }}
              onArchive={(item) => {
                setNotice(null);
                setArchiving(item);
              }}
            />
          )}
        </StackItem>
      </Stack>
      {editing
        ? catalog.editor(
            editing.item,
            () => setEditing(null),
            (saved) => {
              setEditing(null);
              setNotice(t(k(editing.item ? "saved" : "created"), { name: catalog.nameOf(saved) }));
            },
          )
        : null}
      {archiving ? (
        <ArchiveModal
          catalog={catalog}
          item={archiving}
          onClose={() => setArchiving(null)}
          onArchived={() => {
            setArchiving(null);
            setNotice(t(k("archived"), { name: catalog.nameOf(archiving) }));
          }}
        />
      ) : null}
    </ConsolePage>
  );
}

function CatalogTable<T>({ catalog, items, onEdit, onArchive }: { catalog: Catalog<T>; items: T[]; onEdit: (item: T) => void; onArchive: (item: T) => void }) {
  const { t } = useTranslation();
  const col = (key: string) => t(`console.${catalog.area}.columns.${key}`);
  return (
    <Table aria-label={t(`console.${catalog.area}.title`)} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <TableHead columns={catalog.columns.map((c) => c.key)} name={col} />
      <Tbody>
        {items.map((item) => (
          <Tr key={catalog.idOf(item)}>
            {catalog.columns.map((c) => (
              <Td key={c.key} dataLabel={col(c.key)}>
                {c.cell(item, t)}
              </Td>
            ))}
            <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
              <Flex gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }}>
                <Button variant="secondary" size="sm" aria-label={t("console.common.editOf", { name: catalog.nameOf(item) })} onClick={() => onEdit(item)}>
                  {t("console.common.edit")}
                </Button>
                <Button variant="danger" size="sm" aria-label={t("console.common.archiveOf", { name: catalog.nameOf(item) })} onClick={() => onArchive(item)}>
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

function ArchiveModal<T>({ catalog, item, onClose, onArchived }: { catalog: Catalog<T>; item: T; onClose: () => void; onArchived: () => void }) {
  const { t } = useTranslation();
  // A hook of the catalogue's module, the same on every render.
  const { useArchive } = catalog;
  const archive = useArchive();
  return (
    <ConfirmModal
      id={catalog.archiveId}
      title={t(`console.${catalog.area}.archiveTitle`, { name: catalog.nameOf(item) })}
      confirm={t("console.common.archive")}
      error={archive.error}
      pending={archive.isPending}
      onConfirm={() => archive.mutate(catalog.idOf(item), { onSuccess: onArchived })}
      onClose={onClose}
    >
      {t(`console.${catalog.area}.archiveBody`)}
    </ConfirmModal>
  );
}
