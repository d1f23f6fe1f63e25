// Package userfile reads and writes the bulk files of users with their
// personas: NDJSON, one user a line (the export format, importable as it
// is), and CSV, one persona a row (docs/api.md, Import and export).
package userfile

import (
	"bytes"
	"mime"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/portal"
)

// Limits of an import file.
const (
	// MaxBytes keeps the body under Lambda's 6 MB request payload even once
	// API Gateway has base64-encoded it.
	MaxBytes = 4 << 20
	// MaxLines keeps an import well inside API Gateway's 30 s: each line is
	// a read and a transaction, eight users at a time.
	MaxLines = 5000
	// MaxLineBytes bounds one NDJSON line; export keeps its lines under it.
	// It fits a profile and a persona each as large as the API accepts
	// (64 KiB bodies), while the line's audit record (what it touched,
	// before and after) stays under DynamoDB's 400 KB item limit.
	MaxLineBytes = 160 << 10
)

// Format is an import file's format.
type Format int

// Formats.
const (
	NDJSON Format = iota
	CSV
)

// MediaTypes names the accepted Content-Types for the 415 message.
const MediaTypes = "NDJSON (application/x-ndjson) or CSV (text/csv)"

// FormatOf picks the format of a Content-Type; ok is false for others.
func FormatOf(contentType string) (f Format, ok bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, false
	}
	switch mt {
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/json":
		return NDJSON, true
	case "text/csv":
		return CSV, true
	}
	return 0, false
}

// Read parses an import body into its lines. A line that cannot be read
// comes back with its Err set (reported, nothing of it written); only a
// problem with the file as a whole (a CSV header, too many lines) is an error.
func Read(body []byte, f Format) ([]portal.ImportLine, error) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF")) // spreadsheet programs start UTF-8 files with a BOM
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, apierr.Malformed("the file is empty")
	}
	if f == CSV {
		return readCSV(body)
	}
	return readNDJSON(body)
}

// FieldName returns how the format names a field of the import model in
// error messages (CSV names columns; NDJSON uses the JSON paths as they are).
func (f Format) FieldName(path string) string {
	if f == CSV {
		return csvColumnOf(path)
	}
	return path
}

var errTooManyLines = apierr.TooLargeFor("the file holds more than 5000 users or personas; split it into several imports")
