import { Bullseye, Spinner } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Bullseye>
      <Spinner aria-label={t("app.loading")} />
    </Bullseye>
  );
}
