import { workRequest } from "../work/fixtures";
import type { PreparedInvitation, SentInvitation } from "./invitations";

/** An invitation Bob prepared for Alice, still waiting for her. */
export function invitation(over: Partial<PreparedInvitation> = {}): PreparedInvitation {
  return {
    request: workRequest(),
    state: "waiting_for_user",
    link_expires_at: "2099-11-29T10:00:00Z",
    email_status: "sent",
    ...over,
  };
}

export const SENT: SentInvitation = {
  request: workRequest({ expires_at: "2099-12-06T10:00:00Z" }),
  magic_link: "https://portal.test/magic/NEW-token-with-256-bits-of-randomness",
  email_sent: true,
  link_expires_at: "2099-11-30T10:00:00Z",
};
