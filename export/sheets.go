package export

import (
	"errors"
	"io"
)

var errNotYet = errors.New("this format is not implemented yet")

func writeBundle(pl *plan, w io.Writer) error { return errNotYet }
