import { Alert, Button, Card, CardBody, CardTitle, Content, FileUpload, Flex, FormGroup, FormHelperText, HelperText, HelperTextItem, Progress, Stack, StackItem, Title } from "@patternfly/react-core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api/context";
import { ErrorAlert } from "./ErrorAlert";
import { formatOf, parseFile, type ParsedFile } from "./importFile";
import { ImportReportView } from "./ImportReportView";
import { useImportRun } from "./importRun";
import { postImport } from "./transfer";

interface Picked {
  name: string;
  text: string;
  parsed: ParsedFile;
}

/** Import users: choose a file, check it (the dry run's report, line by line), then import it with a progress bar. */
export function ImportCard() {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState<Picked | null>(null);
  const [reading, setReading] = useState(false);
  const [readFailed, setReadFailed] = useState(false);
  const check = useMutation({ mutationFn: (f: Picked) => postImport(api, f.text, f.parsed.format, true) });
  const { run, start, resume, reset } = useImportRun();
  const busy = check.isPending || run?.running === true;

  const choose = async (f: File) => {
    check.reset();
    reset();
    setReadFailed(false);
    setReading(true);
    try {
      const text = await f.text();
      setFile({ name: f.name, text, parsed: parseFile(text, formatOf(f.name, text)) });
    } catch {
      setFile(null);
      setReadFailed(true);
    } finally {
      setReading(false);
    }
  };
  const clear = () => {
    check.reset();
    reset();
    setFile(null);
    setReadFailed(false);
  };
  const percent = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : run ? 100 : 0;

  return (
    <Card isFullHeight>
      <CardTitle>
        <Title headingLevel="h2">{t("console.import.title")}</Title>
      </CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p">{t("console.import.intro")}</Content>
          </StackItem>
          <StackItem>
            <FormGroup label={t("console.import.file")} fieldId="pp-import-file">
              <FileUpload
                id="pp-import-file"
                filename={file?.name ?? ""}
                filenamePlaceholder={t("console.import.noFile")}
                filenameAriaLabel={t("console.import.fileName")}
                browseButtonText={t("console.import.browse")}
                clearButtonText={t("console.import.clear")}
                browseButtonAriaDescribedby="pp-import-file-help"
                hideDefaultPreview
                isLoading={reading}
                isDisabled={busy}
                dropzoneProps={{ accept: { "text/csv": [".csv"], "application/x-ndjson": [".ndjson", ".jsonl", ".json"] } }}
                onFileInputChange={(_e, f) => void choose(f)}
                onClearClick={clear}
              />
              <FormHelperText>
                <HelperText id="pp-import-file-help">
                  <HelperTextItem variant={readFailed ? "error" : "default"}>
                    {readFailed
                      ? t("console.import.readFailed")
                      : file
                        ? t("console.import.fileSummary", { format: file.parsed.format.toUpperCase(), count: file.parsed.records.length })
                        : t("console.import.fileHelp")}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          </StackItem>
          <StackItem>
            <Flex gap={{ default: "gapSm" }}>
              <Button
                variant={check.isSuccess ? "secondary" : "primary"}
                isDisabled={!file || busy || file.parsed.records.length === 0}
                isLoading={check.isPending}
                onClick={() => {
                  if (!file) return;
                  // Checking again starts afresh: the report shown is the new check's.
                  reset();
                  check.mutate(file);
                }}
              >
                {t("console.import.check")}
              </Button>
              <Button
                variant={check.isSuccess ? "primary" : "secondary"}
                isDisabled={!file || !check.isSuccess || busy || run?.finished === true}
                onClick={() => file && start(file.parsed)}
              >
                {t("console.import.run")}
              </Button>
            </Flex>
          </StackItem>
          {check.isError ? (
            <StackItem>
              <ErrorAlert title={t("console.import.checkFailed")} error={check.error} onRetry={() => file && check.mutate(file)} />
            </StackItem>
          ) : null}
          {check.isSuccess && !run ? (
            <StackItem>
              <ImportReportView id="pp-dry-run" report={check.data} title={t("console.import.dryRunTitle")} />
              <Content component="p" style={{ marginTop: "var(--pf-t--global--spacer--md)" }}>
                {check.data.errors.length > 0 ? t("console.import.withErrors") : t("console.import.ready")}
              </Content>
            </StackItem>
          ) : null}
          {run ? (
            <StackItem>
              <Progress
                title={t("console.import.progress")}
                value={percent}
                label={t("console.import.progressLabel", { done: run.done, total: run.total })}
                valueText={t("console.import.progressLabel", { done: run.done, total: run.total })}
                measureLocation="outside"
                variant={run.error ? "danger" : run.finished ? "success" : undefined}
              />
            </StackItem>
          ) : null}
          {run?.error ? (
            <StackItem>
              <ErrorAlert title={t("console.import.runFailed", { done: run.done, total: run.total })} error={run.error} />
              <Button variant="primary" onClick={resume} style={{ marginTop: "var(--pf-t--global--spacer--sm)" }}>
                {t("console.import.resume")}
              </Button>
            </StackItem>
          ) : null}
          {run?.finished ? (
            <StackItem>
              <Alert variant={run.report.errors.length > 0 ? "warning" : "success"} isInline isLiveRegion title={t(run.report.errors.length > 0 ? "console.import.doneWithErrors" : "console.import.done")} />
            </StackItem>
          ) : null}
          {run && (run.finished || run.error) ? (
            <StackItem>
              <ImportReportView id="pp-import-result" report={run.report} title={t("console.import.resultTitle")} />
            </StackItem>
          ) : null}
        </Stack>
      </CardBody>
    </Card>
  );
}
