import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { fieldErrorsOf, onAnyField, reasonFor } from "./fields";
import { TextField } from "./FormFields";
import { FormModal } from "./FormModal";
import { PROFILE_FIELDS, useCreateUser, type Profile } from "./users";

const FIELDS = ["email", ...PROFILE_FIELDS] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** Create a user: the e-mail (required, unique in the tenant) and the profile; a 409 says the e-mail is taken, on the field. */
export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (u: Profile) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(FIELDS.map((f) => [f, ""])) as Values);
  const taken = create.error instanceof ApiError && create.error.status === 409 ? create.error.message : undefined;
  const errors = { ...fieldErrorsOf(create.error), ...(taken ? { email: taken } : {}) };
  const onFields = onAnyField(errors, FIELDS);

  const submit = () => {
    const body = Object.fromEntries(FIELDS.filter((f) => values[f].trim() !== "").map((f) => [f, values[f].trim()]));
    create.mutate({ email: values.email.trim(), ...body }, { onSuccess: onCreated });
  };

  return (
    <FormModal
      id="pp-create-user"
      title={t("console.users.createTitle")}
      intro={t("console.users.createIntro")}
      error={create.error}
      onFields={onFields}
      failed={t("console.users.createFailed")}
      submit={t("console.users.createButton")}
      pending={create.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {FIELDS.map((f) => (
        <TextField
          key={f}
          id={`pp-new-user-${f}`}
          label={t(`console.profile.${f}`)}
          type={f === "email" ? "email" : f === "phone" ? "tel" : "text"}
          isRequired={f === "email"}
          value={values[f]}
          onChange={(v) => setValues((old) => ({ ...old, [f]: v }))}
          help={f === "email" ? t("console.profile.emailHelp") : undefined}
          error={reasonFor(errors, f)}
        />
      ))}
    </FormModal>
  );
}
