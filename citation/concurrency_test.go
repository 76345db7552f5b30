package citation_test

import (
	"sync"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
)

// TestConcurrentUse runs the parsers, Normalize and Validate from many
// goroutines at once (each on its own Citation), so that go test -race
// checks the lazily built tables and the absence of shared state.
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if n := citation.ParseName("van der Berg, Jan"); n.NonDroppingParticle != "van der" {
					errs <- "ParseName"
				}
				if n := citation.ParseName("World Health Organization"); n.Literal == "" {
					errs <- "ParseName organization"
				}
				if d, err := citation.ParseDate("2025 Nov 12-15"); err != nil || d.EndDay != 15 {
					errs <- "ParseDate"
				}
				if d, err := citation.ParseDate("Spring 2019"); err != nil || d.Season != citation.Spring {
					errs <- "ParseDate season"
				}
				if _, err := citation.ParseDOI("https://doi.org/10.1000/182"); err != nil {
					errs <- "ParseDOI"
				}
				c := normalRecord()
				c.Keywords = append(c.Keywords, "Aging")
				c.Normalize()
				if ps := c.Validate(); len(ps) != 0 {
					errs <- "Validate"
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		assert.Fail(t, "concurrent use failed", e)
	}
}
