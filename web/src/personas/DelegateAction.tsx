import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from "@patternfly/react-core";
import { ShareSquareIcon } from "@patternfly/react-icons/dist/esm/icons/share-square-icon";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { delegationHidden, hideDelegation, useDelegate } from "./delegations";
import { typeName, type Persona } from "./personas";

/** Only an own, active persona whose definition is delegable can be lent (and only when the tenant allows it: a 403 hides it). */
export function canDelegate(p: Persona): boolean {
  return p.active && p.delegable && p.delegation === null && !delegationHidden(p.type);
}

/** The Delegate persona button and its modal (To whom? How long?). */
export function DelegateAction({ persona, isPlain = false }: { persona: Persona; isPlain?: boolean }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  // Read again after the modal closes: a 403 may have hidden the action.
  const [, setClosedAt] = useState(0);
  if (!canDelegate(persona)) return null;
  const name = typeName(t, persona.type);
  return (
    <>
      {isPlain ? (
        <Button variant="plain" aria-label={t("delegate.actionFor", { name })} icon={<ShareSquareIcon />} onClick={() => setOpen(true)} />
      ) : (
        <Button variant="secondary" icon={<ShareSquareIcon />} onClick={() => setOpen(true)}>
          {t("delegate.action")}
        </Button>
      )}
      {isOpen ? (
        <DelegateModal
          persona={persona}
          onClose={() => {
            setOpen(false);
            setClosedAt(Date.now());
          }}
        />
      ) : null}
    </>
  );
}

type Field = "to_email" | "valid_from" | "valid_until";

const today = () => new Date().toISOString().slice(0, 10);

function DelegateModal({ persona, onClose }: { persona: Persona; onClose: () => void }) {
  const { t } = useTranslation();
  const delegate = useDelegate();
  const [values, setValues] = useState<Record<Field, string>>({ to_email: "", valid_from: "", valid_until: "" });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const failure = delegate.error instanceof ApiError ? delegate.error : null;
  const blocked = failure?.status === 403 && (failure.code === "feature_disabled" || failure.code === "forbidden");
  const apiFields = failure?.fieldErrors ?? {};
  const problem = (f: Field) => local[f] ?? apiFields[f];
  const personaUntil = persona.valid_until?.slice(0, 10);

  const validate = () => {
    const errs: Partial<Record<Field, string>> = {};
    if (!/^[^@\s]+@[^@\s]+$/.test(values.to_email.trim())) errs.to_email = t("delegate.errors.email");
    const from = values.valid_from || today();
    if (!values.valid_until) errs.valid_until = t("delegate.errors.untilRequired");
    else if (values.valid_until <= from) errs.valid_until = t("delegate.errors.untilAfterFrom");
    else if (personaUntil && values.valid_until > personaUntil) errs.valid_until = t("delegate.errors.untilAfterPersona", { until: personaUntil });
    return errs;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = validate();
    setLocal(errs);
    if (Object.keys(errs).length) return;
    delegate.mutate(
      {
        personaId: persona.id,
        to_email: values.to_email.trim(),
        ...(values.valid_from ? { valid_from: `${values.valid_from}T00:00:00Z` } : {}),
        valid_until: `${values.valid_until}T00:00:00Z`,
      },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.status === 403) hideDelegation(err.code, persona.type);
        },
      },
    );
  };

  const field = (f: Field, type: "email" | "date", label: string, help?: string, required = false) => {
    const id = `pp-delegate-${f}`;
    const p = problem(f);
    return (
      <FormGroup label={label} fieldId={id} isRequired={required}>
        <TextInput
          id={id}
          name={f}
          type={type}
          value={values[f]}
          isRequired={required}
          validated={p ? "error" : "default"}
          aria-describedby={p || help ? `${id}-help` : undefined}
          onChange={(_e, v) => {
            setValues((old) => ({ ...old, [f]: v }));
            setLocal((old) => ({ ...old, [f]: undefined }));
          }}
          {...(type === "date" && personaUntil ? { max: personaUntil } : {})}
        />
        {p || help ? (
          <FormHelperText>
            <HelperText id={`${id}-help`}>
              <HelperTextItem variant={p ? "error" : "default"}>{p ?? help}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        ) : null}
      </FormGroup>
    );
  };

  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="pp-delegate-title">
      <ModalHeader title={t("delegate.title", { name: typeName(t, persona.type) })} labelId="pp-delegate-title" />
      <ModalBody>
        {delegate.isSuccess ? (
          <Alert variant="success" isInline isLiveRegion title={t("delegate.done", { email: delegate.data.to_user.email })} />
        ) : (
          <Form id="pp-delegate-form" onSubmit={submit} noValidate>
            {blocked ? (
              <Alert variant="warning" isInline isLiveRegion title={failure.code === "feature_disabled" ? t("delegate.disabled") : t("delegate.forbidden")} />
            ) : delegate.isError ? (
              <Alert variant="danger" isInline isLiveRegion title={t("delegate.failed")}>
                {failure?.status === 0 ? t("errors.network") : delegate.error.message}
              </Alert>
            ) : null}
            {field("to_email", "email", t("delegate.toWhom"), t("delegate.toWhomHelp"), true)}
            <FormGroup role="group" label={t("delegate.howLong")} fieldId="pp-delegate-period" isStack>
              {field("valid_from", "date", t("delegate.from"), t("delegate.fromHelp"))}
              {field("valid_until", "date", t("delegate.until"), personaUntil ? t("delegate.untilHelp", { until: personaUntil }) : undefined, true)}
            </FormGroup>
          </Form>
        )}
      </ModalBody>
      <ModalFooter>
        {delegate.isSuccess || blocked ? (
          <Button variant="primary" onClick={onClose}>
            {t("delegate.close")}
          </Button>
        ) : (
          <>
            <Button type="submit" form="pp-delegate-form" variant="primary" isDisabled={delegate.isPending} isLoading={delegate.isPending}>
              {t("delegate.save")}
            </Button>
            <Button variant="link" onClick={onClose}>
              {t("delegate.cancel")}
            </Button>
          </>
        )}
      </ModalFooter>
    </Modal>
  );
}
