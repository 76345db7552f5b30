package citation

import (
	"strconv"
	"strings"
)

// DefaultPMIDMax is the default upper bound of plausible PMIDs used by
// [Citation.Validate] (see [Validator.PMIDMax]): a PMID above it is reported
// as a warning, not an error, because NLM assigns PMIDs sequentially and the
// bound only dates. PMIDs reached about 41.5 million in early 2026.
const DefaultPMIDMax = 45_000_000

// A PMID is a PubMed identifier, a positive integer assigned by NLM, such as
// 41224997. The zero PMID is absent.
type PMID uint32

// ParsePMID parses a PMID: a positive integer of one to nine digits without
// leading zeros, optionally labelled "PMID:", "PMID", "info:pmid/", followed
// by MEDLINE's " [pmid]", or as a PubMed URL
// (https://pubmed.ncbi.nlm.nih.gov/41224997/,
// https://www.ncbi.nlm.nih.gov/pubmed/41224997). It does not check an upper
// bound: see [DefaultPMIDMax].
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax], or
// [ErrInvalidValue] for 0 and values of ten or more digits.
func ParsePMID(s string) (PMID, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return 0, idError("PMID", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	if !allDigits(s) {
		if r, ok := cutSuffixFold(s, "[pmid]"); ok {
			s = strings.TrimSpace(r)
		}
		s = strings.TrimSuffix(cutPubMedURL(s), "/")
		if r, ok := cutPrefixFold(s, "info:pmid/"); ok {
			s = r
		} else if r, ok := cutLabel(s, "PMID"); ok {
			s = r
		}
	}
	if s == "" {
		return 0, idError("PMID", in, "empty", ErrSyntax)
	}
	if strings.HasPrefix(strings.ToUpper(s), "PMC") {
		return 0, idError("PMID", in, "a PMCID, not a PMID", ErrSyntax)
	}
	if !allDigits(s) {
		return 0, idError("PMID", in, "not a positive integer", ErrSyntax)
	}
	if s[0] == '0' {
		if strings.Trim(s, "0") == "" {
			return 0, idError("PMID", in, "must be positive", ErrInvalidValue)
		}
		return 0, idError("PMID", in, "leading zero", ErrSyntax)
	}
	if len(s) > 9 {
		return 0, idError("PMID", in, "more than nine digits", ErrInvalidValue)
	}
	v, _ := strconv.ParseUint(s, 10, 32)
	return PMID(v), nil
}

func cutPubMedURL(s string) string {
	r, ok := cutPrefixFold(s, "https://")
	if !ok {
		r, ok = cutPrefixFold(s, "http://")
	}
	if !ok {
		return s
	}
	for _, p := range [...]string{"pubmed.ncbi.nlm.nih.gov/", "www.ncbi.nlm.nih.gov/pubmed/", "ncbi.nlm.nih.gov/pubmed/"} {
		if r2, ok := cutPrefixFold(r, p); ok {
			if i := strings.IndexAny(r2, "?#"); i >= 0 {
				r2 = r2[:i]
			}
			return r2
		}
	}
	return s
}

// String returns the PMID in decimal, or "" for the zero PMID.
func (p PMID) String() string {
	if p == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(p), 10)
}

// IsZero reports whether p is the zero PMID.
func (p PMID) IsZero() bool { return p == 0 }

// URL returns the PubMed URL of p, or "" for the zero PMID.
func (p PMID) URL() string {
	if p == 0 {
		return ""
	}
	return "https://pubmed.ncbi.nlm.nih.gov/" + p.String() + "/"
}

// A PMCID is a PubMed Central identifier, "PMC" and a positive integer, such
// as PMC1201448; the PMCID holds the number. The zero PMCID is absent.
type PMCID uint32

// ParsePMCID parses a PMCID: "PMC" (any case) and one to nine digits without
// leading zeros, with optional spaces between, the label "PMCID:", or a PMC
// article URL (https://pmc.ncbi.nlm.nih.gov/articles/PMC1201448/,
// https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1201448/). Bare digits are an
// error, since they are easily a PMID: prefix them yourself when the field is
// known to hold a PMCID ([Citation.Normalize] does).
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax], or
// [ErrInvalidValue] for 0 and numbers of ten or more digits.
func ParsePMCID(s string) (PMCID, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return 0, idError("PMCID", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	if !(len(s) > 3 && s[:3] == "PMC" && allDigits(s[3:])) {
		if r, ok := cutPMCURL(s); ok {
			s = strings.TrimSuffix(r, "/")
		} else if r, ok := cutLabel(s, "PMCID"); ok {
			s = r
		}
	}
	r, ok := cutPrefixFold(s, "PMC")
	if !ok {
		if allDigits(s) {
			return 0, idError("PMCID", in, "missing PMC prefix", ErrSyntax)
		}
		return 0, idError("PMCID", in, "does not start with PMC", ErrSyntax)
	}
	r = strings.TrimLeft(r, " ")
	if !allDigits(r) {
		return 0, idError("PMCID", in, "PMC must be followed by digits", ErrSyntax)
	}
	if r[0] == '0' {
		if strings.Trim(r, "0") == "" {
			return 0, idError("PMCID", in, "must be positive", ErrInvalidValue)
		}
		return 0, idError("PMCID", in, "leading zero", ErrSyntax)
	}
	if len(r) > 9 {
		return 0, idError("PMCID", in, "more than nine digits", ErrInvalidValue)
	}
	v, _ := strconv.ParseUint(r, 10, 32)
	return PMCID(v), nil
}

func cutPMCURL(s string) (string, bool) {
	r, ok := cutPrefixFold(s, "https://")
	if !ok {
		r, ok = cutPrefixFold(s, "http://")
	}
	if !ok {
		return s, false
	}
	for _, p := range [...]string{"pmc.ncbi.nlm.nih.gov/articles/", "www.ncbi.nlm.nih.gov/pmc/articles/", "ncbi.nlm.nih.gov/pmc/articles/", "europepmc.org/article/PMC/", "europepmc.org/articles/"} {
		if r2, ok := cutPrefixFold(r, p); ok {
			if i := strings.IndexAny(r2, "?#"); i >= 0 {
				r2 = r2[:i]
			}
			if i := strings.IndexByte(r2, '/'); i >= 0 && i < len(r2)-1 {
				r2 = r2[:i] // PMC123/pdf/...
			}
			if allDigits(strings.TrimSuffix(r2, "/")) { // europepmc.org/article/PMC/1201448
				r2 = "PMC" + r2
			}
			return r2, true
		}
	}
	return s, false
}

// String returns the PMCID with its prefix, "PMC1201448", or "" for the
// zero PMCID.
func (p PMCID) String() string {
	if p == 0 {
		return ""
	}
	return "PMC" + strconv.FormatUint(uint64(p), 10)
}

// IsZero reports whether p is the zero PMCID.
func (p PMCID) IsZero() bool { return p == 0 }

// URL returns the PubMed Central URL of p, or "" for the zero PMCID.
func (p PMCID) URL() string {
	if p == 0 {
		return ""
	}
	return "https://pmc.ncbi.nlm.nih.gov/articles/" + p.String() + "/"
}
