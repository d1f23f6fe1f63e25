package mail

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/personaportal/portal/internal/awsconfig"
)

// SESConfig configures the SES v2 sender.
type SESConfig struct {
	From             string // verified sender address (required to send)
	ReplyTo          string
	ConfigurationSet string
	// Endpoint aims the client at an SES v2 emulator (static credentials).
	Endpoint string
	Region   string
}

// SES sends messages through Amazon SES v2.
type SES struct {
	client *sesv2.Client
	cfg    SESConfig
}

// NewSES builds the sender. It does no network I/O (safe at cold start).
func NewSES(ctx context.Context, cfg SESConfig) (*SES, error) {
	awsCfg, err := awsconfig.Load(ctx, cfg.Region, cfg.Endpoint, 0)
	if err != nil {
		return nil, err
	}
	client := sesv2.NewFromConfig(awsCfg, func(o *sesv2.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
	})
	return &SES{client: client, cfg: cfg}, nil
}

// Send sends one message as HTML with a plain-text alternative.
func (s *SES) Send(ctx context.Context, m Message) error {
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
	return err
}
