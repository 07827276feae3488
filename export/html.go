package export

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/reelboard/reelboard/storyboard"
)

// The HTML sheet: the PDF sheet's content as one self-contained page
// (images inlined as data: URIs, no external requests). html/template
// escapes every value taken from the project.

type htmlCard struct {
	N                                     int
	Title, Kind, Timing                   string
	Notes, OnScreenText, VoiceOver, Media string
	Captured                              bool
	Image                                 template.URL // data: URI or empty
	Color                                 string
}

type htmlAct struct {
	Title string
	Color string
	Cards []htmlCard
}

type htmlPage struct {
	Title      string
	Block      [][2]string
	StyleNotes string
	Acts       []htmlAct
	AspectW    int
	AspectH    int
	Columns    template.CSS // a constant of ours, never project data
	Generator  string
}

var htmlTmpl = template.Must(template.New("sheet").Parse(`<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{.Generator}}">
<title>{{.Title}} — Storyboard</title>
<style>
body{font-family:"DejaVu Sans Condensed","DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#212121;background:#fff}
h1{font-size:1.6rem;margin:0 0 .2rem}
.sub{color:#6e6e6e;margin:0 0 1rem}
dl.block{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1.5rem;font-size:.9rem}
dl.block dt{color:#6e6e6e}
dl.block dd{margin:0}
h2{color:#fff;font-size:1rem;font-weight:normal;padding:.35rem .6rem;margin:1.5rem 0 .8rem}
.cards{display:grid;grid-template-columns:{{.Columns}};gap:1rem}
figure{margin:0;break-inside:avoid}
.frame{aspect-ratio:{{.AspectW}}/{{.AspectH}};display:flex;align-items:center;justify-content:center;flex-direction:column;color:#fff;text-align:center;padding:.5rem;box-sizing:border-box;border:1px solid #c8c8c8;background:#141414;overflow:hidden}
.frame img{max-width:100%;max-height:100%;object-fit:contain}
.frame .ost{font-size:.75rem;opacity:.85;margin-top:.6rem}
figcaption{font-size:.8rem;margin-top:.3rem}
.timing{color:#6e6e6e;font-size:.72rem}
.title{font-size:.95rem;margin:.1rem 0}
.kind{font-size:.75rem;opacity:.8}
figcaption p{margin:.15rem 0}
.style{margin-top:2rem;font-size:.9rem}
@media print{body{margin:0;max-width:none}h2{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">Storyboard</p>
<dl class="block">{{range .Block}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>{{end}}</dl>
{{range .Acts}}<section>
<h2 style="background:{{.Color}}">{{.Title}}</h2>
<div class="cards">
{{range .Cards}}<figure>
<div class="frame" style="background:{{if .Image}}#141414{{else}}{{.Color}}{{end}}">{{if .Image}}<img src="{{.Image}}" alt="{{.Title}}">{{else}}<div>{{.Title}}</div>{{if .OnScreenText}}<div class="ost">“{{.OnScreenText}}”</div>{{end}}{{end}}</div>
<figcaption>
<div class="timing">#{{.N}} · {{.Timing}}</div>
<div class="title">{{.Title}}</div>
<div class="kind">{{.Kind}}</div>
{{if .Notes}}<p>{{.Notes}}</p>{{end}}{{if .OnScreenText}}<p>Text: {{.OnScreenText}}</p>{{end}}{{if .VoiceOver}}<p>VO: {{.VoiceOver}}</p>{{end}}{{if .Media}}<p>Media: {{.Media}}</p>{{end}}{{if .Captured}}<p>✓ captured</p>{{end}}
</figcaption>
</figure>
{{end}}</div>
</section>
{{end}}{{if .StyleNotes}}<p class="style"><strong>Style notes:</strong> {{.StyleNotes}}</p>{{end}}
</body>
</html>
`))

func cssColor(c rgb) string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

func writeHTML(pl *plan, w io.Writer) error {
	page := htmlPage{
		Title:      pl.title,
		Block:      pl.titleBlock()[1:],
		StyleNotes: pl.p.StyleNotes,
		AspectW:    pl.width,
		AspectH:    pl.height,
		Columns:    "repeat(auto-fill,minmax(14rem,1fr))",
		Generator:  "Reelboard",
	}
	if pl.height > pl.width {
		page.Columns = "repeat(auto-fill,minmax(10rem,1fr))"
	}
	for _, a := range storyboard.Acts {
		from, to := pl.p.ActSpan(a)
		if from == to {
			continue
		}
		ha := htmlAct{Title: pl.actLabel(a), Color: cssColor(actInk[a])}
		for i := from; i < to; i++ {
			c := pl.clips[i]
			cd := c.card
			hc := htmlCard{N: c.n, Title: cd.Title, Kind: kindName(cd.Kind), Timing: pl.timing(c),
				Notes: cd.Notes, OnScreenText: cd.OnScreenText, VoiceOver: cd.VoiceOver, Captured: cd.Captured,
				Color: cssColor(actInk[a])}
			if c.media != "" {
				hc.Media = baseName(c.media)
			}
			if cd.Image != "" {
				if jpg, _, _, err := loadImage(cd.Image); err == nil {
					// Safe: we made the bytes and the type ourselves.
					hc.Image = template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(jpg))
				}
			}
			ha.Cards = append(ha.Cards, hc)
		}
		page.Acts = append(page.Acts, ha)
	}
	return htmlTmpl.Execute(w, page)
}
