package citation_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validRecord returns a complete, valid journal article.
func validRecord() *citation.Citation {
	return &citation.Citation{
		ID:             "smith2025",
		Type:           citation.TypeArticleJournal,
		Title:          "A study of things",
		ContainerTitle: "Journal of Neuroscience",
		Authors: []citation.Name{
			{Family: "Smith", Given: "J. A.", ORCID: "0000-0002-1825-0097"},
			{Literal: "ENCODE Project Consortium"},
			{Others: true},
		},
		Issued:   citation.Date{Year: 2025, Month: 11, Day: 12},
		Accessed: citation.Date{Year: 2026, Month: 1, Day: 2},
		DOI:      "10.1523/JNEUROSCI.1353-25.2025",
		ISSN:     []string{"0270-6474", "1529-2401"},
		ISBN:     []string{"9780306406157"},
		PMID:     "41224997",
		PMCID:    "PMC1201448",
		ArXiv:    "2101.00001v2",
		URL:      "https://www.jneurosci.org/content/45/1/e1353252025",
	}
}

func TestValidateValid(t *testing.T) {
	c := validRecord()
	assert.Nil(t, c.Validate())
	assert.NoError(t, c.Validate().Err())
	allocs := testing.AllocsPerRun(50, func() { _ = c.Validate() })
	assert.Zero(t, allocs, "Validate allocates on a valid record")
}

func TestValidate(t *testing.T) {
	type want struct {
		field, rule string
		sev         citation.Severity
		err         error
	}
	tests := []struct {
		name   string
		modify func(c *citation.Citation)
		want   []want
	}{
		{"missing title", func(c *citation.Citation) { c.Title = " " },
			[]want{{"title", citation.RuleRequired, citation.SeverityError, citation.ErrMissingField}}},
		{"no type", func(c *citation.Citation) { c.Type = "" },
			[]want{{"type", citation.RuleType, citation.SeverityWarning, citation.ErrMissingField}}},
		{"unknown type", func(c *citation.Citation) { c.Type = "journal-article" },
			[]want{{"type", citation.RuleType, citation.SeverityWarning, citation.ErrInvalidValue}}},
		{"journal article without journal", func(c *citation.Citation) { c.ContainerTitle = "" },
			[]want{{"container-title", citation.RuleContainer, citation.SeverityWarning, citation.ErrMissingField}}},
		{"journal abbreviation is enough", func(c *citation.Citation) { c.ContainerTitle, c.ContainerTitleShort = "", "J Neurosci" }, nil},
		{"book without container", func(c *citation.Citation) { c.Type, c.ContainerTitle = citation.TypeBook, "" }, nil},
		{"bad DOI", func(c *citation.Citation) { c.DOI = "10.abc/xyz" },
			[]want{{"DOI", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax}}},
		{"bad ISSN checksum", func(c *citation.Citation) { c.ISSN = []string{"1529-2402"} },
			[]want{{"ISSN", citation.RuleIdentifier, citation.SeverityError, citation.ErrChecksum}}},
		{"two bad ISSNs", func(c *citation.Citation) { c.ISSN = []string{"1529-2402", "0378-595X", "0270-6474"} },
			[]want{
				{"ISSN", citation.RuleIdentifier, citation.SeverityError, citation.ErrChecksum},
				{"ISSN", citation.RuleIdentifier, citation.SeverityError, citation.ErrChecksum},
			}},
		{"bad ISBN", func(c *citation.Citation) { c.ISBN = []string{"0-306-40615-3"} },
			[]want{{"ISBN", citation.RuleIdentifier, citation.SeverityError, citation.ErrChecksum}}},
		{"bad PMID", func(c *citation.Citation) { c.PMID = "012345" },
			[]want{{"PMID", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax}}},
		{"PMID above the bound", func(c *citation.Citation) { c.PMID = "99999999" },
			[]want{{"PMID", citation.RulePMIDRange, citation.SeverityWarning, citation.ErrInvalidValue}}},
		{"bad PMCID", func(c *citation.Citation) { c.PMCID = "NIHMS1773706" },
			[]want{{"PMCID", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax}}},
		{"bare PMCID digits", func(c *citation.Citation) { c.PMCID = "1201448" }, nil},
		{"bad arXiv", func(c *citation.Citation) { c.ArXiv = "1501.0001" },
			[]want{{"arXiv", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax}}},
		{"bad ORCID", func(c *citation.Citation) { c.Authors[0].ORCID = "0000-0002-1825-0098" },
			[]want{{"author", citation.RuleIdentifier, citation.SeverityError, citation.ErrChecksum}}},
		{"empty name", func(c *citation.Citation) { c.Editors = []citation.Name{{Given: "John"}} },
			[]want{{"editor", citation.RuleName, citation.SeverityError, citation.ErrMissingField}}},
		{"translator without family", func(c *citation.Citation) {
			c.SetNames(citation.RoleTranslator, []citation.Name{{Given: "Ann"}})
		}, []want{{"translator", citation.RuleName, citation.SeverityError, citation.ErrMissingField}}},
		{"impossible issued date", func(c *citation.Citation) { c.Issued = citation.Date{Year: 2025, Month: 2, Day: 30} },
			[]want{{"issued", citation.RuleDate, citation.SeverityError, citation.ErrInvalidValue}}},
		{"impossible accessed date", func(c *citation.Citation) { c.Accessed = citation.Date{Year: 2025, Month: 13} },
			[]want{{"accessed", citation.RuleDate, citation.SeverityError, citation.ErrInvalidValue}}},
		{"literal date", func(c *citation.Citation) { c.Issued = citation.Date{Literal: "n.d."} }, nil},
		{"bad URL", func(c *citation.Citation) { c.URL = "www.example.com/page" },
			[]want{{"URL", citation.RuleURL, citation.SeverityWarning, citation.ErrInvalidValue}}},
		{"unparseable URL", func(c *citation.Citation) { c.URL = "http://[::1" },
			[]want{{"URL", citation.RuleURL, citation.SeverityWarning, citation.ErrInvalidValue}}},
		{"URL without host", func(c *citation.Citation) { c.URL = "https:///path" },
			[]want{{"URL", citation.RuleURL, citation.SeverityWarning, citation.ErrInvalidValue}}},
		{"everything at once", func(c *citation.Citation) {
			c.Type, c.Title, c.DOI, c.ISSN, c.PMID = "", "", "11.1/x", []string{"1234"}, "0"
			c.Issued = citation.Date{Year: 2025, Month: 4, Day: 31}
		}, []want{
			{"type", citation.RuleType, citation.SeverityWarning, citation.ErrMissingField},
			{"title", citation.RuleRequired, citation.SeverityError, citation.ErrMissingField},
			{"issued", citation.RuleDate, citation.SeverityError, citation.ErrInvalidValue},
			{"DOI", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax},
			{"ISSN", citation.RuleIdentifier, citation.SeverityError, citation.ErrSyntax},
			{"PMID", citation.RuleIdentifier, citation.SeverityError, citation.ErrInvalidValue},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validRecord()
			tt.modify(c)
			ps := c.Validate()
			require.Len(t, ps, len(tt.want), "%v", ps)
			for i, w := range tt.want {
				p := ps[i]
				assert.Equal(t, w.field, p.Field)
				assert.Equal(t, w.rule, p.Rule)
				assert.Equal(t, w.sev, p.Severity)
				assert.ErrorIs(t, p, w.err)
				assert.NotEmpty(t, p.Error())
			}
			hasErr := false
			for _, w := range tt.want {
				hasErr = hasErr || w.sev == citation.SeverityError
			}
			assert.Equal(t, hasErr, ps.HasErrors())
			if hasErr {
				require.Error(t, ps.Err())
				assert.ErrorIs(t, ps.Err(), tt.want[0].err)
			} else {
				assert.NoError(t, ps.Err())
			}
		})
	}
}

func TestProblemsErrorsAs(t *testing.T) {
	c := validRecord()
	c.ISSN = []string{"1529-2402"}
	c.Issued = citation.Date{Year: 2025, Month: 2, Day: 29}
	err := c.Validate().Err()
	require.Error(t, err)
	var ie *citation.IdentifierError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "ISSN", ie.Type)
	var de *citation.DateError
	require.True(t, errors.As(err, &de))
	var p *citation.Problem
	require.True(t, errors.As(err, &p))
	assert.Equal(t, "issued", p.Field)
	assert.Equal(t, `issued: date: day 29 out of range for month 2 (and 1 more problem)`, err.Error())
	assert.Equal(t, `ISSN: invalid ISSN "1529-2402": check digit is 2, want 1`, c.Validate()[1].Error())
}

func TestValidatorPMIDMax(t *testing.T) {
	c := validRecord()
	c.PMID = "41224997"
	assert.Nil(t, citation.Validator{}.Validate(c))
	ps := citation.Validator{PMIDMax: 40_000_000}.Validate(c)
	require.Len(t, ps, 1)
	assert.Equal(t, citation.RulePMIDRange, ps[0].Rule)
	assert.Equal(t, "PMID: PMID 41224997 is above 40000000, the largest expected", ps[0].Error())
	assert.Nil(t, citation.Validator{PMIDMax: -1}.Validate(&citation.Citation{Type: "book", Title: "x", PMID: "999999999"}))
}

func TestSeverityString(t *testing.T) {
	assert.Equal(t, "error", citation.SeverityError.String())
	assert.Equal(t, "warning", citation.SeverityWarning.String())
}

func TestProblemJSON(t *testing.T) {
	c := validRecord()
	c.ISSN = []string{"1529-2402"}
	c.Type = ""
	b, err := json.Marshal(c.Validate())
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"field":"type","value":"","rule":"type","severity":"warning","message":"no item type"},
		{"field":"ISSN","value":"1529-2402","rule":"identifier","severity":"error","message":"invalid ISSN \"1529-2402\": check digit is 2, want 1"}
	]`, string(b))
	var s citation.Severity
	require.NoError(t, s.UnmarshalText([]byte("warning")))
	assert.Equal(t, citation.SeverityWarning, s)
	assert.ErrorIs(t, s.UnmarshalText([]byte("fatal")), citation.ErrInvalidValue)
}
