package csl

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed styles/*.csl locales/*.xml
var builtinFS embed.FS

type builtinStyle struct {
	s   *Style
	err error
}

type builtinLocale struct {
	l   *Locale
	err error
}

// builtinStyles parses the embedded styles once; a style that fails to
// parse keeps its error (tests make sure none does).
var builtinStyles = sync.OnceValue(func() map[string]builtinStyle {
	m := map[string]builtinStyle{}
	ents, _ := builtinFS.ReadDir("styles")
	for _, e := range ents {
		var b builtinStyle
		f, err := builtinFS.Open("styles/" + e.Name())
		if err == nil {
			b.s, b.err = ParseStyle(f)
			f.Close()
		} else {
			b.err = err
		}
		m[strings.TrimSuffix(e.Name(), ".csl")] = b
	}
	return m
})

var builtinLocales = sync.OnceValue(func() map[string]builtinLocale {
	m := map[string]builtinLocale{}
	ents, _ := builtinFS.ReadDir("locales")
	for _, e := range ents {
		var b builtinLocale
		f, err := builtinFS.Open("locales/" + e.Name())
		if err == nil {
			b.l, b.err = ParseLocale(f)
			f.Close()
		} else {
			b.err = err
		}
		m[strings.ToLower(strings.TrimSuffix(e.Name(), ".xml"))] = b
	}
	return m
})

// BuiltinStyles returns the names of the built-in styles: "apa" (author-date,
// after APA 7) and "vancouver" (numeric, after Vancouver/NLM).
func BuiltinStyles() []string {
	var names []string
	for n := range builtinStyles() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// BuiltinStyle returns a built-in style by name, case-insensitively.
// Built-in styles may be shared; they are immutable.
func BuiltinStyle(name string) (*Style, error) {
	if b, ok := builtinStyles()[strings.ToLower(name)]; ok {
		return b.s, b.err
	}
	return nil, fmt.Errorf("csl: no built-in style %q (have %s)", name, strings.Join(BuiltinStyles(), ", "))
}

// BuiltinLocale returns a built-in locale by its tag, such as "en-US";
// a bare language ("en") selects its built-in region.
func BuiltinLocale(tag string) (*Locale, error) {
	m := builtinLocales()
	t := strings.ToLower(tag)
	if b, ok := m[t]; ok {
		return b.l, b.err
	}
	for _, k := range sortedKeys(m) {
		if strings.HasPrefix(k, t+"-") {
			return m[k].l, m[k].err
		}
	}
	return nil, fmt.Errorf("csl: no built-in locale %q", tag)
}

func sortedKeys(m map[string]builtinLocale) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
