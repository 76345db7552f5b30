package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	in := strings.Join([]string{
		"https://doi.org/10.1523/JNEUROSCI.1353-25.2025.",
		"10.abc/xyz",
		"",
		"ISSN 1529-2401",
		"1529-2402",
		"0-306-40615-2",
		"PMC1201448",
		"0000-0002-1825-0098",
		"arXiv:1501.00001v2",
		"41224997",
	}, "\n")
	var out strings.Builder
	invalid, err := check(strings.NewReader(in), &out, "auto")
	require.NoError(t, err)
	assert.True(t, invalid)
	assert.Equal(t, strings.Join([]string{
		"https://doi.org/10.1523/JNEUROSCI.1353-25.2025.\tvalid\tDOI\t10.1523/JNEUROSCI.1353-25.2025",
		"10.abc/xyz\tinvalid\tDOI\tregistrant code must be digits",
		"ISSN 1529-2401\tvalid\tISSN\t1529-2401",
		"1529-2402\tinvalid\tISSN\tcheck digit is 2, want 1",
		"0-306-40615-2\tvalid\tISBN\t9780306406157",
		"PMC1201448\tvalid\tPMCID\tPMC1201448",
		"0000-0002-1825-0098\tinvalid\tORCID\tcheck digit is 8, want 7",
		"arXiv:1501.00001v2\tvalid\tarXiv\t1501.00001v2",
		"41224997\tvalid\tPMID\t41224997",
		"",
	}, "\n"), out.String())

	out.Reset()
	invalid, err = check(strings.NewReader("15292401\n"), &out, "issn")
	require.NoError(t, err)
	assert.False(t, invalid)
	assert.Equal(t, "15292401\tvalid\tISSN\t1529-2401\n", out.String())
}
