import { Alert, AlertActionLink } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";

/** A failed change, said inline: the API's message (or the lost connection), and Retry when trying again can help. */
export function ErrorAlert({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  const message = api?.status === 0 ? t("errors.network") : error instanceof Error ? error.message : "";
  return (
    <Alert
      variant="danger"
      isInline
      isLiveRegion
      title={title}
      actionLinks={api?.retryable && onRetry ? <AlertActionLink onClick={onRetry}>{t("errors.retry")}</AlertActionLink> : undefined}
    >
      {message}
      {api?.retryAfter ? <> {t("errors.retryAfter", { seconds: api.retryAfter })}</> : null}
    </Alert>
  );
}
