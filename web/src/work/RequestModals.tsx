import { Button, Content, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader, TextArea } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActivateModal } from "./ActivateModal";
import { conflictOr, DecisionModal, type Action, type DecisionProps, type Outcome } from "./DecisionModal";
import { RequestDetails } from "./RequestDetails";
import { REASON_MAX, useAcceptRequest, useCancelRequest, useRejectRequest, type WorkRequest } from "./requests";

export function RequestModal({ action, onClose, onOutcome }: { action: Action; onClose: () => void; onOutcome: (o: Outcome) => void }) {
  switch (action.kind) {
    case "view":
      return <ViewModal request={action.request} onClose={onClose} />;
    case "accept":
      // An activation shows the persona, the user and then the re-check's result.
      if (action.request.kind === "activate_persona") return <ActivateModal request={action.request} onClose={onClose} onOutcome={onOutcome} />;
      return <AcceptModal request={action.request} onClose={onClose} onOutcome={onOutcome} />;
    case "reject":
      return <RejectModal request={action.request} onClose={onClose} onOutcome={onOutcome} />;
    case "delete":
      return <DeleteModal request={action.request} onClose={onClose} onOutcome={onOutcome} />;
  }
}

function ViewModal({ request, onClose }: { request: WorkRequest; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="pp-request-view-title">
      <ModalHeader title={t("work.view.title")} labelId="pp-request-view-title" />
      <ModalBody>
        <RequestDetails request={request} />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t("work.close")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function AcceptModal({ request, onClose, onOutcome }: DecisionProps) {
  const { t } = useTranslation();
  const accept = useAcceptRequest();
  const conflict = conflictOr(onOutcome);
  const go = () =>
    accept.mutate(request.id, {
      onSuccess: (r) => onOutcome({ kind: "accepted", request: r }),
      onError: conflict,
    });
  return (
    <DecisionModal
      id="pp-accept"
      title={t("work.accept.title")}
      variant="medium"
      error={accept.error}
      confirm={t("work.accept.confirm")}
      confirmVariant="primary"
      pending={accept.isPending}
      onConfirm={go}
      onClose={onClose}
    >
      <Content component="p">{t("work.accept.body")}</Content>
      <RequestDetails request={request} withStatus={false} />
    </DecisionModal>
  );
}

export function ReasonField({ value, onChange, id }: { value: string; onChange: (v: string) => void; id: string }) {
  const { t } = useTranslation();
  const tooLong = value.length > REASON_MAX;
  return (
    <FormGroup label={t("work.reject.reason")} fieldId={id}>
      <TextArea
        id={id}
        value={value}
        onChange={(_e, v) => onChange(v)}
        resizeOrientation="vertical"
        validated={tooLong ? "error" : "default"}
        aria-describedby={`${id}-help`}
      />
      <FormHelperText>
        <HelperText id={`${id}-help`}>
          <HelperTextItem variant={tooLong ? "error" : "default"}>{t("work.reject.reasonHelp", { length: value.length, max: REASON_MAX })}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}

function RejectModal({ request, onClose, onOutcome }: DecisionProps) {
  const { t } = useTranslation();
  const reject = useRejectRequest();
  const [reason, setReason] = useState("");
  const go = () =>
    reject.mutate(
      { id: request.id, reason },
      { onSuccess: (r) => onOutcome({ kind: "rejected", request: r }), onError: conflictOr(onOutcome) },
    );
  const valid = reason.length <= REASON_MAX;
  return (
    <DecisionModal
      id="pp-reject"
      title={t("work.reject.title")}
      variant="small"
      error={reject.error}
      confirm={t("work.reject.confirm")}
      confirmVariant="danger"
      pending={reject.isPending}
      disabled={!valid}
      form="pp-reject-form"
      onClose={onClose}
    >
      <Content component="p">{t("work.reject.body", { title: request.title })}</Content>
      <Form
        id="pp-reject-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) go();
        }}
      >
        <ReasonField id="pp-reject-reason" value={reason} onChange={setReason} />
      </Form>
    </DecisionModal>
  );
}

function DeleteModal({ request, onClose, onOutcome }: DecisionProps) {
  const { t } = useTranslation();
  const cancel = useCancelRequest();
  const go = () =>
    cancel.mutate(request.id, { onSuccess: (r) => onOutcome({ kind: "cancelled", request: r }), onError: conflictOr(onOutcome) });
  return (
    <DecisionModal
      id="pp-delete"
      title={t("work.delete.title")}
      variant="small"
      warning
      error={cancel.error}
      confirm={t("work.delete.confirm")}
      confirmVariant="danger"
      pending={cancel.isPending}
      onConfirm={go}
      onClose={onClose}
    >
      <Content component="p">{t("work.delete.body", { title: request.title })}</Content>
    </DecisionModal>
  );
}
