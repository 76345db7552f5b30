// Package doi asks the DOI system about DOI names online: whether a DOI is
// registered (the DOI handle API, https://doi.org/api/handles/) and its
// metadata as a [citation.Citation] (content negotiation on https://doi.org/
// for CSL-JSON, which Crossref, DataCite and mEDRA answer).
//
// Nothing in citekit goes online unless asked: a program creates a
// [Client] and calls it. A Client is polite: it names itself and a contact
// address in its User-Agent ("citekit/VERSION (mailto:…)"), keeps a
// minimum interval between requests, retries with exponential backoff on
// 429 and 5xx answers while honouring Retry-After (in seconds or as an
// HTTP date), and caches answers, so that asking twice costs one request.
// [Client.RegisteredEach] checks a stream of DOIs of any length, in order,
// with a bounded number of requests in flight.
//
// # Concurrency
//
// A Client is safe for concurrent use by many goroutines once its fields
// are set; the rate limit and the cache are shared by all of them, and
// concurrent questions about the same DOI share one request.
package doi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/citekit/citekit/citation"
)

// Defaults of the [Client] fields.
const (
	DefaultHandleURL  = "https://doi.org/api/handles/"
	DefaultContentURL = "https://doi.org/"
	DefaultTimeout    = 30 * time.Second
	DefaultInterval   = 100 * time.Millisecond // at most 10 requests per second
	DefaultRetries    = 3
	DefaultBackoff    = 500 * time.Millisecond
	DefaultMaxWait    = time.Minute
	DefaultCacheSize  = 10000
	DefaultVersion    = "dev"

	// MaxBody is the largest answer read, in bytes; a larger one is an
	// error wrapping [citation.ErrTooLarge].
	MaxBody = 8 << 20
)

// CSLJSONType is the media type asked for by [Client.Fetch].
const CSLJSONType = "application/vnd.citationstyles.csl+json"

// Errors of the client, for [errors.Is].
var (
	// ErrNotFound: the DOI is not registered (Fetch; Registered answers
	// false instead).
	ErrNotFound = errors.New("doi: DOI not found")
	// ErrBadResponse: the service answered with a body that is not what
	// it should send (malformed JSON, an unknown response code).
	ErrBadResponse = errors.New("doi: malformed response")
)

// A StatusError is an HTTP answer that is neither success nor "not
// found", after any retries.
type StatusError struct {
	URL        string
	StatusCode int
	// RetryAfter is the wait the server asked for, when it asked for one
	// longer than the client's MaxWait, or 0.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("doi: %s: HTTP %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %v)", e.RetryAfter)
	}
	return s
}

// A Client asks the DOI system about DOIs. Its zero value is ready to use
// with the defaults; set fields before the first call and do not change
// them afterwards.
type Client struct {
	// HandleURL is the base URL of the handle API, to which the DOI is
	// appended; default DefaultHandleURL. Tests and mirrors point it
	// elsewhere.
	HandleURL string
	// ContentURL is the base URL of content negotiation; default
	// DefaultContentURL.
	ContentURL string
	// HTTPClient sends the requests; nil means http.DefaultClient. Its
	// redirects are followed (doi.org answers content negotiation with a
	// redirect to the registration agency).
	HTTPClient *http.Client
	// Timeout limits each attempt (connection, redirects and body); 0 means
	// DefaultTimeout, a negative value no limit but the context's. An
	// attempt that times out is not retried.
	Timeout time.Duration
	// Interval is the least time between the starts of two requests, over
	// all goroutines; 0 means DefaultInterval, negative no limit.
	Interval time.Duration
	// Mailto is a contact address sent in the User-Agent, as Crossref asks
	// of polite clients; empty sends none.
	Mailto string
	// Version is the citekit version in the User-Agent; default
	// DefaultVersion.
	Version string
	// Retries is how many times a request answered with 429 or 5xx, or
	// failed by a network error, is repeated; 0 means DefaultRetries,
	// negative none.
	Retries int
	// Backoff is the wait before the first retry, doubled on each one
	// and jittered, when the server sends no Retry-After; 0 means
	// DefaultBackoff.
	Backoff time.Duration
	// MaxWait is the longest wait honoured (Retry-After or backoff); a
	// server asking for more ends the request with a *StatusError. 0
	// means DefaultMaxWait.
	MaxWait time.Duration
	// CacheSize is how many answers are kept, least recently used first
	// out; 0 means DefaultCacheSize, negative no cache. Answers "registered"
	// and "not registered" are cached, errors are not.
	CacheSize int

	once   sync.Once
	cache  *lru
	limit  limiter
	flight group
}

func (c *Client) init() {
	c.once.Do(func() {
		n := c.CacheSize
		if n == 0 {
			n = DefaultCacheSize
		}
		c.cache = newLRU(n)
	})
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// UserAgent returns the User-Agent the client sends:
// "citekit/VERSION (mailto:ADDRESS)".
func (c *Client) UserAgent() string {
	ua := "citekit/" + orDefault(c.Version, DefaultVersion)
	if c.Mailto != "" {
		ua += " (mailto:" + c.Mailto + ")"
	}
	return ua
}

// Registered reports whether doi is registered, asking the handle API:
// response code 1 (or 200, a record without URL) means registered, 100 or
// HTTP 404 not. doi is read by [citation.ParseDOI], so labels and resolver
// URLs are accepted ("doi:10.1000/182", "https://doi.org/10.1000/182"); a
// name it rejects gives its error, which wraps [citation.ErrSyntax], without
// a request.
func (c *Client) Registered(ctx context.Context, doi string) (bool, error) {
	d, err := citation.ParseDOI(doi)
	if err != nil {
		return false, err
	}
	doi = d.String()
	c.init()
	key := "r\x00" + foldDOI(doi)
	if v, ok := c.cache.get(key); ok {
		return v.registered, nil
	}
	ask := func() (answer, error) {
		u := base(c.HandleURL, DefaultHandleURL) + escapeDOI(doi) + "?type=URL"
		status, body, err := c.get(ctx, u, "application/json")
		if err != nil {
			return answer{}, err
		}
		var resp struct {
			ResponseCode *int   `json:"responseCode"`
			Handle       string `json:"handle"`
		}
		if err := json.Unmarshal(body, &resp); err != nil || resp.ResponseCode == nil {
			if status == http.StatusNotFound {
				return answer{registered: false}, nil // a 404 says enough
			}
			return answer{}, fmt.Errorf("doi: %s: %w: %v", u, ErrBadResponse, errOr(err, "no responseCode"))
		}
		if resp.Handle != "" && foldDOI(resp.Handle) != foldDOI(doi) {
			return answer{}, fmt.Errorf("doi: %s: %w: answer for handle %q", u, ErrBadResponse, resp.Handle)
		}
		switch rc := *resp.ResponseCode; {
		case rc == 1 || rc == 200:
			return answer{registered: true}, nil
		case rc == 100 || status == http.StatusNotFound:
			return answer{registered: false}, nil
		default:
			return answer{}, fmt.Errorf("doi: %s: %w: response code %d", u, ErrBadResponse, rc)
		}
	}
	v, err := c.flight.do(ctx, key, c.cached(key, ask))
	if err != nil {
		return false, err
	}
	return v.registered, nil
}

// cached wraps a flight's question: the answer is looked up in the cache
// again inside the flight and stored before the flight ends, so that a
// caller that misses the cache just as an earlier flight finishes does not
// ask a second time.
func (c *Client) cached(key string, ask func() (answer, error)) func() (answer, error) {
	return func() (answer, error) {
		if v, ok := c.cache.get(key); ok {
			return v, nil
		}
		v, err := ask()
		if err == nil {
			c.cache.put(key, v)
		}
		return v, err
	}
}

// Fetch returns the metadata of doi as a Citation, asking doi.org for
// CSL-JSON by content negotiation. doi is read as by [Client.Registered].
// A DOI that is not registered gives an error wrapping [ErrNotFound]; a
// body that is not CSL-JSON one wrapping [ErrBadResponse]. Each call
// returns a new Citation, which the caller may modify.
func (c *Client) Fetch(ctx context.Context, doi string) (*citation.Citation, error) {
	d, err := citation.ParseDOI(doi)
	if err != nil {
		return nil, err
	}
	doi = d.String()
	c.init()
	key := "f\x00" + foldDOI(doi)
	u := base(c.ContentURL, DefaultContentURL) + escapeDOI(doi)
	v, ok := c.cache.get(key)
	if !ok {
		var err error
		v, err = c.flight.do(ctx, key, c.cached(key, func() (answer, error) {
			status, body, err := c.get(ctx, u, CSLJSONType)
			if err != nil {
				return answer{}, err
			}
			if status == http.StatusNotFound {
				return answer{registered: false}, nil
			}
			// Check the body once, before caching it.
			if _, err := decodeCSL(body); err != nil {
				return answer{}, fmt.Errorf("doi: %s: %w: %v", u, ErrBadResponse, err)
			}
			return answer{registered: true, body: body}, nil
		}))
		if err != nil {
			return nil, err
		}
		if v.registered {
			c.cache.put("r\x00"+foldDOI(doi), answer{registered: true})
		}
	}
	if !v.registered {
		return nil, fmt.Errorf("doi: %s: %w", doi, ErrNotFound)
	}
	cit, err := decodeCSL(v.body)
	if err != nil {
		return nil, fmt.Errorf("doi: %s: %w: %v", u, ErrBadResponse, err)
	}
	return cit, nil
}

func errOr(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return s
}

// get sends GET requests for u until one gets an answer that is not to be
// retried. It returns the status (200 or 404) and the body, or an error.
func (c *Client) get(ctx context.Context, u, accept string) (int, []byte, error) {
	retries := orDefault(c.Retries, DefaultRetries)
	backoff := orDefault(c.Backoff, DefaultBackoff)
	maxWait := orDefault(c.MaxWait, DefaultMaxWait)
	for attempt := 0; ; attempt++ {
		if err := c.limit.wait(ctx, orDefault(c.Interval, DefaultInterval)); err != nil {
			return 0, nil, err
		}
		status, body, header, err := c.attempt(ctx, u, accept)
		switch {
		case err != nil:
			if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, citation.ErrTooLarge) {
				return 0, nil, err
			}
		case status == http.StatusOK || status == http.StatusNotFound:
			return status, body, nil
		case status != http.StatusTooManyRequests && status < 500:
			return 0, nil, &StatusError{URL: u, StatusCode: status}
		}
		// A network error, 429 or 5xx: retry if allowed, after Retry-After
		// or an exponential backoff with jitter.
		wait := max(backoff, 0)
		for k := 0; k < attempt && wait <= maxWait && wait < math.MaxInt64/2; k++ {
			wait *= 2
		}
		wait = wait/2 + rand.N(wait/2+1)
		ra, hasRA := retryAfter(header, time.Now())
		if hasRA {
			wait = ra
		}
		if attempt >= retries || retries < 0 || wait > maxWait {
			if err != nil {
				return 0, nil, err
			}
			se := &StatusError{URL: u, StatusCode: status}
			if hasRA && ra > maxWait {
				se.RetryAfter = ra
			}
			return 0, nil, se
		}
		if hasRA {
			c.limit.pause(wait) // the server asked every caller to wait
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, nil, ctx.Err()
		case <-t.C:
		}
	}
}

// attempt sends one request.
func (c *Client) attempt(ctx context.Context, u, accept string) (int, []byte, http.Header, error) {
	if timeout := orDefault(c.Timeout, DefaultTimeout); timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", c.UserAgent())
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return 0, nil, nil, err
	}
	if len(body) > MaxBody {
		return 0, nil, nil, fmt.Errorf("doi: %s: answer over %d bytes: %w", u, MaxBody, citation.ErrTooLarge)
	}
	return resp.StatusCode, body, resp.Header, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(min(n, 1<<31)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func base(u, def string) string {
	if u == "" {
		return def
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// escapeDOI writes a DOI name for a URL path as the DOI Handbook asks:
// "%", '"', "#", space and "?" must be encoded, "<>{}^[]`|\+" should be,
// and so are non-ASCII bytes and controls; "/" is kept.
func escapeDOI(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || strings.IndexByte("%\"#?<>{}^[]`|\\+", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// foldDOI folds ASCII letters to lower case, as citation.DOI.Key does.
func foldDOI(s string) string {
	return (citation.DOIMatch{DOI: s}).Key()
}

// A limiter spaces the starts of requests by an interval.
type limiter struct {
	mu   sync.Mutex
	next time.Time
}

func (l *limiter) wait(ctx context.Context, interval time.Duration) error {
	if interval < 0 {
		interval = 0
	}
	l.mu.Lock()
	now := time.Now()
	t := l.next
	if t.Before(now) {
		t = now
	}
	if interval > 0 || l.next.After(now) {
		l.next = t.Add(interval)
	}
	l.mu.Unlock()
	d := t.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// pause makes every request wait d from now.
func (l *limiter) pause(d time.Duration) {
	l.mu.Lock()
	if t := time.Now().Add(d); t.After(l.next) {
		l.next = t
	}
	l.mu.Unlock()
}

// answer is what the cache holds for a question.
type answer struct {
	registered bool
	body       []byte // CSL-JSON, for Fetch
}

// A group runs one call per key at a time; concurrent callers with the
// same key share its result.
type group struct {
	mu sync.Mutex
	m  map[string]*call
}

type call struct {
	done chan struct{}
	v    answer
	err  error
}

func (g *group) do(ctx context.Context, key string, fn func() (answer, error)) (answer, error) {
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	if c, ok := g.m[key]; ok {
		g.mu.Unlock()
		select {
		case <-c.done:
			return c.v, c.err
		case <-ctx.Done():
			return answer{}, ctx.Err()
		}
	}
	c := &call{done: make(chan struct{})}
	g.m[key] = c
	g.mu.Unlock()
	c.v, c.err = fn()
	g.mu.Lock()
	delete(g.m, key)
	g.mu.Unlock()
	close(c.done)
	return c.v, c.err
}
