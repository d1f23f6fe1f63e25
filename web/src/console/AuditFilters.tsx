import { ActionGroup, Button, Form, FormGroup, FormSelect, FormSelectOption, FormSelectOptionGroup, Grid, GridItem } from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ACTIONS, isUserId, NO_FILTER, type AuditFilter } from "./audit";
import { TextField } from "./FormFields";
import { UserName } from "./UserName";

/** The audit trail's filters: about which user, by whom, which action, which days. Apply sends them; Clear shows everything again. */
export function AuditFilters({ filter, onApply }: { filter: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilter>(filter);
  const set = (k: keyof AuditFilter, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const f = (k: string) => t(`console.audit.filters.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...values, user: values.user.trim(), actor: values.actor.trim() });
  };
  return (
    <Form onSubmit={submit} aria-label={f("label")}>
      <Grid hasGutter md={6} xl={4}>
        <GridItem>
          <TextField id="pp-audit-user" label={f("user")} value={values.user} onChange={(v) => set("user", v)} help={isUserId(values.user) ? <UserName id={values.user} /> : f("userHelp")} />
        </GridItem>
        <GridItem>
          <TextField id="pp-audit-actor" label={f("actor")} value={values.actor} onChange={(v) => set("actor", v)} help={isUserId(values.actor) ? <UserName id={values.actor} /> : f("actorHelp")} />
        </GridItem>
        <GridItem>
          <FormGroup label={f("action")} fieldId="pp-audit-action">
            <FormSelect id="pp-audit-action" value={values.action} onChange={(_e, v) => set("action", v)}>
              <FormSelectOption value="" label={f("anyAction")} />
              {Object.entries(ACTIONS).map(([group, actions]) => (
                <FormSelectOptionGroup key={group} label={t(`console.audit.groups.${group}`)}>
                  {actions.map((a) => (
                    <FormSelectOption key={a} value={a} label={t(`console.audit.action.${a}`, { defaultValue: a })} />
                  ))}
                </FormSelectOptionGroup>
              ))}
            </FormSelect>
          </FormGroup>
        </GridItem>
        <GridItem>
          <TextField id="pp-audit-from" label={f("from")} type="date" value={values.from} onChange={(v) => set("from", v)} />
        </GridItem>
        <GridItem>
          <TextField id="pp-audit-to" label={f("to")} type="date" value={values.to} onChange={(v) => set("to", v)} />
        </GridItem>
      </Grid>
      <ActionGroup>
        <Button type="submit" variant="primary">
          {f("apply")}
        </Button>
        <Button
          variant="link"
          onClick={() => {
            setValues(NO_FILTER);
            onApply(NO_FILTER);
          }}
        >
          {f("clear")}
        </Button>
      </ActionGroup>
    </Form>
  );
}
