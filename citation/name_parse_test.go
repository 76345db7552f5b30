package citation_test

import (
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want citation.Name
		str  string
	}{
		{"Burgess, Robert W.", citation.Name{Family: "Burgess", Given: "Robert W."}, "Robert W. Burgess"},
		{"Robert W. Burgess", citation.Name{Family: "Burgess", Given: "Robert W."}, "Robert W. Burgess"},
		{"  Burgess ,\n Robert  W. ", citation.Name{Family: "Burgess", Given: "Robert W."}, "Robert W. Burgess"},
		{"Smith, J.A.", citation.Name{Family: "Smith", Given: "J.A."}, "J.A. Smith"},
		{"Smith,", citation.Name{Family: "Smith"}, "Smith"},
		{"Plato", citation.Name{Family: "Plato"}, "Plato"},
		{"Smith-Jones, Anna", citation.Name{Family: "Smith-Jones", Given: "Anna"}, "Anna Smith-Jones"},
		// Particles.
		{"van der Berg, Jan", citation.Name{Family: "Berg", Given: "Jan", NonDroppingParticle: "van der"}, "Jan van der Berg"},
		{"Jan van der Berg", citation.Name{Family: "Berg", Given: "Jan", NonDroppingParticle: "van der"}, "Jan van der Berg"},
		{"Vincent van Gogh", citation.Name{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"}, "Vincent van Gogh"},
		{"Humboldt, Alexander von", citation.Name{Family: "Humboldt", Given: "Alexander", DroppingParticle: "von"}, "Alexander von Humboldt"},
		{"Berg, Jan van der", citation.Name{Family: "Berg", Given: "Jan", DroppingParticle: "van der"}, "Jan van der Berg"},
		{"de la Fontaine, Jean", citation.Name{Family: "Fontaine", Given: "Jean", NonDroppingParticle: "de la"}, "Jean de la Fontaine"},
		{"Ludwig van Beethoven", citation.Name{Family: "Beethoven", Given: "Ludwig", NonDroppingParticle: "van"}, "Ludwig van Beethoven"},
		{"van der Berg", citation.Name{Family: "Berg", NonDroppingParticle: "van der"}, "van der Berg"},
		{"De Gaulle, Charles", citation.Name{Family: "De Gaulle", Given: "Charles"}, "Charles De Gaulle"},
		{"Ortega y Gasset, José", citation.Name{Family: "Ortega y Gasset", Given: "José"}, "José Ortega y Gasset"},
		{"Jan in 't Veld", citation.Name{Family: "Veld", Given: "Jan", NonDroppingParticle: "in 't"}, "Jan in 't Veld"},
		// Suffixes.
		{"Smith, Jr., John", citation.Name{Family: "Smith", Given: "John", Suffix: "Jr."}, "John Smith Jr."},
		{"Smith, John, Jr.", citation.Name{Family: "Smith", Given: "John", Suffix: "Jr.", CommaSuffix: true}, "John Smith, Jr."},
		{"John Smith Jr.", citation.Name{Family: "Smith", Given: "John", Suffix: "Jr."}, "John Smith Jr."},
		{"John Smith III", citation.Name{Family: "Smith", Given: "John", Suffix: "III"}, "John Smith III"},
		{"Martin Luther King, Jr.", citation.Name{Family: "King", Given: "Martin Luther", Suffix: "Jr.", CommaSuffix: true}, "Martin Luther King, Jr."},
		{"King, Jr.", citation.Name{Family: "King", Suffix: "Jr.", CommaSuffix: true}, "King, Jr."},
		{"King Jr, Martin Luther", citation.Name{Family: "King", Given: "Martin Luther", Suffix: "Jr"}, "Martin Luther King Jr"},
		{"van der Berg, Jr., Jan", citation.Name{Family: "Berg", Given: "Jan", NonDroppingParticle: "van der", Suffix: "Jr."}, "Jan van der Berg Jr."},
		// Degrees.
		{"John Smith, MD", citation.Name{Family: "Smith", Given: "John", Suffix: "MD", CommaSuffix: true}, "John Smith, MD"},
		{"Jane Roe, PhD, MPH", citation.Name{Family: "Roe", Given: "Jane", Suffix: "PhD, MPH", CommaSuffix: true}, "Jane Roe, PhD, MPH"},
		{"Smith, John, MD", citation.Name{Family: "Smith", Given: "John", Suffix: "MD", CommaSuffix: true}, "John Smith, MD"},
		{"Smith, MA", citation.Name{Family: "Smith", Given: "MA"}, "MA Smith"},
		// MEDLINE forms found in free text.
		{"Smith JA", citation.Name{Family: "Smith", Given: "J. A."}, "J. A. Smith"},
		{"van der Berg J", citation.Name{Family: "Berg", Given: "J.", NonDroppingParticle: "van der"}, "J. van der Berg"},
		{"Smith JA Jr", citation.Name{Family: "Smith", Given: "J. A.", Suffix: "Jr."}, "J. A. Smith Jr."},
		{"Smith J.", citation.Name{Family: "Smith", Given: "J."}, "J. Smith"},
		{"Smith J. A.", citation.Name{Family: "Smith", Given: "J. A."}, "J. A. Smith"},
		{"Smith J.A.", citation.Name{Family: "Smith", Given: "J. A."}, "J. A. Smith"},
		{"J. A. Smith", citation.Name{Family: "Smith", Given: "J. A."}, "J. A. Smith"},
		{"J Smith", citation.Name{Family: "Smith", Given: "J"}, "J Smith"},
		{"J. R. R. Tolkien", citation.Name{Family: "Tolkien", Given: "J. R. R."}, "J. R. R. Tolkien"},
		// Organizations.
		{"World Health Organization", citation.Name{Literal: "World Health Organization"}, "World Health Organization"},
		{"Harvard University", citation.Name{Literal: "Harvard University"}, "Harvard University"},
		{"National Institute of Mental Health", citation.Name{Literal: "National Institute of Mental Health"}, "National Institute of Mental Health"},
		{"ENCODE Project Consortium", citation.Name{Literal: "ENCODE Project Consortium"}, "ENCODE Project Consortium"},
		{"CDC Working Group", citation.Name{Literal: "CDC Working Group"}, "CDC Working Group"},
		{"Committee on Publication Ethics", citation.Name{Literal: "Committee on Publication Ethics"}, "Committee on Publication Ethics"},
		{"Bell Laboratories", citation.Name{Literal: "Bell Laboratories"}, "Bell Laboratories"},
		{"Acme, Inc.", citation.Name{Literal: "Acme, Inc."}, "Acme, Inc."},
		{"American Psychological Association", citation.Name{Literal: "American Psychological Association"}, "American Psychological Association"},
		{"Department of Health", citation.Name{Literal: "Department of Health"}, "Department of Health"},
		{"Royal Society", citation.Name{Literal: "Royal Society"}, "Royal Society"},
		{"Smith & Wesson", citation.Name{Literal: "Smith & Wesson"}, "Smith & Wesson"},
		{"Press, William H.", citation.Name{Family: "Press", Given: "William H."}, "William H. Press"},
		{"a, b, c, d", citation.Name{Literal: "a, b, c, d"}, "a, b, c, d"},
		// Others.
		{"et al.", citation.Name{Others: true}, "others"},
		{"others", citation.Name{Others: true}, "others"},
		// Unicode NFC.
		{"Mu\u0308ller, Jo\u0308rg", citation.Name{Family: "Müller", Given: "Jörg"}, "Jörg Müller"},
		{"Gödel, Kurt", citation.Name{Family: "Gödel", Given: "Kurt"}, "Kurt Gödel"},
		{"", citation.Name{}, ""},
		{"   ", citation.Name{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := citation.ParseName(tt.in)
			assert.Equal(t, tt.want, n)
			assert.Equal(t, tt.str, n.String())
			// Displaying and parsing again gives the same display.
			assert.Equal(t, tt.str, citation.ParseName(n.String()).String())
		})
	}
}

func TestParseMedlineName(t *testing.T) {
	tests := []struct {
		in   string
		want citation.Name
	}{
		{"Smith JA", citation.Name{Family: "Smith", Given: "J. A."}},
		{"Smith J", citation.Name{Family: "Smith", Given: "J."}},
		{"van der Berg J", citation.Name{Family: "Berg", Given: "J.", NonDroppingParticle: "van der"}},
		{"Smith JA Jr", citation.Name{Family: "Smith", Given: "J. A.", Suffix: "Jr."}},
		{"Smith JA 3rd", citation.Name{Family: "Smith", Given: "J. A.", Suffix: "3rd"}},
		{"Nguyen T-H", citation.Name{Family: "Nguyen", Given: "T.-H."}},
		{"Nguyen T.-H.", citation.Name{Family: "Nguyen", Given: "T.-H."}},
		{"Smith J. A.", citation.Name{Family: "Smith", Given: "J. A."}},
		{"Garcia-Lopez MJ", citation.Name{Family: "Garcia-Lopez", Given: "M. J."}},
		{"Müller Ö", citation.Name{Family: "Müller", Given: "Ö."}},
		{"De Vries AB", citation.Name{Family: "De Vries", Given: "A. B."}},
		{"Smith, John A", citation.Name{Family: "Smith", Given: "John A"}}, // FAU
		{"Smith", citation.Name{Family: "Smith"}},
		{"ENCODE Project Consortium", citation.Name{Literal: "ENCODE Project Consortium"}},
		{"", citation.Name{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, citation.ParseMedlineName(tt.in))
		})
	}
}

func TestNameSortKey(t *testing.T) {
	assert.Equal(t, "Berg van der Jan", citation.ParseName("Jan van der Berg").SortKey())
	assert.Equal(t, "King Martin Luther Jr.", citation.ParseName("Martin Luther King, Jr.").SortKey())
	assert.Equal(t, "World Health Organization", citation.ParseName("World Health Organization").SortKey())
}

func BenchmarkParseName(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"family-given", "Burgess, Robert W."},
		{"given-family", "Jan van der Berg"},
		{"medline", "Smith JA"},
		{"organization", "World Health Organization"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = citation.ParseName(bb.in)
			}
		})
	}
}
