import { Flex, Label } from "@patternfly/react-core";
import { CatalogPage, type Catalog } from "./CatalogPage";
import { DefinitionModal } from "./DefinitionModal";
import { useArchiveDefinition, useDefinitions, type Definition } from "./definitions";
import { Tokens } from "./Tokens";
import { useConsoleStrings } from "./strings";

const DEFINITIONS: Catalog<Definition> = {
  area: "definitions",
  archiveId: "pp-archive-definition",
  useList: useDefinitions,
  useArchive: useArchiveDefinition,
  idOf: (d) => d.type,
  nameOf: (d) => d.display_name,
  columns: [
    {
      key: "name",
      cell: (d) => (
        <>
          <div>{d.display_name}</div>
          <div className="pp-code pf-v6-u-color-200">{d.type}</div>
        </>
      ),
    },
    { key: "scope", cell: (d, t) => <Tokens values={d.scope_values} label={t("console.definitions.scopeOf", { name: d.display_name })} /> },
    { key: "entitlements", cell: (d, t) => <Tokens values={d.entitlements} label={t("console.definitions.entitlementsOf", { name: d.display_name })} color="blue" /> },
    {
      key: "options",
      cell: (d, t) => (
        <>
          {d.manages.length === 0 && !d.delegable && !d.step_up_required ? <span className="pf-v6-u-color-200">{t("console.common.none")}</span> : null}
          <Flex gap={{ default: "gapXs" }}>
            {d.manages.length > 0 ? <Label isCompact color="purple">{t("console.definitions.manages", { types: d.manages.join(", ") })}</Label> : null}
            {d.delegable ? <Label isCompact color="teal">{t("console.definitions.fields.delegable")}</Label> : null}
            {d.step_up_required ? <Label isCompact color="orange">{t("console.definitions.fields.step_up_required")}</Label> : null}
          </Flex>
        </>
      ),
    },
  ],
  editor: (definition, onClose, onSaved) => <DefinitionModal definition={definition} onClose={onClose} onSaved={onSaved} />,
};

/** Persona definitions: what personas the tenant has, with Create, Edit and Archive. */
export default function DefinitionsPage() {
  useConsoleStrings();
  return <CatalogPage catalog={DEFINITIONS} />;
}
