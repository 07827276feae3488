package export

import (
	"errors"
	"testing"
)

func TestErrorSentence(t *testing.T) {
	for _, tt := range []struct {
		e    *Error
		want string
	}{
		{&Error{Card: 3, Title: "Hands", Err: ErrMissingMedia, Path: "/m/take.mov"}, `card 3 "Hands": linked file not found: /m/take.mov.`},
		{&Error{Err: ErrMissingMedia, Detail: "(the soundtrack)", Path: "song.ogg"}, "linked file not found (the soundtrack): song.ogg."},
		{&Error{Err: ErrOutputIsInput, Path: "plan.reel", Detail: "the project file"}, "plan.reel is the project file: writing onto it would destroy it; choose another output file."},
		{&Error{Err: ErrNoCards}, ErrNoCards.Error() + "."},
	} {
		if got := tt.e.Sentence(); got != tt.want {
			t.Errorf("(%+v).Sentence() = %q; want %q", *tt.e, got, tt.want)
		}
		if !errors.Is(tt.e, tt.e.Err) {
			t.Errorf("errors.Is(%v, its sentinel) = false", tt.e)
		}
	}
}
