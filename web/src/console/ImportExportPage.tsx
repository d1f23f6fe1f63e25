import { Grid, GridItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { ConsolePage } from "./ConsolePage";
import { ExportCard } from "./ExportCard";
import { ImportCard } from "./ImportCard";
import { useConsoleStrings } from "./strings";
import "./console.css";

/** Import / export: bring users with their personas in from a file, or take them all out as one. */
export default function ImportExportPage() {
  useConsoleStrings();
  const { t } = useTranslation();
  return (
    <ConsolePage title={t("console.importExport.title")} intro={t("console.importExport.intro")}>
      <Grid hasGutter>
        <GridItem xl={8}>
          <ImportCard />
        </GridItem>
        <GridItem xl={4}>
          <ExportCard />
        </GridItem>
      </Grid>
    </ConsolePage>
  );
}
