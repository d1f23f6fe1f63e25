package infra

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/internal/operations"
)

func TestSamConfigNamesTheSynthesizedTemplateAndAnEnvFileForTheFunctions(t *testing.T) {
	var cfg map[string]map[string]map[string]map[string]any
	if _, err := toml.DecodeFile(filepath.Join("..", "samconfig.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"local_invoke", "local_start_api"} {
		p := cfg["default"][cmd]["parameters"]
		if p["template_file"] != "cdk.out/PortalStack.template.json" {
			t.Errorf("%s: template_file %v (make synth writes cdk.out/PortalStack.template.json)", cmd, p["template_file"])
		}
		envFile, _ := p["env_vars"].(string)
		raw, err := os.ReadFile(filepath.Join("..", envFile))
		if err != nil {
			t.Fatalf("%s: env_vars %q: %v", cmd, envFile, err)
		}
		var env map[string]map[string]string
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"TABLE_NAME", "DYNAMODB_ENDPOINT"} {
			if env["Parameters"][k] == "" {
				t.Errorf("%s: the env file sets no %s", cmd, k)
			}
		}
	}
	// SAM only overrides variables a function declares: every function
	// declares both.
	tpl := stackTemplate(t)
	fns := portalFunctions(tpl)
	if len(fns) != len(operations.Functions()) {
		t.Fatalf("%d functions", len(fns))
	}
	for id, fn := range fns {
		b, _ := json.Marshal(fn)
		for _, k := range []string{`"TABLE_NAME"`, `"DYNAMODB_ENDPOINT"`} {
			if !regexp.MustCompile(k).Match(b) {
				t.Errorf("%s does not declare %s", id, k)
			}
		}
	}
}

func TestTheReadmeInvokesFunctionsThatExist(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	calls := regexp.MustCompile(`sam local invoke PortalStack/([A-Za-z]+) -e events/([a-z-]+)\.json`).FindAllSubmatch(raw, -1)
	if len(calls) == 0 {
		t.Fatal("the README shows no sam local invoke")
	}
	for _, c := range calls {
		op, ok := operations.Find(string(c[2]))
		if !ok || constructID(op.Name) != string(c[1]) {
			t.Errorf("README invokes %s with events/%s.json: no such function", c[1], c[2])
		}
	}
}

// TestTheReadmeCountsWhatTheStackHolds keeps the numbers of the README's
// "Deploy to AWS" section true.
func TestTheReadmeCountsWhatTheStackHolds(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(raw)
	if i := regexp.MustCompile(`(?m)^## Deploy to AWS$`).FindStringIndex(section); i != nil {
		section = section[i[0]:]
	}
	tpl := stackTemplate(t)
	count := func(typ string) int { return len(*tpl.FindResources(jsii.String(typ), nil)) }
	// The test stack subscribes an alarm e-mail; the README counts the stack without one.
	resources := len((*tpl.ToJSON())["Resources"].(map[string]any)) - count("AWS::SNS::Subscription")
	for claim, n := range map[string]int{
		`\*\*(\d+) functions\*\*`:      len(portalFunctions(tpl)),
		`\*\*(\d+) IAM roles`:          count("AWS::IAM::Role") - len(deploymentResources(tpl, "AWS::IAM::Role")),
		`\*\*(\d+) alarms\*\*`:         count("AWS::CloudWatch::Alarm"),
		`template \((\d+)\s+resources`: resources,
		`\((\d+) routes\)`:             count("AWS::ApiGatewayV2::Route"),
	} {
		m := regexp.MustCompile(claim).FindStringSubmatch(section)
		if m == nil {
			t.Errorf("the README's Deploy to AWS section does not say %s", claim)
		} else if m[1] != strconv.Itoa(n) {
			t.Errorf("the README says %s for %s; the stack has %d", m[1], claim, n)
		}
	}
}
