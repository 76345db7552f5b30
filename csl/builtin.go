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

var builtinStyles = sync.OnceValue(func() map[string]*Style {
	m := map[string]*Style{}
	ents, _ := builtinFS.ReadDir("styles")
	for _, e := range ents {
		f, err := builtinFS.Open("styles/" + e.Name())
		if err != nil {
			continue
		}
		s, err := ParseStyle(f)
		f.Close()
		if err != nil {
			panic("csl: built-in style " + e.Name() + ": " + err.Error())
		}
		m[strings.TrimSuffix(e.Name(), ".csl")] = s
	}
	return m
})

var builtinLocales = sync.OnceValue(func() map[string]*Locale {
	m := map[string]*Locale{}
	ents, _ := builtinFS.ReadDir("locales")
	for _, e := range ents {
		f, err := builtinFS.Open("locales/" + e.Name())
		if err != nil {
			continue
		}
		l, err := ParseLocale(f)
		f.Close()
		if err != nil {
			panic("csl: built-in locale " + e.Name() + ": " + err.Error())
		}
		m[strings.ToLower(strings.TrimSuffix(e.Name(), ".xml"))] = l
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
	if s, ok := builtinStyles()[strings.ToLower(name)]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("csl: no built-in style %q (have %s)", name, strings.Join(BuiltinStyles(), ", "))
}

// BuiltinLocale returns a built-in locale by its tag, such as "en-US";
// a bare language ("en") selects its built-in region.
func BuiltinLocale(tag string) (*Locale, error) {
	m := builtinLocales()
	t := strings.ToLower(tag)
	if l, ok := m[t]; ok {
		return l, nil
	}
	for k, l := range m {
		if strings.HasPrefix(k, t+"-") {
			return l, nil
		}
	}
	return nil, fmt.Errorf("csl: no built-in locale %q", tag)
}
