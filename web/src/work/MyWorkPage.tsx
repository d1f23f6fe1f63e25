import { useTranslation } from "react-i18next";
import { Placeholder } from "../shell/Placeholder";

export default function MyWorkPage() {
  const { t } = useTranslation();
  return <Placeholder title={t("work.title")} body={t("work.comingSoon")} />;
}
