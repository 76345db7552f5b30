package doi

import (
	"container/list"
	"sync"
)

// An lru is a bounded map of answers that drops the least recently used
// one when full. It is safe for concurrent use. A nil *lru caches nothing.
type lru struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element
	order list.List // front: most recently used
}

type lruEntry struct {
	key string
	v   answer
}

// newLRU returns a cache of at most n answers, or nil when n <= 0.
func newLRU(n int) *lru {
	if n <= 0 {
		return nil
	}
	return &lru{max: n, items: make(map[string]*list.Element)}
}

func (c *lru) get(key string) (answer, bool) {
	if c == nil {
		return answer{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return answer{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*lruEntry).v, true
}

func (c *lru) put(key string, v answer) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*lruEntry).v = v
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key, v})
	for c.order.Len() > c.max {
		e := c.order.Back()
		c.order.Remove(e)
		delete(c.items, e.Value.(*lruEntry).key)
	}
}
