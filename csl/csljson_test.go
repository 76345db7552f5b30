package csl_test

// CSL-JSON input for the conformance fixtures and the corpus tests, read
// with the library's decoder.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// decodeItems reads CSL-JSON with the library's decoder,
// parse.NewCSLJSONDecoder. Items it rejects are left out.
func decodeItems(data []byte) ([]*citation.Citation, error) {
	d := parse.NewCSLJSONDecoder(bytes.NewReader(data))
	var out []*citation.Citation
	var firstErr error
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) {
				return out, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 && firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func jsonInt(v any) int {
	s := strings.TrimSpace(jsonString(v))
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
