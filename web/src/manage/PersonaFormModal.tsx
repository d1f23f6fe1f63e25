import { Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { typeName } from "../personas/personas";
import { FieldHelp } from "../shell/FieldHelp";
import { AttributesEditor, attributesPatch, duplicateKey, rowsToAttributes, toRows, type AttributeRow } from "./AttributesEditor";
import { apiFieldErrors, checkEmail, checkPeriod, fromDateInput, ScopePicker, TextField, toDateInput } from "./fields";
import { personName, useAddPersona, useEditPersona, type Definition, type NewPersona, type Persona, type PersonaPatch, type Profile } from "./users";

const FIELDS = ["type", "scope", "email", "valid_from", "valid_until", "attributes"] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  type: string;
  scope: string[];
  email: string;
  from: string;
  until: string;
  attributes: AttributeRow[];
}

function initial(persona: Persona | undefined, defs: Definition[]): Values {
  if (persona) {
    return {
      type: persona.type,
      scope: [...persona.scope],
      email: persona.email,
      from: toDateInput(persona.valid_from),
      until: toDateInput(persona.valid_until),
      attributes: toRows(persona.attributes),
    };
  }
  return { type: defs[0]?.type ?? "", scope: [], email: "", from: "", until: "", attributes: [] };
}

/** An edit sends only what changed (PATCH is a merge); null makes the persona open-ended again. */
function patchOf(before: Persona, v: Values): PersonaPatch {
  const patch: PersonaPatch = {};
  if ([...before.scope].sort().join("\n") !== [...v.scope].sort().join("\n")) patch.scope = v.scope;
  if (v.email.trim() !== before.email) patch.email = v.email.trim();
  if (v.from !== toDateInput(before.valid_from)) patch.valid_from = fromDateInput(v.from);
  if (v.until !== toDateInput(before.valid_until)) patch.valid_until = v.until ? fromDateInput(v.until) : null;
  const attributes = attributesPatch(before.attributes, v.attributes);
  if (Object.keys(attributes).length) patch.attributes = attributes;
  return patch;
}

function newOf(v: Values): NewPersona {
  const attributes = rowsToAttributes(v.attributes);
  return {
    type: v.type,
    scope: v.scope,
    ...(v.email.trim() ? { email: v.email.trim() } : {}),
    ...(v.from ? { valid_from: fromDateInput(v.from) } : {}),
    ...(v.until ? { valid_until: fromDateInput(v.until) } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}

/**
 * Add a persona to a user (no `persona`) or edit the parameters of one
 * (`persona`): scope values among the admin's own, e-mail, validity,
 * attributes. The API's word lands on the fields; a refusal because the data
 * changed meanwhile (403, 404, 409) is said in the form, and the list behind
 * it is read again.
 */
export function PersonaFormModal({
  user,
  persona,
  defs,
  onClose,
  onSaved,
}: {
  user: Profile;
  persona?: Persona;
  defs: Definition[];
  onClose: () => void;
  onSaved: (p: Persona) => void;
}) {
  const { t } = useTranslation();
  const add = useAddPersona(user.id);
  const edit = useEditPersona(user.id);
  const [v, setV] = useState<Values>(() => initial(persona, defs));
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const mutation = persona ? edit : add;
  const failure = mutation.error instanceof ApiError ? mutation.error : null;
  const api = apiFieldErrors(failure?.fieldErrors ?? {}, FIELDS);
  // A field changed since the API answered shows the portal's own check only ("" = none).
  const problem = (f: Field) => (f in local ? local[f] || undefined : api.on[f]);
  const def = defs.find((d) => d.type === v.type);
  // The persona's own values stay on offer even if the catalogue no longer lists them.
  const scopeValues = [...new Set([...(def?.scope_values ?? []), ...(persona?.scope ?? [])])].sort();
  const patch = persona ? patchOf(persona, v) : null;
  const unchanged = patch !== null && Object.keys(patch).length === 0;
  const set = (f: Field, patchV: Partial<Values>) => {
    setV((old) => ({ ...old, ...patchV }));
    setLocal((old) => ({ ...old, [f]: "" }));
  };

  const validate = () => {
    const errs: Partial<Record<Field, string>> = {};
    if (!persona && !v.type) errs.type = t("manage.form.errors.type");
    // A persona without scope would sit outside every admin's scope: pick at least one when there are values to pick.
    if (scopeValues.length && v.scope.length === 0) errs.scope = t("manage.form.errors.scope");
    const email = checkEmail(t, v.email, persona !== undefined);
    if (email) errs.email = email;
    if (persona && !v.from) errs.valid_from = t("manage.form.errors.fromRequired");
    const period = checkPeriod(t, v.from, v.until);
    if (period) errs.valid_until = period;
    const dup = duplicateKey(v.attributes);
    if (dup) errs.attributes = t("manage.form.errors.duplicateAttribute", { key: dup });
    return errs;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = validate();
    setLocal(errs);
    if (Object.keys(errs).length || unchanged) return;
    if (persona) edit.mutate({ id: persona.id, patch: patch! }, { onSuccess: onSaved });
    else add.mutate(newOf(v), { onSuccess: onSaved });
  };

  const name = persona ? (def?.display_name ?? typeName(t, persona.type)) : "";
  const stale = failure !== null && [403, 404, 409].includes(failure.status);
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="pp-persona-form-title">
      <ModalHeader
        title={persona ? t("manage.form.editTitle", { name }) : t("manage.form.addTitle")}
        labelId="pp-persona-form-title"
        description={t("manage.form.for", { user: personName(user) })}
      />
      <ModalBody>
        <Form id="pp-persona-form" onSubmit={submit} noValidate>
          {mutation.isError ? (
            <Alert variant="danger" isInline isLiveRegion title={stale ? t("manage.form.changedMeanwhile") : t("manage.form.notSaved")}>
              {failure?.status === 0 ? t("errors.network") : mutation.error.message}
              {api.rest.length ? ` ${api.rest.join(" ")}` : null}
            </Alert>
          ) : null}
          {persona ? null : (
            <FormGroup label={t("manage.form.persona")} fieldId="pp-persona-form-type" isRequired>
              <FormSelect
                id="pp-persona-form-type"
                value={v.type}
                isRequired
                validated={problem("type") ? "error" : "default"}
                aria-describedby={problem("type") ? "pp-persona-form-type-help" : undefined}
                onChange={(_e, type) => set("type", { type, scope: [] })}
              >
                {defs.map((d) => (
                  <FormSelectOption key={d.type} value={d.type} label={d.display_name || typeName(t, d.type)} />
                ))}
              </FormSelect>
              <FieldHelp id="pp-persona-form-type" error={problem("type")} />
            </FormGroup>
          )}
          <ScopePicker id="pp-persona-form-scope" values={scopeValues} selected={v.scope} onChange={(scope) => set("scope", { scope })} error={problem("scope")} />
          <TextField
            id="pp-persona-form-email"
            label={t("manage.form.email")}
            type="email"
            value={v.email}
            onChange={(email) => set("email", { email })}
            error={problem("email")}
            help={persona ? undefined : t("manage.form.emailHelp", { email: user.email })}
            isRequired={persona !== undefined}
          />
          <TextField
            id="pp-persona-form-from"
            label={t("manage.form.from")}
            type="date"
            value={v.from}
            onChange={(from) => set("valid_from", { from })}
            error={problem("valid_from")}
            help={persona ? undefined : t("manage.form.fromHelp")}
            isRequired={persona !== undefined}
          />
          <TextField
            id="pp-persona-form-until"
            label={t("manage.form.until")}
            type="date"
            value={v.until}
            onChange={(until) => set("valid_until", { until })}
            error={problem("valid_until")}
            help={t("manage.form.untilHelp")}
            min={v.from || undefined}
          />
          <AttributesEditor id="pp-persona-form-attributes" rows={v.attributes} onChange={(attributes) => set("attributes", { attributes })} error={problem("attributes")} />
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="pp-persona-form" variant="primary" isLoading={mutation.isPending} isDisabled={mutation.isPending || unchanged}>
          {t("manage.form.save")}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t("manage.form.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
