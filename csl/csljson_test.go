package csl_test

// A minimal, test-only reading of CSL-JSON into citation.Citation, for the
// conformance fixtures. The library's CSL-JSON reader is
// parse.NewCSLJSONDecoder, on the risjson branch; this file goes once it
// lands on main.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/citekit/citekit/citation"
)

func decodeItems(data []byte) ([]*citation.Citation, error) {
	var raw []map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		var one map[string]any
		if err2 := json.Unmarshal(data, &one); err2 != nil {
			return nil, err
		}
		raw = []map[string]any{one}
	}
	var out []*citation.Citation
	for _, m := range raw {
		out = append(out, itemFromJSON(m))
	}
	return out, nil
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func jsonInt(v any) int {
	s := strings.TrimSpace(jsonString(v))
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

func itemFromJSON(m map[string]any) *citation.Citation {
	c := &citation.Citation{}
	for k, v := range m {
		switch {
		case k == "id":
			c.ID = jsonString(v)
		case k == "type":
			c.Type = citation.ItemType(jsonString(v))
		case citation.Role(k).Valid():
			if arr, ok := v.([]any); ok {
				var ns []citation.Name
				for _, x := range arr {
					if nm, ok := x.(map[string]any); ok {
						ns = append(ns, nameFromJSON(nm))
					}
				}
				c.SetNames(citation.Role(k), ns)
			}
		case c.Date(k) != nil:
			if dm, ok := v.(map[string]any); ok {
				*c.Date(k) = dateFromJSON(dm)
			}
		case k == "keyword":
			c.Keywords = []string{jsonString(v)}
		default:
			switch v.(type) {
			case string, float64:
				c.SetVar(k, jsonString(v))
			}
		}
	}
	return c
}

func nameFromJSON(m map[string]any) citation.Name {
	n := citation.Name{
		Family:              jsonString(m["family"]),
		Given:               jsonString(m["given"]),
		DroppingParticle:    jsonString(m["dropping-particle"]),
		NonDroppingParticle: jsonString(m["non-dropping-particle"]),
		Suffix:              jsonString(m["suffix"]),
		Literal:             jsonString(m["literal"]),
	}
	if b, ok := m["comma-suffix"]; ok && jsonString(b) != "" && jsonString(b) != "false" && jsonString(b) != "0" {
		n.CommaSuffix = true
	}
	if n.Literal == "" && n.Given == "" && n.Family != "" && jsonString(m["isInstitution"]) == "true" {
		n.Literal, n.Family = n.Family, ""
	}
	if n.Literal == "" && n.Family == "" && n.Given != "" && n.NonDroppingParticle == "" {
		// a given name alone
	}
	quoted := len(n.Family) > 1 && strings.HasPrefix(n.Family, `"`) && strings.HasSuffix(n.Family, `"`)
	if quoted {
		n.Family = n.Family[1 : len(n.Family)-1]
	}
	if !quoted && jsonString(m["parse-names"]) != "false" && jsonString(m["parse-names"]) != "0" {
		// particles written in the family or given name
		if n.NonDroppingParticle == "" && n.Family != "" {
			f := strings.Fields(n.Family)
			i := 0
			for i < len(f)-1 && startsLower(f[i]) {
				i++
			}
			if i > 0 {
				n.NonDroppingParticle = strings.Join(f[:i], " ")
				n.Family = strings.Join(f[i:], " ")
			} else if j := strings.IndexAny(n.Family, "'\u2019"); j > 0 && j < 4 && startsLower(n.Family) {
				n.NonDroppingParticle = n.Family[:j+1]
				n.Family = n.Family[j+1:]
				if r, size := firstRune(n.Family); r == 0 {
					_ = size
				}
			}
		}
		if n.DroppingParticle == "" && n.Given != "" {
			g := strings.Fields(n.Given)
			i := len(g)
			for i > 1 && startsLower(g[i-1]) {
				i--
			}
			if i < len(g) {
				n.DroppingParticle = strings.Join(g[i:], " ")
				n.Given = strings.Join(g[:i], " ")
			}
		}
		if n.Suffix == "" && strings.Contains(n.Given, ",! ") {
			parts := strings.SplitN(n.Given, ",! ", 2)
			n.Given, n.Suffix, n.CommaSuffix = parts[0], parts[1], true
		}
		if n.Suffix == "" && strings.Contains(n.Given, ", ") {
			parts := strings.SplitN(n.Given, ", ", 2)
			n.Given, n.Suffix = parts[0], parts[1]
			if strings.HasPrefix(n.Suffix, "!") {
				n.Suffix = strings.TrimSpace(n.Suffix[1:])
				n.CommaSuffix = true
			}
		}
	}
	return n
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func startsLower(s string) bool {
	r, _ := firstRune(s)
	return unicode.IsLower(r)
}

func dateFromJSON(m map[string]any) citation.Date {
	var d citation.Date
	if dp, ok := m["date-parts"].([]any); ok && len(dp) > 0 {
		get := func(i int) (y, mo, day int) {
			if i >= len(dp) {
				return
			}
			p, _ := dp[i].([]any)
			if len(p) > 0 {
				y = jsonInt(p[0])
			}
			if len(p) > 1 {
				mo = jsonInt(p[1])
			}
			if len(p) > 2 {
				day = jsonInt(p[2])
			}
			return
		}
		d.Year, d.Month, d.Day = get(0)
		if len(dp) > 1 {
			d.EndYear, d.EndMonth, d.EndDay = get(1)
		}
		if d.Month > 12 && d.Month <= 16 {
			d.Season = citation.Season(d.Month - 12)
			d.Month, d.Day = 0, 0
		}
		if d.EndMonth > 12 {
			d.EndMonth, d.EndDay = 0, 0
		}
	}
	if s, ok := m["season"]; ok {
		switch x := jsonString(s); strings.ToLower(x) {
		case "1", "spring":
			d.Season = citation.Spring
		case "2", "summer":
			d.Season = citation.Summer
		case "3", "autumn", "fall":
			d.Season = citation.Autumn
		case "4", "winter":
			d.Season = citation.Winter
		}
	}
	if c, ok := m["circa"]; ok {
		s := jsonString(c)
		d.Circa = s != "" && s != "false" && s != "0"
	}
	if l, ok := m["literal"]; ok {
		d.Literal = jsonString(l)
	}
	if d.Year == 0 && d.Literal == "" {
		if r, ok := m["raw"]; ok {
			raw := jsonString(r)
			parts := strings.Split(raw, "-")
			if y, err := strconv.Atoi(parts[0]); err == nil {
				d.Year = y
				if len(parts) > 1 {
					d.Month, _ = strconv.Atoi(parts[1])
				}
				if len(parts) > 2 {
					d.Day, _ = strconv.Atoi(parts[2])
				}
			} else {
				d.Literal = raw
			}
		}
	}
	return d
}
