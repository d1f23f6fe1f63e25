import { Checkbox, FormGroup, TextInput } from "@patternfly/react-core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { FieldHelp } from "../shell/FieldHelp";

/** A date field's value ("2026-12-01") as the API's midnight UTC; "" stays unset. */
export function fromDateInput(day: string): string {
  return `${day}T00:00:00Z`;
}

/** An API timestamp as a date field's value. */
export function toDateInput(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "";
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** What the portal checks before it asks (the API checks the rest, and its word lands on the same fields). */
export function checkEmail(t: TFunction, value: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? t("manage.form.errors.emailRequired") : undefined;
  return EMAIL.test(v) ? undefined : t("manage.form.errors.email");
}

export function checkPeriod(t: TFunction, from: string, until: string): string | undefined {
  return from && until && until <= from ? t("manage.form.errors.untilAfterFrom") : undefined;
}

/**
 * The API's details.fields on this form's fields: "attributes.x" lands on
 * attributes; a field the form does not show is answered in the form's alert.
 */
export function apiFieldErrors(fields: Record<string, string>, shown: readonly string[]): { on: Record<string, string>; rest: string[] } {
  const on: Record<string, string> = {};
  const rest: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    const base = k.split(/[.[]/)[0] ?? k;
    if (shown.includes(base)) on[base] = on[base] ? `${on[base]} ${v}` : v;
    else rest.push(`${k}: ${v}`);
  }
  return { on, rest };
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: "text" | "email" | "date";
  error?: string | undefined;
  help?: string | undefined;
  isRequired?: boolean;
  min?: string;
}

export function TextField({ id, label, value, onChange, type = "text", error, help, isRequired = false, min }: TextFieldProps) {
  return (
    <FormGroup label={label} fieldId={id} isRequired={isRequired}>
      <TextInput
        id={id}
        name={id}
        type={type}
        value={value}
        isRequired={isRequired}
        validated={error ? "error" : "default"}
        aria-describedby={error || help ? `${id}-help` : undefined}
        onChange={(_e, v) => onChange(v)}
        {...(min ? { min } : {})}
      />
      <FieldHelp id={id} error={error} help={help} />
    </FormGroup>
  );
}

/** The scope values to pick from: only those within the admin's own scope are offered (the API cut them already). */
export function ScopePicker({
  id,
  values,
  selected,
  onChange,
  error,
}: {
  id: string;
  values: string[];
  selected: string[];
  onChange: (scope: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const toggle = (v: string, on: boolean) => onChange(on ? [...selected, v].sort() : selected.filter((s) => s !== v));
  return (
    <FormGroup role="group" label={t("manage.form.scope")} fieldId={id} isStack>
      {values.length === 0 ? (
        <span id={id}>{t("manage.form.noScopeValues")}</span>
      ) : (
        values.map((v, i) => (
          <Checkbox
            key={v}
            id={`${id}-${i}`}
            label={v}
            isChecked={selected.includes(v)}
            onChange={(_e, on) => toggle(v, on)}
            aria-describedby={`${id}-help`}
          />
        ))
      )}
      <FieldHelp id={id} error={error} help={values.length ? t("manage.form.scopeHelp") : undefined} />
    </FormGroup>
  );
}
