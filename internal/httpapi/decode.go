package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/strictjson"
)

// MaxBody is the largest JSON body the API accepts.
const MaxBody = 64 << 10

// decodeJSON reads a JSON object body into dst: 415 unless JSON, 413 over
// MaxBody, field_not_editable for read-only fields present, invalid_request
// for unknown fields (keys match field names exactly), keys given twice,
// invalid UTF-8, escaped lone surrogates, over-deep nesting (strictjson),
// wrong types and trailing data.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any, readOnly ...string) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil ||
		(mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return apierr.UnsupportedMediaType("application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return apierr.TooLarge(MaxBody)
		}
		return apierr.Malformed("the body could not be read")
	}
	if err := strictjson.Check(body, dst, readOnly...); err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return apierr.Malformed("the body must be a JSON object")
	}
	var ro []string
	for _, f := range readOnly {
		if _, ok := fields[f]; ok {
			ro = append(ro, f)
		}
	}
	if len(ro) > 0 {
		slices.Sort(ro)
		return apierr.NotEditable(ro)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeErr(err)
	}
	if dec.More() {
		return apierr.Malformed("the body must hold one JSON object")
	}
	return nil
}

func decodeErr(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return apierr.InvalidField(te.Field, "must be of JSON type "+jsonType(te.Type.Kind().String()))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return apierr.InvalidField(strings.Trim(name, `"`), "is not a known field")
	}
	return apierr.Malformed("the body is not valid JSON")
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	}
	return "number"
}

// parseTime parses an RFC 3339 timestamp (see domain.ParseTime).
var parseTime = domain.ParseTime

// nullableTime reads a field that may be absent, null, or a timestamp.
type nullableTime = domain.NullableTime

// decodeOptional decodes a body when there is one: actions such as accept
// may be posted without any.
func decodeOptional(w http.ResponseWriter, r *http.Request, dst any) error {
	if r.ContentLength == 0 && r.Header.Get("Content-Type") == "" {
		return nil
	}
	return decodeJSON(w, r, dst)
}
