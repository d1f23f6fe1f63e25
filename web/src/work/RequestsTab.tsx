import {
  Alert,
  AlertActionCloseButton,
  Button,
  Checkbox,
  EmptyState,
  EmptyStateBody,
  Flex,
  FormSelect,
  FormSelectOption,
  SearchInput,
  Stack,
  StackItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { CopyIcon } from "@patternfly/react-icons/dist/esm/icons/copy-icon";
import { InboxIcon } from "@patternfly/react-icons/dist/esm/icons/inbox-icon";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { LoadMore } from "../shell/LoadMore";
import { PageLoading } from "../shell/PageLoading";
import { BulkDecisionModal, type BulkKind } from "./BulkDecision";
import { StatusLabel } from "./RequestDetails";
import type { Action, Outcome } from "./DecisionModal";
import { RequestModal } from "./RequestModals";
import { useDebounced } from "../shell/useDebounced";
import { HISTORY_STATUSES, useRequestList, type HistoryStatus, type WorkRequest, type WorkTab } from "./requests";

/** One tab of My Work: search, (history) status filter, the table, Load more, and the row actions. */
export function RequestsTab({ tab }: { tab: WorkTab }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<HistoryStatus | "">("");
  const q = useDebounced(search.trim());
  const list = useRequestList(tab, { q, status });
  const [action, setAction] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Requests Approval: the rows picked for Accept selected / Reject selected.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<{ kind: BulkKind; requests: WorkRequest[] } | null>(null);

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = q !== "" || status !== "";
  // Only rows still listed count (a search or a refetch may have taken some away).
  const picked = items.filter((r) => selected.has(r.id));
  // Several at once needs several: with one request, its own buttons do.
  const bulkable = tab === "approval" && items.length > 1;
  const selection: Selection | undefined = bulkable
    ? {
        selected,
        toggle: (id, on) =>
          setSelected((old) => {
            const next = new Set(old);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          }),
        toggleAll: (on) => setSelected(on ? new Set(items.map((r) => r.id)) : new Set()),
      }
    : undefined;
  const startBulk = (kind: BulkKind) => {
    setOutcome(null);
    setBulk({ kind, requests: picked });
  };

  return (
    <Stack hasGutter>
      <StackItem>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput
                aria-label={t("work.search")}
                placeholder={t("work.search")}
                value={search}
                onChange={(_e, v) => setSearch(v)}
                onClear={() => setSearch("")}
              />
            </ToolbarItem>
            {tab === "history" ? (
              <ToolbarItem>
                <FormSelect aria-label={t("work.statusFilter")} value={status} onChange={(_e, v) => setStatus(v as HistoryStatus | "")}>
                  <FormSelectOption value="" label={t("work.allStatuses")} />
                  {HISTORY_STATUSES.map((s) => (
                    <FormSelectOption key={s} value={s} label={t(`work.status.${s}`)} />
                  ))}
                </FormSelect>
              </ToolbarItem>
            ) : null}
            {bulkable ? (
              // One item that wraps as a whole under the search on a phone.
              <ToolbarItem align={{ md: "alignEnd" }}>
                <Flex gap={{ default: "gapSm" }}>
                  <Button variant="primary" isDisabled={picked.length === 0} onClick={() => startBulk("accept")}>
                    {t("manage.work.bulk.accept", { count: picked.length })}
                  </Button>
                  <Button variant="danger" isDisabled={picked.length === 0} onClick={() => startBulk("reject")}>
                    {t("manage.work.bulk.reject", { count: picked.length })}
                  </Button>
                </Flex>
              </ToolbarItem>
            ) : null}
          </ToolbarContent>
        </Toolbar>
      </StackItem>
      {outcome ? (
        <StackItem>
          <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />
        </StackItem>
      ) : null}
      <StackItem>
        {list.isPending ? (
          <PageLoading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={InboxIcon} headingLevel="h2" titleText={t(filtered ? "work.noMatch" : `work.empty.${tab}`)}>
            <EmptyStateBody>{t(filtered ? "work.noMatchBody" : `work.emptyBody.${tab}`)}</EmptyStateBody>
          </EmptyState>
        ) : (
          <>
            <RequestsTable
              tab={tab}
              items={items}
              selection={selection}
              onAction={(a) => {
                setOutcome(null);
                setAction(a);
              }}
            />
            <LoadMore list={list} label={t("work.loadMore")} />
          </>
        )}
      </StackItem>
      {action ? (
        <RequestModal
          action={action}
          onClose={() => setAction(null)}
          onOutcome={(o) => {
            setAction(null);
            setOutcome(o);
          }}
        />
      ) : null}
      {bulk ? (
        <BulkDecisionModal
          kind={bulk.kind}
          requests={bulk.requests}
          onClose={() => {
            setBulk(null);
            setSelected(new Set());
          }}
        />
      ) : null}
    </Stack>
  );
}

interface Selection {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  toggleAll: (on: boolean) => void;
}

function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useTranslation();
  const close = <AlertActionCloseButton onClose={onClose} />;
  if (outcome.kind === "conflict") {
    return (
      <Alert variant="warning" isInline isLiveRegion title={t("work.conflict")} actionClose={close}>
        {outcome.message}
      </Alert>
    );
  }
  const r = outcome.request;
  if (r.status === "failed") {
    return (
      <Alert variant="danger" isInline isLiveRegion title={t("work.outcome.failed", { title: r.title })} actionClose={close}>
        {r.failure_reason}
      </Alert>
    );
  }
  return (
    <Alert variant="success" isInline isLiveRegion title={t(`work.outcome.${outcome.kind}`, { title: r.title })} actionClose={close}>
      {/* Accepting "Assign a persona" starts "Activate a persona", which the admin decides. */}
      {outcome.kind === "accepted" && r.kind === "assign_persona" ? t("work.outcome.waitsForAdmin") : null}
    </Alert>
  );
}

function CopyId({ request }: { request: WorkRequest }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      variant="plain"
      size="sm"
      icon={<CopyIcon />}
      aria-label={t("work.copyId", { title: request.title })}
      onClick={() => {
        navigator.clipboard
          ?.writeText(request.id)
          .then(() => setCopied(true))
          .catch(() => setCopied(false));
      }}
    >
      <span aria-live="polite" className="pf-v6-u-font-size-sm">
        {copied === true ? t("work.copied") : copied === false ? t("work.copyFailed") : null}
      </span>
    </Button>
  );
}

function RequestsTable({ tab, items, selection, onAction }: { tab: WorkTab; items: WorkRequest[]; selection: Selection | undefined; onAction: (a: Action) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const col = (k: string) => t(`work.columns.${k}`);
  return (
    <Table aria-label={t(`work.tabs.${tab}`)} variant="compact" gridBreakPoint="grid-md" className="pp-work-table">
      <Thead>
        <Tr>
          {selection ? (
            <Th modifier="fitContent" aria-label={t("manage.work.bulk.selectColumn")}>
              <Checkbox
                id={`pp-select-all-${tab}`}
                aria-label={t("manage.work.bulk.selectAll")}
                isChecked={items.every((r) => selection.selected.has(r.id)) ? true : items.some((r) => selection.selected.has(r.id)) ? null : false}
                onChange={(_e, on) => selection.toggleAll(on)}
              />
            </Th>
          ) : null}
          <Th>{col("title")}</Th>
          <Th>{col("status")}</Th>
          <Th modifier="nowrap">{col("created")}</Th>
          <Th modifier="nowrap">{col("expires")}</Th>
          <Th screenReaderText={col("actions")} modifier="fitContent" />
        </Tr>
      </Thead>
      <Tbody>
        {items.map((r) => (
          <Tr key={r.id} isRowSelected={selection?.selected.has(r.id)}>
            {selection ? (
              <Td dataLabel={t("manage.work.bulk.selectColumn")} modifier="fitContent">
                <Checkbox
                  id={`pp-select-${r.id}`}
                  aria-label={t("manage.work.bulk.select", { title: r.title })}
                  isChecked={selection.selected.has(r.id)}
                  onChange={(_e, on) => selection.toggle(r.id, on)}
                />
              </Td>
            ) : null}
            <Td dataLabel={col("title")}>{r.title}</Td>
            <Td dataLabel={col("status")}>
              <StatusLabel status={r.status} />
            </Td>
            <Td dataLabel={col("created")} modifier="nowrap">{formatDate(r.created_at, lang, true)}</Td>
            <Td dataLabel={col("expires")} modifier="nowrap">{formatDate(r.expires_at, lang, true)}</Td>
            {/* One row of actions from md on (the cell fits its content); below md the row may wrap, with PatternFly's gap. */}
            <Td dataLabel={col("actions")} isActionCell modifier="fitContent">
              <Flex
                gap={{ default: "gapSm" }}
                flexWrap={{ default: "wrap", md: "nowrap" }}
                alignItems={{ default: "alignItemsCenter" }}
                justifyContent={{ default: "justifyContentFlexStart", md: "justifyContentFlexEnd" }}
              >
                <CopyId request={r} />
                <Button variant="secondary" size="sm" aria-label={t("work.viewOf", { title: r.title })} onClick={() => onAction({ kind: "view", request: r })}>
                  {t("work.view.button")}
                </Button>
                {tab === "approval" ? (
                  <>
                    <Button variant="primary" size="sm" aria-label={t("work.acceptOf", { title: r.title })} onClick={() => onAction({ kind: "accept", request: r })}>
                      {t("work.accept.button")}
                    </Button>
                    <Button variant="danger" size="sm" aria-label={t("work.rejectOf", { title: r.title })} onClick={() => onAction({ kind: "reject", request: r })}>
                      {t("work.reject.button")}
                    </Button>
                  </>
                ) : null}
                {tab === "follow-up" ? (
                  <Button variant="danger" size="sm" aria-label={t("work.deleteOf", { title: r.title })} onClick={() => onAction({ kind: "delete", request: r })}>
                    {t("work.delete.button")}
                  </Button>
                ) : null}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
