import { ActionGroup, Alert, Button, Form } from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { ErrorAlert } from "./ErrorAlert";
import { fieldErrorsOf, formatAttributes, mergePatch, onAnyField, parseAttributes, reasonFor } from "./fields";
import { TextField, useFocusOnRefusal } from "./FormFields";
import { PROFILE_FIELDS, usePatchUser, type Profile, type ProfilePatch } from "./users";

const TEXT = ["email", ...PROFILE_FIELDS] as const;
type Values = Record<(typeof TEXT)[number] | "attributes", string>;

function valuesOf(p: Profile): Values {
  return { ...(Object.fromEntries(TEXT.map((f) => [f, p[f] ?? ""])) as Record<(typeof TEXT)[number], string>), attributes: formatAttributes(p.attributes) };
}

/** A user's profile as the admin edits it: Save sends what changed (a merge patch; custom attributes key by key). */
export function UserProfileForm({ user, save }: { user: Profile; save: ReturnType<typeof usePatchUser> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(user));
  const [badJson, setBadJson] = useState(false);
  const initial = valuesOf(user);
  const dirty = [...TEXT, "attributes" as const].some((f) => values[f] !== initial[f]);
  const taken = save.error instanceof ApiError && save.error.status === 409 ? save.error.message : undefined;
  const errors = { ...fieldErrorsOf(save.error), ...(taken ? { email: taken } : {}) };
  const formRef = useFocusOnRefusal(save.error);
  const onFields = onAnyField(errors, [...TEXT, "attributes"]);

  const edit = (f: keyof Values, v: string) => {
    setValues((old) => ({ ...old, [f]: v }));
    if (f === "attributes") setBadJson(false);
    if (save.isSuccess) save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const attributes = parseAttributes(values.attributes);
    if (attributes === null) {
      setBadJson(true);
      return;
    }
    const patch: ProfilePatch = Object.fromEntries(TEXT.filter((f) => values[f] !== initial[f]).map((f) => [f, values[f].trim()]));
    const attrs = mergePatch(user.attributes ?? {}, attributes);
    if (Object.keys(attrs).length > 0) patch.attributes = attrs;
    if (Object.keys(patch).length > 0) save.mutate(patch);
  };

  return (
    <Form ref={formRef} onSubmit={submit} noValidate style={{ maxWidth: "40rem" }}>
      {TEXT.map((f) => (
        <TextField
          key={f}
          id={`pp-user-${f}`}
          label={t(`console.profile.${f}`)}
          type={f === "email" ? "email" : f === "phone" ? "tel" : "text"}
          value={values[f]}
          onChange={(v) => edit(f, v)}
          isRequired={f === "email"}
          help={f === "email" ? t("console.profile.emailHelp") : f === "locale" || f === "timezone" ? t(`console.profile.${f}Help`) : undefined}
          error={reasonFor(errors, f)}
        />
      ))}
      <TextField
        id="pp-user-attributes"
        label={t("console.profile.attributes")}
        value={values.attributes}
        onChange={(v) => edit("attributes", v)}
        rows={4}
        mono
        help={t("console.profile.attributesHelp")}
        error={badJson ? t("console.profile.attributesNotJson") : reasonFor(errors, "attributes")}
      />
      {/* The outcome beside Save, which may be far below the top of the form. */}
      {save.isSuccess && !dirty ? <Alert variant="success" isInline isLiveRegion title={t("console.user.saved")} /> : null}
      {save.isError ? (
        <ErrorAlert title={onFields ? t("console.common.fixFields") : t("console.user.saveFailed")} error={onFields ? null : save.error} />
      ) : null}
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={!dirty || save.isPending} isLoading={save.isPending}>
          {t("console.common.save")}
        </Button>
        <Button
          variant="link"
          isDisabled={!dirty || save.isPending}
          onClick={() => {
            setValues(valuesOf(user));
            setBadJson(false);
            save.reset();
          }}
        >
          {t("console.common.cancel")}
        </Button>
      </ActionGroup>
    </Form>
  );
}
