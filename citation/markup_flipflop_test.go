package citation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/citekit/citekit/citation"
)

func TestParseMarkupFlipFlop(t *testing.T) {
	in := "<i>On <i>Hamlet</i> and <b>b<b>n</b></b></i>"
	assert.Equal(t, []citation.Run{
		{Text: "On ", Style: citation.Italic},
		{Text: "Hamlet", Style: 0},
		{Text: " and ", Style: citation.Italic},
		{Text: "b", Style: citation.Italic | citation.Bold},
		{Text: "n", Style: citation.Italic},
	}, citation.ParseMarkupFlipFlop(in))
	// ParseMarkup keeps the union of the styles.
	assert.Equal(t, []citation.Run{
		{Text: "On Hamlet and ", Style: citation.Italic},
		{Text: "bn", Style: citation.Italic | citation.Bold},
	}, citation.ParseMarkup(in))
	// Other styles add up in both.
	assert.Equal(t, citation.ParseMarkup("<sup><sup>x</sup></sup>"), citation.ParseMarkupFlipFlop("<sup><sup>x</sup></sup>"))
}
