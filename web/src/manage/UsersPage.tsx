import { useTranslation } from "react-i18next";
import { Placeholder } from "../shell/Placeholder";

/** Stand-in until the screen is built. */
export default function UsersPage() {
  const { t } = useTranslation();
  return <Placeholder title={t("manage.users.title")} body="" />;
}
