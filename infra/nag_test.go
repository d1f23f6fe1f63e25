package infra

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// TestTheStackPassesTheAwsSolutionsRulePack runs cdk-nag's AwsSolutions
// checks: no unsuppressed error, and every suppression in the stack carries
// its own reason.
func TestTheStackPassesTheAwsSolutionsRulePack(t *testing.T) {
	dir := t.TempDir()
	code := filepath.Join(dir, "code")
	_ = os.MkdirAll(code, 0o755)
	_ = os.WriteFile(filepath.Join(code, "bootstrap"), []byte("stand-in"), 0o755)
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, "cdk.out"))})
	stack := NewPortalStack(app, "PortalStack", &PortalStackProps{
		StackProps: awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")}},
		JwtIssuer:  "https://issuer.test/", JwtAudience: "portal", PortalOrigin: "https://portal.test",
		MailFrom: "no-reply@portal.test", SESIdentity: "portal.test",
		Code:         func(string) awslambda.Code { return awslambda.Code_FromAsset(jsii.String(code), nil) },
		ThrottleRate: 100, ThrottleBurst: 200,
	})
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	// HasNoError fails (a jsii panic) with every unsuppressed finding listed.
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("unsuppressed AwsSolutions errors:\n%v", r)
		}
	}()
	assertions.Annotations_FromStack(stack).HasNoError(jsii.String("*"),
		assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
}
