package citation

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// ParseName splits a personal or organizational name written as one string
// into its CSL parts. The input is first normalized with [NormalizeText]
// (NFC, white space folded). It accepts:
//
//	Family, Given              "Burgess, Robert W."
//	Given Family               "Robert W. Burgess"
//	particles                  "van der Berg, Jan", "Jan van der Berg", "Berg, Jan van der"
//	suffixes                   "Smith, Jr., John", "Smith, John, Jr.", "John Smith Jr.", "Martin Luther King, Jr."
//	degrees after a full name  "John Smith, MD", "Jane Roe, PhD, MPH" (kept as the Suffix)
//	MEDLINE "Family Initials"  "Smith JA", "van der Berg J", "Smith J. A." (see [ParseMedlineName])
//	organizations              "World Health Organization", "Smith & Wesson" (Literal)
//	a truncated list           "et al.", "others" (Others)
//
// Particles are the lower-case words of a known list ("van", "von", "der",
// "de", "la", "di", "da", "du", "ter", "zu", "bin", "al", ...). As in
// citeproc-js, particles before the family name ("van der Berg, Jan", "Jan van
// der Berg") are non-dropping, and particles trailing the given name in the
// "Family, Given" form ("Humboldt, Alexander von") are dropping. Capitalized
// particles ("De Gaulle") stay in the family name.
//
// The suffixes recognized are Jr, Jr., Sr, Sr., Jnr, Snr, II, III, IV, 2nd,
// 3rd and 4th; with a comma before them CommaSuffix is set.
//
// A name is an organization, stored as Literal, when one of its words is an
// organization word (case-insensitively): University, Institute, Institut,
// Group, Consortium, Committee, Organization, Organisation, Laboratory,
// Laboratories, Society, Association, Department, Foundation, Council,
// Agency, Center, Centre, Collaboration, Network, Commission, Ministry,
// Federation, Academy, College, Hospital, Clinic, Company, Corporation,
// Corp, Inc, Ltd, LLC, GmbH, Publishers, Board, Office, Bureau, Services,
// Team, Project, Program, Programme, Initiative, Alliance, Union, Trust,
// Library, Museum, Panel, Party, Force ("Task Force"), Working,
// Investigators, Authors (and Universität, Université, Universidad,
// Universidade, Università, Instituto, Istituto); or when it contains "&";
// or when it has more than three comma-separated parts. "Press" and
// "Service" are not organization words: they are surnames too (William H.
// Press, Robert Service). A single word with
// no comma ("Plato") becomes the Family.
//
// Without a comma, a last word of one to four capitals after a one-word
// family name is read as MEDLINE initials: "Smith JA" is J. A. Smith. So
// "Malcolm X" is read as X. Malcolm; write "X, Malcolm" for the other
// reading.
//
// ParseName never fails: it returns the zero Name for an empty input.
func ParseName(s string) Name {
	s = NormalizeText(s)
	if s == "" {
		return Name{}
	}
	if isOthers(strings.TrimSuffix(s, ".")) {
		return Name{Others: true}
	}
	if isOrganization(s) {
		return Name{Literal: s}
	}
	if !strings.Contains(s, ",") {
		return parseGivenFamily(s)
	}
	// isOrganization has ruled out more than three commas.
	var partsBuf [4]string
	parts := partsBuf[:0]
	for rest := s; ; {
		part, after, found := strings.Cut(rest, ",")
		parts = append(parts, strings.TrimSpace(part))
		if !found {
			break
		}
		rest = after
	}
	// "Given Family, Jr." and "Given Family, MD, PhD": a full name followed
	// by suffixes.
	if len(parts) >= 2 && strings.Contains(parts[0], " ") && !startsWithParticleOnly(parts[0]) && allSuffixes(parts[1:], true) {
		n := parseGivenFamily(parts[0])
		if n.Literal == "" && n.Suffix == "" {
			n.Suffix = strings.Join(parts[1:], ", ")
			n.CommaSuffix = true
			return n
		}
	}
	var n Name
	switch len(parts) {
	case 2: // Family, Given
		if parts[1] == "" { // "Smith JA," "Robert Smith,": a stray comma
			return parseGivenFamily(parts[0])
		}
		n = familyGiven(parts[0], parts[1])
		if isSuffix(parts[1]) { // "King, Jr."
			n = familyGiven(parts[0], "")
			n.Suffix = parts[1]
			n.CommaSuffix = true
		} else if sp := strings.LastIndexByte(parts[0], ' '); sp > 0 && isSuffix(parts[0][sp+1:]) {
			// "King Jr, Martin Luther": the suffix after the family name
			// (as a family name it would read back as a suffix).
			n = familyGiven(strings.TrimSpace(parts[0][:sp]), parts[1])
			n.Suffix = parts[0][sp+1:]
		}
	case 3:
		switch {
		case isSuffix(parts[1]): // Family, Jr., Given (BibTeX)
			n = familyGiven(parts[0], parts[2])
			n.Suffix = parts[1]
		case isSuffix(parts[2]) || isDegree(parts[2]) && parts[1] != "": // Family, Given, Jr.
			n = familyGiven(parts[0], parts[1])
			n.Suffix = parts[2]
			n.CommaSuffix = true
		default:
			return Name{Literal: s}
		}
	default:
		return Name{Literal: s}
	}
	if n.Family == "" && n.NonDroppingParticle == "" {
		// ", John" or a name of particles only: keep it whole.
		return Name{Literal: s}
	}
	return n
}

// isOthers reports whether s, lower-cased, is "et al", "others", "and
// others" or "et. al".
func isOthers(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			switch strings.ToLower(s) {
			case "et al", "others", "and others", "et. al":
				return true
			}
			return false
		}
	}
	return asciiEqualFold(s, "et al") || asciiEqualFold(s, "others") ||
		asciiEqualFold(s, "and others") || asciiEqualFold(s, "et. al")
}

// asciiEqualFold reports whether the ASCII strings s and t are equal after
// lower-casing.
func asciiEqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// familyGiven builds a name from the family and given parts of the
// "Family, Given" form.
func familyGiven(family, given string) Name {
	if isNormalASCII(family) && isNormalASCII(given) {
		// Words are separated by single spaces: the parts are cut from
		// the text without splitting and joining.
		var n Name
		n.NonDroppingParticle, n.Family = leadingParticles(family)
		n.Given, n.DroppingParticle = trailingParticles(given)
		return n
	}
	return familyGivenFields(family, given)
}

// familyGivenFields is familyGiven for any text.
func familyGivenFields(family, given string) Name {
	var n Name
	fw := strings.Fields(family)
	i := 0
	for i < len(fw)-1 && isParticle(fw[i]) {
		i++
	}
	n.NonDroppingParticle = strings.Join(fw[:i], " ")
	n.Family = strings.Join(fw[i:], " ")
	gw := strings.Fields(given)
	j := len(gw)
	for j > 1 && isParticle(gw[j-1]) {
		j--
	}
	n.Given = strings.Join(gw[:j], " ")
	n.DroppingParticle = strings.Join(gw[j:], " ")
	return n
}

// leadingParticles splits s, words separated by single spaces, into the
// particles it begins with and the rest; the last word is never a particle.
func leadingParticles(s string) (particles, rest string) {
	pos := 0
	for {
		sp := strings.IndexByte(s[pos:], ' ')
		if sp < 0 || !isParticle(s[pos:pos+sp]) {
			break
		}
		pos += sp + 1
	}
	if pos == 0 {
		return "", s
	}
	return s[:pos-1], s[pos:]
}

// trailingParticles splits s, words separated by single spaces, into the
// words before the particles it ends with and those particles; the first
// word is never a particle.
func trailingParticles(s string) (rest, particles string) {
	end := len(s)
	for {
		sp := strings.LastIndexByte(s[:end], ' ')
		if sp < 0 || !isParticle(s[sp+1:end]) {
			break
		}
		end = sp
	}
	if end == len(s) {
		return s, ""
	}
	return s[:end], s[end+1:]
}

// parseGivenFamily parses "Given [particles] Family [Suffix]" and MEDLINE's
// "Family Initials".
func parseGivenFamily(s string) Name {
	w := strings.Fields(s)
	if looksMedline(w) {
		return ParseMedlineName(s)
	}
	var n Name
	if len(w) >= 2 && isSuffix(w[len(w)-1]) {
		n.Suffix = w[len(w)-1]
		w = w[:len(w)-1]
	}
	if len(w) == 0 {
		return Name{Literal: s}
	}
	n.Family = w[len(w)-1]
	w = w[:len(w)-1]
	// Particles before the family name: "Jan van der Berg".
	k := len(w)
	for k > 0 && isParticle(w[k-1]) {
		k--
	}
	if k == 0 && len(w) > 0 {
		// "van der Berg": all particles, no given name.
		n.NonDroppingParticle = strings.Join(w, " ")
		return n
	}
	n.NonDroppingParticle = strings.Join(w[k:], " ")
	n.Given = strings.Join(w[:k], " ")
	return n
}

// looksMedline reports whether the words w are MEDLINE's "Family
// Initials [Suffix]" (or Vancouver's "Family J. A.") with a one-word family
// name, possibly after particles: "Smith JA", "van der Berg J", "Smith JA
// Jr", "Smith J. A.".
func looksMedline(w []string) bool {
	if len(w) >= 3 && isMedlineSuffix(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	k := trailingInitials(w)
	if k == 0 || k >= len(w) || isSuffix(w[len(w)-1]) {
		return false
	}
	for _, p := range w[:len(w)-k-1] {
		if !isParticle(p) {
			return false
		}
	}
	return true
}

// trailingInitials returns how many of the last words of w are initials:
// one word without periods ("JA"), or words that all have them ("J.",
// "J.A.", "J. A."), four letters at most.
func trailingInitials(w []string) int {
	if len(w) == 0 || !isMedlineInitials(w[len(w)-1]) {
		return 0
	}
	if !strings.HasSuffix(w[len(w)-1], ".") {
		return 1
	}
	k, letters := 0, 0
	for i := len(w) - 1; i >= 0 && isMedlineInitials(w[i]) && strings.HasSuffix(w[i], "."); i-- {
		letters += countInitials(w[i])
		if letters > 4 {
			return 0
		}
		k++
	}
	return k
}

func countInitials(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// startsWithParticleOnly reports whether s is a family name with particles
// ("van der Berg"), which is not a full "Given Family" name.
func startsWithParticleOnly(s string) bool {
	w := strings.Fields(s)
	return len(w) > 1 && isParticle(w[0])
}

// ParseMedlineName parses a MEDLINE AU value, "Family Initials [Suffix]":
// "Smith JA", "van der Berg J", "Smith JA Jr", "Nguyen T-H", and the
// Vancouver form with periods, "Smith J. A.". Initials are
// written in Given with a period after each and a space between, "J. A.",
// the form CSL styles expect when they initialize given names (a hyphen is
// kept: "T.-H."). "Jr" and "Sr" become "Jr." and "Sr."; other suffixes
// ("2nd", "III") are kept. Particles lead the family name as non-dropping
// particles. A value with a comma (MEDLINE FAU "Smith, John A") or without
// initials is parsed by [ParseName]; organizations are Literal.
func ParseMedlineName(s string) Name {
	s = NormalizeText(s)
	if s == "" {
		return Name{}
	}
	if strings.Contains(s, ",") || isOrganization(s) {
		return ParseName(s)
	}
	w := strings.Fields(s)
	var n Name
	if len(w) >= 3 && isMedlineSuffix(w[len(w)-1]) && isMedlineInitials(w[len(w)-2]) {
		n.Suffix = w[len(w)-1]
		switch n.Suffix {
		case "Jr", "Sr":
			n.Suffix += "."
		}
		w = w[:len(w)-1]
	}
	k := trailingInitials(w)
	if k == 0 || k >= len(w) {
		return ParseName(s)
	}
	n.Given = expandInitials(strings.ReplaceAll(strings.Join(w[len(w)-k:], ""), ".", ""))
	fw := w[:len(w)-k]
	i := 0
	for i < len(fw)-1 && isParticle(fw[i]) {
		i++
	}
	n.NonDroppingParticle = strings.Join(fw[:i], " ")
	n.Family = strings.Join(fw[i:], " ")
	return n
}

// isMedlineInitials reports whether w is a run of one to four upper-case
// letters, possibly with hyphens between them and periods after them ("JA",
// "T-H", "J.", "J.A.", "T.-H.").
func isMedlineInitials(w string) bool {
	n := 0
	prev := '-' // the start acts as a hyphen: w cannot start with '-' or '.'
	for _, r := range w {
		switch {
		case r == '-' && prev != '-':
		case r == '.' && unicode.IsUpper(prev):
		case unicode.IsUpper(r):
			n++
		default:
			return false
		}
		prev = r
	}
	return n >= 1 && n <= 4 && prev != '-'
}

func isMedlineSuffix(w string) bool {
	switch w {
	case "Jr", "Sr", "Jr.", "Sr.", "2nd", "3rd", "4th", "II", "III", "IV":
		return true
	}
	return false
}

// expandInitials writes "JA" as "J. A." and "T-H" as "T.-H.".
func expandInitials(w string) string {
	var b strings.Builder
	b.Grow(len(w) * 3)
	for i, r := range w {
		if r == '-' {
			b.WriteByte('-')
			continue
		}
		if i > 0 && w[i-1] != '-' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return b.String()
}

// isSuffix reports whether w is a generational suffix.
func isSuffix(w string) bool {
	switch w {
	case "Jr", "Jr.", "jr", "jr.", "Sr", "Sr.", "sr", "sr.", "Jnr", "Jnr.", "Snr", "Snr.",
		"II", "III", "IV", "2nd", "3rd", "4th":
		return true
	}
	return false
}

// isDegree reports whether w is an academic or professional degree written
// after a name.
func isDegree(w string) bool {
	switch strings.ReplaceAll(w, ".", "") {
	case "MD", "PhD", "MPH", "RN", "DDS", "DMD", "MSc", "MS", "MA", "BSc", "BA", "MBA",
		"FRCP", "FRCS", "FACS", "FACP", "DVM", "PharmD", "DO", "DrPH", "MBBS", "MBChB",
		"ScD", "DSc", "EdD", "JD", "LLM", "MSN", "BSN", "NP", "PA-C", "MPhil", "DPhil":
		return true
	}
	return false
}

// allSuffixes reports whether every part is a suffix or, when degrees is
// set, a degree.
func allSuffixes(parts []string, degrees bool) bool {
	for _, p := range parts {
		if !isSuffix(p) && !(degrees && isDegree(p)) {
			return false
		}
	}
	return len(parts) > 0
}

// particles lists the lower-case words taken as name particles.
var particles = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, p := range []string{
		"van", "von", "vom", "der", "den", "ter", "ten", "te", "het", "'t", "op", "in",
		"de", "del", "della", "delle", "dello", "degli", "dei", "di", "da", "dal", "dalla",
		"das", "dos", "do", "du", "des", "la", "le", "les", "lo", "zu", "zur", "zum",
		"af", "av", "bin", "ibn", "binti", "al", "el", "abu", "ben", "bat", "st.", "ap",
	} {
		m[p] = true
	}
	return m
})

func isParticle(w string) bool {
	// Every particle is five bytes at most and starts with a lower-case
	// letter or an apostrophe.
	if len(w) == 0 || len(w) > 5 || w[0] >= 'A' && w[0] <= 'Z' {
		return false
	}
	return particles()[w]
}

// orgWords lists the words that make a name an organization's.
var orgWords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range []string{
		"university", "universität", "université", "universidad", "universidade", "università",
		"institute", "institut", "instituto", "istituto", "group", "consortium", "committee",
		"organization", "organisation", "laboratory", "laboratories", "society", "association",
		"department", "foundation", "council", "agency", "center", "centre", "collaboration",
		"network", "commission", "ministry", "federation", "academy", "college", "hospital",
		"clinic", "company", "corporation", "corp", "inc", "ltd", "llc", "gmbh",
		"publishers", "board", "office", "bureau", "services", "team", "project",
		"program", "programme", "initiative", "alliance", "union", "trust", "library",
		"museum", "panel", "party", "force", "working", "investigators", "authors",
	} {
		m[w] = true
	}
	return m
})

// orgEnds marks the pairs of first and last bytes of the ASCII
// organization words.
var orgEnds = sync.OnceValue(func() *[128][128]bool {
	var t [128][128]bool
	for w := range orgWords() {
		if f, l := w[0], w[len(w)-1]; f < utf8.RuneSelf && l < utf8.RuneSelf {
			t[f][l] = true
		}
	}
	return &t
})

// asciiWord is a lower-cased ASCII word of up to 16 bytes.
type asciiWord struct {
	b [16]byte
	n int
}

func (w *asciiWord) bytes() []byte { return w.b[:w.n] }

// lowerASCII lower-cases f, of 16 bytes at most, when it is ASCII.
func lowerASCII(f string) (w asciiWord, ok bool) {
	if len(f) > len(w.b) {
		return w, false
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= utf8.RuneSelf {
			return w, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		w.b[i] = c
	}
	w.n = len(f)
	return w, true
}

// isOrganization reports whether s looks like an organization's name.
func isOrganization(s string) bool {
	if strings.Contains(s, "&") {
		return true
	}
	if strings.Count(s, ",") > 3 {
		return true
	}
	words := orgWords()
	for i := 0; i < len(s); {
		// The words between separators, as strings.FieldsFunc would give
		// them, without the slice.
		if n := orgSep(s[i:]); n > 0 {
			i += n
			continue
		}
		j := i + 1
		for j < len(s) && orgSep(s[j:]) == 0 {
			j++
		}
		f := s[i:j]
		i = j
		if len(f) < 2 || len(f) > 16 {
			continue
		}
		if isLowerASCIIWord(f) {
			if words[f] {
				return true
			}
			continue
		}
		if lower, ok := lowerASCII(f); ok {
			// Most words of names are no organization word: the first and
			// last letters tell, without the map.
			if b := lower.bytes(); orgEnds()[b[0]][b[len(b)-1]] && words[string(b)] {
				return true
			}
			continue
		}
		// Lower-case into a buffer on the stack: no allocation for the
		// lookup.
		var buf [16 * utf8.UTFMax]byte
		b := buf[:0]
		for _, r := range f {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		if words[string(b)] {
			return true
		}
	}
	return false
}

// orgSep returns the length of the separator s begins with (white space or
// one of ",.();:"), or 0.
func orgSep(s string) int {
	c := s[0]
	if c < utf8.RuneSelf {
		switch c {
		case ',', '.', '(', ')', ';', ':', ' ', '\t', '\n', '\v', '\f', '\r':
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s)
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

func isLowerASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] >= 'A' && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

// String returns the name for display, given name first: "Jan van der
// Berg", "Martin Luther King, Jr.", "Alexander von Humboldt"; the Literal
// when there is one, and "others" for a name with Others set.
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	if n.Others {
		return "others"
	}
	var b strings.Builder
	add := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	add(n.Given)
	add(n.DroppingParticle)
	add(n.NonDroppingParticle)
	add(n.Family)
	if n.Suffix != "" {
		if n.CommaSuffix {
			b.WriteByte(',')
		}
		add(n.Suffix)
	}
	return b.String()
}

// SortKey returns a key for sorting names as CSL's default
// demote-non-dropping-particle ("display-and-sort") does: family name first,
// then particles, given name and suffix ("Berg van der Jan"); the Literal for
// organizations. Compare keys with a collator (golang.org/x/text/collate)
// for a language-aware order.
func (n Name) SortKey() string {
	if n.Literal != "" {
		return n.Literal
	}
	var parts []string
	for _, p := range []string{n.Family, n.DroppingParticle, n.NonDroppingParticle, n.Given, n.Suffix} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
