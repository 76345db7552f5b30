package csl

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// LoadStyle returns the built-in style called name, or else reads the style
// file at path name (such as "ieee.csl"). A dependent style file is
// resolved against the styles in its own directory: the parent
// "http://www.zotero.org/styles/ieee" is looked for as "ieee.csl".
func LoadStyle(name string) (*Style, error) {
	if s, err := BuiltinStyle(name); err == nil {
		return s, nil
	}
	s, err := readStyleFile(name)
	if err != nil {
		return nil, err
	}
	return ResolveStyle(s, func(uri string) (*Style, error) {
		base := uri[strings.LastIndexByte(uri, '/')+1:]
		if base == "" {
			return nil, fmt.Errorf("csl: cannot find parent style %q", uri)
		}
		return readStyleFile(filepath.Join(filepath.Dir(name), base+".csl"))
	})
}

func readStyleFile(path string) (*Style, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ParseStyle(f)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.File = path
		}
		return nil, err
	}
	return s, nil
}

// LoadLocale returns the built-in locale for a tag ("en-US"), or else reads
// the locale file at path name.
func LoadLocale(name string) (*Locale, error) {
	if l, err := BuiltinLocale(name); err == nil {
		return l, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("csl: locale %q is neither built in nor a readable file: %w", name, err)
	}
	defer f.Close()
	l, err := ParseLocale(f)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.File = name
		}
		return nil, err
	}
	return l, nil
}
