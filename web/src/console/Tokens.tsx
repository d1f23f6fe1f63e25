import { Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/** A list of values (scope values, entitlements, types) as labels; the first few, then "N more" that opens the rest. */
export function Tokens({ values, label, color = "grey" }: { values: readonly string[]; label: string; color?: "grey" | "blue" | "purple" | "teal" }) {
  const { t } = useTranslation();
  if (values.length === 0) return <span className="pf-v6-u-color-200">{t("console.common.none")}</span>;
  return (
    <LabelGroup
      aria-label={label}
      numLabels={3}
      expandedText={t("console.common.showLess")}
      collapsedText={t("console.common.showMore", { count: values.length - 3 })}
    >
      {values.map((v) => (
        <Label key={v} color={color} isCompact>
          <span className="pp-code">{v}</span>
        </Label>
      ))}
    </LabelGroup>
  );
}
