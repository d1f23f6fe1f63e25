import { Alert, AlertActionCloseButton, ClipboardCopy, Content, Stack, StackItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../personas/personas";
import type { Outcome } from "./InvitationModals";

/** What the last action did: the new link with a copy button and the e-mail's fate, the withdrawal, or why it did not happen. */
export function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const close = <AlertActionCloseButton onClose={onClose} />;
  if (outcome.kind === "conflict") {
    return (
      <Alert variant="warning" isInline isLiveRegion title={t("invitations.conflict")} actionClose={close}>
        {outcome.message}
      </Alert>
    );
  }
  if (outcome.kind === "withdrawn") {
    return <Alert variant="success" isInline isLiveRegion title={t("invitations.withdraw.done", { title: outcome.title })} actionClose={close} />;
  }
  const { request, magic_link: link, email_sent: emailed, link_expires_at: until } = outcome.sent;
  return (
    <Alert variant="success" isInline isLiveRegion title={t("invitations.resend.done")} actionClose={close}>
      <Stack hasGutter>
        <StackItem>
          <Content component="p">{t("invitations.resend.newLink", { name: request.subject.display_name })}</Content>
        </StackItem>
        <StackItem>
          <ClipboardCopy
            isReadOnly
            hoverTip={t("invitations.copy")}
            clickTip={t("invitations.copied")}
            textAriaLabel={t("invitations.linkLabel")}
            toggleAriaLabel={t("invitations.copy")}
          >
            {link}
          </ClipboardCopy>
        </StackItem>
        <StackItem>
          <Content component="p">
            {emailed ? t("invitations.resend.emailed", { email: request.subject.email }) : t("invitations.resend.notEmailed")}{" "}
            {t("invitations.resend.until", { date: formatDate(until, i18n.resolvedLanguage ?? "en", true) })}
          </Content>
        </StackItem>
      </Stack>
    </Alert>
  );
}
