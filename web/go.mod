// Not Go: this file makes web/ a module of its own so that `go test ./...`,
// `go vet ./...` and staticcheck at the repository root skip it (npm packages
// such as flatted ship .go files inside node_modules/).
module github.com/personaportal/portal/web-is-not-go
