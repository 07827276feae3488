package timeline

import (
	"image/color"

	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

// Act colours, one set per theme variant so that the theme's foreground text
// stays readable on the cards: pale fills under dark text in the light
// variant, deep fills under light text in the dark one. Arrival is blue, work
// amber, fulfilment green in both.
var (
	actLight = [3]color.NRGBA{
		{0xc4, 0xdc, 0xf5, 0xff},
		{0xf6, 0xdc, 0xae, 0xff},
		{0xc8, 0xe9, 0xc4, 0xff},
	}
	actDark = [3]color.NRGBA{
		{0x21, 0x44, 0x6a, 0xff},
		{0x69, 0x48, 0x16, 0xff},
		{0x2a, 0x57, 0x2a, 0xff},
	}
)

// Alpha levels, out of 255.
const (
	bandAlpha       = 0x48 // act bands behind the lanes
	dimAlpha        = 0x60 // cards being moved
	regionAlpha     = 0x30 // the music region over the waveform
	waveInAlpha     = 0xc0 // waveform inside the music region
	waveOutAlpha    = 0x50 // waveform outside it
	beatAlpha       = 0xa0
	downbeatAlpha   = 0xa0
	ghostAlpha      = 0xa0
	mergedCardAlpha = 0xc0 // runs of cards too narrow to draw one by one
)

// actColor returns act a's card colour, the light set when light is true.
func actColor(a storyboard.Act, light bool) color.NRGBA {
	if !a.Valid() {
		a = storyboard.Work
	}
	if light {
		return actLight[a]
	}
	return actDark[a]
}

// isLight reports whether a background colour is light, which is how the
// timeline tells the theme's variant: it follows the colours actually drawn,
// including those of a custom theme or a theme override.
func isLight(bg color.Color) bool {
	r, g, b, _ := bg.RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) > 0.5*0xffff
}

// tagColor returns the colour of a card's colour tag, and false for no tag.
func tagColor(tag string) (color.Color, bool) {
	switch tag {
	case "":
		return nil, false
	case "grey":
		tag = theme.ColorGray
	}
	return theme.PrimaryColorNamed(tag), true
}

// withAlpha returns c with its alpha scaled to a/255.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 0xff)
	return n
}
