import {
  Button,
  Dropdown,
  DropdownItem,
  DropdownList,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  Label,
  MenuToggle,
  PageSection,
  SearchInput,
  Stack,
  StackItem,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon";
import { UsersIcon } from "@patternfly/react-icons/dist/esm/icons/users-icon";
import { Table, Tbody, Td, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorState } from "../shell/ErrorState";
import { LoadMore, LoadMoreButton, useReadOn } from "../shell/LoadMore";
import { PageLoading } from "../shell/PageLoading";
import { TableHead } from "../shell/TableHead";
import { useDebounced } from "../shell/useDebounced";
import { PrepareWizard } from "./PrepareWizard";
import { personName, uniqueUsers, useScopedUsers, type Profile } from "./users";
import { useManageStrings } from "./strings";

/** A search may answer empty pages while more remain: this many are read on without asking. */
const AUTO_PAGES = 5;

/** The guide's Users: the users in the admin's scope, searchable, paged; the three dots → View; Prepare a persona. */
export default function UsersPage() {
  useManageStrings();
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const list = useScopedUsers(q);
  const [preparing, setPreparing] = useState(false);
  const users = uniqueUsers(list.data?.pages);
  const pages = list.data?.pages.length ?? 0;
  // Nobody found yet and more to read: read on (a few pages) before saying so.
  const readingOn = list.isSuccess && !list.isPlaceholderData && users.length === 0 && list.hasNextPage && pages < AUTO_PAGES;

  useReadOn(list, readingOn);

  const prepare = (
    <Button variant="primary" onClick={() => setPreparing(true)}>
      {t("manage.prepare.button")}
    </Button>
  );
  const loadMore = <LoadMoreButton list={list} label={t("manage.users.loadMore")} />;

  return (
    <>
      <PageSection>
        <Flex justifyContent={{ default: "justifyContentSpaceBetween" }} alignItems={{ default: "alignItemsCenter" }} gap={{ default: "gapMd" }}>
          <Title headingLevel="h1">{t("manage.users.title")}</Title>
          {prepare}
        </Flex>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <SearchInput
                    aria-label={t("manage.users.search")}
                    placeholder={t("manage.users.search")}
                    value={search}
                    onChange={(_e, v) => setSearch(v)}
                    onClear={() => setSearch("")}
                  />
                </ToolbarItem>
              </ToolbarContent>
            </Toolbar>
          </StackItem>
          <StackItem>
            {list.isPending || readingOn || (users.length === 0 && list.isFetchingNextPage) ? (
              <PageLoading />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : users.length === 0 ? (
              <EmptyState icon={UsersIcon} headingLevel="h2" titleText={t(q ? (list.hasNextPage ? "manage.users.noMatchYet" : "manage.users.noMatch") : "manage.users.empty")}>
                <EmptyStateBody>{t(q ? (list.hasNextPage ? "manage.users.noMatchYetBody" : "manage.users.noMatchBody") : "manage.users.emptyBody")}</EmptyStateBody>
                <EmptyStateFooter>
                  <EmptyStateActions>{list.hasNextPage ? loadMore : q ? null : prepare}</EmptyStateActions>
                </EmptyStateFooter>
              </EmptyState>
            ) : (
              <>
                <UsersTable users={users} />
                <LoadMore list={list} label={t("manage.users.loadMore")} />
              </>
            )}
          </StackItem>
        </Stack>
      </PageSection>
      {preparing ? <PrepareWizard onClose={() => setPreparing(false)} /> : null}
    </>
  );
}

function UsersTable({ users }: { users: Profile[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const col = (k: string) => t(`manage.users.columns.${k}`);
  return (
    <Table aria-label={t("manage.users.tableLabel")} variant="compact" gridBreakPoint="grid-md">
      <TableHead columns={["name", "email", "status"]} name={col} />
      <Tbody>
        {users.map((u) => {
          const name = personName(u);
          return (
            <Tr key={u.id}>
              <Td dataLabel={col("name")}>
                <Link to={`/manage/users/${u.id}`}>{name}</Link>
              </Td>
              <Td dataLabel={col("email")} modifier="breakWord">
                {u.email}
              </Td>
              <Td dataLabel={col("status")}>
                <Label isCompact color={u.status === "active" ? "green" : "grey"}>
                  {t(`manage.users.status.${u.status}`)}
                </Label>
              </Td>
              <Td dataLabel={col("actions")} modifier="fitContent">
                <ViewMenu name={name} onView={() => navigate(`/manage/users/${u.id}`)} />
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
}

/** The guide's three dots on a user: View. The menu takes the focus when it opens, so Enter, Enter views. */
function ViewMenu({ name, onView }: { name: string; onView: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      shouldFocusFirstItemOnOpen
      popperProps={{ position: "end" }}
      toggle={(ref) => (
        <MenuToggle ref={ref} variant="plain" aria-label={t("manage.users.actionsFor", { name })} isExpanded={open} onClick={() => setOpen(!open)} icon={<EllipsisVIcon />} />
      )}
    >
      <DropdownList>
        <DropdownItem onClick={onView}>{t("manage.users.view")}</DropdownItem>
      </DropdownList>
    </Dropdown>
  );
}
