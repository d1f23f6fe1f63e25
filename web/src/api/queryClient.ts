import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./errors";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will answer the same again; only a failed dependency or a
        // lost connection is worth one quiet retry before the screen says so.
        retry: (count, error) => count < 1 && error instanceof ApiError && error.retryable,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
