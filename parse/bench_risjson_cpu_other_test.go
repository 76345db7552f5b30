//go:build !unix

package parse_test

import "time"

func risjsonCPUTime() time.Duration { return 0 }
