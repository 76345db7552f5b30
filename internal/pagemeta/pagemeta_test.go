package pagemeta_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/pagemeta"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]citation.Date{
		"2024-06-01 10:00:00 +0000": {Year: 2024, Month: 6, Day: 1},
		"2012-02-04 12:00:00":       {Year: 2012, Month: 2, Day: 4},
		"2026-02-02T09:08:50":       {Year: 2026, Month: 2, Day: 2},
		"11-12-2025":                {Year: 2025, Month: 11, Day: 12},
		"Spring 2019":               {Year: 2019, Season: citation.Spring},
	} {
		got, err := pagemeta.ParseDate(in, citation.OrderMDY)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := pagemeta.ParseDate("", citation.OrderMDY)
	assert.ErrorIs(t, err, citation.ErrSyntax)
	_, err = pagemeta.ParseDate("2025-02-30", citation.OrderMDY)
	assert.ErrorIs(t, err, citation.ErrInvalidValue)
}

func TestISSNs(t *testing.T) {
	assert.Equal(t, []string{"0270-6474", "1529-2401"}, pagemeta.ISSNs("0270-6474 (Print); 1529-2401 (Electronic); 1529-2401 (Linking)"))
	assert.Equal(t, []string{"0028-646X"}, pagemeta.ISSNs("0028646x"))
	assert.Equal(t, []string{"1234-5678"}, pagemeta.ISSNs("ISSN 1234 5678"), "a bad check digit is kept for validation")
	assert.Empty(t, pagemeta.ISSNs("12345-6789 and 123-4567 and 978026203384"))
}

func TestCleanDOI(t *testing.T) {
	for in, want := range map[string]string{
		"https://doi.org/10.1523/jneurosci.1353-25.2025": "10.1523/jneurosci.1353-25.2025",
		"doi:10.1000/xyz": "10.1000/xyz",
		"info:doi/http://dx.doi.org/10.5555/1234567": "10.5555/1234567",
		"info:doi/10.5555%2F1234567":                 "10.5555/1234567",
		"not a doi":                                  "",
		"":                                           "",
	} {
		assert.Equal(t, want, pagemeta.CleanDOI(in), in)
	}
}

func TestSplitListAndNames(t *testing.T) {
	assert.Equal(t, []string{"a", "b c", "d"}, pagemeta.SplitList(" a ;b   c,, d ,"))
	assert.Nil(t, pagemeta.SplitList(" ; , "))
	assert.True(t, pagemeta.IsSuffix("Jr."))
	assert.False(t, pagemeta.IsSuffix("John"))
	assert.Equal(t, citation.Name{Given: "Robert W.", Family: "Burgess"}, pagemeta.SplitName("Burgess, Robert W."))
}
