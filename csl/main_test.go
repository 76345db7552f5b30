package csl_test

import "flag"

// update rewrites golden files and the known-failures list: go test ./csl -update.
var update = flag.Bool("update", false, "rewrite golden files")

var _ = update
