import { Alert, Button, Card, CardBody, CardTitle, Content, Stack, StackItem, Title } from "@patternfly/react-core";
import { DownloadIcon } from "@patternfly/react-icons/dist/esm/icons/download-icon";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api/context";
import { ErrorAlert } from "./ErrorAlert";
import { exportAll, saveFile } from "./transfer";

/** The file's name: users-<date>.ndjson (the day it was taken). */
const fileName = () => `users-${new Date().toISOString().slice(0, 10)}.ndjson`;

/** Export users: every page of GET /admin/export gathered into one NDJSON file, saved by the browser. */
export function ExportCard() {
  const { t } = useTranslation();
  const api = useApi();
  const [pages, setPages] = useState(0);
  const download = useMutation({
    mutationFn: async () => {
      setPages(0);
      const text = await exportAll(api, setPages);
      const name = fileName();
      saveFile(text, name);
      return { name, lines: text.split("\n").filter((l) => l.trim() !== "").length };
    },
  });
  return (
    <Card>
      <CardTitle>
        <Title headingLevel="h2">{t("console.export.title")}</Title>
      </CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p">{t("console.export.intro")}</Content>
          </StackItem>
          <StackItem>
            <Button variant="primary" icon={<DownloadIcon />} onClick={() => download.mutate()} isLoading={download.isPending} isDisabled={download.isPending}>
              {download.isPending && pages > 0 ? t("console.export.pages", { count: pages }) : t("console.export.download")}
            </Button>
          </StackItem>
          {download.isSuccess ? (
            <StackItem>
              <Alert variant="success" isInline isLiveRegion title={t("console.export.done", { name: download.data.name, count: download.data.lines })} />
            </StackItem>
          ) : null}
          {download.isError ? (
            <StackItem>
              <ErrorAlert title={t("console.export.failed")} error={download.error} onRetry={() => download.mutate()} />
            </StackItem>
          ) : null}
        </Stack>
      </CardBody>
    </Card>
  );
}
