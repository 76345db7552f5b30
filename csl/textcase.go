package csl

import (
	"strings"
	"unicode"

	"github.com/citekit/citekit/citation"
)

// stopWords are the English words title case leaves in lower case: the
// single words of the CSL 1.0.2 specification's list.
var stopWords = map[string]bool{
	"a": true, "according": true, "across": true, "afore": true, "after": true,
	"against": true, "ahead": true, "along": true, "alongside": true, "amid": true,
	"amidst": true, "among": true, "amongst": true, "an": true, "and": true, "anenst": true,
	"apropos": true, "apud": true, "around": true, "as": true, "aside": true,
	"astride": true, "at": true, "athwart": true, "atop": true, "barring": true,
	"before": true, "behind": true, "below": true, "beneath": true, "beside": true,
	"besides": true, "between": true, "beyond": true, "but": true, "by": true, "c": true,
	"ca": true, "circa": true, "despite": true, "down": true, "during": true, "et": true,
	"except": true, "for": true, "forenenst": true, "from": true, "given": true, "in": true,
	"inside": true, "into": true, "lest": true, "like": true, "modulo": true, "near": true,
	"next": true, "nor": true, "notwithstanding": true, "of": true, "off": true, "on": true,
	"onto": true, "or": true, "out": true, "over": true, "per": true, "plus": true,
	"pro": true, "qua": true, "sans": true, "save": true, "since": true, "so": true,
	"than": true, "the": true, "through": true, "throughout": true,
	"thru": true, "thruout": true, "till": true, "to": true, "toward": true,
	"towards": true, "under": true, "underneath": true, "until": true, "unto": true,
	"up": true, "upon": true, "versus": true, "via": true, "von": true, "vs.": true,
	"with": true, "within": true, "without": true, "worth": true, "yet": true,
}

// applyCase applies a text-case to the runs of p, leaving runs marked
// nocase as they are.
func (r *rctx) applyCase(p *piece, tc string) {
	if tc == "title" || tc == "sentence" {
		lang := r.item.Language
		if lang == "" {
			lang = r.e.lang.String()
		}
		if !strings.HasPrefix(strings.ToLower(lang), "en") {
			return
		}
	}
	var runs []*citation.Run
	p.eachRun(func(run *citation.Run) { runs = append(runs, run) })
	if len(runs) == 0 {
		return
	}
	// work on the concatenated text, a rune and a protection flag each
	var rs []rune
	var prot []bool
	var lens []int
	for _, run := range runs {
		n := 0
		for _, c := range run.Text {
			rs = append(rs, c)
			prot = append(prot, run.Style&citation.NoCase != 0)
			n++
		}
		lens = append(lens, n)
	}
	switch tc {
	case "lowercase":
		for i, c := range rs {
			if !prot[i] {
				rs[i] = unicode.ToLower(c)
			}
		}
	case "uppercase":
		for i, c := range rs {
			if !prot[i] {
				rs[i] = unicode.ToUpper(c)
			}
		}
	case "capitalize-first":
		done := false
		eachWord(rs, func(s, e int) {
			if done {
				return
			}
			done = true
			if !prot[s] && !hasInnerUpper(rs[s:e]) {
				rs[s] = unicode.ToUpper(rs[s])
			}
		})
	case "capitalize-all":
		eachWord(rs, func(s, e int) {
			if !prot[s] && !hasInnerUpper(rs[s:e]) {
				rs[s] = unicode.ToUpper(rs[s])
			}
		})
	case "sentence":
		upper := true
		for _, c := range rs {
			if unicode.IsLower(c) {
				upper = false
				break
			}
		}
		first := true
		eachWord(rs, func(s, e int) {
			if first {
				if !prot[s] {
					rs[s] = unicode.ToUpper(rs[s])
				}
				first = false
				if upper {
					for i := s + 1; i < e; i++ {
						if !prot[i] {
							rs[i] = unicode.ToLower(rs[i])
						}
					}
				}
				return
			}
			if upper {
				for i := s; i < e; i++ {
					if !prot[i] {
						rs[i] = unicode.ToLower(rs[i])
					}
				}
			}
		})
	case "title":
		titleCase(rs, prot)
	}
	// write back
	k := 0
	for i, run := range runs {
		run.Text = string(rs[k : k+lens[i]])
		k += lens[i]
	}
}

// hasInnerUpper reports whether a word has a capital after its first
// letter ("arXiv", "iPhone"): such words keep their case.
func hasInnerUpper(w []rune) bool {
	for _, c := range w[1:] {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// eachWord calls fn with the bounds of each word: a run of letters, digits
// and apostrophes.
func eachWord(rs []rune, fn func(s, e int)) {
	i := 0
	for i < len(rs) {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isWordRune(rs[j]) || ((rs[j] == '\'' || rs[j] == '\u2019' || rs[j] == '.') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]))) {
			j++
		}
		fn(i, j)
		i = j
	}
}

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

func titleCase(rs []rune, prot []bool) {
	// words are separated by spaces; a word's parts by hyphens and slashes
	type word struct{ s, e int }
	var words []word
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			j++
		}
		words = append(words, word{i, j})
		i = j
	}
	for wi, w := range words {
		// the first letter of the word, after opening punctuation
		s := w.s
		for s < w.e && !unicode.IsLetter(rs[s]) && !unicode.IsDigit(rs[s]) {
			s++
		}
		if s == w.e || unicode.IsDigit(rs[s]) {
			continue
		}
		core := strings.ToLower(strings.TrimRight(string(rs[s:w.e]), ".,;:!?\u201d\u2019\"'"))
		afterColon := false
		for i := w.s - 1; i >= 0; i-- {
			if unicode.IsSpace(rs[i]) {
				continue
			}
			afterColon = rs[i] == ':' || rs[i] == '?' || rs[i] == '!' || rs[i] == '.'
			break
		}
		first, last := wi == 0, wi == len(words)-1
		if stopWords[core] && !first && !last && !afterColon {
			continue
		}
		// each part of the word: capitalize its first letter unless the
		// part has capitals already
		parts := []int{s}
		for i := s; i < w.e-1; i++ {
			if rs[i] == '-' || rs[i] == '/' || rs[i] == '\u2013' || rs[i] == '\u2014' {
				parts = append(parts, i+1)
			}
		}
		for pi, p := range parts {
			if p >= w.e || prot[p] || !unicode.IsLetter(rs[p]) {
				continue
			}
			if pi > 0 && rs[p] >= 0x250 {
				continue
			}
			end := w.e
			if pi+1 < len(parts) {
				end = parts[pi+1] - 1
			}
			mixed := false
			for i := p + 1; i < end; i++ {
				if unicode.IsUpper(rs[i]) {
					mixed = true
				}
			}
			if mixed {
				continue
			}
			if pi > 0 && (end-p == 1 || stopWords[strings.ToLower(string(rs[p:end]))]) {
				continue
			}
			rs[p] = unicode.ToUpper(rs[p])
		}
	}
}
