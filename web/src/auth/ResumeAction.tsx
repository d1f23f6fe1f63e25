import { Alert, AlertActionCloseButton, PageSection } from "@patternfly/react-core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { resend } from "../api/client";
import { useApi } from "../api/context";
import { ApiError, asSentence, call } from "../api/errors";
import type { BlockedAction } from "./blocked";
import { quietStepUp } from "./session";

/** A request the action answered with: its title, and a failed effect's reason. */
interface Answer {
  title?: unknown;
  status?: unknown;
  failure_reason?: unknown;
}

/**
 * Back from the step-up sign-in: sends the mutation it blocked once more,
 * says how it went (the API's message when it did not), and reads every
 * query again, since the action may have changed any of them. The message
 * belongs to the page the sign-in came back to: it shows there only.
 */
export function ResumeAction({ action }: { action: BlockedAction }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [closed, setClosed] = useState(false);
  const { pathname } = useLocation();
  const [page] = useState(pathname);
  const replay = useMutation({
    mutationFn: async () => {
      // A second step_up_required is shown here, never followed: one trip per action.
      quietStepUp();
      const answer = (await call(resend(api, action.method, action.path, action.body))) as Answer | undefined;
      // A request whose effect failed is an answer of its own (My Work says "… failed").
      if (answer?.status === "failed") throw new Error(typeof answer.failure_reason === "string" ? answer.failure_reason : "");
      return answer;
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
  const started = useRef(false);
  const { mutate } = replay;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);
  if (closed || pathname !== page) return null;
  const label = t(`resume.actions.${action.label}`);
  const close = replay.isPending ? undefined : <AlertActionCloseButton onClose={() => setClosed(true)} />;
  const error = replay.error;
  const title = typeof replay.data?.title === "string" ? replay.data.title : null;
  return (
    <PageSection>
      {replay.isPending ? (
        <Alert variant="info" isInline isLiveRegion title={t("resume.running", { action: label })} />
      ) : error ? (
        <Alert variant="danger" isInline isLiveRegion title={t("resume.failed", { action: label })} actionClose={close}>
          {error instanceof ApiError && error.status === 0 ? t("errors.network") : asSentence(error.message)}
        </Alert>
      ) : (
        <Alert variant="success" isInline isLiveRegion title={t("resume.done", { action: label })} actionClose={close}>
          {title}
        </Alert>
      )}
    </PageSection>
  );
}
