import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The browser tests drive the real local server (functions/local: the built
// portal from web/dist, the API, the development OpenID Provider) on a free
// port with fresh data. `make web-e2e` builds web/dist first.
//
// Playwright loads this file in the runner and again in each worker; the
// port and the data folder are chosen once, by the runner, and handed down
// through the environment.
if (!process.env.PP_E2E_PORT) {
  // A port the OS just handed out and released: free unless raced.
  process.env.PP_E2E_PORT = execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
  process.env.PP_E2E_DATA = mkdtempSync(join(tmpdir(), "pp-e2e-"));
}
const port = process.env.PP_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.e2e.ts",
  // Two shared cores and one server: one worker, tests in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  // Inside the checkout (gitignored), so two checkouts on one machine never share it.
  outputDir: "test-results",
  use: {
    baseURL,
    // Debian's chromium (apt), not a downloaded browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, grepInvert: /@narrow|@screenshots/ },
    // The narrow screen: PatternFly's sidebar collapses behind the hamburger.
    { name: "narrow", use: { ...devices["Desktop Chrome"], channel: undefined, viewport: { width: 400, height: 800 } }, grep: /@narrow/ },
    // make screenshots (PP_SCREENSHOTS=1): docs/screenshots/*.png; never part of make test.
    ...(process.env.PP_SCREENSHOTS ? [{ name: "screenshots", use: { ...devices["Desktop Chrome"], channel: undefined }, grep: /@screenshots/ }] : []),
  ],
  webServer: {
    // From the repository root, where the server finds web/dist.
    command: `${process.env.GO ?? "go"} run ./functions/local --addr 127.0.0.1:${port} --data ${process.env.PP_E2E_DATA}`,
    cwd: "..",
    url: `${baseURL}/healthz`,
    // go run compiles first: allow a cold build cache.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    // The server logs every request; a failed test's trace has what matters.
    stderr: "ignore",
  },
});
