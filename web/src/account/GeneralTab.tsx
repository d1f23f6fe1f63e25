import {
  ActionGroup,
  Alert,
  AlertActionLink,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Skeleton,
  TextInput,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { ErrorState } from "../shell/ErrorState";
import { EDITABLE_FIELDS, useProfile, useUpdateProfile, type EditableField, type Profile, type ProfileFieldsInput } from "./profile";

const HELP: Partial<Record<EditableField, string>> = { locale: "general.localeHelp", timezone: "general.timezoneHelp" };
const AUTOCOMPLETE: Partial<Record<EditableField, string>> = {
  given_name: "given-name",
  family_name: "family-name",
  display_name: "nickname",
  phone: "tel",
};

/** My Account > General: the profile of GET /me, saved with PATCH /me. */
export default function GeneralTab() {
  const profile = useProfile();
  const update = useUpdateProfile();
  if (profile.isPending) return <GeneralSkeleton />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  // A new version of the profile (after Save) starts the form afresh from it.
  return <GeneralForm key={profile.data.updated_at} profile={profile.data} update={update} />;
}

function GeneralSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" aria-label={t("app.loading")} role="status">
      {[...EDITABLE_FIELDS, "email"].map((f) => (
        <div key={f} style={{ marginBottom: "var(--pf-t--global--spacer--lg)" }}>
          <Skeleton width="25%" fontSize="sm" />
          <Skeleton height="2.25rem" style={{ marginTop: "var(--pf-t--global--spacer--sm)" }} />
        </div>
      ))}
    </div>
  );
}

function GeneralForm({ profile, update }: { profile: Profile; update: ReturnType<typeof useUpdateProfile> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<EditableField, string>>(() => pick(profile));
  const changes: ProfileFieldsInput = Object.fromEntries(EDITABLE_FIELDS.filter((f) => values[f] !== profile[f]).map((f) => [f, values[f]]));
  const dirty = Object.keys(changes).length > 0;
  const error = update.error instanceof ApiError ? update.error : null;
  const fieldErrors = error?.fieldErrors ?? {};
  // A reason about a field this form does not show goes into the general alert.
  const onFields = EDITABLE_FIELDS.some((f) => fieldErrors[f]);
  const otherError = update.isError && !onFields;

  const save = () => update.mutate(changes);
  const edit = (field: EditableField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (update.isSuccess) update.reset();
  };

  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) save();
      }}
      noValidate
      style={{ maxWidth: "40rem" }}
    >
      {update.isSuccess ? <Alert variant="success" isInline isLiveRegion title={t("general.saved")} /> : null}
      {otherError ? (
        <Alert
          variant="danger"
          isInline
          isLiveRegion
          title={t("general.saveFailed")}
          actionLinks={error?.retryable ? <AlertActionLink onClick={save}>{t("errors.retry")}</AlertActionLink> : undefined}
        >
          {error?.status === 0 ? t("errors.network") : update.error?.message}
        </Alert>
      ) : null}
      {onFields ? <Alert variant="danger" isInline isLiveRegion title={t("general.fixFields")} /> : null}
      <FormGroup label={t("general.email")} fieldId="pp-email">
        <TextInput id="pp-email" type="email" value={profile.email} readOnlyVariant="default" aria-describedby="pp-email-help" />
        <FormHelperText>
          <HelperText id="pp-email-help">
            <HelperTextItem>{t("general.emailHelp")}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      {EDITABLE_FIELDS.map((field) => {
        const id = `pp-${field}`;
        const problem = fieldErrors[field];
        const help = HELP[field];
        return (
          <FormGroup key={field} label={t(`general.${field}`)} fieldId={id}>
            <TextInput
              id={id}
              name={field}
              type={field === "phone" ? "tel" : "text"}
              value={values[field]}
              autoComplete={AUTOCOMPLETE[field] ?? "off"}
              validated={problem ? "error" : "default"}
              aria-describedby={problem || help ? `${id}-help` : undefined}
              onChange={(_e, v) => edit(field, v)}
            />
            {problem || help ? (
              <FormHelperText>
                <HelperText id={`${id}-help`}>
                  <HelperTextItem variant={problem ? "error" : "default"}>{problem ?? t(help!)}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            ) : null}
          </FormGroup>
        );
      })}
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={!dirty || update.isPending} isLoading={update.isPending}>
          {t("general.save")}
        </Button>
        <Button
          variant="link"
          isDisabled={!dirty || update.isPending}
          onClick={() => {
            setValues(pick(profile));
            update.reset();
          }}
        >
          {t("general.cancel")}
        </Button>
      </ActionGroup>
    </Form>
  );
}

function pick(profile: Profile): Record<EditableField, string> {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, profile[f] ?? ""])) as Record<EditableField, string>;
}
