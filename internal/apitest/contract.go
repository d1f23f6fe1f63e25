package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	vErrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/openapi"
)

// Every request a test sends through Send and every answer it gets are
// checked against the OpenAPI document (docs/openapi.json, generated from
// the operations table), so the document cannot describe a server that
// does not exist:
//
//   - the answer always: its status must be one the operation documents,
//     with the documented content type and body schema (the error shape
//     narrowed to the codes of that status);
//   - the request only when the answer is 2xx: tests send malformed
//     requests on purpose (bad JSON, unknown fields, wrong content type,
//     hostile path values), and those must fail; a request the document
//     forbids that the server accepted is a finding;
//   - the router's own 404 ("no such route": unknown paths and methods,
//     non-canonical paths) belongs to no operation: it must be the error
//     shape with code not_found.

var contract struct {
	once sync.Once
	// mu serialises validation: the validator caches compiled schemas,
	// and tests run in parallel.
	mu  sync.Mutex
	v   validator.Validator
	err error
}

func contractValidator() (validator.Validator, error) {
	contract.once.Do(func() {
		b, err := openapi.Generate(localportal.Operations())
		if err != nil {
			contract.err = err
			return
		}
		doc, err := libopenapi.NewDocument(b)
		if err != nil {
			contract.err = err
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
		if len(errs) > 0 {
			contract.err = fmt.Errorf("openapi validator: %v", errs)
			return
		}
		contract.v = v
	})
	return contract.v, contract.err
}

// CheckContract checks one exchange against the document: req as sent
// (its body is body), and the answer. It returns what disagrees.
func CheckContract(req *http.Request, body []byte, status int, header http.Header, respBody []byte) (problems []string) {
	defer func() {
		if p := recover(); p != nil {
			problems = append(problems, fmt.Sprintf("the validator panicked: %v", p))
		}
	}()
	if routerNotFound(status, respBody) {
		return checkRouterNotFound(header, respBody)
	}
	v, err := contractValidator()
	if err != nil {
		return []string{err.Error()}
	}
	clone := func() *http.Request {
		r := req.Clone(req.Context())
		r.Body = io.NopCloser(bytes.NewReader(body))
		return r
	}
	res := &http.Response{StatusCode: status, Header: header.Clone(), Body: io.NopCloser(bytes.NewReader(respBody)),
		Request: clone(), ContentLength: int64(len(respBody))}
	contract.mu.Lock()
	defer contract.mu.Unlock()
	if ok, errs := v.ValidateHttpResponse(clone(), res); !ok {
		problems = append(problems, describe("response", errs)...)
	}
	if status >= 200 && status < 300 {
		if ok, errs := v.ValidateHttpRequestSync(withoutEmptyQuery(clone())); !ok {
			problems = append(problems, describe("accepted request", errs)...)
		}
	}
	return problems
}

func describe(what string, errs []*vErrors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		msg := what + ": " + e.Message
		if e.Reason != "" {
			msg += " (" + e.Reason + ")"
		}
		for _, f := range e.SchemaValidationErrors {
			msg += "; " + f.Location + ": " + f.Reason
		}
		out = append(out, msg)
	}
	return out
}

// withoutEmptyQuery drops query parameters given with an empty value: the
// document's convention (info.description) is that "?limit=" is the same
// as no limit, which a parameter's schema cannot say to the validator.
func withoutEmptyQuery(r *http.Request) *http.Request {
	q := r.URL.Query()
	for k, vs := range q {
		if len(vs) == 1 && vs[0] == "" {
			q.Del(k)
		}
	}
	u := *r.URL
	u.RawQuery = q.Encode()
	r.URL = &u
	return r
}

const noSuchRoute = "no such route"

func routerNotFound(status int, body []byte) bool {
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	return status == http.StatusNotFound && json.Unmarshal(body, &e) == nil && e.Error.Message == noSuchRoute
}

func checkRouterNotFound(header http.Header, body []byte) []string {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var problems []string
	if err := dec.Decode(&e); err != nil || e.Error.Code != "not_found" {
		problems = append(problems, fmt.Sprintf("the router's 404 is not the error shape with code not_found: %s", body))
	}
	if ct := header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		problems = append(problems, "the router's 404 has Content-Type "+ct)
	}
	return problems
}
