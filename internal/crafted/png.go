package crafted

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// BombPNG returns a small PNG whose header claims w×h pixels: decoding it
// whole would allocate w*h*4 bytes from a few kilobytes of file.
func BombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	chunk("IHDR", append(ihdr, 8, 2, 0, 0, 0)) // 8-bit RGB
	// A deflate stream of zeros: a few hundred bytes that inflate to far more.
	chunk("IDAT", append([]byte{0x78, 0x9c}, bytes.Repeat([]byte{0xed, 0xc1, 0x01, 0x0d, 0, 0, 0, 0xc2, 0xa0}, 80)...))
	chunk("IEND", nil)
	return b.Bytes()
}
