import { Button, Flex, FlexItem, FormGroup, TextInput } from "@patternfly/react-core";
import { MinusCircleIcon } from "@patternfly/react-icons/dist/esm/icons/minus-circle-icon";
import { PlusCircleIcon } from "@patternfly/react-icons/dist/esm/icons/plus-circle-icon";
import { useTranslation } from "react-i18next";
import { FieldHelp } from "../shell/FieldHelp";

export interface AttributeRow {
  key: string;
  value: string;
}

type Attributes = Record<string, unknown>;

/** A value as the editor shows it: strings as they are, anything else as its JSON. */
function asText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function toRows(attributes: Attributes): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: asText(value) }));
}

/** Two rows with one name cannot both be sent. */
export function duplicateKey(rows: AttributeRow[]): string | null {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    if (!k) continue;
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}

/** The rows as a new persona's attributes (values are text). */
export function rowsToAttributes(rows: AttributeRow[]): Attributes {
  return Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));
}

/**
 * The rows as a merge patch of `before`: a removed key is null, a new or
 * changed one is set (as text), an untouched one is left out, so a value
 * that is not text survives an edit of another key. Empty when nothing changed.
 */
export function attributesPatch(before: Attributes, rows: AttributeRow[]): Attributes {
  const after = rowsToAttributes(rows);
  const patch: Attributes = {};
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
  for (const [k, v] of Object.entries(after)) if (!(k in before) || asText(before[k]) !== v) patch[k] = v;
  return patch;
}

/** Custom persona attributes: a name and a value a row. */
export function AttributesEditor({ id, rows, onChange, error }: { id: string; rows: AttributeRow[]; onChange: (rows: AttributeRow[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<AttributeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <FormGroup role="group" label={t("manage.form.attributes")} fieldId={id} isStack>
      {rows.map((r, i) => (
        <Flex key={i} gap={{ default: "gapSm" }} flexWrap={{ default: "nowrap" }} alignItems={{ default: "alignItemsCenter" }}>
          <FlexItem flex={{ default: "flex_1" }}>
            <TextInput
              id={`${id}-key-${i}`}
              aria-label={t("manage.form.attributeName", { n: i + 1 })}
              placeholder={t("manage.form.attributeNamePlaceholder")}
              value={r.key}
              validated={error ? "error" : "default"}
              onChange={(_e, v) => set(i, { key: v })}
            />
          </FlexItem>
          <FlexItem flex={{ default: "flex_2" }}>
            <TextInput
              id={`${id}-value-${i}`}
              aria-label={t("manage.form.attributeValue", { n: i + 1 })}
              placeholder={t("manage.form.attributeValuePlaceholder")}
              value={r.value}
              onChange={(_e, v) => set(i, { value: v })}
            />
          </FlexItem>
          <Button
            variant="plain"
            aria-label={t("manage.form.removeAttribute", { n: i + 1 })}
            icon={<MinusCircleIcon />}
            onClick={() => onChange(rows.filter((_r, j) => j !== i))}
          />
        </Flex>
      ))}
      <div>
        <Button variant="link" isInline icon={<PlusCircleIcon />} onClick={() => onChange([...rows, { key: "", value: "" }])}>
          {t("manage.form.addAttribute")}
        </Button>
      </div>
      <FieldHelp id={id} error={error} help={rows.length ? undefined : t("manage.form.noAttributes")} />
    </FormGroup>
  );
}
