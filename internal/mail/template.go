package mail

import (
	"errors"
	"fmt"
	"strings"
)

// template is one parsed e-mail template. The syntax is the part of Go's
// template language the e-mails use: {{.Field}} prints a field of Data,
// {{if .Field}}…{{end}} keeps its body when the field is not empty. In an
// HTML template a field may stand in text or as a whole href value, and
// the parser checks that every {{if}} ends in the context it began in, as
// html/template does; anything else is a parse error, not a guess.
type template struct {
	nodes []node
	html  bool
}

// node is text, a field, or a conditional body (cond != "").
type node struct {
	text  string
	field string
	url   bool // the field is an href value (HTML)
	cond  string
	body  []node
}

// htmlContext is where the parser stands in an HTML template.
type htmlContext int

const (
	inText    htmlContext = iota
	inTag                 // between < and >, outside a quoted value
	inURLAttr             // in href="…" or src="…", nothing written yet
	inURLRest             // in such a value after its start
	inAttr                // in another quoted value
)

type parser struct {
	html bool
	ctx  htmlContext
	tag  strings.Builder // the tag so far (its name and the attribute being named)
}

func parse(src string, html bool) (*template, error) {
	p := &parser{html: html}
	nodes, _, ended, err := p.list(src)
	if err != nil {
		return nil, err
	}
	if ended {
		return nil, errors.New("{{end}} without {{if}}")
	}
	if html && p.ctx != inText {
		return nil, errors.New("the template ends inside a tag")
	}
	return &template{nodes: nodes, html: html}, nil
}

// list parses nodes up to an {{end}} (ended) or the end of src, and
// returns what follows the {{end}}.
func (p *parser) list(src string) (nodes []node, rest string, ended bool, err error) {
	var out []node
	fail := func(err error) ([]node, string, bool, error) { return nil, "", false, err }
	for src != "" {
		i := strings.Index(src, "{{")
		if i < 0 {
			i = len(src)
		}
		if i > 0 {
			if err := p.walk(src[:i]); err != nil {
				return fail(err)
			}
			out = append(out, node{text: src[:i]})
			src = src[i:]
			continue
		}
		j := strings.Index(src, "}}")
		if j < 0 {
			return fail(errors.New("unclosed action"))
		}
		action, after := strings.TrimSpace(src[2:j]), src[j+2:]
		switch {
		case action == "end":
			return out, after, true, nil
		case strings.HasPrefix(action, "if "):
			name, err := fieldName(strings.TrimSpace(action[3:]))
			if err != nil {
				return fail(err)
			}
			before := p.ctx
			body, rest, ended, err := p.list(after)
			if err != nil {
				return fail(err)
			}
			if !ended {
				return fail(errors.New("{{if}} without {{end}}"))
			}
			if p.ctx != before {
				return fail(fmt.Errorf("{{if .%s}} ends in another HTML context than it began in", name))
			}
			out, src = append(out, node{cond: name, body: body}), rest
		default:
			name, err := fieldName(action)
			if err != nil {
				return fail(err)
			}
			n := node{field: name}
			if p.html {
				switch p.ctx {
				case inText:
				case inURLAttr:
					n.url, p.ctx = true, inURLRest
				default:
					return fail(fmt.Errorf("{{.%s}} stands where only text or a whole href value may", name))
				}
			}
			out, src = append(out, n), after
		}
	}
	return out, "", false, nil
}

func fieldName(action string) (string, error) {
	name, ok := strings.CutPrefix(action, ".")
	if !ok {
		return "", fmt.Errorf("unsupported action {{%s}}", action)
	}
	if _, ok := (Data{}).field(name); !ok {
		return "", fmt.Errorf("Data has no field %q", name)
	}
	return name, nil
}

// walk moves the HTML context over literal text.
func (p *parser) walk(text string) error {
	if !p.html {
		return nil
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch p.ctx {
		case inText:
			if c == '<' {
				p.ctx = inTag
				p.tag.Reset()
			}
		case inTag:
			switch c {
			case '>':
				name := strings.ToLower(strings.TrimPrefix(strings.Fields(p.tag.String() + " x")[0], "/"))
				if name == "script" || name == "style" || strings.HasPrefix(name, "!") {
					return fmt.Errorf("<%s> is not supported in e-mail templates", name)
				}
				p.ctx = inText
			case '\'':
				return errors.New("single-quoted attributes are not supported")
			case '"':
				attr := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p.tag.String()), "="))
				if k := strings.LastIndexAny(attr, " \t\n"); k >= 0 {
					attr = attr[k+1:]
				}
				p.ctx = inAttr
				if a := strings.ToLower(attr); a == "href" || a == "src" {
					p.ctx = inURLAttr
				}
			default:
				p.tag.WriteByte(c)
			}
		case inURLAttr, inURLRest, inAttr:
			if c == '"' {
				p.ctx = inTag
				p.tag.WriteByte(' ')
			} else if p.ctx == inURLAttr {
				p.ctx = inURLRest
			}
		}
	}
	return nil
}

func (t *template) execute(d Data) string {
	var b strings.Builder
	t.write(&b, t.nodes, d)
	return b.String()
}

func (t *template) write(b *strings.Builder, nodes []node, d Data) {
	for _, n := range nodes {
		switch {
		case n.cond != "":
			if v, _ := d.field(n.cond); v != "" {
				t.write(b, n.body, d)
			}
		case n.field != "":
			v, _ := d.field(n.field)
			switch {
			case !t.html:
				b.WriteString(v)
			case n.url:
				escapeHTML(b, normalizeURL(filterURL(v)))
			default:
				escapeHTML(b, v)
			}
		default:
			b.WriteString(n.text)
		}
	}
}

// escapeHTML escapes as html/template does in text and quoted attributes.
func escapeHTML(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
}

// filterURL keeps http, https and mailto URLs (and relative ones); any
// other scheme (javascript:, data:) becomes html/template's "#ZgotmplZ".
func filterURL(s string) string {
	if i := strings.IndexAny(s, ":/?#"); i >= 0 && s[i] == ':' {
		switch strings.ToLower(s[:i]) {
		case "http", "https", "mailto":
		default:
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL percent-encodes the bytes a URL may not hold, keeping
// reserved characters and valid escapes (html/template's normalizer,
// lower-case hex included).
func normalizeURL(s string) string {
	const hex = "0123456789abcdef"
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0,
			c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
