package csl

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

// nameOpt looks up an inheritable name option: on the element, then on the
// citation or bibliography element, then on the style.
func (r *rctx) nameOpt(n *node, k string) (string, bool) {
	if n != nil {
		if v, ok := n.attrs[k]; ok {
			return v, true
		}
	}
	ik := k
	if k == "form" || k == "delimiter" {
		ik = "name-" + k
	}
	if v, ok := r.ctx.attrs[ik]; ok {
		return v, true
	}
	v, ok := r.e.style.root.attrs[ik]
	return v, ok
}

func (r *rctx) names(n *node) *piece {
	nameN, etAlN, labelN := n.child("name"), n.child("et-al"), n.child("label")
	labelAfter := false
	if labelN != nil {
		for _, k := range n.kids {
			if k == nameN {
				labelAfter = true
				break
			}
			if k == labelN {
				break
			}
		}
	}
	if r.subsParent != nil && nameN == nil && etAlN == nil && labelN == nil {
		p := r.subsParent
		nameN, etAlN, labelN = p.child("name"), p.child("et-al"), p.child("label")
		labelAfter = false
		for _, k := range p.kids {
			if k == nameN {
				labelAfter = true
				break
			}
			if k == labelN {
				break
			}
		}
	}
	delim, ok := n.attrs["delimiter"]
	if !ok {
		delim, _ = r.nameOpt(nil, "names-delimiter")
	}

	r.called++
	var vars []string
	for _, v := range n.vars {
		if !r.suppressed[v] && len(r.item.Names(citation.Role(v))) > 0 {
			vars = append(vars, v)
		}
	}
	// editor and translator with the same names render once
	if et, ok := r.e.loc.term("editortranslator", "long", false, ""); ok && et != "" &&
		len(vars) >= 2 && contains(vars, "editor") && contains(vars, "translator") &&
		sameNames(r.item.Names(citation.RoleEditor), r.item.Names(citation.RoleTranslator)) {
		var nv []string
		for _, v := range vars {
			if v == "translator" {
				continue
			}
			if v == "editor" {
				v = "editortranslator"
			}
			nv = append(nv, v)
		}
		vars = nv
	}
	if len(vars) > 0 {
		var parts []*piece
		count := 0
		for _, v := range vars {
			role := citation.Role(v)
			if v == "editortranslator" {
				role = citation.RoleEditor
			}
			list, cnt := r.nameList(r.item.Names(role), nameN, etAlN, v)
			count += cnt
			if list.empty() {
				continue
			}
			list = &piece{kids: []*piece{list}, kind: kindNameList}
			if labelN != nil && r.nameForm(nameN) != "count" && !r.sort {
				lab := r.nameLabel(labelN, v, len(r.item.Names(role)))
				if !lab.empty() {
					lab = &piece{kids: []*piece{lab}, kind: kindNameLabel}
					if labelAfter {
						list = &piece{kids: []*piece{list, lab}}
					} else {
						list = &piece{kids: []*piece{lab, list}}
					}
				}
			}
			parts = append(parts, list)
		}
		if r.nameForm(nameN) == "count" {
			if count == 0 {
				return nil
			}
			r.filled++
			return r.decorate(n, leaf(strconv.Itoa(count)))
		}
		p := group(parts, delim)
		if p.empty() {
			return nil
		}
		if r.subsParent != nil {
			// a substituted name variable is used once
			if r.suppressed == nil {
				r.suppressed = map[string]bool{}
			}
			for _, v := range vars {
				r.suppressed[v] = true
				if v == "editortranslator" {
					r.suppressed["editor"], r.suppressed["translator"] = true, true
				}
			}
		}
		r.filled++
		p = r.decorate(n, p)
		if p != nil {
			p.kind = kindNames
		}
		return p
	}
	// substitute
	sub := n.child("substitute")
	if sub == nil {
		return nil
	}
	saved := r.subsParent
	r.subsParent = n
	defer func() { r.subsParent = saved }()
	for _, k := range sub.kids {
		c0, f0 := r.called, r.filled
		p := r.render(k)
		r.called, r.filled = c0, f0
		if !p.empty() {
			r.filled++
			if r.suppressed == nil {
				r.suppressed = map[string]bool{}
			}
			r.suppressVars(k, 0)
			if k.name == "names" {
				p = &piece{kids: []*piece{p}, kind: kindNames}
			}
			p = r.decorate(n, p)
			if p != nil {
				p.kind = kindNames
			}
			return p
		}
	}
	return nil
}

// suppressVars marks the variables rendered by n as substituted.
func (r *rctx) suppressVars(n *node, depth int) {
	r.steps++
	if depth > maxMacroDepth || r.steps > maxSteps {
		return
	}
	for _, v := range n.vars {
		r.suppressed[v] = true
	}
	if n.macro != nil {
		r.suppressVars(n.macro, depth+1)
	}
	if n.name == "choose" {
		// only the branch taken counts; approximating by all is wrong for
		// many styles, so find the branch
		for _, k := range n.kids {
			if (k.name == "if" || k.name == "else-if") && r.test(k) || k.name == "else" {
				r.suppressVars(k, depth+1)
				return
			}
		}
		return
	}
	for _, k := range n.kids {
		r.suppressVars(k, depth+1)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func sameNames(a, b []citation.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Family != b[i].Family || a[i].Given != b[i].Given || a[i].Literal != b[i].Literal {
			return false
		}
	}
	return true
}

func (r *rctx) nameForm(nameN *node) string {
	f, _ := r.nameOpt(nameN, "form")
	if f == "" {
		f = "long"
	}
	return f
}

func (r *rctx) nameLabel(n *node, v string, count int) *piece {
	plural := count > 1
	switch n.attr("plural") {
	case "always":
		plural = true
	case "never":
		plural = false
	}
	t, _ := r.e.loc.term(v, n.attr("form"), plural, "")
	return r.decorate(n, leaf(t))
}

// nameList renders the names of one variable; it returns the piece and the
// number of names shown (for form="count").
func (r *rctx) nameList(names []citation.Name, nameN, etAlN *node, v string) (*piece, int) {
	others := false
	if k := len(names); k > 0 && names[k-1].Others {
		names = names[:k-1]
		others = true
	}
	if len(names) == 0 {
		return nil, 0
	}
	opt := func(k string) string { s, _ := r.nameOpt(nameN, k); return s }
	etAlMin := atoiDefault(opt("et-al-min"), 0)
	useFirst := atoiDefault(opt("et-al-use-first"), 0)
	useLast := opt("et-al-use-last") == "true"
	if !r.bib && r.pos != posFirst && !r.sort {
		if s := opt("et-al-subsequent-min"); s != "" {
			etAlMin = atoiDefault(s, etAlMin)
		}
		if s := opt("et-al-subsequent-use-first"); s != "" {
			useFirst = atoiDefault(s, useFirst)
		}
	}
	if r.namesMin > 0 {
		etAlMin = r.namesMin
	}
	if r.namesUseFirst > 0 {
		useFirst = r.namesUseFirst
	}
	if r.namesUseLast != nil {
		useLast = *r.namesUseLast
	}
	primary := (r.disambigNames || (r.bib && !r.sort)) && r.st != nil && r.st.primaryVar == v
	if primary && r.st.addNames > 0 && r.st.addNames > useFirst {
		useFirst = r.st.addNames
	}
	shown := len(names)
	truncated := false
	if etAlMin > 0 && len(names) >= etAlMin && useFirst > 0 && useFirst < len(names) {
		shown = useFirst
		truncated = true
	}
	if others && !truncated {
		truncated = true
	}
	form := r.nameForm(nameN)
	if form == "count" {
		return leaf("x"), shown
	}
	if r.sort {
		// a sort key: each name in sort order, as the style forms it
		keys := make([]string, 0, shown)
		for _, nm := range names[:shown] {
			keys = append(keys, r.name(nm, nameN, form, true, -1).plain())
		}
		if truncated && useLast && !others && len(names)-shown >= 2 {
			keys = append(keys, r.name(names[len(names)-1], nameN, form, true, -1).plain())
		}
		return leaf(strings.Join(keys, ", ")), shown
	}
	delim := ", "
	if s, ok := r.nameOpt(nameN, "delimiter"); ok {
		delim = s
	}
	and := ""
	switch opt("and") {
	case "text":
		and, _ = r.e.loc.term("and", "long", false, "")
	case "symbol":
		and = "&"
	}
	asSort := opt("name-as-sort-order")
	var kids []*piece
	inverted := make([]bool, shown)
	for i := 0; i < shown; i++ {
		inv := asSort == "all" || (asSort == "first" && i == 0)
		inverted[i] = inv
		level := -1
		if r.disambigNames && r.st != nil && r.st.primaryVar == v && i < len(r.st.givenLevel) {
			level = r.st.givenLevel[i]
		}
		kids = append(kids, r.name(names[i], nameN, form, inv, level))
	}
	// join
	out := &piece{}
	for i, k := range kids {
		if i > 0 {
			last := i == shown-1 && !truncated
			sep := delim
			if last && and != "" {
				dpl := opt("delimiter-precedes-last")
				useDelim := false
				switch dpl {
				case "always":
					useDelim = true
				case "never":
					useDelim = false
				case "after-inverted-name":
					useDelim = inverted[i-1]
				default:
					useDelim = shown >= 3
				}
				if useDelim {
					sep = delim + and + " "
				} else {
					sep = " " + and + " "
				}
			}
			out.kids = append(out.kids, leaf(sep))
		}
		out.kids = append(out.kids, k)
	}
	if truncated {
		if useLast && !others && len(names)-shown >= 2 {
			out.kids = append(out.kids, leaf(delim+"\u2026 "), r.name(names[len(names)-1], nameN, form, asSort == "all", -1))
		} else {
			termName := "et-al"
			if etAlN != nil && etAlN.attr("term") != "" {
				termName = etAlN.attr("term")
			}
			t, _ := r.e.loc.term(termName, "long", false, "")
			if t != "" {
				sep := " "
				switch opt("delimiter-precedes-et-al") {
				case "always":
					sep = delim
				case "never":
				case "after-inverted-name":
					if inverted[shown-1] {
						sep = delim
					}
				default:
					if shown >= 2 {
						sep = delim
					}
				}
				out.kids = append(out.kids, leaf(sep))
				ep := leaf(t)
				if etAlN != nil {
					ep = r.decorate(etAlN, ep)
				}
				out.kids = append(out.kids, ep)
			}
		}
	}
	return r.decorate(nameN, out), shown
}

// name renders one name. level is the disambiguation level of its given
// name: -1 as the style says, 1 initials, 2 full given name.
func (r *rctx) name(nm citation.Name, nameN *node, form string, inverted bool, level int) *piece {
	var familyN, givenN *node
	if nameN != nil {
		for _, k := range nameN.kids {
			if k.name == "name-part" {
				switch k.attr("name") {
				case "family":
					familyN = k
				case "given":
					givenN = k
				}
			}
		}
	}
	if nm.Literal != "" {
		return r.namePart(familyN, markupLeaf(nm.Literal))
	}
	given := nm.Given
	initWith, hasInit := r.nameOpt(nameN, "initialize-with")
	initialize, _ := r.nameOpt(nameN, "initialize")
	switch {
	case level == 1 && form == "short":
		// initials, or the whole given name when the style gives no
		// initialize-with
		form = "long"
	case level == 2:
		form = "long"
		hasInit = false
	}
	if nm.Family == "" && nm.NonDroppingParticle == "" {
		return r.namePart(givenN, markupLeaf(apostrophes(given)))
	}
	if hasInit && given != "" {
		hy, _ := r.nameOpt(nil, "initialize-with-hyphen")
		given = initials(given, initWith, initialize != "false", hy != "false")
	}
	given = apostrophes(given)
	family := apostrophes(nm.Family)
	ndp := apostrophes(nm.NonDroppingParticle)
	dp := apostrophes(nm.DroppingParticle)
	suffix := nm.Suffix
	if !isLatin(family + given) {
		// East Asian names: family name first, no spaces
		if form == "short" {
			return r.namePart(familyN, leaf(family))
		}
		return &piece{kids: []*piece{r.namePart(familyN, leaf(family)), r.namePart(givenN, leaf(given))}}
	}
	if form == "short" {
		return r.familyPart(familyN, "", ndp, family)
	}
	if !inverted {
		var kids []*piece
		if given != "" {
			kids = append(kids, r.namePart(givenN, leaf(given)))
		}
		kids = append(kids, r.familyPart(familyN, dp, ndp, family))
		p := &piece{kids: kids, delim: " "}
		if suffix != "" {
			sep := " "
			if nm.CommaSuffix {
				sep = ", "
			}
			p = &piece{kids: []*piece{p, leaf(suffix)}, delim: sep}
		}
		return p
	}
	sortSep := ", "
	if s, ok := r.nameOpt(nameN, "sort-separator"); ok {
		sortSep = s
	}
	var famP, givP *piece
	if d := r.demote(); d == "display-and-sort" || (r.sort && d == "sort-only") {
		famP = r.familyPart(familyN, "", "", family)
		// the demoted particles follow the given name, formatted as the family name
		var gk []*piece
		if given != "" {
			gk = append(gk, leaf(given))
		}
		if pt := joinParticle(dp, ndp); pt != "" {
			gk = append(gk, r.particle(familyN, pt))
		}
		givP = r.namePart(givenN, group(gk, " "))
	} else {
		famP = r.familyPart(familyN, "", ndp, family)
		if g := strings.TrimSpace(given + " " + dp); g != "" {
			givP = r.namePart(givenN, leaf(g))
		}
	}
	kids := []*piece{famP}
	if !givP.empty() {
		kids = append(kids, givP)
	}
	if suffix != "" {
		kids = append(kids, leaf(suffix))
	}
	return &piece{kids: kids, delim: sortSep}
}

// familyPart renders particles and a family name: the family name-part's
// font applies to each, its text-case to the family name and the
// non-dropping particle, and its affixes around them all.
func (r *rctx) familyPart(familyN *node, dp, ndp, family string) *piece {
	if familyN == nil || (dp == "" && ndp == "") {
		return r.namePart(familyN, markupLeaf(joinParticle(joinParticle(dp, ndp), family)))
	}
	cased := func(s string) *piece {
		f := familyN.f
		f.prefix, f.suffix, f.delim, f.display = "", "", "", ""
		return r.decorate(&node{f: f}, markupLeaf(s))
	}
	var p *piece
	if ndp != "" {
		p = &piece{kids: []*piece{cased(ndp), cased(family)}, delim: particleSep(ndp)}
	} else {
		p = cased(family)
	}
	if dp != "" {
		p = &piece{kids: []*piece{r.particle(familyN, dp), p}, delim: particleSep(dp)}
	}
	if familyN.f.prefix != "" || familyN.f.suffix != "" {
		p = &piece{kids: []*piece{p}, prefix: familyN.f.prefix, suffix: familyN.f.suffix}
	}
	return p
}

func particleSep(particle string) string {
	if strings.HasSuffix(particle, "'") || strings.HasSuffix(particle, "\u2019") || strings.HasSuffix(particle, "-") {
		return ""
	}
	return " "
}

// particle renders a name particle with the family name-part's font.
func (r *rctx) particle(familyN *node, s string) *piece {
	p := leaf(s)
	if familyN == nil {
		return p
	}
	f := familyN.f
	f.prefix, f.suffix, f.textCase, f.delim, f.display = "", "", "", "", ""
	if hasFont(&f) {
		return &piece{kids: []*piece{p}, f: &f}
	}
	return p
}

func apostrophes(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "'", "\u2019")
}

func (r *rctx) demote() string {
	d, _ := r.nameOpt(nil, "demote-non-dropping-particle")
	if d == "" {
		d = "display-and-sort"
	}
	return d
}

func (r *rctx) namePart(n *node, p *piece) *piece {
	if n == nil || p == nil {
		return p
	}
	return r.decorate(n, p)
}

func joinParticle(particle, family string) string {
	if particle == "" {
		return family
	}
	if family == "" {
		return particle
	}
	if strings.HasSuffix(particle, "'") || strings.HasSuffix(particle, "\u2019") || strings.HasSuffix(particle, "-") {
		return particle + family
	}
	return particle + " " + family
}

// sortName is a name's sort key: family name first.
func sortName(nm citation.Name, demote string) string {
	if nm.Literal != "" {
		return nm.Literal
	}
	parts := []string{}
	if demote == "never" {
		parts = append(parts, joinParticle(nm.NonDroppingParticle, nm.Family))
	} else {
		parts = append(parts, nm.Family)
	}
	parts = append(parts, nm.Given)
	if nm.DroppingParticle != "" {
		parts = append(parts, nm.DroppingParticle)
	}
	if demote != "never" && nm.NonDroppingParticle != "" {
		parts = append(parts, nm.NonDroppingParticle)
	}
	if nm.Suffix != "" {
		parts = append(parts, nm.Suffix)
	}
	return strings.Join(parts, " ")
}

func isLatin(s string) bool {
	for _, c := range s {
		if c < 0x250 {
			continue
		}
		if unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return true
}

// initials turns given names into initials: "John Ronald" -> "J. R." with
// initWith ". ". Parts already abbreviated ("Ph.", "M.E.") keep their
// letters. When initialize is false, whole given names are kept and only
// initials are normalized.
func initials(given, initWith string, initialize, hyphen bool) string {
	var b strings.Builder
	endsInit := false
	for _, w := range strings.Fields(given) {
		segs := strings.Split(w, "-")
		for si, seg := range segs {
			if seg == "" {
				continue
			}
			if si > 0 {
				c, _ := utf8.DecodeRuneInString(seg)
				if unicode.IsLower(c) && initialize {
					continue
				}
				s := strings.TrimRight(b.String(), " ")
				b.Reset()
				b.WriteString(s)
				if hyphen || !initialize {
					b.WriteString("-")
				}
			}
			if strings.Contains(seg, ".") {
				for _, p := range strings.Split(seg, ".") {
					if p = strings.TrimSpace(p); p != "" {
						b.WriteString(p)
						b.WriteString(initWith)
					}
				}
				endsInit = true
				continue
			}
			c, _ := utf8.DecodeRuneInString(seg)
			if unicode.IsLower(c) || (!initialize && utf8.RuneCountInString(seg) > 1) {
				// a particle, or a name kept whole
				if s := b.String(); s != "" && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "-") {
					b.WriteString(" ")
				}
				b.WriteString(seg)
				b.WriteString(" ")
				endsInit = false
				continue
			}
			b.WriteRune(c)
			b.WriteString(initWith)
			endsInit = true
		}
	}
	_ = endsInit
	return strings.TrimRight(b.String(), " ")
}
