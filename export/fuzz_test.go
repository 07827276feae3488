package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// FuzzWriteText feeds arbitrary titles and notes to the text exports: they
// must never fail or panic, and the XML and JSON must stay well-formed.
func FuzzWriteText(f *testing.F) {
	f.Add("Руки", "note & <b>", "\x00\x01\ufffe]]>")
	f.Add("", "", "")
	f.Add("a\nb\r\nc|d", "*_`[x](y)`", "😀 emoji")
	dir := mediaDir(f)
	out := f.TempDir()
	f.Fuzz(func(t *testing.T, title, notes, text string) {
		p := fixture(storyboard.Rate2997, dir)
		p.Title = title
		p.Cards[0].Title = title
		p.Cards[0].Notes = notes
		p.Cards[1].OnScreenText = text
		p.Cards[2].VoiceOver = notes + text
		for _, format := range []string{"otio", "edl", "fcp7", "fcpxml", "mlt", "csv", "md", "html"} {
			path := filepath.Join(out, "fuzz."+format)
			if err := Write(p, format, path, Options{}); err != nil {
				t.Fatalf("Write(%s) = %v", format, err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "otio":
				if !json.Valid(b) {
					t.Fatalf("OTIO export is not valid JSON")
				}
			case "fcp7", "fcpxml", "mlt":
				d := xml.NewDecoder(bytes.NewReader(b))
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("%s export is not well-formed XML: %v", format, err)
					}
				}
			}
		}
	})
}
