import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Content,
  EmptyState,
  EmptyStateBody,
  Gallery,
  Label,
  LabelGroup,
  PageSection,
  Skeleton,
  Title,
} from "@patternfly/react-core";
import { CubesIcon } from "@patternfly/react-icons/dist/esm/icons/cubes-icon";
import { ExternalLinkAltIcon } from "@patternfly/react-icons/dist/esm/icons/external-link-alt-icon";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";
import { typeName } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";

type UserApplication = components["schemas"]["UserApplication"];

// GET /me/applications takes no cursor (docs/openapi.json): one answer holds them all.
async function listAll(api: ApiClient): Promise<UserApplication[]> {
  return (await call(api.GET("/me/applications"))).items;
}

const WIDTHS = { default: "100%", sm: "18rem" };

/**
 * Applications: what the caller's active personas open (GET /me/applications).
 * icon_url is not shown: it points at another origin, and the portal loads
 * nothing from one.
 */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const apps = useQuery({ queryKey: ["me", "applications"], queryFn: () => listAll(api) });
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t("applications.title")}</Title>
      </PageSection>
      <PageSection>
        {apps.isPending ? (
          <Gallery hasGutter minWidths={WIDTHS} aria-busy="true" aria-label={t("app.loading")}>
            {[0, 1, 2].map((i) => (
              <Card key={i}>
                <CardBody>
                  <Skeleton width="50%" fontSize="lg" />
                  <Skeleton width="80%" style={{ marginTop: "1rem" }} />
                </CardBody>
              </Card>
            ))}
          </Gallery>
        ) : apps.isError ? (
          <ErrorState error={apps.error} onRetry={() => void apps.refetch()} />
        ) : apps.data.length === 0 ? (
          <EmptyState icon={CubesIcon} titleText={t("applications.empty")} headingLevel="h2">
            <EmptyStateBody>{t("applications.emptyBody")}</EmptyStateBody>
          </EmptyState>
        ) : (
          <Gallery hasGutter minWidths={WIDTHS} component="ul" role="list" aria-label={t("applications.title")}>
            {apps.data.map((app) => (
              <li key={app.id} style={{ listStyle: "none" }}>
                <Card isFullHeight component="article" aria-labelledby={`pp-app-${app.id}`}>
                  <CardHeader>
                    <CardTitle id={`pp-app-${app.id}`} component="h2">
                      {app.name}
                    </CardTitle>
                  </CardHeader>
                  <CardBody>
                    {app.description ? <Content component="p">{app.description}</Content> : null}
                    <LabelGroup categoryName={t("applications.via")} numLabels={4}>
                      {app.via_personas.map((p) => (
                        <Label key={p.id} isCompact variant="outline">
                          {typeName(t, p.type)}
                        </Label>
                      ))}
                    </LabelGroup>
                  </CardBody>
                  <CardFooter>
                    <a href={app.url} target="_blank" rel="noopener noreferrer">
                      {t("applications.open", { name: app.name })} <ExternalLinkAltIcon />
                    </a>
                  </CardFooter>
                </Card>
              </li>
            ))}
          </Gallery>
        )}
      </PageSection>
    </>
  );
}
