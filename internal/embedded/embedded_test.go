package embedded_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/embedded"
)

func TestEachStartIsADatabaseOfItsOwn(t *testing.T) {
	ctx := context.Background()
	var clients []*dynamodb.Client
	for range 2 {
		d, err := embedded.Start(nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = d.Close() })
		db, err := d.Client(ctx, "portal", 1)
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, db)
	}
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "p"}, "sk": &types.AttributeValueMemberS{Value: "s"}}
	if _, err := clients[0].PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("portal"), Item: key}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{1, 0} {
		out, err := clients[i].GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("portal"), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(out.Item); (got > 0) != (want > 0) {
			t.Errorf("database %d holds %d attributes of the item, want %d items", i, got, want)
		}
	}
}

// TestWithoutDynamoDBLocalTheEngineIsMinidynAndSaysWhy runs this test
// binary again with DynamoDB Local pointed at an empty folder.
func TestWithoutDynamoDBLocalTheEngineIsMinidynAndSaysWhy(t *testing.T) {
	if os.Getenv("PP_EMBEDDED_CHILD") != "" {
		d, err := embedded.Start(nil)
		if err != nil {
			t.Fatal(err)
		}
		_ = d.Close()
		os.Stdout.WriteString("engine=" + d.Engine + "\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWithoutDynamoDBLocalTheEngineIsMinidynAndSaysWhy$")
	cmd.Env = append(os.Environ(), "PP_EMBEDDED_CHILD=1", embedded.EngineEnv+"=", embedded.LocalDirEnv+"="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s %s", err, out, stderr.String())
	}
	if !strings.Contains(string(out), "engine=minidyn") {
		t.Errorf("the engine was not minidyn: %s", out)
	}
	notice := strings.TrimSpace(stderr.String())
	if strings.Count(notice, "\n") != 0 || !strings.Contains(notice, "minidyn, not DynamoDB Local") || !strings.Contains(notice, "no DynamoDBLocal.jar") {
		t.Errorf("the notice is not one line saying why: %q", notice)
	}
}
