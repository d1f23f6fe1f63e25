import { Button, Flex } from "@patternfly/react-core";
import { useEffect } from "react";

/** What a paged list (useInfiniteQuery) offers for reading on. */
interface Paged {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  data?: { pages: unknown[] } | undefined;
}

/** The button that reads a paged list's next page, busy while it does. */
export function LoadMoreButton({ list, label }: { list: Paged; label: string }) {
  return (
    <Button variant="secondary" onClick={() => void list.fetchNextPage()} isLoading={list.isFetchingNextPage} isDisabled={list.isFetchingNextPage}>
      {label}
    </Button>
  );
}

/** Under a paged list's table: Load more, centred, while more pages remain. */
export function LoadMore({ list, label }: { list: Paged; label: string }) {
  if (!list.hasNextPage) return null;
  return (
    <Flex justifyContent={{ default: "justifyContentCenter" }} style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
      <LoadMoreButton list={list} label={label} />
    </Flex>
  );
}

/**
 * Reads the next page by itself while `readOn` holds and nothing is being read:
 * a filtered page may come back empty with more after it, and "nothing found"
 * should wait until something shows or the list ends (each page says when).
 */
export function useReadOn(list: Paged, readOn: boolean) {
  const { isFetching, fetchNextPage } = list;
  // Each page read runs it again: a fast answer may never show as fetching.
  const pages = list.data?.pages.length ?? 0;
  useEffect(() => {
    if (readOn && !isFetching) void fetchNextPage();
  }, [readOn, isFetching, pages, fetchNextPage]);
}
