import { Checkbox, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Definition } from "./definitions";
import { fieldErrorsOf, onAnyField, reasonFor, utcDay, utcMidnight } from "./fields";
import { bindFields, CheckField, TextField } from "./FormFields";
import { FormModal } from "./FormModal";
import { useAddPersona, usePatchPersona, type NewPersona, type Persona, type PersonaPatch, type Profile } from "./users";

const FIELDS = ["type", "scope", "email", "valid_from", "valid_until", "preferred"];

interface Values {
  type: string;
  scope: string[];
  email: string;
  valid_from: string;
  valid_until: string;
  preferred: boolean;
}

/** Add a persona to a user (accepted at once), or edit one: scope within the definition's values, e-mail, validity. */
export function PersonaModal(props: { user: Profile; persona: Persona | null; definitions: Definition[]; onClose: () => void; onSaved: (p: Persona) => void }) {
  const { user, persona, definitions, onClose, onSaved } = props;
  const { t } = useTranslation();
  const add = useAddPersona(user.id);
  const patch = usePatchPersona(user.id);
  const save = persona ? patch : add;
  const initial: Values = {
    type: persona?.type ?? "",
    scope: persona?.scope ?? [],
    email: persona?.email ?? "",
    valid_from: utcDay(persona?.valid_from),
    valid_until: utcDay(persona?.valid_until),
    preferred: false,
  };
  const [values, setValues] = useState<Values>(initial);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));
  const definition = definitions.find((d) => d.type === values.type);
  // An ended definition's persona keeps its values even when they left the catalogue.
  const choices = [...new Set([...(definition?.scope_values ?? []), ...initial.scope])].sort();
  const errors = fieldErrorsOf(save.error);
  const onFields = onAnyField(errors, FIELDS);
  const f = (k: string) => `console.personas.fields.${k}`;
  const field = bindFields({ t, id: "pp-persona", keys: "console.personas.fields", values, set, errors });

  const submit = () => {
    if (persona) {
      const changes: PersonaPatch = {};
      if (values.scope.join(" ") !== initial.scope.join(" ")) changes.scope = values.scope;
      if (values.email.trim() !== initial.email) changes.email = values.email.trim();
      if (values.valid_from !== initial.valid_from && values.valid_from) changes.valid_from = utcMidnight(values.valid_from);
      if (values.valid_until !== initial.valid_until) changes.valid_until = values.valid_until ? utcMidnight(values.valid_until) : null;
      if (Object.keys(changes).length === 0) return onClose();
      patch.mutate({ personaId: persona.id, patch: changes }, { onSuccess: onSaved });
      return;
    }
    const body: NewPersona = {
      type: values.type,
      scope: values.scope,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(values.valid_from ? { valid_from: utcMidnight(values.valid_from) } : {}),
      ...(values.valid_until ? { valid_until: utcMidnight(values.valid_until) } : {}),
      ...(values.preferred ? { preferred: true } : {}),
    };
    add.mutate(body, { onSuccess: onSaved });
  };

  const typeName = definition?.display_name ?? persona?.type ?? "";
  const scopeError = reasonFor(errors, "scope");
  return (
    <FormModal
      id="pp-persona"
      title={persona ? t("console.personas.editTitle", { name: typeName }) : t("console.personas.addTitle", { name: user.email })}
      intro={t(persona ? "console.personas.editIntro" : "console.personas.addIntro")}
      error={save.error}
      onFields={onFields}
      failed={t("console.personas.saveFailed")}
      submit={persona ? t("console.common.save") : t("console.personas.addButton")}
      pending={save.isPending}
      submitDisabled={values.type === ""}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormGroup label={t(f("type"))} fieldId="pp-persona-type" isRequired>
        <FormSelect
          id="pp-persona-type"
          value={values.type}
          isDisabled={persona !== null}
          isRequired
          validated={reasonFor(errors, "type") ? "error" : "default"}
          aria-describedby="pp-persona-type-help"
          onChange={(_e, v) => setValues((old) => ({ ...old, type: v, scope: [] }))}
        >
          {persona ? null : <FormSelectOption value="" label={t("console.personas.chooseType")} isPlaceholder />}
          {definitions.map((d) => (
            <FormSelectOption key={d.type} value={d.type} label={d.display_name} />
          ))}
          {persona && !definition ? <FormSelectOption value={persona.type} label={persona.type} /> : null}
        </FormSelect>
        <FormHelperText>
          <HelperText id="pp-persona-type-help">
            <HelperTextItem variant={reasonFor(errors, "type") ? "error" : "default"}>
              {reasonFor(errors, "type") ?? t(persona ? f("typeFixed") : f("typeHelp"))}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <FormGroup role="group" label={t(f("scope"))} fieldId="pp-persona-scope" isStack>
        {values.type === "" ? null : choices.length === 0 ? (
          <span>{t("console.personas.noScopeValues")}</span>
        ) : (
          choices.map((v, i) => (
            <Checkbox
              key={v}
              id={`pp-persona-scope-${i}`}
              label={<span className="pp-code">{v}</span>}
              isChecked={values.scope.includes(v)}
              isValid={!scopeError}
              onChange={(_e, on) => set("scope", on ? [...values.scope, v].sort() : values.scope.filter((x) => x !== v))}
            />
          ))
        )}
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant={scopeError ? "error" : "default"}>{scopeError ?? t(f("scopeHelp"))}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <TextField {...field.text("email", false)} type="email" help={t(f("emailHelp"), { email: user.email })} />
      <TextField {...field.text("valid_from")} type="date" />
      <TextField {...field.text("valid_until")} type="date" />
      {persona ? null : <CheckField {...field.check("preferred")} />}
    </FormModal>
  );
}
