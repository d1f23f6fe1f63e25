import { Alert, Button, Checkbox, Content, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { useResendInvitation, useWithdrawInvitation, type PreparedInvitation, type SentInvitation } from "./invitations";
import type { InvitationAction } from "./InvitationsTable";

export type Outcome =
  | { kind: "resent"; sent: SentInvitation }
  | { kind: "withdrawn"; title: string }
  | { kind: "conflict"; message: string };

interface Props {
  invitation: PreparedInvitation;
  onClose: () => void;
  onOutcome: (o: Outcome) => void;
}

/** 409 (answered or withdrawn meanwhile) and 404 close the dialog: the page says so and shows the list as it now is. */
function closesOn(onOutcome: (o: Outcome) => void) {
  return (error: unknown) => {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) onOutcome({ kind: "conflict", message: error.message });
  };
}

function ConfirmModal(props: {
  id: string;
  title: string;
  error: unknown;
  confirm: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const api = props.error instanceof ApiError ? props.error : null;
  const showError = props.error && !(api && (api.status === 409 || api.status === 404));
  return (
    <Modal isOpen onClose={props.onClose} variant="small" aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-body`}>
      <ModalHeader title={props.title} labelId={`${props.id}-title`} titleIconVariant={props.danger ? "warning" : undefined} />
      <ModalBody id={`${props.id}-body`}>
        {showError ? (
          <Alert variant="danger" isInline isLiveRegion title={t("invitations.actionFailed")} style={{ marginBottom: "var(--pf-t--global--spacer--md)" }}>
            {api?.status === 0 ? t("errors.network") : props.error instanceof Error ? props.error.message : ""}
          </Alert>
        ) : null}
        {props.children}
      </ModalBody>
      <ModalFooter>
        <Button variant={props.danger ? "danger" : "primary"} onClick={props.onConfirm} isLoading={props.pending} isDisabled={props.pending}>
          {props.confirm}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t("invitations.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function ResendModal({ invitation, onClose, onOutcome }: Props) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const [sendEmail, setSendEmail] = useState(true);
  const r = invitation.request;
  return (
    <ConfirmModal
      id="pp-resend"
      title={t("invitations.resend.title")}
      error={resend.error}
      confirm={t("invitations.resend.confirm")}
      pending={resend.isPending}
      onClose={onClose}
      onConfirm={() =>
        resend.mutate({ id: r.id, sendEmail }, { onSuccess: (sent) => onOutcome({ kind: "resent", sent }), onError: closesOn(onOutcome) })
      }
    >
      <Content component="p">{t("invitations.resend.body", { title: r.title })}</Content>
      <Checkbox
        id="pp-resend-email"
        label={t("invitations.resend.sendEmail", { name: r.subject.display_name, email: r.subject.email })}
        isChecked={sendEmail}
        onChange={(_e, v) => setSendEmail(v)}
      />
    </ConfirmModal>
  );
}

function WithdrawModal({ invitation, onClose, onOutcome }: Props) {
  const { t } = useTranslation();
  const withdraw = useWithdrawInvitation();
  const r = invitation.request;
  return (
    <ConfirmModal
      id="pp-withdraw"
      title={t("invitations.withdraw.title")}
      error={withdraw.error}
      confirm={t("invitations.withdraw.confirm")}
      danger
      pending={withdraw.isPending}
      onClose={onClose}
      onConfirm={() => withdraw.mutate(r.id, { onSuccess: () => onOutcome({ kind: "withdrawn", title: r.title }), onError: closesOn(onOutcome) })}
    >
      <Content component="p">{t("invitations.withdraw.body", { title: r.title, name: r.subject.display_name })}</Content>
    </ConfirmModal>
  );
}

export function InvitationModal({ action, onClose, onOutcome }: { action: InvitationAction; onClose: () => void; onOutcome: (o: Outcome) => void }) {
  return action.kind === "resend" ? (
    <ResendModal invitation={action.invitation} onClose={onClose} onOutcome={onOutcome} />
  ) : (
    <WithdrawModal invitation={action.invitation} onClose={onClose} onOutcome={onOutcome} />
  );
}
