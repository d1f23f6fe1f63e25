package infra

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// TestTheStackPassesTheAwsSolutionsRulePack runs cdk-nag's AwsSolutions
// checks: no unsuppressed error, and every suppression in the stack carries
// its own reason.
func TestTheStackPassesTheAwsSolutionsRulePack(t *testing.T) {
	for name, edit := range map[string]func(*PortalStackProps){
		"default domain": nil,
		// With a custom domain CFR4 (viewer TLS) is checked, not suppressed.
		"custom domain": func(p *PortalStackProps) {
			p.PortalDomain, p.PortalCertificateArn = "portal.example.org", "arn:aws:acm:us-east-1:123456789012:certificate/abc"
		},
	} {
		t.Run(name, func(t *testing.T) {
			app, stack := newTestStackWith(t, edit)
			awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
			// HasNoError fails (a jsii panic) with every unsuppressed finding listed.
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("unsuppressed AwsSolutions errors:\n%v", r)
				}
			}()
			assertions.Annotations_FromStack(stack).HasNoError(jsii.String("*"),
				assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
		})
	}
}
