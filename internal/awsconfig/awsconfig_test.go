package awsconfig

import (
	"context"
	"testing"
)

func TestLoadFromLambdasEnvironment(t *testing.T) {
	lambdaEnv := map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token"}
	get := func(env map[string]string) func(string) string { return func(k string) string { return env[k] } }
	cfg, err := Load("eu-west-1", "", get(lambdaEnv))
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || cfg.Region != "eu-west-1" || creds.AccessKeyID != "AKIAEXAMPLE" || creds.SecretAccessKey != "secret" || creds.SessionToken != "token" {
		t.Fatalf("%+v %+v %v", cfg.Region, creds, err)
	}
	// AWS_DEFAULT_REGION when AWS_REGION is not set.
	if cfg, err := Load("", "", get(map[string]string{"AWS_DEFAULT_REGION": "us-west-2", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"})); err != nil || cfg.Region != "us-west-2" {
		t.Fatalf("%q %v", cfg.Region, err)
	}
	// An emulator gets dummies and a default region.
	cfg, err = Load("", "http://127.0.0.1:8000", get(nil))
	if err != nil {
		t.Fatal(err)
	}
	if creds, _ := cfg.Credentials.Retrieve(context.Background()); cfg.Region != "us-east-1" || creds.AccessKeyID != "local" {
		t.Fatalf("%+v %+v", cfg.Region, creds)
	}
	// Without a region or credentials the cold start fails, not the first request.
	if _, err := Load("", "", get(lambdaEnv)); err == nil {
		t.Fatal("no region was accepted")
	}
	if _, err := Load("eu-west-1", "", get(map[string]string{"AWS_ACCESS_KEY_ID": "a"})); err == nil {
		t.Fatal("a key without a secret was accepted")
	}
}
