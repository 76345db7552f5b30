package parse

import "github.com/citekit/citekit/citation"

// normText is [citation.NormalizeText], which returns text that is already
// normal as it is, without a copy. The RIS and CSL-JSON decoders call it for
// every value.
func normText(s string) string { return citation.NormalizeText(s) }
