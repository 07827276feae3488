package audio

import (
	"context"
	"errors"
)

var errNoFFmpeg = errors.New("ffmpeg is not installed")

func newFFmpegDecoder(ctx context.Context, path, format string) (decoder, error) {
	return nil, errNoFFmpeg
}
