import { Nav, NavExpandable, NavItem, NavList, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useRights, type Rights } from "./rights";

interface Link {
  to: string;
  key: string;
}

/** Every signed-in person's pages. */
const SELF: Link[] = [
  { to: "/account", key: "nav.account" },
  { to: "/applications", key: "nav.applications" },
  { to: "/my-work", key: "nav.work" },
];

/** A delegated admin's pages (the guide's "Users"), shown while they hold an admin persona. */
const DELEGATED: Link[] = [
  { to: "/manage/users", key: "manage.nav.users" },
  { to: "/manage/invitations", key: "invitations.nav" },
];

/** The tenant console, for tenant admins. */
const CONSOLE: Link[] = [
  { to: "/console/definitions", key: "console.nav.definitions" },
  { to: "/console/users", key: "console.nav.users" },
  { to: "/console/applications", key: "console.nav.applications" },
  { to: "/console/settings", key: "console.nav.settings" },
  { to: "/console/import-export", key: "console.nav.importExport" },
  { to: "/console/audit", key: "console.nav.audit" },
];

/** The links a caller with these rights sees, in the sidebar's order. */
export function linksFor(rights: Rights) {
  return { self: SELF, delegated: rights.delegated_admin ? DELEGATED : [], console: rights.tenant_admin ? CONSOLE : [] };
}

export function Sidebar() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const links = linksFor(useRights());
  const isActive = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const item = ({ to, key }: Link) => (
    <NavItem
      key={to}
      itemId={to}
      to={to}
      isActive={isActive(to)}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {t(key)}
    </NavItem>
  );
  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t("app.mainNav")}>
          <NavList>
            {links.self.map(item)}
            {links.delegated.map(item)}
            {links.console.length > 0 && (
              <NavExpandable
                title={t("console.nav.group")}
                groupId="console"
                isActive={pathname.startsWith("/console")}
                isExpanded={pathname.startsWith("/console")}
              >
                {links.console.map(item)}
              </NavExpandable>
            )}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
}
