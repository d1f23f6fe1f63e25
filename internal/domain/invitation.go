package domain

import "time"

// An invitation is an assign_persona request seen by the admin who
// prepared it: its state follows the request, then the activate_persona
// request its acceptance created.

// Invitation states.
const (
	InvitationWaitingForUser       = "waiting_for_user"
	InvitationWaitingForActivation = "waiting_for_activation"
	InvitationDone                 = "done"
	InvitationRejected             = "rejected"
	InvitationExpired              = "expired"
	InvitationWithdrawn            = "withdrawn"
	InvitationFailed               = "failed"
)

// InvitationStates lists every state (for ?state= validation).
var InvitationStates = []string{InvitationWaitingForUser, InvitationWaitingForActivation, InvitationDone,
	InvitationRejected, InvitationExpired, InvitationWithdrawn, InvitationFailed}

// MaxResends bounds how often one invitation may be sent again: every
// retired link stays recognisable (its hash is kept on the request), and a
// user is not flooded with e-mails.
const MaxResends = 20

// PreparedInvitation is an invitation as the admin who prepared it lists it.
type PreparedInvitation struct {
	Request Request `json:"request"`
	State   string  `json:"state"`
	// LinkExpiresAt is when the current magic link stops working.
	LinkExpiresAt *time.Time `json:"link_expires_at"`
	// EmailStatus is the delivery of the e-mail carrying the current link:
	// queued, sending, sent, rejected, abandoned; null when none was sent.
	EmailStatus *string `json:"email_status"`
}

// InvitationStep is the state an invitation is in while a step is at a
// status: the assignment (the user's answer), then the activation (the
// admin's approval). Time is not considered: see InvitationState.
func InvitationStep(kind, status string) string {
	switch status {
	case RequestPending:
		if kind == KindActivatePersona {
			return InvitationWaitingForActivation
		}
		return InvitationWaitingForUser
	case RequestAccepted:
		if kind == KindActivatePersona {
			return InvitationDone
		}
		return InvitationWaitingForActivation
	case RequestRejected:
		return InvitationRejected
	case RequestCancelled:
		return InvitationWithdrawn
	case RequestFailed:
		return InvitationFailed
	}
	return InvitationExpired
}

// InvitationState is the state at now of an invitation whose current step
// is in state step and falls due at due: a waiting step past due has
// expired, whether or not the expiry job has marked it yet.
func InvitationState(step string, due, now time.Time) string {
	if (step == InvitationWaitingForUser || step == InvitationWaitingForActivation) && !now.Before(due) {
		return InvitationExpired
	}
	return step
}
