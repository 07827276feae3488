package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"
)

// littleEndian is whether int16 values are stored as WAV stores them.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// wavDecoder reads RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits and
// IEEE float of 32 or 64 bits, plain or WAVE_FORMAT_EXTENSIBLE.
type wavDecoder struct {
	r         *bufio.Reader
	sr, ch    int
	bits      int
	float     bool
	remaining int64 // bytes of sample data left, -1 when unknown (streamed)
	streamed  int64 // for a streamed file, the bytes from its data to the file's end
	frameSize int
	raw       []byte
}

var errWAVHeader = errors.New("wav: bad header")

// newWAVDecoder reads the header from r, a file of size bytes.
func newWAVDecoder(r io.Reader, size int64) (*wavDecoder, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var hdr [12]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("wav: reading header: %w", err)
	}
	if string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return nil, errWAVHeader
	}
	d := &wavDecoder{r: br}
	gotFmt := false
	off := int64(12) // bytes read so far
	for {
		var ck [8]byte
		if _, err := io.ReadFull(br, ck[:]); err != nil {
			return nil, fmt.Errorf("wav: no data chunk: %w", err)
		}
		id := string(ck[0:4])
		ckSize := int64(binary.LittleEndian.Uint32(ck[4:8]))
		off += 8
		switch id {
		case "fmt ":
			if ckSize < 16 || ckSize > 1<<16 {
				return nil, fmt.Errorf("wav: fmt chunk of %d bytes", ckSize)
			}
			b := make([]byte, ckSize+ckSize%2)
			if _, err := io.ReadFull(br, b); err != nil {
				return nil, fmt.Errorf("wav: reading fmt chunk: %w", err)
			}
			tag := binary.LittleEndian.Uint16(b[0:2])
			d.ch = int(binary.LittleEndian.Uint16(b[2:4]))
			d.sr = int(binary.LittleEndian.Uint32(b[4:8]))
			d.frameSize = int(binary.LittleEndian.Uint16(b[12:14]))
			d.bits = int(binary.LittleEndian.Uint16(b[14:16]))
			if tag == 0xFFFE && ckSize >= 40 {
				tag = binary.LittleEndian.Uint16(b[24:26]) // sub-format GUID's first bytes
			}
			switch tag {
			case 1:
				if d.bits != 8 && d.bits != 16 && d.bits != 24 && d.bits != 32 {
					return nil, fmt.Errorf("wav: %d-bit integer samples are not supported", d.bits)
				}
			case 3:
				d.float = true
				if d.bits != 32 && d.bits != 64 {
					return nil, fmt.Errorf("wav: %d-bit float samples are not supported", d.bits)
				}
			default:
				return nil, fmt.Errorf("wav: compressed WAV (format tag %#x) is not supported", tag)
			}
			if d.ch < 1 || d.ch > 32 || d.sr < 1000 || d.sr > 768000 || d.frameSize != d.ch*d.bits/8 {
				return nil, fmt.Errorf("wav: implausible format (%d channels, %d Hz, %d bits)", d.ch, d.sr, d.bits)
			}
			gotFmt = true
			off += ckSize + ckSize%2
		case "data":
			if !gotFmt {
				return nil, errors.New("wav: data chunk before fmt chunk")
			}
			d.remaining = ckSize
			if ckSize == 0 || ckSize == 0xFFFFFFFF {
				d.remaining = -1 // written by a streaming tool: read to the end
				d.streamed = max(0, size-off)
			}
			return d, nil
		default:
			if _, err := br.Discard(int(ckSize + ckSize%2)); err != nil {
				return nil, fmt.Errorf("wav: skipping %q chunk: %w", id, err)
			}
			off += ckSize + ckSize%2
		}
	}
}

func (d *wavDecoder) rate() int     { return d.sr }
func (d *wavDecoder) channels() int { return d.ch }
func (d *wavDecoder) estFrames() int64 {
	if d.remaining < 0 {
		return d.streamed / int64(d.frameSize) // to the end of the file
	}
	return d.remaining / int64(d.frameSize)
}

func (d *wavDecoder) read(buf []int16) (int, error) {
	frames := len(buf) / d.ch
	want := frames * d.frameSize
	if d.remaining >= 0 && int64(want) > d.remaining {
		want = int(d.remaining) / d.frameSize * d.frameSize
	}
	if want == 0 {
		return 0, io.EOF
	}
	var raw []byte
	if d.bits == 16 && !d.float && littleEndian {
		// Little-endian 16-bit samples are the int16 values: read them
		// straight into buf.
		raw = unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), want)
	} else {
		if cap(d.raw) < want {
			d.raw = make([]byte, want)
		}
		raw = d.raw[:want]
	}
	got, err := io.ReadFull(d.r, raw)
	got -= got % d.frameSize
	if d.remaining >= 0 {
		d.remaining -= int64(got)
		if err != nil {
			return d.convert(raw[:got], buf), fmt.Errorf("wav: data ends %d bytes early: %w", d.remaining, io.ErrUnexpectedEOF)
		}
	} else if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
		if got == 0 {
			err = io.EOF
		}
	}
	return d.convert(raw[:got], buf), err
}

// convert turns raw little-endian samples into 16-bit ones in
// -32767..32767: 16-bit as they are, more bits rounded (half up), 8-bit
// shifted up, float by sample16.
func (d *wavDecoder) convert(raw []byte, buf []int16) int {
	n := len(raw) / (d.bits / 8)
	buf = buf[:n]
	switch {
	case d.float && d.bits == 32:
		for i := range buf {
			buf[i] = sample16(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])))
		}
	case d.float:
		for i := range buf {
			buf[i] = sample16(float32(math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))))
		}
	case d.bits == 8:
		for i := range buf {
			buf[i] = max(int16(int(raw[i])-128)<<8, -math.MaxInt16)
		}
	case d.bits == 16 && littleEndian && len(raw) > 0 && &raw[0] == (*byte)(unsafe.Pointer(&buf[0])):
		symmetric(buf) // read in place
	case d.bits == 16:
		raw = raw[:2*n]
		for i := range buf {
			buf[i] = max(int16(binary.LittleEndian.Uint16(raw[2*i:])), -math.MaxInt16)
		}
	case d.bits == 24:
		raw = raw[:3*n]
		for i := range buf {
			v := int32(uint32(raw[3*i])<<8|uint32(raw[3*i+1])<<16|uint32(raw[3*i+2])<<24) >> 8
			buf[i] = int16(max(min((v+1<<7)>>8, math.MaxInt16), -math.MaxInt16))
		}
	case d.bits == 32:
		for i := range buf {
			v := int64(int32(binary.LittleEndian.Uint32(raw[4*i:])))
			buf[i] = int16(max(min((v+1<<15)>>16, math.MaxInt16), -math.MaxInt16))
		}
	}
	return n
}
