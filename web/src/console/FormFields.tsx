import { Checkbox, FormGroup, TextArea, TextInput } from "@patternfly/react-core";
import { useEffect, useRef, type ReactNode } from "react";
import { FieldHelp } from "../shell/FieldHelp";

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
