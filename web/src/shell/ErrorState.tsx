import { Button, EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter } from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { stepUpMaxAge } from "../auth/auth";
import { useAuth } from "../auth/context";

/** What a screen shows when its data did not load: the API's message, and Retry when trying again can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const api = error instanceof ApiError ? error : null;
  const message =
    api?.status === 0 ? t("errors.network") : api?.status === 401 && api.code === "unauthenticated" ? t("errors.unauthenticated") : api?.message || (error instanceof Error ? error.message : "");
  return (
    <EmptyState status="danger" icon={ExclamationCircleIcon} titleText={t("errors.title")} headingLevel="h2">
      <EmptyStateBody>
        <span role="alert">{message}</span>
        {api?.retryAfter ? <> {t("errors.retryAfter", { seconds: api.retryAfter })}</> : null}
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          {api?.retryable && onRetry ? (
            <Button variant="primary" onClick={onRetry}>
              {t("errors.retry")}
            </Button>
          ) : null}
          {api?.status === 401 ? (
            <Button
              variant="primary"
              onClick={() => {
                // step_up_required: sign in again, no older than the API asks.
                const maxAge = api.code === "step_up_required" ? stepUpMaxAge(api.details, null) : null;
                void (maxAge !== null ? auth.stepUp(maxAge) : auth.signIn());
              }}
            >
              {t("app.signIn")}
            </Button>
          ) : null}
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
}
