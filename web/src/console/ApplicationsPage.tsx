import { useTranslation } from "react-i18next";
import { Placeholder } from "../shell/Placeholder";

/** Stand-in until the screen is built. */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  return <Placeholder title={t("console.applications.title")} body="" />;
}
