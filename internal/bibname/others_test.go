package bibname_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/citekit/citekit/internal/bibname"
)

// TestFormatFamilyOthers: a person whose last name is "others" is not
// written as the "and others" mark (found by FuzzBibTeXRoundTrip).
func TestFormatFamilyOthers(t *testing.T) {
	for _, last := range []string{"others", "Others"} {
		s := bibname.Format(bibname.Parts{Last: last})
		assert.Equal(t, "{}"+last, s)
		p := bibname.Parse(s)
		assert.False(t, p.Others, s)
		assert.Equal(t, "{}"+last, p.Last, s)
	}
	assert.Equal(t, "others", bibname.Format(bibname.Parts{Others: true}))
	assert.Equal(t, "others, Jane", bibname.Format(bibname.Parts{Last: "others", First: "Jane"}))
}

// TestParseCaselessLetters: a letter without case (Arabic, CJK) does not
// make a word von; BibTeX passes over such bytes and biber over such
// letters (found by FuzzBibTeXRoundTrip).
func TestParseCaselessLetters(t *testing.T) {
	assert.Equal(t, bibname.Parts{First: "ش", Last: "0"}, bibname.Parse("ش 0"))
	assert.Equal(t, bibname.Parts{First: "محمد", Last: "Ali"}, bibname.Parse("محمد Ali"))
	assert.Equal(t, bibname.Parts{First: "Jan ش", Von: "van", Last: "Berg"}, bibname.Parse("Jan ش van Berg"))
	// As bibtex 0.99d reads them (format.name$ "{ff}|{vv}|{ll}"): "ش||0",
	// "Jan~ش|van|Berg", and "|000\b0|0".
	assert.Equal(t, bibname.Parts{Von: `000\b0`, Last: "0"}, bibname.Parse(`000\b0 0`))
}

// TestFormatVonEscapedChar: a von word whose first lower-case letter comes
// after an escaped character (\#) is still written as von (found by
// FuzzBibTeXRoundTrip).
func TestFormatVonEscapedChar(t *testing.T) {
	for _, von := range []string{`A\#000a`, `B{\textbraceleft}x`, `\&c`} {
		s := bibname.Format(bibname.Parts{Von: von, Last: "Smith"})
		p := bibname.Parse(s)
		assert.Equal(t, "Smith", p.Last, s)
		assert.NotEmpty(t, p.Von, s)
	}
}

// TestParseSpecialCharWithoutLetter: a special character with no letter
// in it ({\textgreater}) makes its word neither case, whatever follows it,
// as bibtex 0.99d reads "{\textgreater}x 0" (format.name$ "{ff}|{vv}|{ll}":
// "{\textgreater}x||0"); found by FuzzBibTeXRoundTrip.
func TestParseSpecialCharWithoutLetter(t *testing.T) {
	assert.Equal(t, bibname.Parts{First: `{\textgreater}x`, Last: "0"}, bibname.Parse(`{\textgreater}x 0`))
	assert.Equal(t, bibname.Parts{First: `{\relax}x`, Last: "0"}, bibname.Parse(`{\relax}x 0`))
	assert.Equal(t, bibname.Parts{First: "Jean", Von: `{\'e}t{\'e}`, Last: "Smith"}, bibname.Parse(`Jean {\'e}t{\'e} Smith`))
}

// TestFormatVonAfterCommand: a von word that starts with a command and
// whose first lower-case letter follows a special character is written
// with the part before that letter in a plain group ("{{}...}"), which
// BibTeX skips, as bibtex 0.99d reads "{{}\#{\textbackslash}}a 00"
// ("|{{}\#{\textbackslash}}a|00"); found by FuzzBibTeXRoundTrip.
func TestFormatVonAfterCommand(t *testing.T) {
	s := bibname.Format(bibname.Parts{Von: `\#{\textbackslash}a`, Last: "00"})
	assert.Equal(t, `{{}\#{\textbackslash}}a 00, {}`, s)
	assert.Equal(t, bibname.Parts{First: "{}", Von: `{{}\#{\textbackslash}}a`, Last: "00"}, bibname.Parse(s))
}

// TestFormatHyphenatedLastAlone: BibTeX splits name words at "-" too, so a
// hyphenated last name alone is written "Lloyd-Jones, {}" (found by
// FuzzBibTeXRoundTrip: "0-ÀÀÀ" read back as First 0, Last ÀÀÀ).
func TestFormatHyphenatedLastAlone(t *testing.T) {
	for _, last := range []string{"Lloyd-Jones", "0-ÀÀÀ", "Le~Bon"} {
		s := bibname.Format(bibname.Parts{Last: last})
		assert.Equal(t, last+", {}", s)
		assert.Equal(t, bibname.Parts{First: "{}", Last: last}, bibname.Parse(s))
	}
}

// TestFormatFoldKeepsBraces: folding a von part into a last name that
// begins or ends with a special character keeps the braces balanced (found
// by FuzzBibTeXRoundTrip: "{0̱ \textbackslash}A}" lost the entry).
func TestFormatFoldKeepsBraces(t *testing.T) {
	s := bibname.Format(bibname.Parts{Von: "0̱", Last: `{\textbackslash}A`})
	assert.Equal(t, `{0̱ {\textbackslash}A}, {}`, s)
	assert.Equal(t, bibname.Parts{First: "{}", Last: `{0̱ {\textbackslash}A}`}, bibname.Parse(s))
}

// TestFormatSeparatorsAtEnds: BibTeX drops separators at the ends of a
// part, so a part that starts or ends with one is written with it braced
// (found by FuzzBibTeXRoundTrip). Parse gives the braces back, which the
// reader then removes from the text.
func TestFormatSeparatorsAtEnds(t *testing.T) {
	for _, tc := range []struct {
		in   bibname.Parts
		want bibname.Parts
	}{
		{bibname.Parts{Von: "-a", Last: "0"}, bibname.Parts{Von: "{-}a", Last: "0", First: "{}"}},
		{bibname.Parts{Von: "a-", Last: "B"}, bibname.Parts{Von: "a{-}", Last: "B", First: "{}"}},
		{bibname.Parts{Von: "a", Last: "-B"}, bibname.Parts{Von: "a", Last: "{-B}", First: "{}"}},
		{bibname.Parts{Last: "B-", First: "-J"}, bibname.Parts{Last: "{B-}", First: "{-J}"}},
		{bibname.Parts{Last: "B", Jr: "Jr-", First: "J"}, bibname.Parts{Last: "B", Jr: "{Jr-}", First: "J"}},
	} {
		s := bibname.Format(tc.in)
		assert.Equal(t, tc.want, bibname.Parse(s), s)
	}
}
