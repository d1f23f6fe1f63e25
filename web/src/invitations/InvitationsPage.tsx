import {
  Content,
  EmptyState,
  EmptyStateBody,
  FormSelect,
  FormSelectOption,
  PageSection,
  Stack,
  StackItem,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { EnvelopeIcon } from "@patternfly/react-icons/dist/esm/icons/envelope-icon";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../shell/ErrorState";
import { LoadMore, useReadOn } from "../shell/LoadMore";
import { PageLoading } from "../shell/PageLoading";
import { INVITATION_STATES, useInvitations, type InvitationState } from "./invitations";
import { InvitationModal, type Outcome } from "./InvitationModals";
import { InvitationsTable, type InvitationAction } from "./InvitationsTable";
import { OutcomeAlert } from "./OutcomeAlert";
import { useInvitationsStrings } from "./strings";

/** /manage/invitations — the personas a delegated admin prepared, their state, Resend and Withdraw. */
export default function InvitationsPage() {
  useInvitationsStrings();
  const { t } = useTranslation();
  const [state, setState] = useState<InvitationState | "">("");
  const list = useInvitations(state);
  const [action, setAction] = useState<InvitationAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // A filtered page may hold nothing while more follow: read on until something shows or the list ends.
  const emptySoFar = !list.isPending && !list.isError && items.length === 0 && list.hasNextPage;
  useReadOn(list, emptySoFar);

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t("invitations.title")}</Title>
        <Content component="p">{t("invitations.intro")}</Content>
      </PageSection>
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <FormSelect aria-label={t("invitations.stateFilter")} value={state} onChange={(_e, v) => setState(v as InvitationState | "")}>
                    <FormSelectOption value="" label={t("invitations.allStates")} />
                    {INVITATION_STATES.map((s) => (
                      <FormSelectOption key={s} value={s} label={t(`invitations.state.${s}`)} />
                    ))}
                  </FormSelect>
                </ToolbarItem>
              </ToolbarContent>
            </Toolbar>
          </StackItem>
          {outcome ? (
            <StackItem>
              <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />
            </StackItem>
          ) : null}
          <StackItem>
            {list.isPending || emptySoFar ? (
              <PageLoading />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : items.length === 0 ? (
              <EmptyState icon={EnvelopeIcon} headingLevel="h2" titleText={t(state ? "invitations.noMatch" : "invitations.empty")}>
                <EmptyStateBody>{t(state ? "invitations.noMatchBody" : "invitations.emptyBody")}</EmptyStateBody>
              </EmptyState>
            ) : (
              <>
                <InvitationsTable
                  items={items}
                  onAction={(a) => {
                    setOutcome(null);
                    setAction(a);
                  }}
                />
                <LoadMore list={list} label={t("invitations.loadMore")} />
              </>
            )}
          </StackItem>
        </Stack>
      </PageSection>
      {action ? (
        <InvitationModal
          action={action}
          onClose={() => setAction(null)}
          onOutcome={(o) => {
            setAction(null);
            setOutcome(o);
          }}
        />
      ) : null}
    </>
  );
}
