package storyboard

// RGB is an opaque colour as 8-bit red, green and blue.
type RGB struct{ R, G, B uint8 }

// actColors are the acts' colours: strong mid-tones that carry white text
// (the editor's dark theme, printed and web sheets) and soft tints that
// carry black text (the editor's light theme).
var actColors = [...][2]RGB{
	Arrival:    {{0x3b, 0x82, 0xc4}, {0x9c, 0xc8, 0xf0}},
	Work:       {{0xc0, 0x7a, 0x2c}, {0xf3, 0xc3, 0x86}},
	Fulfilment: {{0x3f, 0x9a, 0x5c}, {0xa4, 0xdc, 0xb2}},
}

// Color returns the act's colour, one palette for the editor and every
// export: strong carries white text, soft carries black text. An invalid
// act has the fulfilment colours.
func (a Act) Color() (strong, soft RGB) {
	if !a.Valid() {
		a = Fulfilment
	}
	return actColors[a][0], actColors[a][1]
}
