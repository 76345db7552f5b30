package csl

import (
	"strings"
	"unicode"

	"github.com/citekit/citekit/citation"
)

// stopWords are the English words title case leaves in lower case, as the
// CSL 1.0.2 specification lists them.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true,
	"down": true, "for": true, "from": true, "in": true, "into": true, "nor": true,
	"of": true, "on": true, "onto": true, "or": true, "over": true, "so": true,
	"the": true, "till": true, "to": true, "up": true, "via": true, "with": true, "yet": true,
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
		for i, c := range rs {
			if unicode.IsLetter(c) {
				if !prot[i] {
					rs[i] = unicode.ToUpper(c)
				}
				break
			}
		}
	case "capitalize-all":
		eachWord(rs, func(s, e int) {
			if !prot[s] {
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
	allUpper := true
	for _, c := range rs {
		if unicode.IsLower(c) {
			allUpper = false
			break
		}
	}
	type word struct{ s, e int }
	var words []word
	eachWord(rs, func(s, e int) { words = append(words, word{s, e}) })
	for wi, w := range words {
		if prot[w.s] {
			continue
		}
		lw := strings.ToLower(string(rs[w.s:w.e]))
		first := wi == 0
		last := wi == len(words)-1
		// after a colon or sentence end, a stop word is capitalized
		afterColon := false
		for i := w.s - 1; i >= 0; i-- {
			if rs[i] == ' ' {
				continue
			}
			afterColon = rs[i] == ':' || rs[i] == '?' || rs[i] == '!'
			break
		}
		// a word after a hyphen is a word too; leave words with inner capitals alone
		if allUpper {
			for i := w.s + 1; i < w.e; i++ {
				if !prot[i] {
					rs[i] = unicode.ToLower(rs[i])
				}
			}
		} else {
			mixed := false
			for i := w.s + 1; i < w.e; i++ {
				if unicode.IsUpper(rs[i]) {
					mixed = true
				}
			}
			if mixed || unicode.IsUpper(rs[w.s]) {
				continue
			}
		}
		if stopWords[lw] && !first && !last && !afterColon {
			if allUpper {
				rs[w.s] = unicode.ToLower(rs[w.s])
			}
			continue
		}
		rs[w.s] = unicode.ToUpper(rs[w.s])
	}
}
