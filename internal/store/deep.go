package store

import (
	"encoding/json"
	"maps"
)

// DynamoDB holds at most 31 levels of maps and lists in a top-level
// attribute (deeper: ValidationException "Nesting Levels have exceeded
// supported limits"), one fewer than the API allows attributes, whose
// object is level 1 of 32 (docs/api.md). So an attribute value nesting
// more than maxStoredDepth levels is stored as its JSON text in a binary
// value, a type JSON never produces, and decoded again on read. Attribute
// search reads attr_search, never these values.
const maxStoredDepth = 30

// storedAttrs is attrs as stored: itself, or a copy with the too-deep
// values encoded.
func storedAttrs(attrs map[string]any) map[string]any {
	out, copied := attrs, false
	for k, v := range attrs {
		if nesting(v) <= maxStoredDepth {
			continue
		}
		if b, err := json.Marshal(v); err == nil {
			if !copied {
				out, copied = maps.Clone(attrs), true
			}
			out[k] = b
		}
	}
	return out
}

// loadedAttrs decodes what storedAttrs encoded, in place.
func loadedAttrs(attrs map[string]any) map[string]any {
	for k, v := range attrs {
		if b, ok := v.([]byte); ok {
			var x any
			if json.Unmarshal(b, &x) == nil {
				attrs[k] = x
			}
		}
	}
	return attrs
}

// nesting is how many levels of maps and lists v holds (0: a scalar).
func nesting(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, nesting(e))
		}
	case []any:
		for _, e := range v {
			d = max(d, nesting(e))
		}
	default:
		return 0
	}
	return d + 1
}
