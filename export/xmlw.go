package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"
)

// xmlw writes indented XML by hand, so element order follows each format's
// DTD exactly.
type xmlw struct {
	b     *bufio.Writer
	depth int
	open  []string
}

func newXMLW(w io.Writer, doctype string) *xmlw {
	x := &xmlw{b: bufio.NewWriter(w)}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if doctype != "" {
		x.b.WriteString(doctype + "\n")
	}
	return x
}

func esc(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(s))
	return sb.String()
}

func (x *xmlw) tag(name string, attrs []string, end string) {
	x.b.WriteString(strings.Repeat("  ", x.depth))
	x.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.b.WriteString(" " + attrs[i] + `="` + esc(attrs[i+1]) + `"`)
	}
	x.b.WriteString(end)
}

// start opens an element; attrs are name, value pairs.
func (x *xmlw) start(name string, attrs ...string) {
	x.tag(name, attrs, ">\n")
	x.depth++
	x.open = append(x.open, name)
}

// end closes the innermost open element.
func (x *xmlw) end() {
	name := x.open[len(x.open)-1]
	x.open = x.open[:len(x.open)-1]
	x.depth--
	x.b.WriteString(strings.Repeat("  ", x.depth) + "</" + name + ">\n")
}

// empty writes an element with no content.
func (x *xmlw) empty(name string, attrs ...string) { x.tag(name, attrs, "/>\n") }

// leaf writes an element holding text.
func (x *xmlw) leaf(name, text string, attrs ...string) {
	x.tag(name, attrs, ">")
	x.b.WriteString(esc(text) + "</" + name + ">\n")
}

func (x *xmlw) flush() error { return x.b.Flush() }
