import { Alert, Button, Content, Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { personName, useRevokePersona, type Persona, type Profile } from "./users";

/** Revoke asks first: the user loses the persona at once (it stays on the profile as revoked). */
export function RevokeModal({ user, persona, name, onClose, onRevoked }: { user: Profile; persona: Persona; name: string; onClose: () => void; onRevoked: (p: Persona) => void }) {
  const { t } = useTranslation();
  const revoke = useRevokePersona(user.id);
  const failure = revoke.error instanceof ApiError ? revoke.error : null;
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="pp-revoke-title" aria-describedby="pp-revoke-body">
      <ModalHeader title={t("manage.revoke.title")} labelId="pp-revoke-title" titleIconVariant="warning" />
      <ModalBody id="pp-revoke-body">
        {revoke.isError ? (
          <Alert
            variant="danger"
            isInline
            isLiveRegion
            title={failure && [404, 409].includes(failure.status) ? t("manage.form.changedMeanwhile") : t("manage.revoke.failed")}
            style={{ marginBottom: "var(--pf-t--global--spacer--md)" }}
          >
            {failure?.status === 0 ? t("errors.network") : revoke.error.message}
          </Alert>
        ) : null}
        <Content component="p">
          {t("manage.revoke.body", { user: personName(user), name, scope: persona.scope.join(", ") || t("manage.personas.noScope") })}
        </Content>
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" isLoading={revoke.isPending} isDisabled={revoke.isPending} onClick={() => revoke.mutate(persona.id, { onSuccess: onRevoked })}>
          {t("manage.revoke.confirm")}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t("manage.form.cancel")}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
