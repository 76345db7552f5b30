package parse

import (
	"errors"
	"io"

	"github.com/citekit/citekit/citation"
)

// A Decoder reads records of one format from an input.
//
// Decode returns the next record. At the end of the input it returns
// (nil, io.EOF). A record that could not be converted gives (nil, err) with a
// *ParseError, and a record converted despite a problem gives both the
// record and a *ParseError; in both cases the next call reads on. Any other
// error ends decoding and is returned by every later call.
//
// RecordPos returns the 1-based line and column at which the record last
// returned (or reported) by Decode began.
type Decoder interface {
	Decode() (*citation.Citation, error)
	RecordPos() (line, column int)
}

// ReadAll decodes every record of d. It returns the records converted, the
// problems reported by Decode as an [ErrorList] (nil when there were none),
// or the error that ended decoding early, which is not an ErrorList. At the
// end of the input the error is nil, not io.EOF.
func ReadAll(d Decoder) ([]*citation.Citation, error) {
	var out []*citation.Citation
	var errs ErrorList
	for {
		c, err := d.Decode()
		if c != nil {
			out = append(out, c)
		}
		if err == nil {
			continue
		}
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			errs.Add(pe)
			continue
		}
		return out, err
	}
	return out, errs.Err()
}
