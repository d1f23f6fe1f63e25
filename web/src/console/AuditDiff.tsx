import { Label, Switch } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { diffJson } from "./jsonDiff";

const COLOR = { added: "green", removed: "red", changed: "blue", same: "grey" } as const;

/** An audit record's before and after, field by field: what changed first, what stayed on request. */
export function AuditDiff({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [all, setAll] = useState(false);
  const rows = diffJson(before, after);
  const changed = rows.filter((r) => r.change !== "same");
  const shown = all ? rows : changed;
  const col = (k: string) => t(`console.audit.diff.${k}`);
  const empty = <span className="pf-v6-u-color-200">{t("console.audit.diff.nothing")}</span>;
  return (
    <div>
      {rows.length > changed.length ? (
        <Switch id={`${id}-all`} label={t("console.audit.diff.showSame", { count: rows.length - changed.length })} isChecked={all} onChange={(_e, v) => setAll(v)} />
      ) : null}
      {shown.length === 0 ? (
        <p>{t("console.audit.diff.noChange")}</p>
      ) : (
        <Table aria-label={label} variant="compact" gridBreakPoint="grid-md" className="pp-diff" style={{ marginTop: "var(--pf-t--global--spacer--sm)" }}>
          <Thead>
            <Tr>
              <Th width={30}>{col("field")}</Th>
              <Th width={35}>{col("before")}</Th>
              <Th width={35}>{col("after")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {shown.map((r) => (
              <Tr key={r.path}>
                <Td dataLabel={col("field")}>
                  <span className="pp-code">{r.path}</span>{" "}
                  {r.change !== "same" ? (
                    <Label isCompact color={COLOR[r.change]}>
                      {t(`console.audit.diff.${r.change}`)}
                    </Label>
                  ) : null}
                </Td>
                <Td dataLabel={col("before")} className={r.change === "removed" ? "pp-diff-removed" : undefined}>
                  {r.before === undefined ? empty : r.before || <span className="pf-v6-u-color-200">{t("console.audit.diff.emptyValue")}</span>}
                </Td>
                <Td dataLabel={col("after")}>{r.after === undefined ? empty : r.after || <span className="pf-v6-u-color-200">{t("console.audit.diff.emptyValue")}</span>}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}
