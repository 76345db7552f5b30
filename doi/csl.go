package doi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// decodeCSL reads the CSL-JSON item of a content-negotiation answer with
// the csljson decoder of package parse: the first item of the answer (an
// object, as doi.org sends, or an array). An item converted despite a
// problem is accepted; one that could not be converted is an error.
//
// Crossref sends ISSN and ISBN as arrays of strings, where CSL-JSON has
// strings; the decoder keeps such values in Extra ("csljson:ISSN"), and
// decodeCSL moves them to the ISSN and ISBN fields.
//
// The body is compacted first (which also checks that it is JSON): the
// csljson decoder reads a top-level object line by line, as NDJSON, and
// pretty-printed answers (DataCite's) span lines.
func decodeCSL(body []byte) (*citation.Citation, error) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, body); err != nil {
		return nil, err
	}
	c, err := parse.NewCSLJSONDecoder(&compact).Decode()
	if c == nil {
		if err == io.EOF {
			return nil, errors.New("no CSL-JSON item")
		}
		return nil, err
	}
	extra := c.Extra[:0]
	for _, f := range c.Extra {
		var list []string
		switch {
		case f.Name == "csljson:ISSN" && len(c.ISSN) == 0 && json.Unmarshal([]byte(f.Value), &list) == nil:
			c.ISSN = trimAll(list)
		case f.Name == "csljson:ISBN" && len(c.ISBN) == 0 && json.Unmarshal([]byte(f.Value), &list) == nil:
			c.ISBN = trimAll(list)
		default:
			extra = append(extra, f)
		}
	}
	c.Extra = extra
	if len(c.Extra) == 0 {
		c.Extra = nil
	}
	return c, nil
}

func trimAll(list []string) []string {
	out := list[:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
