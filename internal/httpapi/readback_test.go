package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/personaportal/portal/internal/apitest"
)

// Any accepted write reads back equal, and no input answers 5xx: random
// (seeded, so reproducible) profile and persona edits with attributes of
// random shapes, depths and sizes, strings at the limits, any Unicode,
// invalid UTF-8 and lone surrogates, numbers in and out of DynamoDB's range.
func TestAnyAcceptedWriteReadsBackEqualAndNothingIsA5xx(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	rng := rand.New(rand.NewPCG(1, 2))
	g := &gen{rng: rng}
	personaPath := "/admin/users/" + d.AliceID + "/personas/" + d.AliceStaff
	readPersona := func() map[string]any {
		for _, p := range h.Must(200, d.Admin, "GET", "/admin/users/"+d.AliceID+"/personas", nil).Items() {
			if p["id"] == d.AliceStaff {
				return p
			}
		}
		t.Fatal("persona gone")
		return nil
	}
	accepted, refused := 0, 0
	for i := range 250 {
		body := map[string]any{"attributes": g.attributes()}
		var tok, method, path string
		var read func() map[string]any
		if i%2 == 0 {
			tok, method, path = d.Alice, "PATCH", "/me"
			read = func() map[string]any { return h.Must(200, d.Alice, "GET", "/me", nil).JSON() }
			for _, f := range []string{"given_name", "family_name", "display_name"} {
				if rng.IntN(3) == 0 {
					body[f] = g.text(rng.IntN(220))
				}
			}
		} else {
			tok, method, path = d.Admin, "PATCH", personaPath
			read = readPersona
			if rng.IntN(4) == 0 {
				body["email"] = g.text(rng.IntN(20)) + "@x.test"
			}
		}
		before := read()
		raw := g.encode(body)
		r := h.Send(apitest.Request(method, path, raw, tok, "application/json"))
		after := read()
		switch {
		case r.Status >= 500:
			t.Fatalf("case %d: %s %s answered %d: %.500s\nbody: %.500q", i, method, path, r.Status, r.Raw, raw)
		case r.Status >= 400:
			refused++
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("case %d: refused (%d %.300s) but changed", i, r.Status, r.Raw)
			}
		default:
			accepted++
			if !utf8.ValidString(raw) {
				t.Fatalf("case %d: accepted a body that is not UTF-8: %.300q", i, raw)
			}
			// The store writes empty lists and objects as NULL (the
			// emulator garbles empty L and M), so they read back as null.
			want := emptyToNil(expected(t, before, raw)).(map[string]any)
			if got := emptyToNil(pick(after, want)); !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d: read back %v\nwant %v", i, got, want)
			}
			if path == "/me" && !reflect.DeepEqual(emptyToNil(roundTripJSON(t, r.Raw)), emptyToNil(after)) {
				t.Fatalf("case %d: the answer differs from what reads back", i)
			}
		}
	}
	if accepted < 50 || refused < 50 {
		t.Fatalf("the generator is lopsided: %d accepted, %d refused", accepted, refused)
	}
	t.Logf("%d accepted, %d refused", accepted, refused)
}

// expected is the object after a merge patch of body onto before.
func expected(t *testing.T, before map[string]any, body string) map[string]any {
	var patch map[string]any
	if err := json.Unmarshal([]byte(body), &patch); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	for k, v := range patch {
		if k == "attributes" {
			attrs := map[string]any{}
			for ak, av := range before["attributes"].(map[string]any) {
				attrs[ak] = av
			}
			for ak, av := range v.(map[string]any) {
				if av == nil {
					delete(attrs, ak)
				} else {
					attrs[ak] = av
				}
			}
			v = attrs
		}
		if k == "email" {
			v = strings.ToLower(strings.TrimSpace(v.(string)))
		}
		want[k] = v
	}
	return want
}

// emptyToNil replaces empty lists and objects inside attributes with nil.
func emptyToNil(v any) any {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = emptyToNil(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if k == "attributes" {
				if m, ok := e.(map[string]any); ok {
					a := make(map[string]any, len(m))
					for ak, av := range m {
						a[ak] = emptyToNil(av)
					}
					out[k] = a
					continue
				}
			}
			out[k] = emptyToNil(e)
		}
		if len(x) == 0 {
			return nil
		}
		return out
	}
	return v
}

func pick(m, keys map[string]any) map[string]any {
	out := map[string]any{}
	for k := range keys {
		out[k] = m[k]
	}
	return out
}

func roundTripJSON(t *testing.T, b []byte) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

type gen struct{ rng *rand.Rand }

// runes worth trying: plain, accented, other scripts, emoji and joiners,
// markup, controls, bidi controls, separators, U+FFFD itself.
var genRunes = []rune("aZ09 _-.@<>&'\"\\/éßŁ李أ👩\u200d💻\u0000\u0007\n\t\r\u007f\u0085\u009f\u202e\u2066\u200f\u061c\u2028\ufffd\u00a0\ufeff")

func (g *gen) text(n int) string {
	var b strings.Builder
	for range n {
		if g.rng.IntN(4) == 0 {
			b.WriteRune(genRunes[g.rng.IntN(len(genRunes))])
		} else {
			b.WriteByte(byte('a' + g.rng.IntN(26)))
		}
	}
	return b.String()
}

func (g *gen) key() string {
	switch g.rng.IntN(12) {
	case 0:
		return g.text(1 + g.rng.IntN(4)) // often not a valid attribute name
	case 1:
		return strings.Repeat("k", 60+g.rng.IntN(8)) // around the 64-character limit
	}
	return fmt.Sprintf("k%d", g.rng.IntN(8))
}

func (g *gen) attributes() map[string]any {
	attrs := map[string]any{}
	for range g.rng.IntN(6) {
		if g.rng.IntN(8) == 0 {
			attrs[g.key()] = nil // removes it
			continue
		}
		attrs[g.key()] = g.value(0)
	}
	return attrs
}

func (g *gen) value(level int) any {
	switch n := g.rng.IntN(10); {
	case n == 0 && level < 40:
		// a deep chain around DynamoDB's 32 levels
		var v any = g.scalar()
		for range 28 + g.rng.IntN(8) - level {
			if g.rng.IntN(2) == 0 {
				v = []any{v}
			} else {
				v = map[string]any{"d": v}
			}
		}
		return v
	case n < 3 && level < 6:
		m := map[string]any{}
		for range g.rng.IntN(4) {
			m[g.text(1+g.rng.IntN(3))] = g.value(level + 1)
		}
		return m
	case n < 5 && level < 6:
		l := []any{}
		for range g.rng.IntN(4) {
			l = append(l, g.value(level+1))
		}
		return l
	}
	return g.scalar()
}

func (g *gen) scalar() any {
	switch g.rng.IntN(9) {
	case 0:
		return g.rng.IntN(2) == 0
	case 1:
		return []float64{0, 1, -1, 1e125, 9.999999999999998e125, 9.999999999999999e125, 1e126, 1e-130, 1e-131, 1e300, -5e-324, 123456789.125}[g.rng.IntN(12)]
	case 2:
		return strings.Repeat("<&>", 1000*g.rng.IntN(8)) // large, and six times larger HTML-escaped
	case 3:
		return invalidUTF8
	case 4:
		return loneSurrogate
	}
	return g.text(g.rng.IntN(40))
}

// Markers the encoder writes as raw invalid UTF-8 and as an escaped lone
// surrogate (encoding/json would replace both with U+FFFD).
const (
	invalidUTF8   = "\x00INVALID-UTF8\x00"
	loneSurrogate = "\x00LONE-SURROGATE\x00"
)

// encode writes v as JSON without HTML escaping, with the markers above.
func (g *gen) encode(v any) string {
	var b bytes.Buffer
	var enc func(v any)
	enc = func(v any) {
		switch x := v.(type) {
		case nil:
			b.WriteString("null")
		case bool:
			b.WriteString(strconv.FormatBool(x))
		case float64:
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		case string:
			switch x {
			case invalidUTF8:
				b.WriteString("\"a\xffb\"")
			case loneSurrogate:
				b.WriteString(`"a\udc00b"`)
			default:
				e := json.NewEncoder(&b)
				e.SetEscapeHTML(false)
				_ = e.Encode(x)
				b.Truncate(b.Len() - 1)
			}
		case []any:
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteByte(',')
				}
				enc(e)
			}
			b.WriteByte(']')
		case map[string]any:
			b.WriteByte('{')
			i := 0
			for k, e := range x {
				if i > 0 {
					b.WriteByte(',')
				}
				i++
				enc(k)
				b.WriteByte(':')
				enc(e)
			}
			b.WriteByte('}')
		}
	}
	enc(v)
	return b.String()
}
