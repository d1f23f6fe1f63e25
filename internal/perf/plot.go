package perf

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Chart is a horizontal grouped bar chart: one group of bars per label,
// one bar per series, and vertical reference lines (a goal, a floor). A
// value that is NaN draws no bar. The same chart renders to the same
// bytes.
type Chart struct {
	Title  string
	Unit   string // of the axis
	Labels []string
	Series []Series
	Marks  []Mark
}

// Series is one bar of every group.
type Series struct {
	Name   string
	Values []float64 // one per label
}

// Mark is a vertical reference line.
type Mark struct {
	Value float64
	Label string
}

const (
	chartWidth = 960
	charW      = 7 // basicfont.Face7x13
	lineH      = 13
	barH       = 11
	barGap     = 2
	groupGap   = 9
)

var (
	white   = color.RGBA{255, 255, 255, 255}
	ink     = color.RGBA{33, 33, 33, 255}
	grid    = color.RGBA{225, 225, 225, 255}
	markInk = color.RGBA{200, 30, 30, 255}
	// palette: colour-blind-safe (Okabe-Ito).
	palette = []color.RGBA{{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255}, {86, 180, 233, 255}}
)

// Render draws the chart.
func (c Chart) Render() *image.RGBA {
	left := 10
	for _, l := range c.Labels {
		left = max(left, len(l)*charW+16)
	}
	top, bottom, right := 2*lineH+24, 2*lineH+14, 90
	group := len(c.Series)*(barH+barGap) + groupGap
	height := top + len(c.Labels)*group + bottom
	img := image.NewRGBA(image.Rect(0, 0, chartWidth, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)

	hi := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				hi = math.Max(hi, v)
			}
		}
	}
	for _, m := range c.Marks {
		hi = math.Max(hi, m.Value)
	}
	step := niceStep(hi)
	axisMax := math.Max(step, math.Ceil(hi/step)*step)
	plotW := chartWidth - left - right
	x := func(v float64) int { return left + int(math.Round(v/axisMax*float64(plotW))) }
	plotBottom := height - bottom

	text(img, 10, lineH+2, c.Title, ink)
	lx := 10
	for i, s := range c.Series {
		fill(img, image.Rect(lx, lineH+10, lx+10, lineH+20), palette[i%len(palette)])
		text(img, lx+14, lineH+20, s.Name, ink)
		lx += 14 + len(s.Name)*charW + 18
	}
	for v := 0.0; v <= axisMax+step/2; v += step {
		fill(img, image.Rect(x(v), top-4, x(v)+1, plotBottom), grid)
		l := formatValue(v)
		text(img, x(v)-len(l)*charW/2, plotBottom+lineH+2, l, ink)
	}
	text(img, left+plotW/2-len(c.Unit)*charW/2, plotBottom+2*lineH+6, c.Unit, ink)
	fill(img, image.Rect(left, top-4, left+1, plotBottom), ink)
	for g, l := range c.Labels {
		y0 := top + g*group
		text(img, left-8-len(l)*charW, y0+len(c.Series)*(barH+barGap)/2+4, l, ink)
		for i, s := range c.Series {
			if g >= len(s.Values) || math.IsNaN(s.Values[g]) {
				continue
			}
			y := y0 + i*(barH+barGap)
			fill(img, image.Rect(left+1, y, max(x(s.Values[g]), left+2), y+barH), palette[i%len(palette)])
			text(img, max(x(s.Values[g]), left+2)+4, y+barH-1, formatValue(s.Values[g]), ink)
		}
	}
	for _, m := range c.Marks {
		for y := top - 4; y < plotBottom; y += 6 {
			fill(img, image.Rect(x(m.Value), y, x(m.Value)+2, y+3), markInk)
		}
		text(img, x(m.Value)+4, top-6, m.Label, markInk)
	}
	return img
}

// niceStep is a 1, 2 or 5 times a power of ten giving about five ticks
// up to hi.
func niceStep(hi float64) float64 {
	if hi <= 0 {
		return 1
	}
	raw := hi / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// formatValue writes three significant digits, and whole numbers from
// 1,000 up (never an exponent there).
func formatValue(v float64) string {
	if math.Abs(v) >= 1000 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func fill(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r.Intersect(img.Bounds()), image.NewUniform(c), image.Point{}, draw.Src)
}

func text(img *image.RGBA, x, y int, s string, c color.Color) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// WritePNG renders the chart into a PNG file.
func (c Chart) WritePNG(path string) error {
	var b bytes.Buffer
	if err := png.Encode(&b, c.Render()); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
