import { Content, EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter } from "@patternfly/react-core";
import { BanIcon } from "@patternfly/react-icons/dist/esm/icons/ban-icon";
import { CheckCircleIcon } from "@patternfly/react-icons/dist/esm/icons/check-circle-icon";
import { EnvelopeIcon } from "@patternfly/react-icons/dist/esm/icons/envelope-icon";
import { ExclamationTriangleIcon } from "@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon";
import { OutlinedClockIcon } from "@patternfly/react-icons/dist/esm/icons/outlined-clock-icon";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ApiError, asSentence } from "../api/errors";
import type { GoneReason } from "./magic";

const MY_WORK = "/my-work";
const HISTORY = "/my-work?tab=history";

/**
 * A screen per reason the API gives (details.reason): how it looks, and where
 * its next step leads. The request is in Requests History once it has ended;
 * a link replaced or expired may leave it waiting in Requests Approval.
 */
const SCREENS: Record<GoneReason, { status: "info" | "warning"; icon: ComponentType; to: string }> = {
  used: { status: "info", icon: CheckCircleIcon, to: HISTORY },
  expired: { status: "warning", icon: OutlinedClockIcon, to: MY_WORK },
  withdrawn: { status: "info", icon: BanIcon, to: HISTORY },
  replaced: { status: "info", icon: EnvelopeIcon, to: MY_WORK },
  decided: { status: "info", icon: CheckCircleIcon, to: HISTORY },
};

function reasonOf(error: ApiError): GoneReason | null {
  const reason = error.details.reason;
  return typeof reason === "string" && Object.hasOwn(SCREENS, reason) ? (reason as GoneReason) : null;
}

/** A link that no longer works (410): what happened, in the reader's language, and what to do next. */
export function Gone({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const reason = reasonOf(error);
  if (!reason) return <Unexplained message={error.message} />;
  const screen = SCREENS[reason];
  return (
    <EmptyState status={screen.status} icon={screen.icon} titleText={t(`magic.gone.${reason}.title`)} headingLevel="h2">
      <EmptyStateBody>
        <Content component="p" role="alert">
          {t(`magic.gone.${reason}.body`)}
        </Content>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Link to={screen.to}>{t(screen.to === HISTORY ? "magic.toHistory" : "magic.toMyWork")}</Link>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
}

/** A 410 without a reason this portal knows (an older or newer API): the API's own message, then what a link is for. */
function Unexplained({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState status="warning" icon={ExclamationTriangleIcon} titleText={t("magic.goneTitle")} headingLevel="h2">
      <EmptyStateBody>
        <Content component="p" role="alert">
          {asSentence(message)}
        </Content>
        <Content component="p">{t("magic.goneBody")}</Content>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Link to={MY_WORK}>{t("magic.toMyWork")}</Link>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
}
