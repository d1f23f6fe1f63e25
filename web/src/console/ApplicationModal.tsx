import { FormGroup } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSaveApplication, type Application, type ApplicationInput } from "./applications";
import { fieldErrorsOf, joinTokens, onAnyField, splitTokens } from "./fields";
import { bindFields, TextField } from "./FormFields";
import { FormModal } from "./FormModal";

const TEXT = ["name", "description", "url", "icon_url"] as const;
const LISTS = ["persona_types", "entitlements_any"] as const;
const FIELDS = [...TEXT, ...LISTS];
type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(a: Application | null): Values {
  return {
    name: a?.name ?? "",
    description: a?.description ?? "",
    url: a?.url ?? "",
    icon_url: a?.icon_url ?? "",
    persona_types: joinTokens(a?.persona_types ?? []),
    entitlements_any: joinTokens(a?.entitlements_any ?? []),
  };
}

/** Create an application, or edit one: who sees it (persona types, entitlements) and where it opens. */
export function ApplicationModal({ application, onClose, onSaved }: { application: Application | null; onClose: () => void; onSaved: (a: Application) => void }) {
  const { t } = useTranslation();
  const save = useSaveApplication(application?.id ?? null);
  const [values, setValues] = useState<Values>(() => valuesOf(application));
  const errors = fieldErrorsOf(save.error);
  const set = (k: keyof Values, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const f = (k: string) => `console.applications.fields.${k}`;
  const field = bindFields({ t, id: "pp-app", keys: "console.applications.fields", values, set, errors });

  const submit = () => {
    const body: ApplicationInput = {
      name: values.name.trim(),
      description: values.description.trim(),
      url: values.url.trim(),
      icon_url: values.icon_url.trim(),
      persona_types: splitTokens(values.persona_types),
      entitlements_any: splitTokens(values.entitlements_any),
    };
    save.mutate(body, { onSuccess: (a) => onSaved(a as Application) });
  };

  const title = application ? t("console.applications.editTitle", { name: application.name }) : t("console.applications.createTitle");
  const onFields = onAnyField(errors, FIELDS);
  return (
    <FormModal
      id="pp-application"
      title={title}
      intro={t("console.applications.formIntro")}
      error={save.error}
      onFields={onFields}
      failed={t("console.applications.saveFailed")}
      submit={t("console.common.save")}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {application ? (
        <FormGroup label={t(f("id"))} fieldId="pp-app-id">
          <span id="pp-app-id" className="pp-code">
            {application.id}
          </span>
        </FormGroup>
      ) : null}
      <TextField {...field.text("name", false)} isRequired />
      <TextField {...field.text("description")} rows={2} />
      <TextField {...field.text("url")} type="url" isRequired />
      <TextField {...field.text("icon_url")} type="url" />
      {LISTS.map((k) => (
        <TextField key={k} {...field.text(k)} rows={2} mono />
      ))}
    </FormModal>
  );
}
