import { useTranslation } from "react-i18next";
import { Placeholder } from "../shell/Placeholder";

export default function ApplicationsPage() {
  const { t } = useTranslation();
  return <Placeholder title={t("applications.title")} body={t("applications.comingSoon")} />;
}
