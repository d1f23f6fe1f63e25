import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";
import { requestsKey } from "../work/requests";

export type PreparedInvitation = components["schemas"]["PreparedInvitation"];
export type InvitationState = PreparedInvitation["state"];
export type SentInvitation = components["schemas"]["Invitation"];

/** The states, in the order an invitation goes through them (the filter's order). */
export const INVITATION_STATES: InvitationState[] = [
  "waiting_for_user",
  "waiting_for_activation",
  "done",
  "rejected",
  "expired",
  "withdrawn",
  "failed",
];

export const STATE_COLOR: Record<InvitationState, "blue" | "purple" | "green" | "red" | "grey" | "orange"> = {
  waiting_for_user: "blue",
  waiting_for_activation: "purple",
  done: "green",
  rejected: "red",
  expired: "grey",
  withdrawn: "grey",
  failed: "orange",
};

/** Only an invitation the user has not answered can be sent again or withdrawn. */
export const canAct = (inv: PreparedInvitation) => inv.state === "waiting_for_user";

export const invitationsKey = ["me", "invitations"] as const;

const PAGE = 50;

function fetchPage(api: ApiClient, state: InvitationState | "", cursor: string | undefined) {
  const query = { limit: PAGE, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) };
  return call(api.GET("/persona-invitations", { params: { query } }));
}

/** The invitations the caller prepared, newest first, page by page ("Load more" follows next_cursor). */
export function useInvitations(state: InvitationState | "") {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...invitationsKey, state],
    queryFn: ({ pageParam }) => fetchPage(api, state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** Resend and withdraw: the list (and My Work, which shows the same requests) is read again, also after a refusal. */
function useInvitationAction<V, R>(fn: (api: ApiClient, v: V) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(api, v),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationsKey }),
        queryClient.invalidateQueries({ queryKey: requestsKey }),
      ]);
    },
  });
}

export function useResendInvitation() {
  return useInvitationAction((api, v: { id: string; sendEmail: boolean }) =>
    call(
      api.POST("/persona-invitations/{request_id}/resend", {
        params: { path: { request_id: v.id } },
        body: { send_email: v.sendEmail },
      }),
    ),
  );
}

/** Withdrawing is cancelling the assign_persona request (its initiator, while pending). */
export function useWithdrawInvitation() {
  return useInvitationAction((api, id: string) => call(api.DELETE("/me/requests/{request_id}", { params: { path: { request_id: id } } })));
}
