import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isUserId } from "./audit";
import { nameOf, useUser } from "./users";

/** A user ID as a link to the user, named once known; `system:<job>` as the job that acted. */
export function UserName({ id }: { id: string }) {
  const { t } = useTranslation();
  if (id.startsWith("system:")) return <>{t("console.audit.system", { job: id.slice("system:".length) })}</>;
  if (!isUserId(id)) return <span className="pp-code">{id}</span>;
  return <KnownUser id={id} />;
}

function KnownUser({ id }: { id: string }) {
  const user = useUser(id);
  return (
    <Link to={`/console/users/${id}`} className={user.data ? undefined : "pp-code"}>
      {user.data ? nameOf(user.data) : id}
    </Link>
  );
}
