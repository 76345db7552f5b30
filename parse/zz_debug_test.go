package parse_test

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/citekit/citekit/parse"
)

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = prune(e)
			if e == nil || e == "" || e == false || e == 0.0 {
				delete(x, k)
			} else if m, ok := e.(map[string]any); ok && len(m) == 0 {
				delete(x, k)
			} else if a, ok := e.([]any); ok && len(a) == 0 {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
		return x
	case []any:
		for i := range x {
			x[i] = prune(x[i])
		}
	}
	return v
}

func TestZZDebug(t *testing.T) {
	path := os.Getenv("DBG_FILE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	reg := parse.Default()
	format, _ := reg.Lookup(os.Getenv("DBG_FORMAT"))
	d := format.NewDecoder(f)
	for {
		c, err := d.Decode()
		if c != nil {
			b, _ := json.Marshal(c)
			var m any
			json.Unmarshal(b, &m)
			b, _ = json.MarshalIndent(prune(m), "", " ")
			fmt.Println(string(b))
		}
		if err != nil {
			fmt.Println("ERR:", err)
			if err.Error() == "EOF" {
				break
			}
		}
	}
}
