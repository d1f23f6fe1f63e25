import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { withTextRoutes, type TextCall } from "./testing";

const SAMPLE = readFileSync(resolve(__dirname, "../../../docs/import-sample.csv"), "utf8");
const report = (over = {}) => ({ created: 0, updated: 0, unchanged: 0, errors: [], ...over });

function choose(text: string, name = "users.csv") {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  return userEvent.setup().upload(input, new File([text], name, { type: name.endsWith(".csv") ? "text/csv" : "application/x-ndjson" }));
}

/** A term's value in a report (its description list). */
function count(region: HTMLElement, term: string) {
  return within(region).getByText(term).closest(".pf-v6-c-description-list__group")!.querySelector("dd")!.textContent;
}

describe("Import users", () => {
  it("checks the sample first (dry run, the file as it is), then imports it with the progress bar", async () => {
    const user = userEvent.setup();
    const api = withTextRoutes(stubApi({}), {
      // The first check plans the sample; once imported, a check finds it all there.
      "POST /admin/import": (c) => json(200, c.search && api.textCalls.length > 2 ? report({ unchanged: 6 }) : report({ created: 3, updated: 3 })),
    });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    expect(screen.getByRole("button", { name: "Check the file" })).toBeDisabled();
    await choose(SAMPLE, "import-sample.csv");
    expect(await screen.findByText("CSV, 6 lines to import.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Check the file" }));
    const dryRun = await screen.findByRole("region", { name: "What the import will do" });
    expect(count(dryRun, "New users")).toBe("3");
    expect(count(dryRun, "Changed users")).toBe("3");
    expect(count(dryRun, "Errors")).toBe("0");
    expect(api.textCalls[0]).toEqual<TextCall>({ method: "POST", path: "/admin/import", search: "?dry_run=true", contentType: "text/csv", body: SAMPLE });

    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("The import is done.")).toBeInTheDocument();
    const bar = screen.getByRole("progressbar", { name: "Importing" });
    expect(bar).toHaveAttribute("aria-valuenow", "100");
    expect(bar).toHaveAttribute("aria-valuetext", "6 of 6 lines");
    expect(count(screen.getByRole("region", { name: "What the import did" }), "New users")).toBe("3");
    // Without dry_run; the header and the six rows (the file is one part).
    expect(api.textCalls[1]!.search).toBe("");
    expect(api.textCalls[1]!.body.trim().split("\n")).toEqual(SAMPLE.trim().split("\n"));
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();

    // Checked again, the file states what is there: the new report replaces the run's.
    await user.click(screen.getByRole("button", { name: "Check the file" }));
    expect(count(await screen.findByRole("region", { name: "What the import will do" }), "Unchanged")).toBe("6");
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import" })).toBeEnabled();
  });

  it("shows the dry run's errors line by line, and says those lines will be left out", async () => {
    const user = userEvent.setup();
    const api = withTextRoutes(stubApi({}), {
      "POST /admin/import": () =>
        json(200, report({ created: 1, errors: [{ line: 3, code: "invalid_request", message: "persona_valid_until: must be an RFC 3339 timestamp" }] })),
    });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    await choose("email,persona_valid_until\na@x.test,\nb@x.test,tomorrow\n");
    await user.click(await screen.findByRole("button", { name: "Check the file" }));
    const errors = await screen.findByRole("grid", { name: "What the import will do: the lines with an error" });
    const row = within(errors).getByRole("row", { name: /persona_valid_until/ });
    expect(row).toHaveTextContent("3");
    expect(row).toHaveTextContent("Not valid");
    expect(screen.getByText(/The lines with an error will be left out; the others will be imported\./)).toBeInTheDocument();
  });

  it("sends a big file in parts of 100 lines, header repeated, and reports errors in the file's line numbers", async () => {
    const user = userEvent.setup();
    const rows = Array.from({ length: 250 }, (_, i) => `u${i}@x.test,User ${i}`);
    const api = withTextRoutes(stubApi({}), {
      "POST /admin/import": (c) => {
        if (c.search) return json(200, report({ created: 250 }));
        const lines = c.body.trim().split("\n");
        // The part's own line 2 (its first row) fails.
        return json(200, report({ created: lines.length - 2, errors: [{ line: 2, code: "conflict", message: "the user changed meanwhile" }] }));
      },
    });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    await choose(`email,given_name\n${rows.join("\n")}\n`);
    await user.click(await screen.findByRole("button", { name: "Check the file" }));
    await screen.findByRole("region", { name: "What the import will do" });
    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("The import is done, except the lines with an error.")).toBeInTheDocument();

    const parts = api.textCalls.slice(1);
    expect(parts.map((p) => p.body.trim().split("\n").length)).toEqual([101, 101, 51]);
    expect(parts.every((p) => p.body.startsWith("email,given_name\n"))).toBe(true);
    const result = screen.getByRole("region", { name: "What the import did" });
    expect(count(result, "New users")).toBe("247");
    const errors = within(result).getByRole("grid");
    expect(within(errors).getAllByRole("row").slice(1).map((r) => r.querySelector("td")!.textContent)).toEqual(["2", "102", "202"]);
    expect(screen.getByRole("progressbar", { name: "Importing" })).toHaveAttribute("aria-valuetext", "250 of 250 lines");
  });

  it("stops on a part that fails as a whole, and Resume sends it again", async () => {
    const user = userEvent.setup();
    let parts = 0;
    const api = withTextRoutes(stubApi({}), {
      "POST /admin/import": (c) => {
        if (c.search) return json(200, report({ created: 150 }));
        parts += 1;
        return parts === 2 ? apiError(503, "unavailable", "a dependency is unavailable; nothing was changed, try again") : json(200, report({ created: c.body.trim().split("\n").length - 1 }));
      },
    });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    await choose(`email\n${Array.from({ length: 150 }, (_, i) => `u${i}@x.test`).join("\n")}\n`);
    await user.click(await screen.findByRole("button", { name: "Check the file" }));
    await screen.findByRole("region", { name: "What the import will do" });
    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("The import stopped after 100 of 150 lines")).toBeInTheDocument();
    expect(screen.getByText("a dependency is unavailable; nothing was changed, try again")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Resume" }));
    expect(await screen.findByText("The import is done.")).toBeInTheDocument();
    expect(count(screen.getByRole("region", { name: "What the import did" }), "New users")).toBe("150");
    expect(api.textCalls.slice(1).map((c) => c.body.trim().split("\n").length)).toEqual([101, 51, 51]);
  });

  it("shows the API's refusal of the whole file (a CSV header it cannot read)", async () => {
    const user = userEvent.setup();
    const api = withTextRoutes(stubApi({}), {
      "POST /admin/import": () => apiError(400, "invalid_request", "the request is not valid", { fields: { header: 'column 2 ("colour") is not a known column' } }),
    });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    await choose("email,colour\na@x.test,red\n");
    await user.click(await screen.findByRole("button", { name: "Check the file" }));
    expect(await screen.findByText("The file was not checked")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();
  });

  it("reads an NDJSON export as NDJSON", async () => {
    const user = userEvent.setup();
    const api = withTextRoutes(stubApi({}), { "POST /admin/import": () => json(200, report({ unchanged: 2 })) });
    renderApp("/console/import-export", api);
    await screen.findByRole("heading", { name: "Import users" });
    await choose('{"email":"a@x.test"}\n{"email":"b@x.test"}\n', "users-2026-11-24.ndjson");
    expect(await screen.findByText("NDJSON, 2 lines to import.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Check the file" }));
    await screen.findByRole("region", { name: "What the import will do" });
    expect(api.textCalls[0]!.contentType).toBe("application/x-ndjson");
  });
});

describe("Export users", () => {
  // What the page saved: the link's file name and the blob behind it.
  let saved: { name: string; blob: Blob }[];
  const { createObjectURL, revokeObjectURL } = URL;
  beforeEach(() => {
    saved = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = (b: Blob) => `blob:${blobs.push(b) - 1}`;
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs[Number(this.href.slice("blob:".length))]! });
    });
  });
  afterEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    vi.restoreAllMocks();
  });

  const ndjson = (text: string, link?: string) =>
    new Response(text, { status: 200, headers: { "Content-Type": "application/x-ndjson; charset=utf-8", ...(link ? { Link: link } : {}) } });

  it("gathers every page the Link header names into one file and saves it", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/export": (c) =>
        c.search?.includes("cursor=")
          ? ndjson('{"email":"c@x.test","personas":[]}\n')
          : ndjson('{"email":"a@x.test","personas":[]}\n{"email":"b@x.test","personas":[]}\n', '</admin/export?cursor=abc%2B1&limit=1000>; rel="next"'),
    });
    renderApp("/console/import-export", api);
    await user.click(await screen.findByRole("button", { name: "Download the export" }));
    expect(await screen.findByText(/^users-\d{4}-\d{2}-\d{2}\.ndjson is downloaded: 3 lines\.$/)).toBeInTheDocument();
    expect(api.callsTo("GET /admin/export").map((c) => c.search)).toEqual(["?limit=1000", "?limit=1000&cursor=abc%2B1"]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toMatch(/^users-\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(await saved[0]!.blob.text()).toBe('{"email":"a@x.test","personas":[]}\n{"email":"b@x.test","personas":[]}\n{"email":"c@x.test","personas":[]}\n');
  });

  it("shows the API's message when a page fails, and Retry starts again", async () => {
    const user = userEvent.setup();
    const api = stubApi({ "GET /admin/export": [apiError(503, "unavailable", "try again"), ndjson('{"email":"a@x.test","personas":[]}\n')] });
    renderApp("/console/import-export", api);
    await user.click(await screen.findByRole("button", { name: "Download the export" }));
    expect(await screen.findByText("try again")).toBeInTheDocument();
    expect(saved).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(saved).toHaveLength(1));
  });
});

describe("Import / export in French", () => {
  it("speaks French", async () => {
    renderApp("/console/import-export", stubApi({}), "fr");
    expect(await screen.findByRole("heading", { name: "Importer des utilisateurs" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Télécharger l’export" })).toBeInTheDocument();
  });
});
