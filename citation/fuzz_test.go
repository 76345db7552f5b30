package citation_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

func FuzzParseDOI(f *testing.F) {
	for _, s := range []string{
		"10.1000/182", "doi:10.1000/182", "https://doi.org/10.1523/JNEUROSCI.1353-25.2025.",
		"urn:doi:10.123:456", "10.1016%2fj.foreco.2020.118", "10.1000/182 [doi]",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1000/café", "11.1/x", "10.abc/x",
		"https://doi.org/10.1000/a%25b", "info:doi/10.1/%3Cx%3E",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := citation.ParseDOI(s)
		if err != nil {
			if !errors.Is(err, citation.ErrSyntax) && !errors.Is(err, citation.ErrTooLarge) {
				t.Fatalf("ParseDOI(%q): error %v wraps no sentinel", s, err)
			}
			_ = err.Error()
			if !d.IsZero() {
				t.Fatalf("ParseDOI(%q): non-zero DOI with error", s)
			}
			return
		}
		if !utf8.ValidString(d.String()) || !strings.HasPrefix(d.String(), "10.") {
			t.Fatalf("ParseDOI(%q) = %q", s, d)
		}
		if d.Prefix()+"/"+d.Suffix() != d.String() {
			t.Fatalf("prefix %q suffix %q of %q", d.Prefix(), d.Suffix(), d)
		}
		// The URL reads back to the same DOI.
		back, err := citation.ParseDOI(d.URL())
		if err != nil || back != d {
			t.Fatalf("URL round trip of %q: %q, %v", d, back, err)
		}
		// So does the name, unless it holds a percent sign, which ParseDOI
		// may take for an escape.
		if !strings.Contains(d.String(), "%") {
			back, err := citation.ParseDOI(d.String())
			if err != nil || back != d {
				t.Fatalf("String round trip of %q: %q, %v", d, back, err)
			}
		}
		if !d.Equal(back) || d.Key() != back.Key() {
			t.Fatalf("%q not equal to itself", d)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2019", "2025-11-12", "2018-09-03/2018-09-05", "2019/05//", "Nov 12, 2025", "12 November 2025",
		"2025 Nov-Dec", "2025 Nov 12-15", "Spring 2019", "Winter 2018-2019", "c. 1850", "1850~/1860~",
		"11-12-2025", "2018/..", "Wed, 12 Nov 2025 10:30:00 GMT", "2025-02-30", "2019-21", "-0050",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := citation.ParseDate(s)
		if err != nil {
			if !errors.Is(err, citation.ErrSyntax) && !errors.Is(err, citation.ErrInvalidValue) && !errors.Is(err, citation.ErrTooLarge) {
				t.Fatalf("ParseDate(%q): error %v wraps no sentinel", s, err)
			}
			_ = err.Error()
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q): non-zero date with error", s)
			}
			_ = citation.ParseDateLiteral(s)
			return
		}
		if err := d.Valid(); err != nil {
			t.Fatalf("ParseDate(%q) = %+v, invalid: %v", s, d, err)
		}
		back, err := citation.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzParseName(f *testing.F) {
	for _, s := range []string{
		"Burgess, Robert W.", "Jan van der Berg", "van der Berg, Jan", "Smith, Jr., John", "John Smith Jr.",
		"Martin Luther King, Jr.", "Smith JA", "World Health Organization", "Humboldt, Alexander von",
		"Jane Roe, PhD, MPH", "et al.", "Mu\u0308ller, Jörg", "a, b, c, d", ",", "van", "A.,0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := citation.ParseName(s)
		m := citation.ParseMedlineName(s)
		_ = m.String()
		_ = n.SortKey()
		str := n.String()
		if !utf8.ValidString(s) {
			return
		}
		if f := strings.Fields(n.Family); len(f) > 0 && looksLikeInitials(f[len(f)-1]) {
			// "Malcolm X" (and "van 0 A") reads as MEDLINE's "Family
			// Initials": a documented ambiguity of the "Given Family"
			// form.
			return
		}
		if again := citation.ParseName(str).String(); again != str {
			t.Fatalf("ParseName(%q) = %+v displays %q, which parses to %q", s, n, str, again)
		}
	})
}

// looksLikeInitials reports whether s is one to four upper-case letters,
// possibly hyphenated or with periods, as initials are written ("JR",
// "J.-P.", "A.").
func looksLikeInitials(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == '-', r == '.':
		case unicode.IsUpper(r):
			n++
		default:
			return false
		}
	}
	return n >= 1 && n <= 4
}

// FuzzParseIdentifiers checks the other identifier parsers: no panic, errors
// wrap a sentinel, and a parsed value reads back from its String and URL.
func FuzzParseIdentifiers(f *testing.F) {
	for _, s := range []string{
		"1529-2401", "ISSN 1529-2401 (Electronic)", "0000-006x", "978-0-306-40615-7", "3-16-148410-X",
		"PMID: 41224997", "PMC1201448", "https://orcid.org/0000-0002-1694-233x", "arXiv:math.CA/0611800v2",
		"https://arxiv.org/abs/2101.00001v2", "hep-th/9901001", "0",
	} {
		f.Add(s)
	}
	sentinel := func(t *testing.T, s string, err error) {
		if !errors.Is(err, citation.ErrSyntax) && !errors.Is(err, citation.ErrChecksum) &&
			!errors.Is(err, citation.ErrInvalidValue) && !errors.Is(err, citation.ErrTooLarge) {
			t.Fatalf("%q: error %v wraps no sentinel", s, err)
		}
		_ = err.Error()
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := citation.ParseISSN(s); err != nil {
			sentinel(t, s, err)
		} else if back, err := citation.ParseISSN(v.String()); err != nil || back != v {
			t.Fatalf("ISSN %q: %q -> %q, %v", s, v, back, err)
		}
		if v, err := citation.ParseISBN(s); err != nil {
			sentinel(t, s, err)
		} else {
			if back, err := citation.ParseISBN(v.String()); err != nil || back != v {
				t.Fatalf("ISBN %q: %q -> %q, %v", s, v, back, err)
			}
			if _, err := citation.ParseISBN(v.ISBN13().String()); err != nil {
				t.Fatalf("ISBN %q: ISBN-13 %q: %v", s, v.ISBN13(), err)
			}
			if ten, ok := v.ISBN10(); ok {
				if _, err := citation.ParseISBN(ten.String()); err != nil || ten.ISBN13() != v.ISBN13() {
					t.Fatalf("ISBN %q: ISBN-10 %q: %v", s, ten, err)
				}
			}
		}
		if v, err := citation.ParsePMID(s); err != nil {
			sentinel(t, s, err)
		} else if back, err := citation.ParsePMID(v.URL()); err != nil || back != v || v == 0 {
			t.Fatalf("PMID %q: %v -> %v, %v", s, v, back, err)
		}
		if v, err := citation.ParsePMCID(s); err != nil {
			sentinel(t, s, err)
		} else if back, err := citation.ParsePMCID(v.URL()); err != nil || back != v || v == 0 {
			t.Fatalf("PMCID %q: %v -> %v, %v", s, v, back, err)
		}
		if v, err := citation.ParseORCID(s); err != nil {
			sentinel(t, s, err)
		} else if back, err := citation.ParseORCID(v.URL()); err != nil || back != v {
			t.Fatalf("ORCID %q: %q -> %q, %v", s, v, back, err)
		}
		if v, err := citation.ParseArXiv(s); err != nil {
			sentinel(t, s, err)
		} else if back, err := citation.ParseArXiv(v.URL()); err != nil || back.String() != v.String() {
			t.Fatalf("arXiv %q: %q -> %q, %v", s, v, back, err)
		}
	})
}

// FuzzDateString checks that every valid Date built by hand prints, with
// String, an EDTF text that ParseDate reads back to the same Date.
func FuzzDateString(f *testing.F) {
	f.Add(2025, 11, 12, 0, 0, 0, 0, false)
	f.Add(2018, 9, 3, 2018, 9, 5, 0, true)
	f.Add(2019, 0, 0, 0, 0, 0, 1, false)
	f.Add(-50, 3, 0, 0, 0, 0, 0, false)
	f.Fuzz(func(t *testing.T, y, m, d, ey, em, ed, season int, circa bool) {
		date := citation.Date{Year: y, Month: m, Day: d, EndYear: ey, EndMonth: em, EndDay: ed,
			Season: citation.Season(season), Circa: circa}
		if date.Valid() != nil || date.Year == 0 {
			return
		}
		back, err := citation.ParseDate(date.String())
		if err != nil || back != date {
			t.Fatalf("%+v -> %q -> %+v, %v", date, date.String(), back, err)
		}
	})
}
