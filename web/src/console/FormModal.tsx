import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./ErrorAlert";
import { useFocusOnRefusal } from "./FormFields";

/**
 * A create or edit form in a modal: title and intro, the save's refusal on
 * top (the API's message, or "fix the fields" when its reasons sit on them,
 * with the focus moved to the first), the fields, then submit and Cancel.
 */
export function FormModal(props: {
  /** pp-…: the title is `${id}-title`, the form `${id}-form`. */
  id: string;
  title: string;
  intro: string;
  /** The save's error, if it failed. */
  error: unknown;
  /** The refusal's reasons are on the form's fields. */
  onFields: boolean;
  /** The alert's title when the refusal is not on a field. */
  failed: string;
  submit: string;
  pending: boolean;
  submitDisabled?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { id, error, onFields, pending } = props;
  const { t } = useTranslation();
  const formRef = useFocusOnRefusal(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal isOpen onClose={props.onClose} variant="medium" aria-labelledby={`${id}-title`}>
      <ModalHeader title={props.title} labelId={`${id}-title`} description={props.intro} />
      <ModalBody>
        <Form ref={formRef} id={`${id}-form`} onSubmit={submit} noValidate>
          {error ? <ErrorAlert title={onFields ? t("console.common.fixFields") : props.failed} error={onFields ? null : error} /> : null}
          {props.children}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form={`${id}-form`} variant="primary" isLoading={pending} isDisabled={pending || props.submitDisabled}>
          {props.submit}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t("console.common.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
