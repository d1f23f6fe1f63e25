import { Button, EmptyState, EmptyStateBody, Label, Stack, StackItem } from "@patternfly/react-core";
import { SearchIcon } from "@patternfly/react-icons/dist/esm/icons/search-icon";
import { UsersIcon } from "@patternfly/react-icons/dist/esm/icons/users-icon";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorState } from "../shell/ErrorState";
import { LoadMore, useReadOn } from "../shell/LoadMore";
import { PageLoading } from "../shell/PageLoading";
import { ConsolePage } from "./ConsolePage";
import { CreateUserModal } from "./CreateUserModal";
import { UserSearch } from "./UserSearch";
import { nameOf, useUserSearch, type Profile, type UserFilter } from "./users";
import { useConsoleStrings } from "./strings";
import "./console.css";

/** Pages read by themselves while a search has found nothing yet (a filtered page may be empty with more after it). */
const AUTO_PAGES = 10;

/** Users: find a user (name, e-mail or an attribute), open them, or create one. */
export default function UsersPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<UserFilter>({ kind: "all" });
  const [creating, setCreating] = useState(false);
  const list = useUserSearch(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const pages = list.data?.pages.length ?? 0;
  const { hasNextPage, fetchNextPage } = list;
  const searching = items.length === 0 && hasNextPage && pages < AUTO_PAGES;
  useReadOn(list, searching);

  return (
    <ConsolePage
      title={t("console.users.title")}
      intro={t("console.users.intro")}
      actions={
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t("console.users.create")}
        </Button>
      }
    >
      <Stack hasGutter>
        <StackItem>
          <UserSearch onFilter={setFilter} />
        </StackItem>
        <StackItem>
          {list.isPending || searching ? (
            <PageLoading />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState icon={filter.kind === "all" ? UsersIcon : SearchIcon} headingLevel="h2" titleText={t(filter.kind === "all" ? "console.users.empty" : "console.users.noMatch")}>
              <EmptyStateBody>{t(filter.kind === "all" ? "console.users.emptyBody" : "console.users.noMatchBody")}</EmptyStateBody>
              {hasNextPage ? (
                <Button variant="secondary" onClick={() => void fetchNextPage()} isLoading={list.isFetchingNextPage}>
                  {t("console.users.keepSearching")}
                </Button>
              ) : null}
            </EmptyState>
          ) : (
            <>
              <UsersTable items={items} />
              <LoadMore list={list} label={t("console.common.loadMore")} />
            </>
          )}
        </StackItem>
      </Stack>
      {creating ? (
        <CreateUserModal onClose={() => setCreating(false)} onCreated={(u) => navigate(`/console/users/${u.id}`, { state: { created: true } })} />
      ) : null}
    </ConsolePage>
  );
}

function UsersTable({ items }: { items: Profile[] }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`console.users.columns.${k}`);
  return (
    <Table aria-label={t("console.users.title")} variant="compact" gridBreakPoint="grid-md" className="pp-console-table">
      <Thead>
        <Tr>
          <Th>{col("name")}</Th>
          <Th>{col("email")}</Th>
          <Th>{col("status")}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {items.map((u) => (
          <Tr key={u.id}>
            <Td dataLabel={col("name")}>
              <Link to={`/console/users/${u.id}`}>{nameOf(u)}</Link>
            </Td>
            <Td dataLabel={col("email")}>{u.email}</Td>
            <Td dataLabel={col("status")}>
              <Label isCompact color={u.status === "active" ? "green" : "grey"}>
                {t(`console.users.status.${u.status}`)}
              </Label>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
