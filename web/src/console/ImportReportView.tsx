import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import type { ImportReport } from "./importFile";

const COUNTS = ["created", "updated", "unchanged"] as const;

/** An import's report, per line: how many lines create, change or leave a user as it is, and each line the API refused, with its reason. */
export function ImportReportView({ report, id, title }: { report: ImportReport; id: string; title: string }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`console.import.report.columns.${k}`);
  return (
    <section aria-labelledby={`${id}-title`}>
      <Title headingLevel="h3" id={`${id}-title`} size="md">
        {title}
      </Title>
      <DescriptionList isCompact isHorizontal isFluid columnModifier={{ default: "1Col", md: "2Col" }} style={{ marginTop: "var(--pf-t--global--spacer--sm)" }}>
        {COUNTS.map((k) => (
          <DescriptionListGroup key={k}>
            <DescriptionListTerm>{t(`console.import.report.${k}`)}</DescriptionListTerm>
            <DescriptionListDescription>{report[k]}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
        <DescriptionListGroup>
          <DescriptionListTerm>{t("console.import.report.errors")}</DescriptionListTerm>
          <DescriptionListDescription>{report.errors.length}</DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      {report.errors.length > 0 ? (
        <Table aria-label={t("console.import.report.errorsLabel", { title })} variant="compact" gridBreakPoint="grid-md" style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
          <Thead>
            <Tr>
              <Th modifier="fitContent">{col("line")}</Th>
              <Th modifier="fitContent">{col("problem")}</Th>
              <Th>{col("message")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {report.errors.map((e, i) => (
              <Tr key={`${e.line}-${i}`}>
                <Td dataLabel={col("line")}>{e.line}</Td>
                <Td dataLabel={col("problem")} modifier="nowrap">
                  {t(`console.import.codes.${e.code}`, { defaultValue: e.code })}
                </Td>
                <Td dataLabel={col("message")}>{e.message}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </section>
  );
}
