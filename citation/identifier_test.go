package citation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDOI(t *testing.T) {
	tests := []struct {
		in, want, prefix, suffix string
	}{
		{"10.1000/182", "10.1000/182", "10.1000", "182"},
		{"doi:10.1000/182", "10.1000/182", "10.1000", "182"},
		{"DOI: 10.1000/182", "10.1000/182", "10.1000", "182"},
		{"DOI 10.1000/182", "10.1000/182", "10.1000", "182"},
		{"https://doi.org/10.1000/182", "10.1000/182", "10.1000", "182"},
		{"http://dx.doi.org/10.1000/182", "10.1000/182", "10.1000", "182"},
		{"HTTPS://DOI.ORG/10.1000/182", "10.1000/182", "10.1000", "182"},
		{"doi.org/10.1000/182", "10.1000/182", "10.1000", "182"},
		{"https://doi.org/10.1000/182?locatt=mode:legacy", "10.1000/182", "10.1000", "182"},
		{"info:doi/10.1000/182", "10.1000/182", "10.1000", "182"},
		{"urn:doi:10.1000/182", "10.1000/182", "10.1000", "182"},
		{"urn:doi:10.123:456", "10.123/456", "10.123", "456"},
		{"10.1000/182 [doi]", "10.1000/182", "10.1000", "182"},
		{"  10.1000/182\n", "10.1000/182", "10.1000", "182"},
		{"10.1000.10/abc", "10.1000.10/abc", "10.1000.10", "abc"},
		{"10.123/ABC", "10.123/ABC", "10.123", "ABC"},
		// Worked example: host and final period stripped, case kept.
		{"https://doi.org/10.1523/JNEUROSCI.1353-25.2025.", "10.1523/JNEUROSCI.1353-25.2025", "10.1523", "JNEUROSCI.1353-25.2025"},
		// URL-encoded (Scopus).
		{"10.1016%2fj.foreco.2020.118", "10.1016/j.foreco.2020.118", "10.1016", "j.foreco.2020.118"},
		{"https://doi.org/10.1000%2F182", "10.1000/182", "10.1000", "182"},
		// SICI DOIs.
		{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1002", "(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"},
		{"10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1002", "(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"},
		{"10.1658/1402-2001(2004)007[0221:SDAMOT]2.0.CO;2", "10.1658/1402-2001(2004)007[0221:SDAMOT]2.0.CO;2", "10.1658", "1402-2001(2004)007[0221:SDAMOT]2.0.CO;2"},
		{"10.1016/S0140-6736(20)30183-5", "10.1016/S0140-6736(20)30183-5", "10.1016", "S0140-6736(20)30183-5"},
		// Suffixes may contain slashes and non-ASCII letters.
		{"10.1000/a/b/c", "10.1000/a/b/c", "10.1000", "a/b/c"},
		{"10.1000/café", "10.1000/café", "10.1000", "café"},
		{"\ufeff10.1000/ab\u00adc\u200b", "10.1000/abc", "10.1000", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := citation.ParseDOI(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, d.String())
			assert.Equal(t, tt.prefix, d.Prefix())
			assert.Equal(t, tt.suffix, d.Suffix())
			assert.False(t, d.IsZero())
			// The URL reads back to the same DOI.
			back, err := citation.ParseDOI(d.URL())
			require.NoError(t, err, d.URL())
			assert.Equal(t, d, back)
		})
	}
}

func TestParseDOIErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"", citation.ErrSyntax},
		{"   ", citation.ErrSyntax},
		{"11.1000/182", citation.ErrSyntax},  // directory must be 10
		{"10.1523", citation.ErrSyntax},      // no suffix
		{"10.1523/", citation.ErrSyntax},     // empty suffix
		{"10.abc/xyz", citation.ErrSyntax},   // registrant must be digits
		{"10./xyz", citation.ErrSyntax},      // empty registrant
		{"10.1000./xyz", citation.ErrSyntax}, // empty registrant part
		{"10..1000/xyz", citation.ErrSyntax},
		{"doi: 10.1000/abc def", citation.ErrSyntax}, // white space: ParseDOI does not extract
		{"10.1000/abc\x00", citation.ErrSyntax},
		{"10.1000/abc\xff", citation.ErrSyntax},
		{"https://example.com/10.1000/182", citation.ErrSyntax},
		{"doi:", citation.ErrSyntax},
		{"10.1000/" + string(make([]byte, 3000)), citation.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := citation.ParseDOI(tt.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, d.IsZero())
			var ie *citation.IdentifierError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, "DOI", ie.Type)
			assert.Equal(t, tt.in, ie.Input)
		})
	}
}

func TestDOIEqual(t *testing.T) {
	a, err := citation.ParseDOI("https://doi.org/10.1523/JNEUROSCI.1353-25.2025.")
	require.NoError(t, err)
	b, err := citation.ParseDOI("10.1523/jneurosci.1353-25.2025")
	require.NoError(t, err)
	assert.True(t, a.Equal(b))
	assert.NotEqual(t, a.String(), b.String(), "the received form is kept")
	assert.Equal(t, a.Key(), b.Key())
	assert.Equal(t, "10.1523/jneurosci.1353-25.2025", a.Key())

	// Only ASCII folds.
	c, _ := citation.ParseDOI("10.1000/É")
	e, _ := citation.ParseDOI("10.1000/é")
	assert.False(t, c.Equal(e))
	assert.NotEqual(t, c.Key(), e.Key())

	x, _ := citation.ParseDOI("10.1000/abc")
	y, _ := citation.ParseDOI("10.1000/abd")
	assert.False(t, x.Equal(y))
	assert.True(t, citation.DOI{}.Equal(citation.DOI{}))
	assert.Equal(t, "", citation.DOI{}.URL())
}

func TestDOIURL(t *testing.T) {
	d, err := citation.ParseDOI("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")
	require.NoError(t, err)
	assert.Equal(t, "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0", d.URL())
	d, err = citation.ParseDOI("10.1000/a#b?c%d")
	require.NoError(t, err)
	assert.Equal(t, "https://doi.org/10.1000/a%23b%3Fc%25d", d.URL())
	d, err = citation.ParseDOI("10.1000/./x/../y")
	require.NoError(t, err)
	assert.Equal(t, "https://doi.org/10.1000/.%2Fx/..%2Fy", d.URL())
	back, err := citation.ParseDOI(d.URL())
	require.NoError(t, err)
	assert.Equal(t, d, back)
	d, err = citation.ParseDOI("10.1000/café")
	require.NoError(t, err)
	assert.Equal(t, "https://doi.org/10.1000/caf%C3%A9", d.URL())
}

func TestParseISSN(t *testing.T) {
	tests := []struct {
		in, want string
		check    rune
	}{
		{"1529-2401", "1529-2401", '1'}, // J Neurosci, electronic
		{"0270-6474", "0270-6474", '4'}, // J Neurosci, print
		{"0317-8471", "0317-8471", '1'}, // ISSN Manual example
		{"0378-5955", "0378-5955", '5'},
		{"0264-2875", "0264-2875", '5'},
		{"1750-0095", "1750-0095", '5'},
		{"ISSN 1529-2401", "1529-2401", '1'},
		{"ISSN: 1529-2401", "1529-2401", '1'},
		{"eISSN 1529-2401", "1529-2401", '1'},
		{"e-ISSN: 1529-2401", "1529-2401", '1'},
		{"ISSN-L 0264-2875", "0264-2875", '5'},
		{"urn:ISSN:1529-2401", "1529-2401", '1'},
		{"1529-2401 (Electronic)", "1529-2401", '1'},
		{"0270-6474 (Print)", "0270-6474", '4'},
		{"0270-6474 (Linking)", "0270-6474", '4'},
		{"15292401 (ISSN)", "1529-2401", '1'},
		{"15292401", "1529-2401", '1'}, // Scopus
		{"1529 2401", "1529-2401", '1'},
		{"1529\u20132401", "1529-2401", '1'}, // en dash
		// Check characters X and 0.
		{"0000-006x", "0000-006X", 'X'},
		{"2434-561X", "2434-561X", 'X'},
		{"0000-0000", "0000-0000", '0'},
		{"2049-3630", "2049-3630", '0'},
		{"0011-0000", "0011-0000", '0'},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := citation.ParseISSN(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, n.String())
			assert.Equal(t, tt.check, n.Check())
			assert.Equal(t, "https://portal.issn.org/resource/ISSN/"+tt.want, n.URL())
			back, err := citation.ParseISSN(n.String())
			require.NoError(t, err)
			assert.Equal(t, n, back)
		})
	}
}

func TestParseISSNErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"1529-2402", citation.ErrChecksum}, // should end 1
		{"0378-595X", citation.ErrChecksum}, // should end 5
		{"2434-5610", citation.ErrChecksum}, // should end X
		{"2049-363X", citation.ErrChecksum}, // should end 0
		{"1000-0200", citation.ErrChecksum}, // should end 8
		{"1529-240", citation.ErrSyntax},
		{"1529-24011", citation.ErrSyntax},
		{"X529-2401", citation.ErrSyntax},
		{"1529-2401a", citation.ErrSyntax},
		{"", citation.ErrSyntax},
		{"ISSN", citation.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := citation.ParseISSN(tt.in)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, n.IsZero())
		})
	}
	_, err := citation.ParseISSN("1529-2402")
	assert.EqualError(t, err, `citation: invalid ISSN "1529-2402": check digit is 2, want 1`)
}

func TestParseISBN(t *testing.T) {
	tests := []struct {
		in, want, want13, want10 string
		check                    rune
	}{
		{"0-306-40615-2", "0306406152", "9780306406157", "0306406152", '2'},
		{"978-0-306-40615-7", "9780306406157", "9780306406157", "0306406152", '7'},
		{"3-16-148410-X", "316148410X", "9783161484100", "316148410X", 'X'},
		{"3-16-148410-x", "316148410X", "9783161484100", "316148410X", 'X'},
		{"978-3-16-148410-0", "9783161484100", "9783161484100", "316148410X", '0'},
		{"0-8044-2957-X", "080442957X", "9780804429573", "080442957X", 'X'},
		{"978-0-8044-2957-3", "9780804429573", "9780804429573", "080442957X", '3'},
		{"ISBN 0-306-40615-2", "0306406152", "9780306406157", "0306406152", '2'},
		{"ISBN-13: 978-0-306-40615-7", "9780306406157", "9780306406157", "0306406152", '7'},
		{"ISBN-10: 0 306 40615 2", "0306406152", "9780306406157", "0306406152", '2'},
		{"urn:isbn:9780306406157", "9780306406157", "9780306406157", "0306406152", '7'},
		{"9780306406157 (pbk.)", "9780306406157", "9780306406157", "0306406152", '7'},
		{"978\u20130\u2010306\u201140615\u22127", "9780306406157", "9780306406157", "0306406152", '7'},
		{"979-10-90636-07-1", "9791090636071", "9791090636071", "", '1'},
		{"0-9752298-0-X", "097522980X", "9780975229804", "097522980X", 'X'},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := citation.ParseISBN(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, n.String())
			assert.Equal(t, tt.check, n.Check())
			assert.Equal(t, len(tt.want) == 13, n.Is13())
			assert.Equal(t, tt.want13, n.ISBN13().String())
			ten, ok := n.ISBN10()
			assert.Equal(t, tt.want10 != "", ok)
			assert.Equal(t, tt.want10, ten.String())
			// Conversions give valid ISBNs.
			_, err = citation.ParseISBN(n.ISBN13().String())
			assert.NoError(t, err)
		})
	}
}

func TestParseISBNErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"0-306-40615-3", citation.ErrChecksum},
		{"978-0-306-40615-8", citation.ErrChecksum},
		{"3-16-148410-0", citation.ErrChecksum}, // should end X
		{"978-3-16-148410-1", citation.ErrChecksum},
		{"977-0-306-40615-7", citation.ErrInvalidValue},
		{"978-0-306-40615", citation.ErrSyntax},
		{"978-0-306-40615-7-1", citation.ErrSyntax},
		{"X-306-40615-2", citation.ErrSyntax},
		{"978030640615X", citation.ErrSyntax},
		{"ISBN", citation.ErrSyntax},
		{"", citation.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := citation.ParseISBN(tt.in)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, n.IsZero())
		})
	}
}

func TestParsePMID(t *testing.T) {
	tests := []struct {
		in   string
		want citation.PMID
	}{
		{"12345678", 12345678},
		{"PMID: 12345678", 12345678},
		{"PMID 12345678", 12345678},
		{"PMID:12345678", 12345678},
		{"12345678 [pmid]", 12345678},
		{"info:pmid/12345678", 12345678},
		{"https://pubmed.ncbi.nlm.nih.gov/41224997/", 41224997},
		{"https://www.ncbi.nlm.nih.gov/pubmed/41224997", 41224997},
		{"1", 1},
		{"41533020", 41533020},
		{"123456789", 123456789}, // nine digits: syntax ok, Validate warns
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := citation.ParsePMID(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p)
			back, err := citation.ParsePMID(p.String())
			require.NoError(t, err)
			assert.Equal(t, p, back)
		})
	}
	p, _ := citation.ParsePMID("41224997")
	assert.Equal(t, "https://pubmed.ncbi.nlm.nih.gov/41224997/", p.URL())
	assert.Equal(t, "", citation.PMID(0).String())
	assert.True(t, citation.PMID(0).IsZero())
}

func TestParsePMIDErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"0", citation.ErrInvalidValue},
		{"-5", citation.ErrSyntax},
		{"012345", citation.ErrSyntax},
		{"12a45", citation.ErrSyntax},
		{"PMC1234567", citation.ErrSyntax},
		{"1234567890", citation.ErrInvalidValue},
		{"", citation.ErrSyntax},
		{"PMID:", citation.ErrSyntax},
		{"1.5", citation.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := citation.ParsePMID(tt.in)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, p.IsZero())
		})
	}
}

func TestParsePMCID(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"PMC38908", "PMC38908"},
		{"PMC1201448", "PMC1201448"},
		{"PMC8816568", "PMC8816568"},
		{"PMC12823435", "PMC12823435"},
		{"pmc1201448", "PMC1201448"},
		{"PMC 1201448", "PMC1201448"},
		{"PMCID: PMC1201448", "PMC1201448"},
		{"https://pmc.ncbi.nlm.nih.gov/articles/PMC1201448/", "PMC1201448"},
		{"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1201448/", "PMC1201448"},
		{"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1201448/pdf/nihms.pdf", "PMC1201448"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := citation.ParsePMCID(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.String())
			assert.Equal(t, "https://pmc.ncbi.nlm.nih.gov/articles/"+tt.want+"/", p.URL())
		})
	}
	for _, in := range []string{"12807602", "NIHMS1773706", "PMC", "PMC0", "PMC012", "PMC12a", "", "PMC1234567890"} {
		p, err := citation.ParsePMCID(in)
		assert.Error(t, err, in)
		assert.True(t, p.IsZero())
		var ie *citation.IdentifierError
		assert.True(t, errors.As(err, &ie))
	}
	_, err := citation.ParsePMCID("12807602")
	assert.ErrorIs(t, err, citation.ErrSyntax)
	_, err = citation.ParsePMCID("PMC0")
	assert.ErrorIs(t, err, citation.ErrInvalidValue)
}

func TestParseORCID(t *testing.T) {
	tests := []struct {
		in, want string
		check    rune
	}{
		{"0000-0002-1825-0097", "0000-0002-1825-0097", '7'},
		{"0000-0002-1694-233X", "0000-0002-1694-233X", 'X'},
		{"0000-0002-1694-233x", "0000-0002-1694-233X", 'X'},
		{"0009-0001-5055-9262", "0009-0001-5055-9262", '2'},
		{"https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", '7'},
		{"http://orcid.org/0000-0002-1825-0097/", "0000-0002-1825-0097", '7'},
		{"orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", '7'},
		{"ORCID: 0000-0002-1825-0097", "0000-0002-1825-0097", '7'},
		{"orcid:0000-0002-1825-0097", "0000-0002-1825-0097", '7'},
		{"0000000218250097", "0000-0002-1825-0097", '7'},
		{"0000 0002 1825 0097", "0000-0002-1825-0097", '7'},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			o, err := citation.ParseORCID(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, o.String())
			assert.Equal(t, tt.check, o.Check())
			assert.Equal(t, "https://orcid.org/"+tt.want, o.URL())
		})
	}
	for _, tt := range []struct {
		in  string
		err error
	}{
		{"0000-0002-1825-0098", citation.ErrChecksum},
		{"0000-0002-1694-2330", citation.ErrChecksum},
		{"0000-0002-1825-009", citation.ErrSyntax},
		{"0000-0002-1825-00977", citation.ErrSyntax},
		{"X000-0002-1825-0097", citation.ErrSyntax},
		{"https://example.org/0000-0002-1825-0097", citation.ErrSyntax},
		{"", citation.ErrSyntax},
	} {
		o, err := citation.ParseORCID(tt.in)
		assert.ErrorIs(t, err, tt.err, tt.in)
		assert.True(t, o.IsZero())
	}
}

func TestParseArXiv(t *testing.T) {
	tests := []struct {
		in, want, id, subject string
		version               int
		old                   bool
	}{
		{"1501.00001", "1501.00001", "1501.00001", "", 0, false},
		{"arXiv:1501.00001v2", "1501.00001v2", "1501.00001", "", 2, false},
		{"arxiv:2101.00001v12", "2101.00001v12", "2101.00001", "", 12, false},
		{"0704.0001", "0704.0001", "0704.0001", "", 0, false},
		{"1412.9999v1", "1412.9999v1", "1412.9999", "", 1, false},
		{"hep-th/9901001", "hep-th/9901001", "hep-th/9901001", "", 0, true},
		{"math.CA/0611800v2", "math/0611800v2", "math/0611800", "CA", 2, true},
		{"arXiv:math/0611800v2", "math/0611800v2", "math/0611800", "", 2, true},
		{"cond-mat/0703001", "cond-mat/0703001", "cond-mat/0703001", "", 0, true},
		{"q-bio/0510001", "q-bio/0510001", "q-bio/0510001", "", 0, true},
		{"https://arxiv.org/abs/2101.00001v2", "2101.00001v2", "2101.00001", "", 2, false},
		{"https://arxiv.org/pdf/2101.00001v2.pdf", "2101.00001v2", "2101.00001", "", 2, false},
		{"http://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", "hep-th/9901001", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := citation.ParseArXiv(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.String())
			assert.Equal(t, tt.id, a.ID())
			assert.Equal(t, tt.subject, a.Subject())
			assert.Equal(t, tt.version, a.Version())
			assert.Equal(t, tt.old, a.OldScheme())
			assert.Equal(t, "https://arxiv.org/abs/"+tt.want, a.URL())
		})
	}
	for _, in := range []string{
		"1501.0001",   // five digits from 1501
		"1412.00001",  // four digits to 1412
		"0703.0001",   // new scheme starts 0704
		"1513.00001",  // month 13
		"1501.00001v", // empty version
		"1501.00001v0",
		"hep-th/990100",  // six digits
		"hep-th/9913001", // month 13
		"HEP-TH/9901001", // archive is lower case
		"hep-th/0801001", // old scheme ended March 2007
		"10.1000/182",
		"",
	} {
		a, err := citation.ParseArXiv(in)
		assert.ErrorIs(t, err, citation.ErrSyntax, in)
		assert.True(t, a.IsZero(), in)
	}
}

func TestIdentifierErrorTruncates(t *testing.T) {
	long := "10.1000/" + strings.Repeat("a b", 100)
	_, err := citation.ParseDOI(long)
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 200)
}
