package openapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/strictjson"
)

// mode is which side of the wire a schema describes. A response schema
// requires every field the type always encodes (no omitempty); a request
// schema requires only what the handler insists on (overrides), since
// bodies are partial (merge patches, defaults). Both refuse unknown fields,
// as the server does (API.md) and as a response must, so an undocumented
// field is a finding. A type used on both sides gets two components: Name
// and NameInput.
type mode int

const (
	response mode = iota
	request
)

// Schema is a JSON Schema (2020-12, as OpenAPI 3.1 uses it).
type Schema = map[string]any

var (
	timeType         = reflect.TypeFor[time.Time]()
	rawMessageType   = reflect.TypeFor[json.RawMessage]()
	nullableTimeType = reflect.TypeFor[domain.NullableTime]()
	domainPkg        = reflect.TypeFor[domain.Persona]().PkgPath()
)

type schemaKey struct {
	t reflect.Type
	m mode
}

// generator turns Go types into schemas, collecting named struct types as
// components.
type generator struct {
	components map[string]Schema
	names      map[schemaKey]string
	owners     map[string]schemaKey
	used       map[string]bool // overrides applied
	single     map[string]bool // error codes answered alone with their status
	// errorBody and errorDetail are the generated error shape.
	errorBody, errorDetail Schema
	errs                   []error
}

func newGenerator() *generator {
	return &generator{components: map[string]Schema{}, names: map[schemaKey]string{}, owners: map[string]schemaKey{},
		used: map[string]bool{}, single: map[string]bool{}}
}

// schema is the schema of values of t.
func (g *generator) schema(t reflect.Type, m mode) Schema {
	switch t {
	case timeType:
		return Schema{"type": "string", "format": "date-time"}
	case rawMessageType:
		return Schema{"description": "Any JSON value."}
	case nullableTimeType: // absent, null, or a timestamp (PATCH valid_until)
		return Schema{"type": []any{"string", "null"}, "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.schema(t.Elem(), m))
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return Schema{"type": "string", "contentEncoding": "base64"}
		}
		return Schema{"type": "array", "items": g.schema(t.Elem(), m)}
	case reflect.Map:
		return Schema{"type": "object", "additionalProperties": g.schema(t.Elem(), m)}
	case reflect.Interface:
		return Schema{}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t, m)
		}
		return Schema{"$ref": "#/components/schemas/" + g.component(t, m)}
	}
	g.errs = append(g.errs, fmt.Errorf("openapi: no schema for %s (kind %s)", t, t.Kind()))
	return Schema{}
}

// component names t's schema among the components, generating it once.
func (g *generator) component(t reflect.Type, m mode) string {
	k := schemaKey{t, m}
	if n, ok := g.names[k]; ok {
		return n
	}
	n := componentName(t, m)
	if other, ok := g.owners[n]; ok && other != k {
		g.errs = append(g.errs, fmt.Errorf("openapi: %s and %s would both be the schema %q", other.t, t, n))
	}
	g.names[k], g.owners[n] = n, k
	g.components[n] = g.object(t, m)
	return n
}

// componentName is the Go type's name, exported, with the type argument
// of a generic type in front (list[domain.Persona] → PersonaList), and
// "Input" for the request side (a "Body" suffix dropped).
func componentName(t reflect.Type, m mode) string {
	n := typeName(t)
	if r, ok := renames[n]; ok {
		n = r
	}
	n = strings.ToUpper(n[:1]) + n[1:]
	if m == request {
		n = strings.TrimSuffix(n, "Body") + "Input"
	}
	return n
}

// typeName is t's name without package paths: list[...domain.Persona] → PersonaList.
func typeName(t reflect.Type) string {
	n := t.Name()
	base, arg, generic := strings.Cut(n, "[")
	if !generic {
		return n
	}
	arg = strings.TrimSuffix(arg, "]")
	arg = arg[strings.LastIndex(arg, ".")+1:]
	return arg + strings.ToUpper(base[:1]) + base[1:]
}

// renames give Go types whose names say little outside their package a
// name that does.
var renames = map[string]string{
	"errorBody":          "Error",
	"errorDetail":        "ErrorDetail",
	"healthBody":         "Health",
	"invitationResponse": "Invitation",
	"Delegation":         "LentFrom", // domain.Delegation: who lent a persona to the caller
}

// object is the schema of a struct: its JSON fields (embedded structs
// flattened, as encoding/json does), each with its overrides.
func (g *generator) object(t reflect.Type, m mode) Schema {
	props := Schema{}
	var required []any
	g.fields(t, m, props, &required)
	s := Schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (g *generator) fields(t reflect.Type, m mode, props Schema, required *[]any) {
	for _, f := range strictjson.Fields(t) {
		owner, name, opts := typeName(f.Owner), f.JSONName, f.Opts
		s := g.schema(f.Type, m)
		if f.Owner.PkgPath() == domainPkg && (name == "id" || strings.HasSuffix(name, "_id")) && f.Type.Kind() != reflect.Struct {
			s = withFormat(s, "uuid")
		}
		if m == request && (name == "id" || name == "created_at" || name == "updated_at") {
			s["readOnly"] = true // field_not_editable when sent
		}
		req := m == response && !strings.Contains(","+opts+",", ",omitempty,")
		key := owner + "." + name
		if o, ok := overrides[key]; ok {
			g.used[key] = true
			for k, v := range o {
				switch {
				case k == "required":
					req = m == request && v == true || m == response && req
				case v == nil:
					delete(s, k)
				case k == "enum" && isNullable(s):
					s[k] = append(append([]any{}, v.([]any)...), nil)
				default:
					s[k] = v
				}
			}
		}
		props[name] = s
		if req {
			*required = append(*required, name)
		}
	}
}

func isNullable(s Schema) bool {
	ts, ok := s["type"].([]any)
	return ok && len(ts) == 2 && ts[1] == "null"
}

func withFormat(s Schema, format string) Schema {
	if t, ok := s["type"]; ok && (t == "string" || isNullable(s)) {
		s["format"] = format
	}
	return s
}

// nullable lets s be null too (a Go pointer: OpenAPI 3.1 has no
// "nullable", a type may be a list).
func nullable(s Schema) Schema {
	if _, ok := s["$ref"]; ok {
		return Schema{"anyOf": []any{s, Schema{"type": "null"}}}
	}
	t, ok := s["type"].(string)
	if !ok {
		return s // already any JSON value
	}
	s["type"] = []any{t, "null"}
	return s
}
