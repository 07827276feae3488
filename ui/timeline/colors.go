package timeline

import (
	"image/color"

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
	cutAlpha        = 0x90 // the divider at every cut
	sectionAlpha    = 0x60 // the sections band
	energyAlpha     = 0x38 // the energy curve's fill
	energyLineAlpha = 0xa0 // and its top
	uncertainAlpha  = 0x30 // "beat uncertain" shading
	loopAlpha       = 0x38 // the loop range
	slipAlpha       = 0xe0 // the music's slip handle
	candAlpha       = 0x28 // an excerpt candidate over the music
	candHoverAlpha  = 0x60 // the one under the pointer
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

// tagLight and tagDark are the colour tags' colours (storyboard.ColorTags),
// one set per theme variant: deeper tones on light backgrounds, brighter ones
// on dark.
var (
	tagLight = map[string]color.NRGBA{
		"red": {0xd3, 0x2f, 0x2f, 0xff}, "orange": {0xe6, 0x6a, 0x00, 0xff}, "yellow": {0xc9, 0xa2, 0x00, 0xff},
		"green": {0x2e, 0x8b, 0x3a, 0xff}, "blue": {0x1f, 0x5f, 0xbf, 0xff}, "purple": {0x7b, 0x3f, 0xb5, 0xff},
		"grey": {0x6e, 0x6e, 0x6e, 0xff},
	}
	tagDark = map[string]color.NRGBA{
		"red": {0xef, 0x5a, 0x5a, 0xff}, "orange": {0xff, 0x9a, 0x3c, 0xff}, "yellow": {0xf5, 0xd0, 0x3b, 0xff},
		"green": {0x5c, 0xc9, 0x6a, 0xff}, "blue": {0x5b, 0x9b, 0xf0, 0xff}, "purple": {0xb2, 0x80, 0xe8, 0xff},
		"grey": {0xa8, 0xa8, 0xa8, 0xff},
	}
)

// TagColor returns the colour of a card's colour tag for a light or dark
// background, and false for no tag or an unknown one. The grid and the
// timeline share it so a tag looks the same in both.
func TagColor(tag string, light bool) (color.Color, bool) {
	set := tagDark
	if light {
		set = tagLight
	}
	c, ok := set[tag]
	return c, ok
}

// withAlpha returns c with its alpha scaled to a/255.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 0xff)
	return n
}
