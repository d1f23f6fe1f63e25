import { Checkbox, FormGroup, TextArea, TextInput } from "@patternfly/react-core";
import type { TFunction } from "i18next";
import { useEffect, useRef, type ReactNode } from "react";
import type { FieldErrors } from "../api/errors";
import { FieldHelp } from "../shell/FieldHelp";
import { reasonFor } from "./fields";

interface FieldProps {
  id: string;
  label: string;
  /** What the field means (the guide's words); the API's reason replaces it while there is one. */
  help?: ReactNode;
  error?: string;
  isRequired?: boolean;
}

/** A text field with its meaning below, or the API's reason when it refused the value. */
export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    type?: "text" | "email" | "url" | "number" | "date" | "tel";
    isDisabled?: boolean;
    autoComplete?: string;
    /** Several lines (descriptions, lists, JSON). */
    rows?: number;
    mono?: boolean;
    /** A short value (a number): the field is as narrow as it. */
    narrow?: boolean;
    min?: number;
    max?: number;
  },
) {
  const { id, label, help, error, isRequired, value, onChange } = props;
  const described = help || error ? `${id}-help` : undefined;
  const validated = error ? "error" : "default";
  return (
    <FormGroup label={label} fieldId={id} isRequired={isRequired}>
      {props.rows ? (
        <TextArea
          id={id}
          name={id}
          value={value}
          rows={props.rows}
          resizeOrientation="vertical"
          isRequired={isRequired}
          isDisabled={props.isDisabled}
          className={props.mono ? "pp-code" : undefined}
          validated={validated}
          aria-describedby={described}
          onChange={(_e, v) => onChange(v)}
        />
      ) : (
        <TextInput
          id={id}
          name={id}
          type={props.type ?? "text"}
          value={value}
          isRequired={isRequired}
          isDisabled={props.isDisabled}
          autoComplete={props.autoComplete ?? "off"}
          className={props.narrow ? "pp-narrow" : undefined}
          validated={validated}
          aria-describedby={described}
          onChange={(_e, v) => onChange(v)}
          {...(props.min !== undefined ? { min: props.min } : {})}
          {...(props.max !== undefined ? { max: props.max } : {})}
        />
      )}
      <FieldHelp id={id} help={help} error={error} />
    </FormGroup>
  );
}

/** A yes/no choice with what it means. */
export function CheckField(props: Omit<FieldProps, "isRequired"> & { checked: boolean; onChange: (checked: boolean) => void; isDisabled?: boolean }) {
  const { id, label, help, error, checked, onChange } = props;
  return (
    <FormGroup fieldId={id}>
      <Checkbox
        id={id}
        name={id}
        label={label}
        isChecked={checked}
        isDisabled={props.isDisabled}
        isValid={!error}
        aria-describedby={help || error ? `${id}-help` : undefined}
        onChange={(_e, v) => onChange(v)}
      />
      <FieldHelp id={id} help={help} error={error} />
    </FormGroup>
  );
}

/**
 * A form's ref that, when a save fails, moves the focus to the first field
 * the API refused (the form may be scrolled away from it, in a modal).
 */
export function useFocusOnRefusal(error: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return ref;
}

type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;

/**
 * A form's fields bound to its state: `${id}-${k}`, the label `${keys}.${k}`
 * and its meaning `${keys}.${k}Help` (unless helped is false), the value and
 * its setter, and the API's reason for k. Props set after the spread win.
 */
export function bindFields<V extends object>(opts: {
  t: TFunction;
  id: string;
  keys: string;
  values: V;
  set: <K extends keyof V>(k: K, v: V[K]) => void;
  errors: FieldErrors;
}) {
  const { t, id, keys, values, set, errors } = opts;
  const common = (k: string, helped: boolean) => ({
    id: `${id}-${k}`,
    label: t(`${keys}.${k}`),
    help: helped ? t(`${keys}.${k}Help`) : undefined,
    error: reasonFor(errors, k),
  });
  return {
    text: (k: KeysOf<V, string>, helped = true) => ({ ...common(k, helped), value: values[k] as string, onChange: (v: string) => set(k, v as V[typeof k]) }),
    check: (k: KeysOf<V, boolean>, helped = true) => ({ ...common(k, helped), checked: values[k] as boolean, onChange: (v: boolean) => set(k, v as V[typeof k]) }),
  };
}
