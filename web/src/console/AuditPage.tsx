import { Button, EmptyState, EmptyStateBody, Stack, StackItem } from "@patternfly/react-core";
import { AngleDownIcon } from "@patternfly/react-icons/dist/esm/icons/angle-down-icon";
import { AngleRightIcon } from "@patternfly/react-icons/dist/esm/icons/angle-right-icon";
import { SearchIcon } from "@patternfly/react-icons/dist/esm/icons/search-icon";
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatDate } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { LoadMore } from "../shell/LoadMore";
import { PageLoading } from "../shell/PageLoading";
import { NO_FILTER, UnknownEmail, useAuditTrail, type AuditFilter, type AuditRecord } from "./audit";
import { AuditDiff } from "./AuditDiff";
import { AuditFilters } from "./AuditFilters";
import { ConsolePage } from "./ConsolePage";
import { UserName } from "./UserName";
import { useConsoleStrings } from "./strings";
import "./console.css";

const KEYS = Object.keys(NO_FILTER) as (keyof AuditFilter)[];

/** The audit trail: every change, newest first, narrowed by user, actor, action and period (kept in the address); each record opens on its before and after. */
export default function AuditPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as AuditFilter;
  const trail = useAuditTrail(filter);
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = KEYS.some((k) => filter[k] !== "");

  return (
    <ConsolePage title={t("console.audit.title")} intro={t("console.audit.intro")}>
      <Stack hasGutter>
        <StackItem>
          <AuditFilters
            key={params.toString()}
            filter={filter}
            onApply={(f) => setParams(Object.fromEntries(KEYS.filter((k) => f[k] !== "").map((k) => [k, f[k]])), { replace: true })}
          />
        </StackItem>
        <StackItem>
          {trail.isPending ? (
            <PageLoading />
          ) : trail.isError && trail.error instanceof UnknownEmail ? (
            <EmptyState icon={SearchIcon} headingLevel="h2" titleText={t("console.audit.unknownEmail", { email: trail.error.email })}>
              <EmptyStateBody>{t("console.audit.unknownEmailBody")}</EmptyStateBody>
            </EmptyState>
          ) : trail.isError ? (
            <ErrorState error={trail.error} onRetry={() => void trail.refetch()} />
          ) : items.length === 0 && !trail.hasNextPage ? (
            <EmptyState icon={SearchIcon} headingLevel="h2" titleText={t(filtered ? "console.audit.noMatch" : "console.audit.empty")}>
              <EmptyStateBody>{t(filtered ? "console.audit.noMatchBody" : "console.audit.emptyBody")}</EmptyStateBody>
            </EmptyState>
          ) : (
            <>
              <AuditTable items={items} />
              <LoadMore list={trail} label={t("console.common.loadMore")} />
            </>
          )}
        </StackItem>
      </Stack>
    </ConsolePage>
  );
}

function AuditTable({ items }: { items: AuditRecord[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "en";
  const [open, setOpen] = useState<Set<string>>(new Set());
  const col = (k: string) => t(`console.audit.columns.${k}`);
  const toggle = (id: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Table aria-label={t("console.audit.tableLabel")} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <Thead>
        <Tr>
          <Th screenReaderText={col("details")} />
          <Th>{col("when")}</Th>
          <Th>{col("action")}</Th>
          <Th>{col("actor")}</Th>
          <Th>{col("target")}</Th>
        </Tr>
      </Thead>
      {items.map((r) => {
        const expanded = open.has(r.id);
        const action = t(`console.audit.action.${r.action}`, { defaultValue: r.action });
        return (
          <Tbody key={r.id} isExpanded={expanded}>
            <Tr>
              <Td modifier="fitContent">
                <Button
                  variant="plain"
                  icon={expanded ? <AngleDownIcon /> : <AngleRightIcon />}
                  aria-expanded={expanded}
                  aria-controls={`pp-audit-${r.id}`}
                  aria-label={t("console.audit.showChange", { action, when: formatDate(r.at, lang, true) })}
                  onClick={() => toggle(r.id)}
                />
              </Td>
              <Td dataLabel={col("when")} modifier="nowrap">
                {formatDate(r.at, lang, true)}
              </Td>
              <Td dataLabel={col("action")}>
                <div>{action}</div>
                <div className="pp-code pf-v6-u-color-200">{r.action}</div>
              </Td>
              <Td dataLabel={col("actor")}>
                <UserName id={r.actor} />
              </Td>
              <Td dataLabel={col("target")}>
                <div>{t(`console.audit.kinds.${r.target.kind}`, { defaultValue: r.target.kind })}</div>
                {r.target.user_id ? (
                  <UserName id={r.target.user_id} />
                ) : (
                  <span className="pp-code">{r.target.id}</span>
                )}
              </Td>
            </Tr>
            <Tr isExpanded={expanded} id={`pp-audit-${r.id}`}>
              <Td colSpan={5}>
                {expanded ? (
                  <ExpandableRowContent>
                    <AuditDiff before={r.before} after={r.after} label={t("console.audit.diffLabel", { action })} />
                  </ExpandableRowContent>
                ) : null}
              </Td>
            </Tr>
          </Tbody>
        );
      })}
    </Table>
  );
}
