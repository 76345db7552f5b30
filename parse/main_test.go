package parse_test

import "flag"

// update rewrites golden files: go test ./parse -update.
var update = flag.Bool("update", false, "rewrite golden files")

var _ = update
