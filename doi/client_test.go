package doi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/doi"
)

// fakeDOI is a local server that behaves like doi.org: the handle API under
// /api/handles/ and content negotiation (a redirect to the registration
// agency, which answers CSL-JSON) under /. DOIs under 10.9999/ misbehave
// as their suffix says.
type fakeDOI struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int // path -> count
	agents   []string
}

// cslArticle is shaped like a Crossref content-negotiation answer: ISSN as
// an array, ORCID as a URL, Crossref's own keys beside the CSL variables.
const cslArticle = `{"indexed":{"date-parts":[[2025,11,20]],"date-time":"2025-11-20T04:12:01Z","timestamp":1763611921000},
"reference-count":42,"publisher":"Society for Neuroscience","issue":"12","license":[{"start":{"date-parts":[[2025,11,19]]},"URL":"https://creativecommons.org/licenses/by/4.0/","content-version":"vor","delay-in-days":0}],
"content-domain":{"domain":[],"crossmark-restriction":false},"DOI":"10.1523/JNEUROSCI.1353-25.2025","type":"article-journal",
"created":{"date-parts":[[2025,11,19]]},"page":"e1353252025","source":"Crossref","is-referenced-by-count":0,
"title":"Alpha  oscillations\nin cortex.","prefix":"10.1523","volume":45,
"author":[{"ORCID":"https://orcid.org/0000-0002-1825-0097","authenticated-orcid":false,"given":"Jane","family":"Smith","sequence":"first","affiliation":[]},
{"literal":"The Brain Consortium","sequence":"additional","affiliation":[]}],
"member":"1234","container-title":"The Journal of Neuroscience","link":[{"URL":"https://www.jneurosci.org/content/jneuro/45/12/e1353252025.full.pdf","content-type":"unspecified"}],
"URL":"https://doi.org/10.1523/jneurosci.1353-25.2025","ISSN":["0270-6474","1529-2401"],"issn-type":[{"type":"print","value":"0270-6474"},{"type":"electronic","value":"1529-2401"}],
"issued":{"date-parts":[[2025,11,19]]}}`

func newFakeDOI(t *testing.T) *fakeDOI {
	f := &fakeDOI{requests: make(map[string]int)}
	registered := map[string]bool{"10.1523/JNEUROSCI.1353-25.2025": true, "10.1000/182": true}
	for i := range 20 {
		registered[fmt.Sprintf("10.5555/%d", i)] = true
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/handles/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/api/handles/")
		n := f.count(r)
		if f.misbehave(w, r, name, n) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if registered[strings.ToUpper(name)] || registered[name] {
			fmt.Fprintf(w, `{"responseCode":1,"handle":%q,"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://example.org/"}}]}`, name)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"responseCode":100,"handle":%q}`, name)
	})
	mux.HandleFunc("/ra/", func(w http.ResponseWriter, r *http.Request) {
		f.count(r)
		if r.Header.Get("Accept") != doi.CSLJSONType { // must survive the redirect
			http.Error(w, "not acceptable", http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Type", doi.CSLJSONType)
		fmt.Fprint(w, cslArticle)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		n := f.count(r)
		if f.misbehave(w, r, name, n) {
			return
		}
		if r.Header.Get("Accept") != doi.CSLJSONType {
			http.Error(w, "not acceptable", http.StatusNotAcceptable)
			return
		}
		if !registered[strings.ToUpper(name)] && !registered[name] {
			http.Error(w, "DOI not found", http.StatusNotFound)
			return
		}
		http.Redirect(w, r, "/ra/"+name, http.StatusSeeOther)
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeDOI) count(r *http.Request) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests[r.URL.Path]++
	f.agents = append(f.agents, r.Header.Get("User-Agent"))
	return f.requests[r.URL.Path]
}

func (f *fakeDOI) hits(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[path]
}

// misbehave answers for the DOIs 10.9999/...; n is the request count.
func (f *fakeDOI) misbehave(w http.ResponseWriter, r *http.Request, name string, n int) bool {
	switch name {
	case "10.9999/ratelimited": // 429 with Retry-After in seconds, then fine
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return true
		}
	case "10.9999/ratelimited-date": // 429 with an HTTP date, then fine
		if n == 1 {
			w.Header().Set("Retry-After", time.Now().Add(1500*time.Millisecond).UTC().Format(http.TimeFormat))
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return true
		}
	case "10.9999/ratelimited-past": // an HTTP date in the past: retry at once
		if n == 1 {
			w.Header().Set("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return true
		}
	case "10.9999/ratelimited-long":
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "come back tomorrow", http.StatusTooManyRequests)
		return true
	case "10.9999/flaky": // 500 then fine
		if n == 1 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return true
		}
	case "10.9999/down":
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return true
	case "10.9999/slow":
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		return true
	case "10.9999/malformed":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `<html><body>Service temporarily replaced by a cat</body></html>`)
		return true
	case "10.9999/badcode":
		fmt.Fprint(w, `{"responseCode":2,"message":"error"}`)
		return true
	case "10.9999/forbidden":
		http.Error(w, "no", http.StatusForbidden)
		return true
	}
	return false
}

func (f *fakeDOI) client() *doi.Client {
	return &doi.Client{
		HandleURL:  f.URL + "/api/handles/",
		ContentURL: f.URL + "/",
		HTTPClient: f.Client(),
		Interval:   -1,
		Backoff:    5 * time.Millisecond,
		Mailto:     "lab@example.org",
		Version:    "1.2.3",
		Timeout:    2 * time.Second,
	}
}

func TestRegistered(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	ctx := context.Background()

	ok, err := c.Registered(ctx, "10.1523/JNEUROSCI.1353-25.2025")
	require.NoError(t, err)
	assert.True(t, ok)

	ok, err = c.Registered(ctx, "10.1000/nonexistent")
	require.NoError(t, err)
	assert.False(t, ok)

	// Answers are cached, with ASCII case folding.
	ok, err = c.Registered(ctx, "10.1523/jneurosci.1353-25.2025")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = c.Registered(ctx, "10.1000/NONEXISTENT")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, 1, f.hits("/api/handles/10.1523/JNEUROSCI.1353-25.2025"))
	assert.Equal(t, 0, f.hits("/api/handles/10.1523/jneurosci.1353-25.2025"))
	assert.Equal(t, 1, f.hits("/api/handles/10.1000/nonexistent"))

	for _, ua := range f.agents {
		assert.Equal(t, "citekit/1.2.3 (mailto:lab@example.org)", ua)
	}
}

func TestRegisteredEscapesName(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RawPath
		if got == "" {
			got = r.URL.Path
		}
		fmt.Fprintf(w, `{"responseCode":1}`)
	}))
	defer srv.Close()
	c := &doi.Client{HandleURL: srv.URL + "/api/handles", Interval: -1}
	ok, err := c.Registered(context.Background(), "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-#")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "/api/handles/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-%23", got)
}

func TestFetch(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	cit, err := c.Fetch(context.Background(), "10.1523/JNEUROSCI.1353-25.2025")
	require.NoError(t, err)
	assert.Equal(t, citation.ItemType("article-journal"), cit.Type)
	assert.Equal(t, "Alpha oscillations in cortex.", cit.Title) // as the csljson decoder keeps it
	assert.Equal(t, "The Journal of Neuroscience", cit.ContainerTitle)
	assert.Equal(t, "45", cit.Volume)
	assert.Equal(t, "12", cit.Issue)
	assert.Equal(t, "e1353252025", cit.Pages)
	assert.Equal(t, "10.1523/JNEUROSCI.1353-25.2025", cit.DOI)
	assert.Equal(t, []string{"0270-6474", "1529-2401"}, cit.ISSN)
	for _, f := range cit.Extra {
		assert.NotEqual(t, "csljson:ISSN", f.Name)
	}
	require.Len(t, cit.Authors, 2)
	assert.Equal(t, "Smith", cit.Authors[0].Family)
	assert.Equal(t, "Jane", cit.Authors[0].Given)
	assert.Contains(t, cit.Authors[0].ORCID, "0000-0002-1825-0097")
	assert.Equal(t, "The Brain Consortium", cit.Authors[1].Literal)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 19}, cit.Issued)

	// Cached: a second Fetch sends nothing and returns a fresh Citation;
	// Registered is answered from the same cache.
	cit.Title = "changed"
	cit2, err := c.Fetch(context.Background(), "10.1523/jneurosci.1353-25.2025")
	require.NoError(t, err)
	assert.Equal(t, "Alpha oscillations in cortex.", cit2.Title)
	ok, err := c.Registered(context.Background(), "10.1523/JNEUROSCI.1353-25.2025")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 1, f.hits("/10.1523/JNEUROSCI.1353-25.2025"))
	assert.Equal(t, 1, f.hits("/ra/10.1523/JNEUROSCI.1353-25.2025"))
	assert.Equal(t, 0, f.hits("/api/handles/10.1523/JNEUROSCI.1353-25.2025"))

	_, err = c.Fetch(context.Background(), "10.1000/nonexistent")
	assert.ErrorIs(t, err, doi.ErrNotFound)
	_, err = c.Fetch(context.Background(), "10.1000/NONEXISTENT")
	assert.ErrorIs(t, err, doi.ErrNotFound)
	assert.Equal(t, 1, f.hits("/10.1000/nonexistent"), "not found is cached")
}

func TestInvalidDOI(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	for _, s := range []string{"", "10.abc/182", "10.1000/a b", "11.1000/x", "10.1000/"} {
		_, err := c.Registered(context.Background(), s)
		assert.ErrorIs(t, err, citation.ErrSyntax, s)
		_, err = c.Fetch(context.Background(), s)
		assert.ErrorIs(t, err, citation.ErrSyntax, s)
	}
	assert.Empty(t, f.agents, "no request for invalid DOIs")

	// Labels and resolver URLs are read by ParseDOI.
	for _, s := range []string{"doi:10.1000/182", "https://doi.org/10.1000/182", "10.1000/182 [doi]"} {
		ok, err := c.Registered(context.Background(), s)
		require.NoError(t, err, s)
		assert.True(t, ok, s)
	}
	assert.Equal(t, 1, f.hits("/api/handles/10.1000/182"))
}

func TestRetryAfter(t *testing.T) {
	for _, name := range []string{"10.9999/ratelimited", "10.9999/ratelimited-date"} {
		t.Run(name, func(t *testing.T) {
			f := newFakeDOI(t)
			c := f.client()
			start := time.Now()
			ok, err := c.Registered(context.Background(), name)
			require.NoError(t, err)
			assert.False(t, ok) // the fake does not register it; the point is the wait
			assert.Equal(t, 2, f.hits("/api/handles/"+name))
			// Retry-After: 1 second, or an HTTP date 1.5 s ahead (whole seconds).
			assert.GreaterOrEqual(t, time.Since(start), 450*time.Millisecond)
		})
	}
}

func TestRetryAfterPast(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	c.Backoff = time.Hour // must not be used: the server said when
	start := time.Now()
	_, err := c.Registered(context.Background(), "10.9999/ratelimited-past")
	require.NoError(t, err)
	assert.Equal(t, 2, f.hits("/api/handles/10.9999/ratelimited-past"))
	assert.Less(t, time.Since(start), time.Second)
}

func TestNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close() // nothing listens there any more
	c := &doi.Client{HandleURL: u + "/api/handles/", ContentURL: u + "/", Interval: -1, Backoff: time.Millisecond}
	_, err := c.Registered(context.Background(), "10.1000/182")
	require.Error(t, err)
	_, err = c.Fetch(context.Background(), "10.1000/182")
	require.Error(t, err)
}

func TestRetryAfterTooLong(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	start := time.Now()
	_, err := c.Registered(context.Background(), "10.9999/ratelimited-long")
	var se *doi.StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, http.StatusTooManyRequests, se.StatusCode)
	assert.Equal(t, time.Hour, se.RetryAfter)
	assert.Contains(t, se.Error(), "HTTP 429 Too Many Requests (retry after 1h0m0s)")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 1, f.hits("/api/handles/10.9999/ratelimited-long"))
}

func TestRetryServerError(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	ok, err := c.Registered(context.Background(), "10.9999/flaky")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, 2, f.hits("/api/handles/10.9999/flaky"))

	// Always 503: DefaultRetries retries, then a StatusError.
	_, err = c.Registered(context.Background(), "10.9999/down")
	var se *doi.StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, http.StatusServiceUnavailable, se.StatusCode)
	assert.Equal(t, 1+doi.DefaultRetries, f.hits("/api/handles/10.9999/down"))

	// Errors are not cached.
	_, err = c.Registered(context.Background(), "10.9999/down")
	require.Error(t, err)
	assert.Equal(t, 2*(1+doi.DefaultRetries), f.hits("/api/handles/10.9999/down"))

	// 4xx other than 404 and 429 is not retried.
	c.Retries = 5
	_, err = c.Fetch(context.Background(), "10.9999/forbidden")
	require.ErrorAs(t, err, &se)
	assert.Equal(t, http.StatusForbidden, se.StatusCode)
	assert.Equal(t, 1, f.hits("/10.9999/forbidden"))
}

func TestTimeout(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	c.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, err := c.Registered(context.Background(), "10.9999/slow")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, 1, f.hits("/api/handles/10.9999/slow"), "a timeout is not retried")

	// The caller's context is honoured too.
	c.Timeout = -1
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.Fetch(ctx, "10.9999/slow")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestMalformed(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	_, err := c.Registered(context.Background(), "10.9999/malformed")
	assert.ErrorIs(t, err, doi.ErrBadResponse)
	_, err = c.Registered(context.Background(), "10.9999/badcode")
	assert.ErrorIs(t, err, doi.ErrBadResponse)
	_, err = c.Fetch(context.Background(), "10.9999/malformed")
	assert.ErrorIs(t, err, doi.ErrBadResponse)
}

func TestTooLarge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"title":"`)
		chunk := strings.Repeat("x", 1<<16)
		for n := 0; n <= doi.MaxBody; n += len(chunk) {
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
		fmt.Fprint(w, `"}`)
	}))
	defer srv.Close()
	c := &doi.Client{ContentURL: srv.URL, Interval: -1}
	_, err := c.Fetch(context.Background(), "10.1000/182")
	assert.ErrorIs(t, err, citation.ErrTooLarge)
}

func TestRateLimit(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	c.Interval = 40 * time.Millisecond
	start := time.Now()
	for i := range 6 {
		_, err := c.Registered(context.Background(), fmt.Sprintf("10.5555/%d", i))
		require.NoError(t, err)
	}
	// Six requests: five intervals at least.
	assert.GreaterOrEqual(t, time.Since(start), 5*40*time.Millisecond)
}

func TestCacheBound(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	c.CacheSize = 2
	ctx := context.Background()
	for _, s := range []string{"10.5555/1", "10.5555/2", "10.5555/1", "10.5555/3", "10.5555/2"} {
		_, err := c.Registered(ctx, s)
		require.NoError(t, err)
	}
	// 10.5555/2 was dropped when 10.5555/3 came in (1 was used more recently).
	assert.Equal(t, 1, f.hits("/api/handles/10.5555/1"))
	assert.Equal(t, 2, f.hits("/api/handles/10.5555/2"))

	c2 := f.client()
	c2.CacheSize = -1
	for range 2 {
		_, err := c2.Registered(ctx, "10.5555/7")
		require.NoError(t, err)
	}
	assert.Equal(t, 2, f.hits("/api/handles/10.5555/7"))
}

func TestConcurrent(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	c.Interval = time.Millisecond
	var wg sync.WaitGroup
	var registered atomic.Int64
	for g := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				name := fmt.Sprintf("10.5555/%d", (g+i)%20)
				if g%3 == 0 {
					if _, err := c.Fetch(context.Background(), name); err != nil {
						t.Error(err)
					}
					continue
				}
				ok, err := c.Registered(context.Background(), name)
				if err != nil {
					t.Error(err)
				}
				if ok {
					registered.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(26*20), registered.Load())
	// Each DOI was asked about at most once per service.
	for i := range 20 {
		assert.LessOrEqual(t, f.hits(fmt.Sprintf("/api/handles/10.5555/%d", i)), 1)
		assert.LessOrEqual(t, f.hits(fmt.Sprintf("/10.5555/%d", i)), 1)
	}
}

func TestContextCanceled(t *testing.T) {
	f := newFakeDOI(t)
	c := f.client()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Registered(ctx, "10.1000/182")
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}

func TestUserAgent(t *testing.T) {
	assert.Equal(t, "citekit/dev", (&doi.Client{}).UserAgent())
	assert.Equal(t, "citekit/0.3.0 (mailto:me@example.org)", (&doi.Client{Version: "0.3.0", Mailto: "me@example.org"}).UserAgent())
}

func ExampleClient_Registered() {
	// A stand-in for doi.org; use the zero Client's defaults to go online.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/handles/10.1000/182" {
			fmt.Fprint(w, `{"responseCode":1,"handle":"10.1000/182"}`)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"responseCode":100}`)
	}))
	defer srv.Close()

	c := &doi.Client{HandleURL: srv.URL + "/api/handles/", Mailto: "librarian@example.org"}
	for _, name := range []string{"10.1000/182", "10.1000/nonexistent"} {
		ok, err := c.Registered(context.Background(), name)
		fmt.Println(name, ok, err)
	}
	// Output:
	// 10.1000/182 true <nil>
	// 10.1000/nonexistent false <nil>
}

func ExampleClient_Fetch() {
	// A stand-in for doi.org and the registration agency it redirects to.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != doi.CSLJSONType || r.URL.Path != "/10.1000/182" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `{"type":"book","title":"DOI Handbook","DOI":"10.1000/182","issued":{"date-parts":[[2023]]},
			"author":[{"literal":"DOI Foundation"}]}`)
	}))
	defer srv.Close()

	c := &doi.Client{ContentURL: srv.URL, Mailto: "librarian@example.org"}
	cit, err := c.Fetch(context.Background(), "https://doi.org/10.1000/182")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cit.Type, cit.Title, cit.Issued.Year, cit.Authors[0].Literal)
	_, err = c.Fetch(context.Background(), "10.1000/nonexistent")
	fmt.Println(errors.Is(err, doi.ErrNotFound))
	// Output:
	// book DOI Handbook 2023 DOI Foundation
	// true
}
