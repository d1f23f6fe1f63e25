// Package strictjson checks a JSON document before encoding/json decodes it,
// for what encoding/json lets through: keys matched to struct fields without
// regard to case, a key given twice (the last wins), invalid UTF-8 and
// escaped lone UTF-16 surrogates (both silently become U+FFFD), and nesting
// bounded only by the decoder's own stack limit.
//
// Check makes one pass over the document's tokens, walking the destination
// type alongside. Every route's body (httpapi.decodeJSON) and every NDJSON
// import line go through it, so they are read alike.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/personaportal/portal/internal/apierr"
)

// MaxDepth bounds how deeply any document the portal reads may nest objects
// and arrays (the document itself is level 1). Stored custom attributes
// have their own, lower bound (domain.MaxAttributeDepth); this one keeps
// every reader's work linear and leaves room for the envelope around them.
const MaxDepth = 64

// maxUnknown bounds how many unknown fields one answer lists.
const maxUnknown = 20

// Shaped is implemented by types with their own UnmarshalJSON that accept
// a JSON object of a known shape: the keys of such an object are checked
// against the fields of the struct StrictJSONObject returns (a nil pointer
// to it will do). Other types with their own UnmarshalJSON are not looked
// into (their keys are still checked for duplicates).
type Shaped interface {
	StrictJSONObject() any
}

// Check reads data as one JSON value that will be decoded into dst (a
// pointer) and returns a 400 invalid_request naming the field when:
//   - a string (key or value) is not valid UTF-8 or escapes a lone surrogate,
//   - an object holds the same key twice (at any depth, also inside maps),
//   - objects and arrays nest deeper than MaxDepth,
//   - a key of an object decoded into a struct is not exactly one of its
//     fields' JSON names (a key that differs only by case is unknown).
//
// extraTop names top-level keys to let through without a field (read-only
// fields the caller refuses with its own answer). Check reports nothing
// about JSON syntax or value types: encoding/json, which runs next on the
// same bytes, refuses those in its own words.
func Check(data []byte, dst any, extraTop ...string) error {
	var root reflect.Type
	if dst != nil {
		root = reflect.TypeOf(dst)
	}
	c := checker{data: data, dec: json.NewDecoder(bytes.NewReader(data)), extraTop: extraTop, unknown: apierr.FieldErrors{}}
	c.dec.UseNumber()
	if err := c.run(shapeOf(root)); err != nil {
		return err
	}
	if len(c.unknown) > 0 {
		return apierr.Invalid(c.unknown)
	}
	return nil
}

type frame struct {
	object bool
	path   string
	// fields are the struct's fields by JSON name (nil: any key), elem the
	// type of every value (maps, slices; nil: anything).
	fields map[string]reflect.Type
	elem   reflect.Type
	keys   map[string]bool
	index  int
	// key is the object's current key, next the type of its value.
	key  string
	next reflect.Type
	// wantKey is true when the next string token of an object is a key.
	wantKey bool
}

type checker struct {
	data     []byte
	dec      *json.Decoder
	extraTop []string
	stack    []*frame
	unknown  apierr.FieldErrors
}

func (c *checker) run(root reflect.Type) error {
	for {
		start := c.dec.InputOffset()
		tok, err := c.dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // a syntax error: encoding/json refuses it next
		}
		var top *frame
		if len(c.stack) > 0 {
			top = c.stack[len(c.stack)-1]
		}
		if s, ok := tok.(string); ok {
			if err := c.checkString(start, top); err != nil {
				return err
			}
			if top != nil && top.object && top.wantKey {
				if err := c.key(top, s); err != nil {
					return err
				}
				continue
			}
		}
		switch tok {
		case json.Delim('}'), json.Delim(']'):
			c.stack = c.stack[:len(c.stack)-1]
			if len(c.stack) == 0 {
				return nil
			}
			c.valueDone(c.stack[len(c.stack)-1])
			continue
		}
		path, typ := "", root
		if top != nil {
			path, typ = c.valuePath(top), c.valueType(top)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(c.stack) == MaxDepth {
				return apierr.InvalidField(pathOr(path), fmt.Sprintf("nests objects and arrays more than %d levels deep", MaxDepth))
			}
			c.stack = append(c.stack, open(tok == json.Delim('{'), path, typ))
			continue
		}
		if top == nil {
			return nil // a scalar document
		}
		c.valueDone(top)
	}
}

func pathOr(p string) string {
	if p == "" {
		return "body"
	}
	return p
}

// open starts an object or array whose destination type is t.
func open(object bool, path string, t reflect.Type) *frame {
	f := &frame{object: object, path: path, wantKey: object}
	if object {
		f.keys = map[string]bool{}
	}
	if t == nil {
		return f
	}
	switch t.Kind() {
	case reflect.Struct:
		if object {
			f.fields = fieldsOf(t)
		}
	case reflect.Map:
		if object {
			f.elem = shapeOf(t.Elem())
		}
	case reflect.Slice, reflect.Array:
		if !object {
			f.elem = shapeOf(t.Elem())
		}
	}
	return f
}

func (c *checker) key(f *frame, k string) error {
	f.key, f.wantKey = k, false
	field := join(f.path, k)
	if f.keys[k] {
		return apierr.InvalidField(field, "appears twice in the same object")
	}
	f.keys[k] = true
	f.next = nil
	if f.fields == nil {
		f.next = f.elem
		return nil
	}
	if t, ok := f.fields[k]; ok {
		f.next = shapeOf(t)
		return nil
	}
	if len(c.stack) == 1 {
		for _, x := range c.extraTop {
			if x == k {
				return nil
			}
		}
	}
	if len(c.unknown) < maxUnknown {
		c.unknown.Add(field, "is not a known field")
	}
	return nil
}

func (c *checker) valuePath(f *frame) string {
	if f.object {
		return join(f.path, f.key)
	}
	return f.path + "[" + strconv.Itoa(f.index) + "]"
}

func (c *checker) valueType(f *frame) reflect.Type {
	if f.object {
		return f.next
	}
	return f.elem
}

func (c *checker) valueDone(f *frame) {
	if f.object {
		f.wantKey = true
	} else {
		f.index++
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// checkString looks at the raw bytes of the string token that ended at the
// decoder's offset (from start on: the separator and blanks before it hold
// neither backslashes nor non-ASCII bytes).
func (c *checker) checkString(start int64, top *frame) error {
	raw := c.data[start:c.dec.InputOffset()]
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return nil
	}
	field := "body"
	if top != nil {
		if top.object && top.wantKey {
			field = join(top.path, "(key)")
		} else {
			field = c.valuePath(top)
		}
	}
	if !utf8.Valid(raw) {
		return apierr.InvalidField(field, "must be valid UTF-8")
	}
	if loneSurrogate(raw) {
		return apierr.InvalidField(field, `must not escape a lone UTF-16 surrogate (\ud800-\udfff without its pair)`)
	}
	return nil
}

// loneSurrogate reports whether a JSON string literal escapes half of a
// UTF-16 surrogate pair (encoding/json would read it as U+FFFD).
func loneSurrogate(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // \" \\ \/ \b \f \n \r \t
			continue
		}
		v, ok := hex4(raw, i+2)
		switch {
		case !ok:
			return false // not valid JSON: encoding/json refuses it
		case v >= 0xDC00 && v <= 0xDFFF:
			return true
		case v >= 0xD800 && v <= 0xDBFF:
			lo, ok := hex4(raw, i+8)
			if i+7 >= len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' || !ok || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return rune(v), err == nil
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	shapedType      = reflect.TypeFor[Shaped]()
)

// shapeOf is the type whose shape a JSON value decoded into t must have
// (nil: any shape): pointers are followed, and a type that decodes itself
// is either Shaped or not looked into.
func shapeOf(t reflect.Type) reflect.Type {
	for t != nil {
		pt := t
		if t.Kind() != reflect.Pointer {
			pt = reflect.PointerTo(t)
		}
		if pt.Implements(shapedType) {
			obj := reflect.Zero(pt).Interface().(Shaped).StrictJSONObject()
			return shapeOf(reflect.TypeOf(obj))
		}
		if pt.Implements(unmarshalerType) {
			return nil
		}
		if t.Kind() != reflect.Pointer {
			return t
		}
		t = t.Elem()
	}
	return nil
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// fieldsOf maps a struct's JSON names to their types (see Fields).
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	out := map[string]reflect.Type{}
	for _, f := range Fields(t) {
		out[f.JSONName] = f.Type
	}
	fieldCache.Store(t, out)
	return out
}

// Field is a struct field as encoding/json names it.
type Field struct {
	reflect.StructField
	JSONName string
	// Opts are the tag's options after the name ("omitempty", ...).
	Opts string
	// Owner is the struct that declares the field: t itself, or the
	// embedded struct a promoted field comes from.
	Owner reflect.Type
}

// Fields lists the JSON fields of struct type t as encoding/json sees
// them: tags name fields, "-" hides one, unexported fields are skipped,
// embedded structs without a name promote their fields, and an outer field
// wins over a promoted one of the same name. The OpenAPI generator reads
// types through it too, so the document and the decoder agree on names.
func Fields(t reflect.Type) []Field {
	var out, promoted []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				promoted = append(promoted, Fields(ft)...)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, Field{StructField: sf, JSONName: name, Opts: opts, Owner: t})
	}
	for _, p := range promoted {
		if !slices.ContainsFunc(out, func(f Field) bool { return f.JSONName == p.JSONName }) {
			out = append(out, p)
		}
	}
	return out
}
