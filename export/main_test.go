package export_test

import "flag"

// update rewrites golden files: go test ./export -update.
var update = flag.Bool("update", false, "rewrite golden files")

var _ = update
