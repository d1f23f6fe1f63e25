import { stubApi } from "../test/api";

type Routes = Parameters<typeof stubApi>[0];

/**
 * The shared fetch stub, plus the query string of each call (the stub keys
 * routes by path alone): answers can read the current call's query through `q()`.
 */
export function stubApiWithQuery(routes: (q: () => URLSearchParams) => Routes) {
  let current = new URLSearchParams();
  const seen: { key: string; query: URLSearchParams }[] = [];
  const api = stubApi(routes(() => current));
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    current = url.searchParams;
    seen.push({ key: `${request.method} ${url.pathname}`, query: url.searchParams });
    return api.fetch(request);
  };
  return { ...api, fetch: fetchFn as typeof fetch, queriesTo: (key: string) => seen.filter((s) => s.key === key).map((s) => s.query) };
}
