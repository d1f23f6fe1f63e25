import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./ErrorAlert";

/** A question before a change that cannot simply be taken back (archive, disable, revoke); the API's refusal shows inside. */
export function ConfirmModal(props: {
  id: string;
  title: string;
  confirm: string;
  error: unknown;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal isOpen onClose={props.onClose} variant="small" aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-body`}>
      <ModalHeader title={props.title} labelId={`${props.id}-title`} titleIconVariant="warning" />
      <ModalBody id={`${props.id}-body`}>
        {props.error ? (
          <div style={{ marginBottom: "var(--pf-t--global--spacer--md)" }}>
            <ErrorAlert title={t("console.common.failed")} error={props.error} />
          </div>
        ) : null}
        {props.children}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={props.onConfirm} isLoading={props.pending} isDisabled={props.pending}>
          {props.confirm}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t("console.common.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
