import { FormHelperText, HelperText, HelperTextItem } from "@patternfly/react-core";
import type { ReactNode } from "react";

/** The line under a field: what it means, or the reason it was refused while there is one (`${id}-help`, for aria-describedby). */
export function FieldHelp({ id, help, error }: { id: string; help?: ReactNode; error?: string | undefined }) {
  if (!help && !error) return null;
  return (
    <FormHelperText>
      <HelperText id={`${id}-help`}>
        <HelperTextItem variant={error ? "error" : "default"}>{error ?? help}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
