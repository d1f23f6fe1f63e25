package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// Benchmarks of bulk requests through the handler, the SDK and the
// embedded DynamoDB (loopback HTTP). Every operation's single request is
// in BenchmarkOperation (operation_bench_test.go), beside its DynamoDB
// calls alone.

// usersFile is an NDJSON import of n users with one persona each.
func usersFile(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"email":"%s%04d@initech.test","given_name":"U%d","personas":[{"type":"customer","scope":["company:initech"]}]}`+"\n", prefix, i, i)
	}
	return b.String()
}

// The bulk benchmarks stay at 100 users: the embedded emulator scans its
// whole table for every query and copies it for every transaction, so
// larger files measure the emulator (DynamoDB's cost per call does not
// grow with the table).

// BenchmarkImport100NewUsers: one op is an import of 100 new users with a
// persona each (a read and a transaction per user, 8 users at a time).
func BenchmarkImport100NewUsers(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	i := 0
	for b.Loop() {
		body := usersFile(fmt.Sprintf("b%d-", i), 100)
		i++
		if r := h.Send(apitest.Request("POST", "/admin/import", body, d.Admin, "application/x-ndjson")); r.Status != 200 {
			b.Fatalf("%d %s", r.Status, r.Raw)
		}
	}
}

// BenchmarkReimport100UnchangedUsers: the same file again (reads only).
func BenchmarkReimport100UnchangedUsers(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	body := usersFile("r-", 100)
	h.Send(apitest.Request("POST", "/admin/import", body, d.Admin, "application/x-ndjson"))
	for b.Loop() {
		if r := h.Send(apitest.Request("POST", "/admin/import", body, d.Admin, "application/x-ndjson")); r.Status != 200 {
			b.Fatalf("%d %s", r.Status, r.Raw)
		}
	}
}

// BenchmarkExport100Users: one page of 100 users with their personas.
func BenchmarkExport100Users(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	h.Send(apitest.Request("POST", "/admin/import", usersFile("e-", 100), d.Admin, "application/x-ndjson"))
	for b.Loop() {
		h.Must(200, d.Admin, "GET", "/admin/export?limit=100", nil)
	}
}
