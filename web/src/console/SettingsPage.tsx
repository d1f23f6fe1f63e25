import { ActionGroup, Alert, Button, Form, Skeleton } from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../shell/ErrorState";
import { ConsolePage } from "./ConsolePage";
import { ErrorAlert } from "./ErrorAlert";
import { fieldErrorsOf, onAnyField, reasonFor } from "./fields";
import { CheckField, TextField, useFocusOnRefusal } from "./FormFields";
import { SETTINGS, useSaveSettings, useSettings, type SettingKey, type Settings, type SettingsInput } from "./settings";
import { useConsoleStrings } from "./strings";
import "./console.css";

/** Settings: every setting of the tenant with what it does and its default; Save sends what changed. */
export default function SettingsPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  const settings = useSettings();
  const save = useSaveSettings();
  return (
    <ConsolePage title={t("console.settings.title")} intro={t("console.settings.intro")}>
      {settings.isPending ? (
        <div aria-busy="true" aria-label={t("app.loading")} role="status" style={{ maxWidth: "40rem" }}>
          {SETTINGS.map((s) => (
            <Skeleton key={s.key} height="3.5rem" style={{ marginBottom: "var(--pf-t--global--spacer--lg)" }} />
          ))}
        </div>
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        // A saved version starts the form afresh from it.
        <SettingsForm key={settings.data.updated_at} settings={settings.data} save={save} />
      )}
    </ConsolePage>
  );
}

type Values = Record<SettingKey, string | boolean>;

function valuesOf(s: Settings): Values {
  return Object.fromEntries(SETTINGS.map(({ key, kind }) => [key, kind === "flag" ? s[key] : String(s[key])])) as Values;
}

function SettingsForm({ settings, save }: { settings: Settings; save: ReturnType<typeof useSaveSettings> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const initial = valuesOf(settings);
  const changes = Object.fromEntries(
    SETTINGS.filter(({ key }) => values[key] !== initial[key]).map(({ key, kind }) => {
      const v = values[key];
      // A number field's text goes as a number; what is not one goes as it is, for the API to name.
      return [key, kind === "number" && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : typeof v === "string" ? v.trim() : v];
    }),
  ) as SettingsInput;
  const dirty = Object.keys(changes).length > 0;
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusOnRefusal(save.error);
  const onFields = onAnyField(
    errors,
    SETTINGS.map((s) => s.key),
  );

  const edit = (key: SettingKey, v: string | boolean) => {
    setValues((old) => ({ ...old, [key]: v }));
    if (save.isSuccess) save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) save.mutate(changes);
  };
  const defaultOf = (d: boolean | number | string) =>
    typeof d === "boolean" ? t(d ? "console.settings.defaultOn" : "console.settings.defaultOff") : d === "" ? t("console.settings.defaultEmpty") : t("console.settings.default", { value: d });

  return (
    <Form ref={formRef} onSubmit={submit} noValidate style={{ maxWidth: "44rem" }}>
      {SETTINGS.map((s) => {
        const id = `pp-setting-${s.key}`;
        const help = (
          <>
            {t(`console.settings.fields.${s.key}Help`)} <strong>{defaultOf(s.default)}</strong>
          </>
        );
        const error = reasonFor(errors, s.key);
        const label = t(`console.settings.fields.${s.key}`);
        return s.kind === "flag" ? (
          <CheckField key={s.key} id={id} label={label} checked={values[s.key] as boolean} onChange={(v) => edit(s.key, v)} help={help} error={error} />
        ) : (
          <TextField
            key={s.key}
            id={id}
            label={label}
            type={s.kind}
            value={values[s.key] as string}
            onChange={(v) => edit(s.key, v)}
            help={help}
            error={error}
            {...(s.kind === "number" ? { min: s.min, max: s.max, narrow: true } : {})}
          />
        );
      })}
      {/* The outcome beside Save, which may be far below the top of the form. */}
      {save.isSuccess ? <Alert variant="success" isInline isLiveRegion title={t("console.settings.saved")} /> : null}
      {save.isError ? (
        <ErrorAlert title={onFields ? t("console.common.fixFields") : t("console.settings.saveFailed")} error={onFields ? null : save.error} onRetry={() => save.mutate(changes)} />
      ) : null}
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={!dirty || save.isPending} isLoading={save.isPending}>
          {t("console.common.save")}
        </Button>
        <Button
          variant="link"
          isDisabled={!dirty || save.isPending}
          onClick={() => {
            setValues(valuesOf(settings));
            save.reset();
          }}
        >
          {t("console.common.cancel")}
        </Button>
      </ActionGroup>
    </Form>
  );
}
