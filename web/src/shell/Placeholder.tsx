import { Content, PageSection, Title } from "@patternfly/react-core";

export function Placeholder({ title, body }: { title: string; body: string }) {
  return (
    <PageSection>
      <Title headingLevel="h1">{title}</Title>
      <Content component="p">{body}</Content>
    </PageSection>
  );
}
