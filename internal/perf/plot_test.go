package perf

import (
	"bytes"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestChartWritesADecodablePNG(t *testing.T) {
	c := Chart{Title: "t", Unit: "ms", Labels: []string{"a", "bb", "ccc"},
		Series: []Series{{Name: "one", Values: []float64{1, 2, 3}}, {Name: "two", Values: []float64{math.NaN(), math.NaN(), math.NaN()}}},
		Marks:  []Mark{{Value: 2.5, Label: "goal"}}}
	path := filepath.Join(t.TempDir(), "c.png")
	if err := c.WritePNG(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if img.Bounds().Dx() != chartWidth {
		t.Errorf("width %d, want %d", img.Bounds().Dx(), chartWidth)
	}
	colours := map[color.RGBA]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	// Series two has no value: its colour is only in the legend's swatch.
	legend := 10 * 10
	if colours[palette[0]] <= legend {
		t.Errorf("series one's bars are not drawn (%d pixels of its colour)", colours[palette[0]])
	}
	if colours[palette[1]] != legend {
		t.Errorf("series two (all NaN) has %d pixels of its colour, want only its legend swatch (%d)", colours[palette[1]], legend)
	}
	if colours[markInk] == 0 {
		t.Error("the mark is not drawn")
	}
	var again bytes.Buffer
	if err := png.Encode(&again, c.Render()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), b) {
		t.Error("the same chart rendered to different bytes")
	}
	taller := c
	taller.Labels = append(taller.Labels, "d")
	for i := range taller.Series {
		taller.Series[i].Values = append(append([]float64{}, c.Series[i].Values...), 1)
	}
	if taller.Render().Bounds().Dy() <= img.Bounds().Dy() {
		t.Error("a chart with one more label is not taller")
	}
}

func TestNiceStep(t *testing.T) {
	for _, hi := range []float64{0.03, 1, 7, 49, 50, 51, 1234, 1e6} {
		s := niceStep(hi)
		m := s / math.Pow(10, math.Floor(math.Log10(s)))
		if !near(m, 1) && !near(m, 2) && !near(m, 5) {
			t.Errorf("niceStep(%v) = %v: not 1, 2 or 5 times a power of ten", hi, s)
		}
		if ticks := hi / s; ticks > 5 || ticks < 1 {
			t.Errorf("niceStep(%v) = %v: %v ticks", hi, s, ticks)
		}
	}
	if niceStep(0) != 1 {
		t.Error("niceStep(0) is not 1")
	}
}

func TestFormatValueHasNoExponentAboveAThousand(t *testing.T) {
	for _, v := range []float64{1000, 2493.72, 1e6} {
		if s := formatValue(v); strings.ContainsAny(s, "e.") {
			t.Errorf("formatValue(%v) = %s", v, s)
		}
	}
	if s := formatValue(3.256); s != strconv.FormatFloat(3.256, 'g', 3, 64) {
		t.Errorf("formatValue(3.256) = %s: not three significant digits", s)
	}
}
