import {
  Alert,
  AlertActionCloseButton,
  Button,
  FormSelect,
  FormSelectOption,
  Masthead,
  MenuToggle,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Page,
  PageToggleButton,
  Select,
  SelectList,
  SelectOption,
  SkipToContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons/dist/esm/icons/user-icon";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api/context";
import { ApiError, call } from "../api/errors";
import { useAuth } from "../auth/context";
import { formatDate, typeName, usePersonas, type Persona } from "../personas/personas";
import { LANGUAGES, rememberLanguage, type Language } from "../i18n";
import { PageLoading } from "./PageLoading";
import { Sidebar } from "./Sidebar";

export const MAIN_ID = "main-content";

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <FormSelect
      aria-label={t("app.language")}
      value={i18n.resolvedLanguage ?? "en"}
      onChange={(_e, value) => {
        rememberLanguage(value as Language);
        void i18n.changeLanguage(value);
      }}
    >
      {LANGUAGES.map((l) => (
        <FormSelectOption key={l} value={l} label={t(`languages.${l}`)} />
      ))}
    </FormSelect>
  );
}

export const activePersonaKey = ["me", "active-persona"] as const;

function personaLabel(t: ReturnType<typeof useTranslation>["t"], persona: Persona) {
  return [typeName(t, persona.type), persona.scope.join(", ")].filter(Boolean).join(" · ");
}

/**
 * The active persona and its switcher: the caller's active personas, own and
 * lent (GET /me/personas), the session's one checked; choosing one is
 * PUT /me/active-persona. A 401 step_up_required makes the API client sign in
 * again with max_age, and the choice is made again on the way back (auth's
 * ResumeAction); the message says why (it stays when the client does not
 * leave, e.g. a second step-up within a minute, with a Sign in button).
 */
function ActivePersona() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const active = useQuery({ queryKey: activePersonaKey, queryFn: () => call(api.GET("/me/active-persona")) });
  const personas = usePersonas();
  const select = useMutation({
    mutationFn: (personaId: string) => call(api.PUT("/me/active-persona", { body: { persona_id: personaId } })),
    onSuccess: (data) => {
      queryClient.setQueryData(activePersonaKey, data);
      return queryClient.invalidateQueries({ queryKey: ["me", "applications"] });
    },
  });
  const persona = active.data?.persona;
  // Until it loads, or when it cannot, the area says nothing is selected rather than an error.
  const label = persona ? personaLabel(t, persona) : t("app.noActivePersona");
  const choices = (personas.data ?? []).filter((p) => p.active);
  const failure = select.error instanceof ApiError ? select.error : null;
  const stepUp = failure?.code === "step_up_required";
  const maxAge = typeof failure?.details.max_age === "number" ? failure.details.max_age : 0;
  return (
    <>
      <Select
        isOpen={isOpen}
        selected={persona?.id}
        onOpenChange={setOpen}
        shouldFocusToggleOnSelect
        onSelect={(_e, value) => {
          setOpen(false);
          if (typeof value === "string" && value !== persona?.id) select.mutate(value);
        }}
        popperProps={{ position: "end" }}
        toggle={(ref) => (
          <MenuToggle
            ref={ref}
            variant="plainText"
            icon={<UserIcon />}
            isExpanded={isOpen}
            isDisabled={select.isPending}
            onClick={() => setOpen((o) => !o)}
            data-testid="active-persona"
          >
            <span className="pp-active-persona-label">
              {t("app.activePersona")}: {label}
            </span>
          </MenuToggle>
        )}
      >
        <SelectList aria-label={t("app.switchPersona")}>
          {choices.length === 0 ? (
            <SelectOption isDisabled value="">
              {personas.isPending ? t("app.loading") : t("app.noPersonaToSwitch")}
            </SelectOption>
          ) : (
            choices.map((p) => (
              <SelectOption
                key={p.id}
                value={p.id}
                isSelected={p.id === persona?.id}
                description={
                  p.delegation
                    ? t("personas.lentBy", {
                        name: p.delegation.from_user.display_name || p.delegation.from_user.email,
                        until: formatDate(p.delegation.valid_until, i18n.language),
                      })
                    : undefined
                }
              >
                {personaLabel(t, p)}
              </SelectOption>
            ))
          )}
        </SelectList>
      </Select>
      {select.isError ? (
        <div className="pp-switch-alert">
          <Alert
            variant={stepUp ? "info" : "danger"}
            isInline
            isLiveRegion
            title={stepUp ? t("app.stepUpNeeded") : t("app.switchFailed")}
            actionClose={
              <AlertActionCloseButton onClose={() => select.reset()} />
            }
            actionLinks={
              stepUp && maxAge > 0 ? (
                <Button variant="link" isInline onClick={() => void auth.stepUp(maxAge)}>
                  {t("app.signIn")}
                </Button>
              ) : undefined
            }
          >
            {stepUp ? null : failure?.status === 0 ? t("errors.network") : select.error.message}
          </Alert>
        </div>
      ) : null}
    </>
  );
}

function Header() {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label={t("app.toggleNav")} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component="a" href="/">
            <span className="pp-product-name">{t("app.name")}</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent alignItems="center">
            <ToolbarGroup align={{ default: "alignEnd" }} alignItems="center" gap={{ default: "gapSm" }}>
              {/* The active persona and its switcher; below md only its icon shows (the label stays for screen readers). */}
              <ToolbarItem>
                <ActivePersona />
              </ToolbarItem>
              <ToolbarItem>
                <LanguageSwitch />
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={() => void auth.signOut()}>
                  {t("app.signOut")}
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
}

/** The page frame; `notice` shows above every page (what happened on the way back from a sign-in). */
export function AppShell({ children, notice }: { children: ReactNode; notice?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Page
      masthead={<Header />}
      sidebar={<Sidebar />}
      isManagedSidebar
      skipToContent={<SkipToContent href={`#${MAIN_ID}`}>{t("app.skipToContent")}</SkipToContent>}
      mainContainerId={MAIN_ID}
    >
      {notice}
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </Page>
  );
}
