package doi_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
)

func TestRegisteredEach(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	var names []string
	for i := range 60 {
		switch i % 3 {
		case 0:
			names = append(names, fmt.Sprintf("10.5555/%d", i%20))
		case 1:
			names = append(names, fmt.Sprintf("10.4444/missing-%d", i))
		default:
			names = append(names, "not a DOI")
		}
	}
	var got []string
	err := c.RegisteredEach(context.Background(), slices.Values(names), 8, func(name string, ok bool, err error) error {
		switch {
		case err != nil:
			assert.ErrorIs(t, err, citation.ErrSyntax)
			got = append(got, name+" error")
		default:
			got = append(got, fmt.Sprintf("%s %v", name, ok))
		}
		return nil
	})
	require.NoError(t, err)
	require.Len(t, got, len(names))
	for i, name := range names {
		want := map[int]string{0: name + " true", 1: name + " false", 2: name + " error"}[i%3]
		assert.Equal(t, want, got[i], "answers in input order")
	}
}

func TestRegisteredEachStops(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	// An endless list: fn stops it.
	endless := func(yield func(string) bool) {
		for i := 0; ; i++ {
			if !yield(fmt.Sprintf("10.5555/%d", i%20)) {
				return
			}
		}
	}
	enough := errors.New("enough")
	n := 0
	err := c.RegisteredEach(context.Background(), endless, 4, func(string, bool, error) error {
		n++
		if n == 50 {
			return enough
		}
		return nil
	})
	assert.ErrorIs(t, err, enough)
	assert.Equal(t, 50, n)

	// The context ends it too.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	c2 := f.client()
	c2.Interval = 10 * time.Millisecond
	err = c2.RegisteredEach(ctx, endless, 0, func(string, bool, error) error { return nil })
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}
