import { Content, PageSection, Title } from "@patternfly/react-core";
import type { ReactNode } from "react";

/** A console page: its title, the guide's sentence about what it is for, then the page. */
export function ConsolePage({ title, intro, actions, children }: { title: string; intro: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <>
      <PageSection>
        <div className="pp-console-head">
          <Title headingLevel="h1">{title}</Title>
          {actions ? <div className="pp-console-actions">{actions}</div> : null}
        </div>
        <Content component="p" className="pp-console-intro">
          {intro}
        </Content>
      </PageSection>
      <PageSection>{children}</PageSection>
    </>
  );
}
