package csl

import (
	"sort"
	"strings"
	"unicode"

	"github.com/citekit/citekit/citation"
)

type renderedCite struct {
	p     *piece
	st    *itemState
	ci    CiteItem
	names string
}

// cluster renders one citation.
func (ru *run) cluster(cl Cluster) Entry {
	cit := ru.e.style.cit
	lay := cit.child("layout")
	var cites []renderedCite
	for _, ci := range cl.Items {
		st := ru.byID[ci.ID]
		if st == nil {
			continue
		}
		cites = append(cites, renderedCite{st: st, ci: ci})
	}
	if srt := cit.child("sort"); srt != nil && len(cites) > 1 {
		keys := make([][]sortKey, len(cites))
		for i := range cites {
			keys[i] = ru.sortKeys(cites[i].st, srt, cit, &cites[i].ci)
		}
		idx := make([]int, len(cites))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return ru.lessKeys(keys[idx[a]], keys[idx[b]], srt) < 0 })
		cp := append([]renderedCite(nil), cites...)
		for i, j := range idx {
			cites[i] = cp[j]
		}
	}
	for i := range cites {
		c := &cites[i]
		r := ru.newCtx(c.st, cit, false)
		ci := c.ci
		r.cite = &ci
		r.pos, r.near = ci.pos, ci.near
		kids := r.renderKids(lay)
		p := group(kids, "")
		if np := findKind(kids, kindNames); np != nil {
			c.names = np.plain()
		}
		if ci.AuthorOnly {
			p = findKind(kids, kindNames)
		} else if ci.SuppressAuthor {
			p = removeKind(p, kindNames)
		}
		c.p = p
	}
	delim := lay.f.delim
	collapse := cit.attr("collapse")
	cgd, hasCGD := cit.attrs["cite-group-delimiter"]
	if !hasCGD {
		cgd = ", "
	}
	acd, hasACD := cit.attrs["after-collapse-delimiter"]
	if !hasACD {
		acd = delim
	}
	ysd, hasYSD := cit.attrs["year-suffix-delimiter"]
	if !hasYSD {
		ysd = delim
	}
	var out []*piece
	lastSuffixPunct, pendingPunct := false, false
	add := func(sep string, p *piece) {
		if p.empty() {
			return
		}
		if len(out) > 0 {
			// a cite ending in punctuation takes no more before the delimiter
			if prev := strings.TrimRight(out[len(out)-1].plain(), " "); prev != "" && sep != "" && lastSuffixPunct &&
				strings.IndexByte(",;", sep[0]) >= 0 && strings.IndexByte(",;:.!?", prev[len(prev)-1]) >= 0 {
				sep = sep[1:]
			}
			out = append(out, leaf(sep))
		}
		out = append(out, p)
		lastSuffixPunct, pendingPunct = pendingPunct, false
	}
	wrap := func(c renderedCite) *piece {
		defer func() {
			suf := strings.TrimRight(c.ci.Suffix, " ")
			pendingPunct = suf != "" && strings.IndexByte(",;:.!?", suf[len(suf)-1]) >= 0
		}()
		return citeAffixes(c.p, c.ci)
	}

	switch {
	case collapse == "citation-number":
		for i := 0; i < len(cites); {
			j := i
			for j+1 < len(cites) && plainCite(cites[j+1]) && plainCite(cites[j]) &&
				cites[j+1].st.number == cites[j].st.number+1 {
				j++
			}
			if j-i >= 2 {
				add(delim, &piece{kids: []*piece{wrap(cites[i]), leaf("\u2013"), wrap(cites[j])}})
			} else {
				for k := i; k <= j; k++ {
					add(delim, wrap(cites[k]))
				}
			}
			i = j + 1
		}
	case collapse == "year" || collapse == "year-suffix" || collapse == "year-suffix-ranged" || hasCGD:
		// group cites by author, in order of first appearance
		var groups [][]renderedCite
		pos := map[string]int{}
		for _, c := range cites {
			if c.names == "" {
				groups = append(groups, []renderedCite{c})
				continue
			}
			if g, ok := pos[c.names]; ok {
				groups[g] = append(groups[g], c)
				continue
			}
			pos[c.names] = len(groups)
			groups = append(groups, []renderedCite{c})
		}
		prevCollapsed := false
		for _, g := range groups {
			sep := delim
			if prevCollapsed {
				sep = acd
			}
			if len(g) == 1 || collapse == "" {
				for i, c := range g {
					s := sep
					if i > 0 {
						s = cgd
					}
					add(s, wrap(c))
				}
				prevCollapsed = len(g) > 1
				continue
			}
			var gk []*piece
			gk = append(gk, wrap(g[0]))
			afterRun := false
			for i := 1; i < len(g); i++ {
				c := g[i]
				rest := removeKind(c.p, kindNames)
				s := cgd
				if g[i-1].ci.Locator != "" || afterRun {
					s = acd
				}
				afterRun = false
				if (collapse == "year-suffix" || collapse == "year-suffix-ranged") && c.st.yearSuffix > 0 && g[i-1].st.yearSuffix > 0 &&
					c.ci.Locator == "" && g[i-1].ci.Locator == "" &&
					sameYear(g[i-1], c) {
					ys := findKind([]*piece{c.p}, kindYearSuffix)
					if ys != nil {
						if collapse == "year-suffix-ranged" {
							// extend a range of consecutive suffixes
							j := i
							for j+1 < len(g) && g[j+1].st.yearSuffix == g[j].st.yearSuffix+1 && sameYear(g[j], g[j+1]) && g[j+1].ci.Locator == "" {
								j++
							}
							if j-i >= 1 && g[i].st.yearSuffix == g[i-1].st.yearSuffix+1 {
								last := findKind([]*piece{g[j].p}, kindYearSuffix)
								gk = append(gk, leaf("\u2013"), leafCopy(last))
								i = j
								afterRun = true
								continue
							}
						}
						gk = append(gk, leaf(ysd), leafCopy(ys))
						if i+1 < len(g) && !sameYear(c, g[i+1]) {
							afterRun = true
						}
						continue
					}
				}
				gk = append(gk, leaf(s), citeAffixes(rest, c.ci))
			}
			add(sep, &piece{kids: gk})
			prevCollapsed = true
		}
	default:
		for _, c := range cites {
			add(delim, wrap(c))
		}
	}
	r := &rctx{e: ru.e, ctx: cit, item: &citation.Citation{}}
	// the layout's formatting goes outside its affixes
	p := &piece{kids: []*piece{{kids: out}}}
	if p.empty() {
		p = nil
	} else {
		p.kids[0].prefix, p.kids[0].suffix = lay.f.prefix, lay.f.suffix
		if hasFont(&lay.f) {
			p.f = &lay.f
		}
		if lay.f.textCase != "" {
			r.applyCase(p, lay.f.textCase)
		}
	}
	w := newWriter(ru.e.loc)
	w.piece(p)
	return Entry{toks: trimToks(w.toks)}
}

func leafCopy(p *piece) *piece {
	if p == nil {
		return nil
	}
	return &piece{runs: append([]citation.Run(nil), p.runs...), prefix: p.prefix, suffix: p.suffix}
}

func sameYear(a, b renderedCite) bool {
	return a.st.item.Issued.Year == b.st.item.Issued.Year
}

func plainCite(c renderedCite) bool {
	return c.ci.Locator == "" && c.ci.Prefix == "" && c.ci.Suffix == ""
}

// citeAffixes adds a cite's own prefix and suffix.
func citeAffixes(p *piece, ci CiteItem) *piece {
	if p.empty() || (ci.Prefix == "" && ci.Suffix == "") {
		return p
	}
	pre, suf := ci.Prefix, ci.Suffix
	if pre != "" {
		if last := []rune(pre); !unicode.IsSpace(last[len(last)-1]) {
			pre += " "
		}
	}
	if suf != "" {
		if first := []rune(suf); !unicode.IsSpace(first[0]) && !unicode.IsPunct(first[0]) {
			suf = " " + suf
		}
	}
	var kids []*piece
	if pre != "" {
		kids = append(kids, markupLeaf(affixQuotes(pre)))
	}
	kids = append(kids, p)
	if suf != "" {
		kids = append(kids, markupLeaf(affixQuotes(suf)))
	}
	return &piece{kids: kids}
}

// removeKind returns p without its first non-empty piece of kind k.
func removeKind(p *piece, k pieceKind) *piece {
	out, _ := removeKind1(p, k)
	return out
}

func removeKind1(p *piece, k pieceKind) (*piece, bool) {
	if p == nil {
		return nil, false
	}
	if p.kind == k && !p.empty() {
		return nil, true
	}
	for i, c := range p.kids {
		if nc, ok := removeKind1(c, k); ok {
			cp := *p
			cp.kids = append(append(append([]*piece(nil), p.kids[:i]...), nc), p.kids[i+1:]...)
			return &cp, true
		}
	}
	return p, false
}

// disambiguate resolves ambiguous cites by the style's methods: adding
// names, adding given names, year suffixes, then the disambiguate condition.
func (ru *run) disambiguate(bibOrder []*itemState) {
	cit := ru.e.style.cit
	addNames := cit.attr("disambiguate-add-names") == "true"
	addGiven := cit.attr("disambiguate-add-givenname") == "true"
	addYS := cit.attr("disambiguate-add-year-suffix") == "true"
	rule := cit.attr("givenname-disambiguation-rule")
	if rule == "" {
		rule = "by-cite"
	}
	hasCond := nodeUses(cit, "disambiguate", 0) || ru.macrosUseDisambiguate()
	if !addNames && !addGiven && !addYS && !hasCond {
		return
	}
	lay := cit.child("layout")
	key := func(st *itemState) string {
		r := ru.newCtx(st, cit, false)
		r.cite = &CiteItem{ID: st.item.ID}
		return group(r.renderKids(lay), "").plain()
	}
	if addGiven && rule != "by-cite" {
		ru.globalGiven(rule)
	}
	keys := make(map[*itemState]string, len(ru.states))
	groups := map[string][]*itemState{}
	var order []string
	for _, st := range ru.states {
		k := key(st)
		keys[st] = k
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], st)
	}
	bibPos := map[*itemState]int{}
	for i, st := range bibOrder {
		bibPos[st] = i
	}
	for _, k := range order {
		cur := groups[k]
		if len(cur) < 2 {
			continue
		}
		// split removes the cites that became unique
		split := func() {
			for _, st := range cur {
				keys[st] = key(st)
			}
			count := map[string]int{}
			for _, st := range cur {
				count[keys[st]]++
			}
			var next []*itemState
			for _, st := range cur {
				if count[keys[st]] > 1 {
					next = append(next, st)
				}
			}
			cur = next
		}
		if (addNames || (addGiven && rule == "by-cite")) && len(cur) > 1 && namesDiffer(cur) {
			max := 0
			for _, st := range cur {
				if n := len(st.item.Names(citationRole(st.primaryVar))); n > max {
					max = n
				}
			}
			type snap struct {
				addNames int
				levels   []int
			}
			save := func() map[*itemState]snap {
				m := map[*itemState]snap{}
				for _, st := range cur {
					m[st] = snap{st.addNames, append([]int(nil), st.givenLevel...)}
				}
				return m
			}
			restore := func(m map[*itemState]snap) {
				for _, st := range cur {
					if s, ok := m[st]; ok {
						st.addNames, st.givenLevel = s.addNames, s.levels
					}
				}
				split()
			}
			setLevel := func(i, level int) {
				for _, st := range cur {
					for len(st.givenLevel) <= i {
						st.givenLevel = append(st.givenLevel, -1)
					}
					st.givenLevel[i] = level
				}
			}
			start := 0
			if !addNames {
				start = max
			}
			for n := start; n <= max && len(cur) > 1; n++ {
				before := len(cur)
				snapshot := save()
				if n > 0 && !differAt(cur, n-1, false) && !differAt(cur, n-1, true) {
					// the n-th names are the same everywhere: showing them
					// cannot help by itself
					continue
				}
				if addNames && n > 0 {
					for _, st := range cur {
						st.addNames = n
					}
					split()
				}
				if addGiven && rule == "by-cite" {
					lim := n
					if n == 0 {
						lim = 1
					}
					for i := 0; i < lim && len(cur) > 1; i++ {
						if !differAt(cur, i, true) {
							continue
						}
						b := len(cur)
						sv := save()
						setLevel(i, 1)
						split()
						if len(cur) == b {
							setLevel(i, 2)
							split()
							if len(cur) == b {
								restore(sv)
							}
						}
					}
				}
				if len(cur) == before && n > 0 {
					restore(snapshot)
				}
			}
		}
		if addYS && len(cur) > 1 {
			sub := map[string][]*itemState{}
			var sk []string
			for _, st := range cur {
				if _, ok := sub[keys[st]]; !ok {
					sk = append(sk, keys[st])
				}
				sub[keys[st]] = append(sub[keys[st]], st)
			}
			for _, k2 := range sk {
				g := sub[k2]
				sort.SliceStable(g, func(a, b int) bool { return bibPos[g[a]] < bibPos[g[b]] })
				for i, st := range g {
					st.yearSuffix = i + 1
				}
			}
			cur = nil
		}
		for _, st := range cur {
			st.condDisambig = true
		}
	}
}

func citationRole(s string) citation.Role { return citation.Role(s) }

func nodeUses(n *node, attr string, depth int) bool {
	if n == nil || depth > MaxDepth {
		return false
	}
	if n.has(attr) {
		return true
	}
	for _, k := range n.kids {
		if nodeUses(k, attr, depth+1) {
			return true
		}
	}
	return false
}

func (ru *run) macrosUseDisambiguate() bool {
	for _, m := range ru.e.style.macros {
		if nodeUses(m, "disambiguate", 0) {
			return true
		}
	}
	return false
}

// globalGiven expands given names wherever two people share a family name
// (givenname-disambiguation-rule all-names, primary-name and their
// -with-initials variants).
func (ru *run) globalGiven(rule string) {
	type person struct{ given, init string }
	fam := map[string]map[person]bool{}
	primaryOnly := strings.HasPrefix(rule, "primary-name")
	for _, st := range ru.states {
		for i, n := range st.item.Names(citationRole(st.primaryVar)) {
			if primaryOnly && i > 0 {
				break
			}
			if n.Literal != "" {
				continue
			}
			k := n.NonDroppingParticle + " " + n.Family
			if fam[k] == nil {
				fam[k] = map[person]bool{}
			}
			fam[k][person{n.Given, initials(n.Given, ".", true, true)}] = true
		}
	}
	withInitials := strings.HasSuffix(rule, "with-initials")
	for _, st := range ru.states {
		names := st.item.Names(citationRole(st.primaryVar))
		st.givenLevel = make([]int, len(names))
		for i, n := range names {
			st.givenLevel[i] = -1
			if primaryOnly && i > 0 {
				continue
			}
			ps := fam[n.NonDroppingParticle+" "+n.Family]
			if len(ps) < 2 {
				continue
			}
			inits := map[string]int{}
			for p := range ps {
				inits[p.init]++
			}
			if inits[initials(n.Given, ".", true, true)] == 1 || withInitials {
				st.givenLevel[i] = 1
			} else {
				st.givenLevel[i] = 2
			}
		}
	}
}

// namesDiffer reports whether the primary names of the states differ at
// all, so that adding names or given names could tell them apart.
func namesDiffer(sts []*itemState) bool {
	first := sts[0].item.Names(citationRole(sts[0].primaryVar))
	for _, st := range sts[1:] {
		ns := st.item.Names(citationRole(st.primaryVar))
		if len(ns) != len(first) {
			return true
		}
		for i := range ns {
			if ns[i].Family != first[i].Family || ns[i].Given != first[i].Given ||
				ns[i].Literal != first[i].Literal || ns[i].NonDroppingParticle != first[i].NonDroppingParticle {
				return true
			}
		}
	}
	return false
}

// differAt reports whether the primary names at index i differ among the
// states: in given names only (givenOnly, for people of the same family
// name), or at all.
func differAt(sts []*itemState, i int, givenOnly bool) bool {
	if givenOnly {
		seen := map[string]string{}
		for _, st := range sts {
			ns := st.item.Names(citationRole(st.primaryVar))
			if i >= len(ns) {
				continue
			}
			k := ns[i].NonDroppingParticle + " " + ns[i].Family + " " + ns[i].Literal
			if g, ok := seen[k]; ok && g != ns[i].Given {
				return true
			}
			seen[k] = ns[i].Given
		}
		return false
	}
	var first *citation.Name
	for _, st := range sts {
		ns := st.item.Names(citationRole(st.primaryVar))
		if i >= len(ns) {
			if first != nil {
				return true
			}
			continue
		}
		if first == nil {
			first = &ns[i]
			continue
		}
		if ns[i].Family != first.Family || ns[i].Given != first.Given || ns[i].Literal != first.Literal {
			return true
		}
	}
	return false
}

// affixQuotes converts the straight double quotes of a cite's prefix or
// suffix into quote markers, leaving single quotes as they are.
func affixQuotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	return smartQuotes(strings.ReplaceAll(s, "'", "\u2019"))
}
