package audio

import (
	"errors"
	"math"
)

// jfreymuth/vorbis sizes its tables from the setup header's claims: a
// codebook's entry count (24 bits) and dimensions (16 bits) become a
// Huffman table of 2×entries codes and a value table of entries×dimensions
// floats before a single entry is read, so four bytes can ask for tens of
// gigabytes. checkVorbisSetup reads the codebooks first, as the
// specification lays them out (Vorbis I, section 3.2.1), and refuses a
// header whose codebooks the packet cannot hold or whose tables exceed
// what any encoder makes.

// Limits of one codebook. libvorbis's largest books have a few thousand
// entries of at most 8 dimensions; these leave a wide margin and bound the
// tables to a few tens of megabytes for a whole header.
const (
	maxBookEntries = 1 << 20 // Huffman entries of one codebook
	maxBookValues  = 1 << 20 // entries × dimensions of one codebook's value table
	maxSetupValues = 1 << 22 // the same over all the codebooks
)

var errVorbisSetup = errors.New("vorbis: the setup header claims more than it holds")

// vorbisBits reads a Vorbis packet's bits, least significant first.
type vorbisBits struct {
	b   []byte
	pos uint64 // bit position
}

func (r *vorbisBits) left() uint64 { return uint64(len(r.b))*8 - min(r.pos, uint64(len(r.b))*8) }

// read returns the next n (≤ 32) bits, ok false past the end.
func (r *vorbisBits) read(n uint) (uint32, bool) {
	if uint64(n) > r.left() {
		return 0, false
	}
	var v uint32
	for i := uint(0); i < n; i++ {
		bit := r.b[r.pos/8] >> (r.pos % 8) & 1
		v |= uint32(bit) << i
		r.pos++
	}
	return v, true
}

// skip advances n bits, ok false past the end.
func (r *vorbisBits) skip(n uint64) bool {
	if n > r.left() {
		return false
	}
	r.pos += n
	return true
}

func ilog32(x uint32) uint {
	var n uint
	for x > 0 {
		n++
		x >>= 1
	}
	return n
}

// checkVorbisSetup checks the codebooks of the setup header body h (after
// "\x05vorbis").
func checkVorbisSetup(h []byte) error {
	r := &vorbisBits{b: h}
	n, ok := r.read(8)
	if !ok {
		return errVorbisSetup
	}
	var total uint64
	for range n + 1 {
		values, err := checkCodebook(r)
		if err != nil {
			return err
		}
		if total += values; total > maxSetupValues {
			return errVorbisSetup
		}
	}
	return nil
}

// checkCodebook reads one codebook and returns the size of its value table.
func checkCodebook(r *vorbisBits) (uint64, error) {
	sync, ok1 := r.read(24)
	dims, ok2 := r.read(16)
	entries, ok3 := r.read(24)
	ordered, ok4 := r.read(1)
	if !ok1 || !ok2 || !ok3 || !ok4 || sync != 0x564342 || entries == 0 || entries > maxBookEntries {
		return 0, errVorbisSetup
	}
	if ordered == 0 {
		sparse, ok := r.read(1)
		if !ok {
			return 0, errVorbisSetup
		}
		for range entries {
			if sparse == 1 {
				used, ok := r.read(1)
				if !ok {
					return 0, errVorbisSetup
				}
				if used == 0 {
					continue
				}
			}
			if !r.skip(5) {
				return 0, errVorbisSetup
			}
		}
	} else {
		if !r.skip(5) {
			return 0, errVorbisSetup
		}
		for cur, lengths := uint32(0), 0; cur < entries; lengths++ {
			if lengths >= 32 {
				return 0, errVorbisSetup // lengths past 32 bits
			}
			num, ok := r.read(ilog32(entries - cur))
			if !ok || num > entries-cur {
				return 0, errVorbisSetup
			}
			cur += num
		}
	}
	lookup, ok := r.read(4)
	if !ok || lookup > 2 {
		return 0, errVorbisSetup
	}
	if lookup == 0 {
		return 0, nil
	}
	if dims == 0 {
		return 0, errVorbisSetup
	}
	values := uint64(entries) * uint64(dims)
	if values > maxBookValues {
		return 0, errVorbisSetup
	}
	if !r.skip(64) { // minimum and delta values
		return 0, errVorbisSetup
	}
	bits, ok1 := r.read(4)
	_, ok2 = r.read(1) // sequence flag
	if !ok1 || !ok2 {
		return 0, errVorbisSetup
	}
	count := values
	if lookup == 1 {
		count = uint64(math.Floor(math.Pow(float64(entries), 1/float64(dims))))
	}
	if !r.skip(count * uint64(bits+1)) {
		return 0, errVorbisSetup
	}
	return values, nil
}
