import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import type { WorkRequest } from "./requests";

export type Outcome =
  | { kind: "accepted" | "rejected" | "cancelled"; request: WorkRequest }
  | { kind: "conflict"; message: string };

export type Action = { kind: "view" | "accept" | "reject" | "delete"; request: WorkRequest };

export interface DecisionProps {
  request: WorkRequest;
  onClose: () => void;
  onOutcome: (o: Outcome) => void;
}

/** The error a modal shows itself; a 409 closes it instead and the tab says so. */
export function ModalError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <Alert variant="danger" isInline isLiveRegion title={t("work.actionFailed")} style={{ marginBottom: "var(--pf-t--global--spacer--md)" }}>
      {api?.status === 0 ? t("errors.network") : error instanceof Error ? error.message : ""}
    </Alert>
  );
}

export function conflictOr(onOutcome: (o: Outcome) => void) {
  return (error: unknown) => {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) onOutcome({ kind: "conflict", message: error.message });
  };
}

/**
 * The frame every decision shares: title, the modal's own error, the body,
 * then confirm and cancel; once `done` (a result shows in the body), Close alone.
 */
export function DecisionModal(props: {
  id: string;
  title: string;
  variant: "small" | "medium";
  warning?: boolean;
  error: unknown;
  confirm: string;
  confirmVariant: "primary" | "danger";
  pending: boolean;
  disabled?: boolean;
  /** Submit this form (its onSubmit confirms) instead of calling onConfirm. */
  form?: string;
  onConfirm?: () => void;
  onClose: () => void;
  done?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${props.id}-title`;
  const bodyId = `${props.id}-body`;
  return (
    <Modal isOpen onClose={props.onClose} variant={props.variant} aria-labelledby={titleId} aria-describedby={bodyId}>
      <ModalHeader title={props.title} labelId={titleId} titleIconVariant={props.warning ? "warning" : undefined} />
      <ModalBody id={bodyId}>
        <ModalError error={props.error} />
        {props.children}
      </ModalBody>
      <ModalFooter>
        {props.done ? (
          <Button variant="primary" onClick={props.onClose}>
            {t("work.close")}
          </Button>
        ) : (
          <>
            <Button
              variant={props.confirmVariant}
              type={props.form ? "submit" : "button"}
              form={props.form}
              onClick={props.form ? undefined : props.onConfirm}
              isLoading={props.pending}
              isDisabled={props.pending || props.disabled}
            >
              {props.confirm}
            </Button>
            <Button variant="link" onClick={props.onClose}>
              {t("work.cancel")}
            </Button>
          </>
        )}
      </ModalFooter>
    </Modal>
  );
}

