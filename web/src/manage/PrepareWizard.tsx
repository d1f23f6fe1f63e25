import {
  Alert,
  ClipboardCopy,
  Content,
  EmptyState,
  EmptyStateBody,
  Form,
  FormGroup,
  Modal,
  Radio,
  Stack,
  Switch,
  Wizard,
  WizardFooter,
  WizardHeader,
  WizardStep,
  useWizardContext,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import type { components } from "../api/schema";
import { typeName } from "../personas/personas";
import { ErrorState } from "../shell/ErrorState";
import { FieldHelp } from "../shell/FieldHelp";
import { PageLoading } from "../shell/PageLoading";
import { apiFieldErrors, checkEmail, checkPeriod, fromDateInput, ScopePicker, TextField } from "./fields";
import { useAssignable, usePrepare, type Definition, type InvitationInput } from "./users";

type Invitation = components["schemas"]["Invitation"];

const FIELDS = ["type", "user_email", "scope", "email", "valid_from", "valid_until", "attributes"] as const;
type Field = (typeof FIELDS)[number];

interface Details {
  user_email: string;
  scope: string[];
  email: string;
  from: string;
  until: string;
  send: boolean;
}

const EMPTY: Details = { user_email: "", scope: [], email: "", from: "", until: "", send: true };

/**
 * Prepare a persona (the guide's "Add a user to your users list"): pick a
 * persona the admin may assign → Next → the details → Save
 * (POST /persona-invitations) → the magic link to copy, and whether the
 * e-mail with it was sent.
 */
export function PrepareWizard({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const defs = useAssignable();
  const prepare = usePrepare();
  const [type, setType] = useState("");
  const [details, setDetails] = useState<Details>(EMPTY);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [result, setResult] = useState<{ invitation: Invitation; sent: boolean } | null>(null);
  const def = defs.data?.find((d) => d.type === type);

  // Below md the wizard's nav folds into a toggle whose fixed English
  // aria-label ("Wizard toggle") hides its visible text (the current step)
  // from screen readers; PatternFly offers no prop for it: the visible text names it.
  useEffect(() => {
    document.querySelector("#pp-prepare-wizard .pf-v6-c-wizard__toggle")?.removeAttribute("aria-label");
  });

  const failure = prepare.error instanceof ApiError ? prepare.error : null;
  const api = apiFieldErrors(failure?.fieldErrors ?? {}, FIELDS);
  // A field changed since the API answered shows the portal's own check only ("" = none).
  const problem = (f: Field) => (f in local ? local[f] || undefined : api.on[f]);
  const set = (f: Field, patch: Partial<Details>) => {
    setDetails((old) => ({ ...old, ...patch }));
    setLocal((old) => ({ ...old, [f]: "" }));
  };

  const validate = () => {
    const errs: Partial<Record<Field, string>> = {};
    const user = checkEmail(t, details.user_email, true);
    if (user) errs.user_email = user;
    if (def?.scope_values.length && details.scope.length === 0) errs.scope = t("manage.form.errors.scope");
    const email = checkEmail(t, details.email, false);
    if (email) errs.email = email;
    const period = checkPeriod(t, details.from, details.until);
    if (period) errs.valid_until = period;
    return errs;
  };

  /** Save, then `next` (the wizard's own step forward) once the API said yes. */
  const save = (next: () => void) => {
    const errs = validate();
    setLocal(errs);
    if (Object.keys(errs).length || prepare.isPending) return;
    const body: InvitationInput = {
      type,
      scope: details.scope,
      user_email: details.user_email.trim(),
      send_email: details.send,
      ...(details.email.trim() ? { email: details.email.trim() } : {}),
      ...(details.from ? { valid_from: fromDateInput(details.from) } : {}),
      ...(details.until ? { valid_until: fromDateInput(details.until) } : {}),
    };
    prepare.mutate(body, {
      onSuccess: (invitation) => {
        setResult({ invitation, sent: details.send });
        next();
      },
    });
  };

  return (
    <Modal isOpen onEscapePress={onClose} variant="medium" aria-labelledby="pp-prepare-title" aria-describedby="pp-prepare-description">
      <Wizard
        id="pp-prepare-wizard"
        isVisitRequired
        onClose={onClose}
        height={560}
        navAriaLabel={t("manage.prepare.steps.label")}
        header={
          <WizardHeader
            title={t("manage.prepare.title")}
            titleId="pp-prepare-title"
            description={t("manage.prepare.description")}
            descriptionId="pp-prepare-description"
            onClose={onClose}
            closeButtonAriaLabel={t("manage.prepare.closeWizard")}
          />
        }
      >
        <WizardStep
          id="persona"
          name={t("manage.prepare.steps.persona")}
          isDisabled={result !== null}
          footer={{ isNextDisabled: !def, nextButtonText: t("manage.prepare.next"), backButtonText: t("manage.prepare.back"), cancelButtonText: t("manage.form.cancel"), isBackDisabled: true }}
        >
          {defs.isPending ? (
            <PageLoading />
          ) : defs.isError ? (
            <ErrorState error={defs.error} onRetry={() => void defs.refetch()} />
          ) : (
            <PersonaChoice
              defs={defs.data}
              value={type}
              onChange={(v) => {
                setType(v);
                // The scope values belong to the definition: another persona starts again.
                setDetails((old) => ({ ...old, scope: [] }));
              }}
            />
          )}
        </WizardStep>
        <WizardStep id="details" name={t("manage.prepare.steps.details")} isDisabled={result !== null} footer={<SaveFooter pending={prepare.isPending} onSave={save} />}>
          <DetailsForm onSave={save}>
            {prepare.isError ? (
              <Alert variant="danger" isInline isLiveRegion title={t("manage.prepare.failed")}>
                {failure?.status === 0 ? t("errors.network") : prepare.error.message}
                {api.rest.length ? ` ${api.rest.join(" ")}` : null}
              </Alert>
            ) : null}
            <Content component="p">{t("manage.prepare.detailsIntro", { persona: def ? def.display_name || typeName(t, def.type) : "" })}</Content>
            <TextField
              id="pp-prepare-user"
              label={t("manage.prepare.userEmail")}
              type="email"
              value={details.user_email}
              onChange={(user_email) => set("user_email", { user_email })}
              error={problem("user_email")}
              help={t("manage.prepare.userEmailHelp")}
              isRequired
            />
            <ScopePicker id="pp-prepare-scope" values={def?.scope_values ?? []} selected={details.scope} onChange={(scope) => set("scope", { scope })} error={problem("scope")} />
            <TextField
              id="pp-prepare-email"
              label={t("manage.form.email")}
              type="email"
              value={details.email}
              onChange={(email) => set("email", { email })}
              error={problem("email")}
              help={t("manage.prepare.emailHelp")}
            />
            <TextField
              id="pp-prepare-from"
              label={t("manage.form.from")}
              type="date"
              value={details.from}
              onChange={(from) => set("valid_from", { from })}
              error={problem("valid_from")}
              help={t("manage.prepare.fromHelp")}
            />
            <TextField
              id="pp-prepare-until"
              label={t("manage.form.until")}
              type="date"
              value={details.until}
              onChange={(until) => set("valid_until", { until })}
              error={problem("valid_until")}
              help={t("manage.form.untilHelp")}
              min={details.from || undefined}
            />
            <FormGroup fieldId="pp-prepare-send" label={t("manage.prepare.sendLabel")} role="group">
              <Switch id="pp-prepare-send" label={t("manage.prepare.send")} isChecked={details.send} onChange={(_e, send) => setDetails((old) => ({ ...old, send }))} aria-describedby="pp-prepare-send-help" />
              <FieldHelp id="pp-prepare-send" help={t("manage.prepare.sendHelp")} />
            </FormGroup>
          </DetailsForm>
        </WizardStep>
        <WizardStep
          id="link"
          name={t("manage.prepare.steps.link")}
          footer={{ nextButtonText: t("manage.prepare.close"), isBackHidden: true, isCancelHidden: true, onNext: onClose }}
        >
          {result ? <LinkStep invitation={result.invitation} sent={result.sent} /> : null}
        </WizardStep>
      </Wizard>
    </Modal>
  );
}

function PersonaChoice({ defs, value, onChange }: { defs: Definition[]; value: string; onChange: (type: string) => void }) {
  const { t } = useTranslation();
  if (defs.length === 0) {
    return (
      <EmptyState headingLevel="h2" titleText={t("manage.prepare.noDefinitions")}>
        <EmptyStateBody>{t("manage.prepare.noDefinitionsBody")}</EmptyStateBody>
      </EmptyState>
    );
  }
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <FormGroup role="radiogroup" isStack fieldId="pp-prepare-type" label={t("manage.prepare.choose")} isRequired>
        {defs.map((d, i) => (
          <Radio
            key={d.type}
            id={i === 0 ? "pp-prepare-type" : `pp-prepare-type-${i}`}
            name="pp-prepare-type"
            label={d.display_name || typeName(t, d.type)}
            description={[d.description, d.scope_values.length ? t("manage.prepare.scopeValues", { values: d.scope_values.join(", ") }) : ""].filter(Boolean).join(" ")}
            isChecked={value === d.type}
            onChange={() => onChange(d.type)}
          />
        ))}
      </FormGroup>
    </Form>
  );
}

/** The details form; Enter saves as the footer's Save does (both step forward through the wizard). */
function DetailsForm({ onSave, children }: { onSave: (next: () => void) => void; children: React.ReactNode }) {
  const { goToNextStep } = useWizardContext();
  return (
    <Form
      id="pp-prepare-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSave(() => void goToNextStep());
      }}
    >
      {children}
    </Form>
  );
}

function SaveFooter({ pending, onSave }: { pending: boolean; onSave: (next: () => void) => void }) {
  const { t } = useTranslation();
  const { activeStep, goToNextStep, goToPrevStep, close } = useWizardContext();
  return (
    <WizardFooter
      activeStep={activeStep}
      onNext={() => onSave(() => void goToNextStep())}
      onBack={goToPrevStep}
      onClose={close}
      nextButtonText={t("manage.prepare.save")}
      nextButtonProps={{ isLoading: pending }}
      isNextDisabled={pending}
      backButtonText={t("manage.prepare.back")}
      cancelButtonText={t("manage.form.cancel")}
    />
  );
}

function LinkStep({ invitation, sent }: { invitation: Invitation; sent: boolean }) {
  const { t } = useTranslation();
  const r = invitation.request;
  const user = r.subject.display_name || r.subject.email;
  return (
    <Stack hasGutter>
      <Alert variant="success" isInline isLiveRegion title={t("manage.prepare.done", { persona: r.persona.display_name || typeName(t, r.persona.type), user })}>
        {sent ? t("manage.prepare.sent", { email: r.subject.email }) : t("manage.prepare.notSent")}
      </Alert>
      <FormGroup label={t("manage.prepare.link")} fieldId="pp-prepare-link">
        <ClipboardCopy
          isReadOnly
          inputId="pp-prepare-link"
          hoverTip={t("manage.prepare.copy")}
          clickTip={t("manage.prepare.copied")}
          copyAriaLabel={t("manage.prepare.copy")}
          textAriaLabel={t("manage.prepare.link")}
        >
          {invitation.magic_link}
        </ClipboardCopy>
      </FormGroup>
      <Content component="p">{t("manage.prepare.linkHelp", { user })}</Content>
      <Content component="p">{t("manage.prepare.afterwards")}</Content>
    </Stack>
  );
}
