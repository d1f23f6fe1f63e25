import { ApplicationModal } from "./ApplicationModal";
import { useApplications, useArchiveApplication, type Application } from "./applications";
import { CatalogPage, type Catalog } from "./CatalogPage";
import { Tokens } from "./Tokens";
import { useConsoleStrings } from "./strings";

const APPLICATIONS: Catalog<Application> = {
  area: "applications",
  archiveId: "pp-archive-application",
  useList: useApplications,
  useArchive: useArchiveApplication,
  idOf: (a) => a.id,
  nameOf: (a) => a.name,
  columns: [
    {
      key: "name",
      cell: (a) => (
        <>
          <div>{a.name}</div>
          {a.description ? <div className="pf-v6-u-color-200 pf-v6-u-font-size-sm">{a.description}</div> : null}
        </>
      ),
    },
    { key: "url", cell: (a) => <span className="pp-code">{a.url}</span> },
    { key: "personaTypes", cell: (a, t) => <Tokens values={a.persona_types} label={t("console.applications.typesOf", { name: a.name })} color="purple" /> },
    { key: "entitlements", cell: (a, t) => <Tokens values={a.entitlements_any} label={t("console.applications.entitlementsOf", { name: a.name })} color="blue" /> },
  ],
  editor: (application, onClose, onSaved) => <ApplicationModal application={application} onClose={onClose} onSaved={onSaved} />,
};

/** Applications: what users see on their Applications page, and through which personas. */
export default function ApplicationsPage() {
  useConsoleStrings();
  return <CatalogPage catalog={APPLICATIONS} />;
}
