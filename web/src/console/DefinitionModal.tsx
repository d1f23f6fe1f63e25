import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSaveDefinition, type Definition, type DefinitionInput } from "./definitions";
import { fieldErrorsOf, joinTokens, onAnyField, splitTokens } from "./fields";
import { bindFields, CheckField, TextField } from "./FormFields";
import { FormModal } from "./FormModal";

const TEXT = ["type", "display_name", "description"] as const;
const LISTS = ["scope_values", "entitlements", "manages"] as const;
const FLAGS = ["delegable", "step_up_required"] as const;
const FIELDS = [...TEXT, ...LISTS, ...FLAGS];

type Values = Record<(typeof TEXT)[number] | (typeof LISTS)[number], string> & Record<(typeof FLAGS)[number], boolean>;

function valuesOf(d: Definition | null): Values {
  return {
    type: d?.type ?? "",
    display_name: d?.display_name ?? "",
    description: d?.description ?? "",
    scope_values: joinTokens(d?.scope_values ?? []),
    entitlements: joinTokens(d?.entitlements ?? []),
    manages: joinTokens(d?.manages ?? []),
    delegable: d?.delegable ?? false,
    step_up_required: d?.step_up_required ?? false,
  };
}

/** Create a persona definition, or edit one (the type stays): every field with what it means, the API's reasons on the fields. */
export function DefinitionModal({ definition, onClose, onSaved }: { definition: Definition | null; onClose: () => void; onSaved: (d: Definition) => void }) {
  const { t } = useTranslation();
  const save = useSaveDefinition(definition !== null);
  const [values, setValues] = useState<Values>(() => valuesOf(definition));
  const errors = fieldErrorsOf(save.error);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));
  const f = (k: string) => `console.definitions.fields.${k}`;
  const field = bindFields({ t, id: "pp-def", keys: "console.definitions.fields", values, set, errors });

  const submit = () => {
    const body: DefinitionInput = {
      type: values.type.trim(),
      display_name: values.display_name.trim(),
      description: values.description.trim(),
      scope_values: splitTokens(values.scope_values),
      entitlements: splitTokens(values.entitlements),
      manages: splitTokens(values.manages),
      delegable: values.delegable,
      step_up_required: values.step_up_required,
    };
    save.mutate(body, { onSuccess: (d) => onSaved(d as Definition) });
  };

  const title = definition ? t("console.definitions.editTitle", { name: definition.display_name }) : t("console.definitions.createTitle");
  return (
    <FormModal
      id="pp-definition"
      title={title}
      intro={t("console.definitions.formIntro")}
      error={save.error}
      onFields={onAnyField(errors, FIELDS)}
      failed={t("console.definitions.saveFailed")}
      submit={t("console.common.save")}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField {...field.text("type", false)} isRequired isDisabled={definition !== null} mono help={t(definition ? f("typeFixed") : f("typeHelp"))} />
      <TextField {...field.text("display_name")} isRequired />
      <TextField {...field.text("description")} rows={2} />
      {LISTS.map((k) => (
        <TextField key={k} {...field.text(k)} rows={3} mono />
      ))}
      {FLAGS.map((k) => (
        <CheckField key={k} {...field.check(k)} />
      ))}
    </FormModal>
  );
}
