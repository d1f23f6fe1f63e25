package mail

import "errors"

// SESConfig configures the SES v2 sender (internal/mail/sesmail). It lives
// here, without the SDK, so that every function's configuration can hold
// it while only send-email links the SES client.
type SESConfig struct {
	From             string // verified sender address (required to send)
	ReplyTo          string
	ConfigurationSet string
	// Endpoint aims the client at an SES v2 emulator (static credentials).
	Endpoint string
	Region   string
}

// PermanentError marks a failure that retrying cannot fix (a rejected
// address, an unverified sender): the message is not sent again. Each
// sender wraps its own permanent failures in it.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports whether err means the message will never be accepted.
func Permanent(err error) bool {
	var pe *PermanentError
	return errors.As(err, &pe)
}
