import { Button, FormGroup, SearchInput, TextInput, ToggleGroup, ToggleGroupItem, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../shell/useDebounced";
import type { UserFilter } from "./users";

type Mode = "text" | "attribute";

/** Find a user: words of the name or e-mail (as one types), or a custom attribute's exact value (on Find). */
export function UserSearch({ onFilter }: { onFilter: (f: UserFilter) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>("text");
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const q = useDebounced(text.trim());

  useEffect(() => {
    if (mode === "text") onFilter(q ? { kind: "text", q } : { kind: "all" });
  }, [mode, q, onFilter]);

  const find = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onFilter({ kind: "attribute", name: name.trim(), value: value.trim() });
  };

  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarItem>
          <ToggleGroup aria-label={t("console.users.searchBy")}>
            {(["text", "attribute"] as const).map((m) => (
              <ToggleGroupItem
                key={m}
                text={t(`console.users.mode.${m}`)}
                buttonId={`pp-user-search-${m}`}
                isSelected={mode === m}
                onChange={() => {
                  setMode(m);
                  if (m === "attribute") onFilter({ kind: "all" });
                }}
              />
            ))}
          </ToggleGroup>
        </ToolbarItem>
        {mode === "text" ? (
          <ToolbarItem>
            <SearchInput
              aria-label={t("console.users.searchText")}
              placeholder={t("console.users.searchText")}
              value={text}
              onChange={(_e, v) => setText(v)}
              onClear={() => setText("")}
            />
          </ToolbarItem>
        ) : (
          <ToolbarItem>
            <form onSubmit={find} className="pp-attribute-search" aria-label={t("console.users.mode.attribute")}>
              <FormGroup label={t("console.users.attribute")} fieldId="pp-attr-name">
                <TextInput id="pp-attr-name" value={name} onChange={(_e, v) => setName(v)} placeholder="employee_id" className="pp-code" />
              </FormGroup>
              <FormGroup label={t("console.users.value")} fieldId="pp-attr-value">
                <TextInput id="pp-attr-value" value={value} onChange={(_e, v) => setValue(v)} />
              </FormGroup>
              <Button type="submit" variant="primary" isDisabled={!name.trim()}>
                {t("console.users.find")}
              </Button>
            </form>
          </ToolbarItem>
        )}
      </ToolbarContent>
    </Toolbar>
  );
}
