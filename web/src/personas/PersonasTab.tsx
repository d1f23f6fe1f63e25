import { Alert, AlertActionCloseButton, Card, CardBody, EmptyState, EmptyStateBody, Gallery, Skeleton, Stack, StackItem } from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons/dist/esm/icons/user-icon";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../api/errors";
import { ErrorState } from "../shell/ErrorState";
import { MyLoans } from "./MyLoans";
import { PersonaTile } from "./PersonaTile";
import { usePersonas, useSetPreferred } from "./personas";

const GALLERY_WIDTHS = { default: "100%", sm: "18rem" };

/** My Account > Personas: a tile per persona, own and lent. */
export default function PersonasTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const personas = usePersonas();
  const prefer = useSetPreferred();

  if (personas.isPending) {
    return (
      <Gallery hasGutter minWidths={GALLERY_WIDTHS} aria-busy="true" aria-label={t("app.loading")}>
        {[0, 1, 2].map((i) => (
          <Card key={i}>
            <CardBody>
              <Skeleton width="50%" fontSize="lg" />
              <Skeleton width="80%" style={{ marginTop: "1rem" }} />
              <Skeleton width="65%" style={{ marginTop: "0.5rem" }} />
            </CardBody>
          </Card>
        ))}
      </Gallery>
    );
  }
  if (personas.isError) return <ErrorState error={personas.error} onRetry={() => void personas.refetch()} />;
  if (personas.data.length === 0) {
    return (
      <EmptyState icon={UserIcon} titleText={t("personas.empty")} headingLevel="h2">
        <EmptyStateBody>{t("personas.emptyBody")}</EmptyStateBody>
      </EmptyState>
    );
  }
  const failure = prefer.error instanceof ApiError ? prefer.error : null;
  return (
    <Stack hasGutter>
      {prefer.isSuccess ? (
        <StackItem>
          <Alert variant="success" isInline isLiveRegion title={t("personas.preferredSet")} actionClose={<AlertActionCloseButton onClose={() => prefer.reset()} />} />
        </StackItem>
      ) : null}
      {prefer.isError ? (
        <StackItem>
          <Alert variant="danger" isInline isLiveRegion title={t("personas.preferredFailed")} actionClose={<AlertActionCloseButton onClose={() => prefer.reset()} />}>
            {failure?.status === 0 ? t("errors.network") : prefer.error.message}
          </Alert>
        </StackItem>
      ) : null}
      <StackItem>
        <Gallery hasGutter minWidths={GALLERY_WIDTHS} component="ul" aria-label={t("personas.list")} role="list">
          {personas.data.map((p) => (
            <li key={p.id} style={{ listStyle: "none" }}>
              <PersonaTile persona={p} isBusy={prefer.isPending} onPrefer={(x) => prefer.mutate(x.id)} onView={(x) => navigate(`/account/personas/${x.id}`)} />
            </li>
          ))}
        </Gallery>
      </StackItem>
      <StackItem>
        <MyLoans />
      </StackItem>
    </Stack>
  );
}
