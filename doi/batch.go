package doi

import (
	"context"
	"iter"
	"sync"
)

// DefaultWorkers is the number of requests [Client.RegisteredEach] keeps
// in flight when asked for 0.
const DefaultWorkers = 4

// RegisteredEach asks [Client.Registered] about every name of names, with
// up to workers questions in flight (0 means DefaultWorkers), and calls fn
// with each answer in the order of names. It is made for lists of millions:
// memory stays bounded by workers, names are read only as answers are
// consumed, and the Client's rate limit, retries and cache apply as usual.
//
// An error about one name (a syntax error, a server that gave up) goes to
// fn and the loop goes on; an error returned by fn, or the end of ctx, stops
// it and is returned. RegisteredEach returns nil when every name was
// answered. It returns only once names has stopped (an iterator blocked
// reading its input delays the return until it yields or ends).
func (c *Client) RegisteredEach(ctx context.Context, names iter.Seq[string], workers int,
	fn func(name string, registered bool, err error) error) error {
	if workers <= 0 {
		workers = DefaultWorkers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type pending struct {
		name string
		ok   bool
		err  error
		done chan struct{}
	}
	queue := make(chan *pending, workers) // answers to deliver, in order
	sem := make(chan struct{}, workers)   // questions in flight
	var wg sync.WaitGroup
	go func() {
		defer close(queue)
		for name := range names {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			p := &pending{name: name, done: make(chan struct{})}
			wg.Add(1)
			go func() {
				defer wg.Done()
				p.ok, p.err = c.Registered(ctx, p.name)
				<-sem
				close(p.done)
			}()
			select {
			case queue <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer wg.Wait()
	var stop error
	for p := range queue {
		<-p.done
		switch {
		case stop != nil: // draining after a stop
		case ctx.Err() != nil:
			stop = ctx.Err()
		default:
			if err := fn(p.name, p.ok, p.err); err != nil {
				stop = err
				cancel()
			}
		}
	}
	if stop != nil {
		return stop
	}
	return ctx.Err()
}
