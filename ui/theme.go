package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// prefTheme holds the theme override: "" (follow the system), "light" or "dark".
const prefTheme = "theme"

// reelTheme is fyne's default theme with an optional forced variant.
type reelTheme struct {
	variant fyne.ThemeVariant
	forced  bool
}

var _ fyne.Theme = (*reelTheme)(nil)

func newTheme(pref string) *reelTheme {
	switch pref {
	case "light":
		return &reelTheme{variant: theme.VariantLight, forced: true}
	case "dark":
		return &reelTheme{variant: theme.VariantDark, forced: true}
	}
	return &reelTheme{}
}

func (t *reelTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *reelTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t *reelTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (t *reelTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

// currentVariant returns the variant the current theme draws with.
func currentVariant() fyne.ThemeVariant {
	app := fyne.CurrentApp()
	if app == nil {
		return theme.VariantDark
	}
	if t, ok := app.Settings().Theme().(*reelTheme); ok && t.forced {
		return t.variant
	}
	return app.Settings().ThemeVariant()
}

// actColor returns the colour of an act's band, readable under both variants:
// saturated mid-tones that carry white or black text alike.
func actColor(a storyboard.Act) color.Color {
	dark := currentVariant() == theme.VariantDark
	switch a {
	case storyboard.Arrival:
		if dark {
			return color.NRGBA{0x3b, 0x82, 0xc4, 0xff}
		}
		return color.NRGBA{0x9c, 0xc8, 0xf0, 0xff}
	case storyboard.Work:
		if dark {
			return color.NRGBA{0xc0, 0x7a, 0x2c, 0xff}
		}
		return color.NRGBA{0xf3, 0xc3, 0x86, 0xff}
	default:
		if dark {
			return color.NRGBA{0x3f, 0x9a, 0x5c, 0xff}
		}
		return color.NRGBA{0xa4, 0xdc, 0xb2, 0xff}
	}
}

// tagColor returns the colour of a colour tag, or nil for no tag; the palette
// is the timeline's, so a tag looks the same in the grid and on the timeline.
func tagColor(tag string) color.Color {
	c, ok := timeline.TagColor(tag, currentVariant() != theme.VariantDark)
	if !ok {
		return nil
	}
	return c
}
