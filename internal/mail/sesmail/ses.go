// Package sesmail sends the portal's e-mails through Amazon SES v2. Only
// the send-email function imports it, so no other function links the SES
// client.
package sesmail

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/personaportal/portal/internal/mail"
)

// SES sends messages through Amazon SES v2.
type SES struct {
	client *sesv2.Client
	cfg    mail.SESConfig
}

// NewFrom builds the sender from an SDK configuration shared with the
// caller's other clients (awsconfig); cfg.Region is then ignored. It does
// no network I/O (safe at cold start).
func NewFrom(awsCfg aws.Config, cfg mail.SESConfig) *SES {
	client := sesv2.NewFromConfig(awsCfg, func(o *sesv2.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
	})
	return &SES{client: client, cfg: cfg}
}

// Send sends one message as HTML with a plain-text alternative. A failure
// that retrying cannot fix comes back as a *mail.PermanentError.
func (s *SES) Send(ctx context.Context, m mail.Message) error {
	in := &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(s.cfg.From),
		Destination:      &types.Destination{ToAddresses: m.To},
		Content: &types.EmailContent{Simple: &types.Message{
			Subject: &types.Content{Data: aws.String(m.Subject), Charset: aws.String("UTF-8")},
			Body: &types.Body{
				Text: &types.Content{Data: aws.String(m.Text), Charset: aws.String("UTF-8")},
				Html: &types.Content{Data: aws.String(m.HTML), Charset: aws.String("UTF-8")},
			},
		}},
	}
	if s.cfg.ReplyTo != "" {
		in.ReplyToAddresses = []string{s.cfg.ReplyTo}
	}
	if s.cfg.ConfigurationSet != "" {
		in.ConfigurationSetName = aws.String(s.cfg.ConfigurationSet)
	}
	_, err := s.client.SendEmail(ctx, in)
	if permanent(err) {
		return &mail.PermanentError{Err: err}
	}
	return err
}

// permanent reports whether SES refused the message for good (a rejected
// address, an unverified sender, a bad request, a suspended account).
// Throttling, server errors and network failures are transient.
func permanent(err error) bool {
	var rejected *types.MessageRejected
	var unverified *types.MailFromDomainNotVerifiedException
	var bad *types.BadRequestException
	var notFound *types.NotFoundException
	var suspended *types.AccountSuspendedException
	return errors.As(err, &rejected) || errors.As(err, &unverified) ||
		errors.As(err, &bad) || errors.As(err, &notFound) || errors.As(err, &suspended)
}
