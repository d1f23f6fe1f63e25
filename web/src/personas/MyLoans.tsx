import { Alert, AlertActionCloseButton, Button, Content, Label, Modal, ModalBody, ModalFooter, ModalHeader, Skeleton, Stack, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { useDelegations, useRevoke, type Delegation, type Direction } from "./delegations";
import { formatDate, personasKey, typeName } from "./personas";

const STATUS_COLOR: Record<Delegation["status"], "green" | "blue" | "grey"> = { active: "green", scheduled: "blue", revoked: "grey", expired: "grey" };

const who = (u: Delegation["to_user"]) => u.display_name || u.email;

/** My loans: the delegations the caller granted (with Revoke) and received (GET /me/delegations). */
export function MyLoans() {
  const { t } = useTranslation();
  const revoke = useRevoke();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<Delegation | null>(null);
  const failure = revoke.error instanceof ApiError ? revoke.error : null;
  return (
    <Stack hasGutter component="section" aria-labelledby="pp-loans-title">
      <Title headingLevel="h2" id="pp-loans-title">
        {t("loans.title")}
      </Title>
      {revoke.isSuccess ? (
        <Alert variant="success" isInline isLiveRegion title={t("loans.revoked")} actionClose={<AlertActionCloseButton onClose={() => revoke.reset()} />} />
      ) : null}
      {revoke.isError ? (
        <Alert variant="danger" isInline isLiveRegion title={t("loans.revokeFailed")} actionClose={<AlertActionCloseButton onClose={() => revoke.reset()} />}>
          {failure?.status === 0 ? t("errors.network") : revoke.error.message}
        </Alert>
      ) : null}
      <LoanTable direction="granted" onRevoke={setConfirm} />
      <LoanTable direction="received" />
      {confirm ? (
        <Modal isOpen variant="small" onClose={() => setConfirm(null)} aria-labelledby="pp-revoke-title">
          <ModalHeader title={t("loans.confirmTitle")} labelId="pp-revoke-title" titleIconVariant="warning" />
          <ModalBody>
            {t("loans.confirmBody", { persona: typeName(t, confirm.persona_type), name: who(confirm.to_user) })}
          </ModalBody>
          <ModalFooter>
            <Button
              variant="danger"
              onClick={() => {
                const id = confirm.id;
                setConfirm(null);
                revoke.mutate(id, { onSuccess: () => queryClient.invalidateQueries({ queryKey: personasKey }) });
              }}
            >
              {t("loans.revoke")}
            </Button>
            <Button variant="link" onClick={() => setConfirm(null)}>
              {t("loans.cancel")}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </Stack>
  );
}

function LoanTable({ direction, onRevoke }: { direction: Direction; onRevoke?: (d: Delegation) => void }) {
  const { t, i18n } = useTranslation();
  const loans = useDelegations(direction);
  const caption = t(`loans.${direction}`);
  // Should the API refuse the list where delegation is off, there is nothing to show.
  if (loans.error instanceof ApiError && loans.error.code === "feature_disabled") return null;
  const body = loans.isPending ? (
    <div aria-busy="true" aria-label={t("app.loading")} role="status">
      <Skeleton width="60%" />
    </div>
  ) : loans.isError ? (
    <Alert variant="danger" isInline title={t("loans.loadFailed")}>
      {loans.error instanceof ApiError && loans.error.status === 0 ? t("errors.network") : loans.error.message}
    </Alert>
  ) : loans.data.length === 0 ? (
    <Content component="p">{t(`loans.${direction}Empty`)}</Content>
  ) : (
    <Table aria-label={caption} variant="compact" gridBreakPoint="grid-md">
      <Thead>
        <Tr>
          <Th>{direction === "granted" ? t("loans.to") : t("loans.from")}</Th>
          <Th>{t("loans.persona")}</Th>
          <Th>{t("loans.period")}</Th>
          <Th>{t("loans.status")}</Th>
          {onRevoke ? <Th screenReaderText={t("loans.actions")} /> : null}
        </Tr>
      </Thead>
      <Tbody>
        {loans.data.map((d) => (
          <Tr key={d.id}>
            <Td dataLabel={direction === "granted" ? t("loans.to") : t("loans.from")}>{who(direction === "granted" ? d.to_user : d.from_user)}</Td>
            <Td dataLabel={t("loans.persona")}>{typeName(t, d.persona_type)}</Td>
            <Td dataLabel={t("loans.period")}>
              {t("personas.validFromTo", { from: formatDate(d.valid_from, i18n.language), until: formatDate(d.valid_until, i18n.language) })}
            </Td>
            <Td dataLabel={t("loans.status")}>
              <Label isCompact color={STATUS_COLOR[d.status]}>
                {t(`loans.statusValue.${d.status}`)}
              </Label>
            </Td>
            {onRevoke ? (
              <Td isActionCell>
                {d.status === "active" || d.status === "scheduled" ? (
                  <Button variant="secondary" isDanger size="sm" aria-label={t("loans.revokeFor", { persona: typeName(t, d.persona_type), name: who(d.to_user) })} onClick={() => onRevoke(d)}>
                    {t("loans.revoke")}
                  </Button>
                ) : null}
              </Td>
            ) : null}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
  return (
    <Stack hasGutter>
      <Title headingLevel="h3">{caption}</Title>
      {body}
    </Stack>
  );
}
