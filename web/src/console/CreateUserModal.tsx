import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { ErrorAlert } from "./ErrorAlert";
import { fieldErrorsOf, onAnyField, reasonFor } from "./fields";
import { TextField, useFocusOnRefusal } from "./FormFields";
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
  const formRef = useFocusOnRefusal(create.error);
  const onFields = onAnyField(errors, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(FIELDS.filter((f) => values[f].trim() !== "").map((f) => [f, values[f].trim()]));
    create.mutate({ email: values.email.trim(), ...body }, { onSuccess: onCreated });
  };

  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="pp-create-user-title">
      <ModalHeader title={t("console.users.createTitle")} labelId="pp-create-user-title" description={t("console.users.createIntro")} />
      <ModalBody>
        <Form ref={formRef} id="pp-create-user-form" onSubmit={submit} noValidate>
          {create.isError ? <ErrorAlert title={onFields ? t("console.common.fixFields") : t("console.users.createFailed")} error={onFields ? null : create.error} /> : null}
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
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="pp-create-user-form" variant="primary" isLoading={create.isPending} isDisabled={create.isPending}>
          {t("console.users.createButton")}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t("console.common.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
