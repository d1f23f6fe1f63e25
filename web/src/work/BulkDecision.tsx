import { Alert, Content, Flex, FlexItem, Label, List, ListItem, Spinner, Stack } from "@patternfly/react-core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import { BULK_CONCURRENCY, errorState, runEach, type BulkState } from "./bulk";
import { DecisionModal } from "./DecisionModal";
import { StatusLabel } from "./RequestDetails";
import { ReasonField } from "./RequestModals";
import { REASON_MAX, requestsKey, type WorkRequest } from "./requests";

export type BulkKind = "accept" | "reject";

/**
 * Accept selected / Reject selected: asks first, then decides each request
 * on its own (POST …/accept or …/reject, a few at a time) and shows each
 * one's result as it comes: accepted, rejected, failed with the re-check's
 * reason, or the API's refusal. One failure undoes nothing.
 */
export function BulkDecisionModal({ kind, requests, onClose }: { kind: BulkKind; requests: WorkRequest[]; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [states, setStates] = useState<Record<string, BulkState> | null>(null);
  const all = states ? Object.values(states) : [];
  const finished = all.filter((s) => s.state === "decided" || s.state === "error").length;
  const running = states !== null && finished < requests.length;

  const decide = (r: WorkRequest) => {
    const path = { params: { path: { request_id: r.id } } };
    const why = reason.trim();
    return kind === "accept"
      ? call(api.POST("/me/requests/{request_id}/accept", path))
      : call(api.POST("/me/requests/{request_id}/reject", { ...path, body: why ? { reason: why } : {} }));
  };

  const start = async () => {
    const set = (id: string, s: BulkState) => setStates((old) => ({ ...old, [id]: s }));
    setStates(Object.fromEntries(requests.map((r) => [r.id, { state: "waiting" } as BulkState])));
    await runEach(requests, BULK_CONCURRENCY, (r) => r.subject.id, async (r) => {
      set(r.id, { state: "deciding" });
      try {
        set(r.id, { state: "decided", request: await decide(r) });
      } catch (e) {
        set(r.id, errorState(e));
      }
    });
    await queryClient.invalidateQueries({ queryKey: requestsKey });
  };

  const count = requests.length;
  return (
    <DecisionModal
      id="pp-bulk"
      title={t(`manage.work.bulk.${kind}Title`)}
      variant="medium"
      error={null}
      confirm={t(kind === "accept" ? "work.accept.confirm" : "work.reject.confirm")}
      confirmVariant={kind === "accept" ? "primary" : "danger"}
      pending={running}
      disabled={reason.length > REASON_MAX}
      onConfirm={() => void start()}
      onClose={onClose}
      done={states !== null && !running}
    >
      <Stack hasGutter>
        {states === null ? (
          <>
            <Content component="p">{t("manage.work.bulk.body", { count })}</Content>
            {kind === "reject" ? <ReasonField id="pp-bulk-reason" value={reason} onChange={setReason} /> : null}
          </>
        ) : (
          <Summary states={all} total={count} />
        )}
        <List isPlain isBordered aria-label={t("manage.work.bulk.listLabel")}>
          {requests.map((r) => (
            <ListItem key={r.id}>
              <Row request={r} state={states?.[r.id]} />
            </ListItem>
          ))}
        </List>
      </Stack>
    </DecisionModal>
  );
}

/** Progress while it runs (announced), then the tally. */
function Summary({ states, total }: { states: BulkState[]; total: number }) {
  const { t } = useTranslation();
  const decided = states.flatMap((s) => (s.state === "decided" ? [s.request.status] : []));
  const errors = states.filter((s) => s.state === "error").length;
  const done = decided.length + errors;
  if (done < total) {
    return (
      <Content component="p" aria-live="polite">
        {t("manage.work.bulk.progress", { done, total })}
      </Content>
    );
  }
  const tally = (["accepted", "rejected", "failed"] as const)
    .map((s) => [s, decided.filter((x) => x === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => t(`manage.work.bulk.tally.${s}`, { count: n }));
  if (errors) tally.push(t("manage.work.bulk.tally.error", { count: errors }));
  const allWell = errors === 0 && !decided.includes("failed");
  return <Alert variant={allWell ? "success" : "warning"} isInline isLiveRegion title={t("manage.work.bulk.done", { tally: tally.join(", ") })} />;
}

function Row({ request, state }: { request: WorkRequest; state: BulkState | undefined }) {
  const { t } = useTranslation();
  let label: React.ReactNode = null;
  let detail: string | null = null;
  switch (state?.state) {
    case undefined:
      break;
    case "waiting":
      label = <Label isCompact>{t("manage.work.bulk.waiting")}</Label>;
      break;
    case "deciding":
      label = <Spinner size="md" aria-label={t("manage.work.bulk.deciding")} />;
      break;
    case "decided":
      label = <StatusLabel status={state.request.status} />;
      detail = state.request.status === "failed" ? state.request.failure_reason : null;
      break;
    case "error":
      label = <Label color="red">{t("manage.work.bulk.notDecided")}</Label>;
      detail = state.status === 0 ? t("errors.network") : state.status === 409 ? `${t("work.conflict")}: ${state.message}` : state.message;
      break;
  }
  return (
    <Flex direction={{ default: "column" }} gap={{ default: "gapXs" }}>
      <Flex justifyContent={{ default: "justifyContentSpaceBetween" }} alignItems={{ default: "alignItemsCenter" }} flexWrap={{ default: "nowrap" }} gap={{ default: "gapMd" }}>
        <FlexItem>{request.title}</FlexItem>
        <FlexItem>{label}</FlexItem>
      </Flex>
      {detail ? <span className="pf-v6-u-font-size-sm">{detail}</span> : null}
    </Flex>
  );
}
