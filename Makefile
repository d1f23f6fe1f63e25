# Persona Portal. `make dev` runs the portal locally; `make test` runs every test.
GO            ?= go
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.6.1
PKGS          := ./...

.PHONY: dev test test-short lint fmt bench build synth generate reference clean

# The API reference page's renderer (GET /docs/api), installed by npm from
# the committed lockfile; the stamp makes make install it once.
REFERENCE := docs/reference/node_modules/.installed

## dev: run the whole portal on 127.0.0.1:8080 with the embedded DynamoDB (data in .portal/); installs the API reference page's renderer first when missing
dev: $(REFERENCE)
	$(GO) run ./functions/local

## reference: install the API reference page's renderer (npm ci from docs/reference/package-lock.json)
reference: $(REFERENCE)

$(REFERENCE): docs/reference/package.json docs/reference/package-lock.json
	cd docs/reference && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## test: all tests with the race detector (store through the real AWS SDK against the embedded DynamoDB)
test:
	$(GO) test -race -count=1 $(PKGS)

## test-short: all tests without the race detector (faster while iterating)
test-short:
	$(GO) test -count=1 $(PKGS)

## lint: tracked files (no executable, none over 1 MB), gofmt, go vet and staticcheck (pinned; fetched through the Go module proxy on first use)
lint:
	$(GO) run ./internal/repofiles/check
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: Go benchmarks of whole requests (compare runs with benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## build: cross-compile every Lambda function (linux/arm64) into .build/<name>/bootstrap and .build/<name>.zip
build:
	$(GO) run ./internal/lambdaapp/build

## synth: synthesize the CDK stack into cdk.out/PortalStack.template.json (after build; context in cdk.json or -c)
synth: build
	$(GO) run ./infra/app

## generate: write functions/<operation>/main.go for every entry of the operations table, and docs/openapi.json
generate:
	$(GO) run ./internal/lambdaapp/gen
	$(GO) run ./internal/openapi/gen

clean:
	rm -rf .build cdk.out
