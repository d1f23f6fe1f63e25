// Sums the gzipped JavaScript the browser loads before the first screen
// (My Account > General): the entry, the page chunks of that route and every
// chunk they import, from Vite's manifest. Fails past the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const FIRST_SCREEN = ["index.html", "src/account/AccountPage.tsx", "src/account/GeneralTab.tsx"];
const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));

const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
FIRST_SCREEN.forEach(visit);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const gz = gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(2).padStart(8)} kB  ${file}`);
}
const kb = total / 1024;
console.log(`${kb.toFixed(2).padStart(8)} kB  gzipped JS before the first screen (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) process.exit(1);
