import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

export type WorkRequest = components["schemas"]["Request"];
export type RequestStatus = WorkRequest["status"];
export type RequestList = components["schemas"]["RequestList"];

/** The guide's three tabs of My Work. */
export const WORK_TABS = ["approval", "follow-up", "history"] as const;
export type WorkTab = (typeof WORK_TABS)[number];

/** The statuses Requests History filters on (a pending request is never in it). */
export const HISTORY_STATUSES = ["accepted", "rejected", "failed", "cancelled", "expired"] as const;
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];

export const STATUS_COLOR: Record<RequestStatus, "blue" | "green" | "red" | "orange" | "grey"> = {
  pending: "blue",
  accepted: "green",
  rejected: "red",
  failed: "orange",
  cancelled: "grey",
  expired: "grey",
};

export const requestsKey = ["me", "requests"] as const;

export interface ListFilter {
  q: string;
  status: HistoryStatus | "";
}

const PAGE = 50;

function fetchPage(api: ApiClient, tab: WorkTab, filter: ListFilter, cursor: string | undefined): Promise<RequestList> {
  const query = { limit: PAGE, ...(filter.q ? { q: filter.q } : {}), ...(cursor ? { cursor } : {}) };
  switch (tab) {
    case "approval":
      return call(api.GET("/me/requests/approvals", { params: { query } }));
    case "follow-up":
      return call(api.GET("/me/requests/follow-up", { params: { query } }));
    case "history":
      return call(api.GET("/me/requests/history", { params: { query: { ...query, ...(filter.status ? { status: filter.status } : {}) } } }));
  }
}

/** One tab's list, page by page: "Load more" follows next_cursor. */
export function useRequestList(tab: WorkTab, filter: ListFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...requestsKey, tab, filter],
    queryFn: ({ pageParam }) => fetchPage(api, tab, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
    // A new search keeps the rows in view until its answer arrives.
    placeholderData: keepPreviousData,
  });
}

/** Accept, reject or cancel: each answers the request as it now stands; every list is read again, also after a 409. */
function useDecision<V>(fn: (api: ApiClient, v: V) => Promise<WorkRequest>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(api, v),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestsKey }),
  });
}

export function useAcceptRequest() {
  return useDecision((api, id: string) => call(api.POST("/me/requests/{request_id}/accept", { params: { path: { request_id: id } } })));
}

export function useRejectRequest() {
  return useDecision((api, v: { id: string; reason: string }) =>
    call(api.POST("/me/requests/{request_id}/reject", { params: { path: { request_id: v.id } }, body: v.reason.trim() ? { reason: v.reason.trim() } : {} })),
  );
}

export function useCancelRequest() {
  return useDecision((api, id: string) => call(api.DELETE("/me/requests/{request_id}", { params: { path: { request_id: id } } })));
}

export const REASON_MAX = 1000;
