package export

import "errors"

var errNotYet = errors.New("this format is not implemented yet")
