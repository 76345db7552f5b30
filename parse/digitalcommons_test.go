package parse_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func readDC(t testing.TB, in string, order citation.DateOrder) ([]*citation.Citation, error) {
	t.Helper()
	d := parse.NewDigitalCommonsDecoder(strings.NewReader(in))
	d.DateOrder = order
	return parse.ReadAll(d)
}

func TestDigitalCommonsSeed(t *testing.T) {
	p := testutil.Shared(t, "seeds/003_ba1a9481318dd11a.txt")
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	cs, err := parse.ReadAll(parse.NewDigitalCommonsDecoder(f))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "The Neuromuscular Junction: A Shared Vulnerability in Aging and Disease", c.Title)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.Issued)
	assert.Equal(t, []string{"JMG", "Humans", "Neuromuscular Junction", "Aging", "Animals", "Neuromuscular Diseases", "Schwann Cells"}, c.Keywords)
	assert.Equal(t, "J Neurosci", c.ContainerTitleShort)
	assert.Equal(t, "45", c.Volume)
	assert.Equal(t, "46", c.Issue)
	assert.Equal(t, "e1353252025", c.Pages)
	assert.Equal(t, []string{"1529-2401"}, c.ISSN)
	assert.Equal(t, "41224659", c.PMID)
	assert.Equal(t, "10.1523/jneurosci.1353-25.2025", c.DOI)
	assert.True(t, strings.HasPrefix(c.Abstract, "The neuromuscular junction (NMJ) is a specialized synapse"), c.Abstract)
	assert.True(t, strings.HasSuffix(c.Abstract, "preserving motor function across neuromuscular diseases and aging."), c.Abstract)
	assert.Len(t, strings.Fields(c.Abstract), 222)
	// nothing else: no Extra (Share and COinS are page furniture), no authors
	assert.Empty(t, c.Extra)
	assert.Empty(t, c.Authors)
	assert.Empty(t, c.ContainerTitle)
	assert.Empty(t, c.Genre)
}

func TestDigitalCommonsAuthorsAndLabels(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("..", "testdata", "digitalcommons", "authors.txt"))
	require.NoError(t, err)
	cs, err := readDC(t, string(in), citation.OrderMDY)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, "Schwann cells in neuromuscular junction formation and maintenance", c.Title)
	assert.Equal(t, []citation.Name{
		{Given: "Robert W.", Family: "Burgess", Affiliations: []string{"The Jackson Laboratory"}},
		{Given: "Jane Q.", NonDroppingParticle: "van der", Family: "Berg", Affiliations: []string{"University of Maine, Orono"}},
		{Given: "John A.", Family: "Smith"},
	}, c.Authors)
	assert.Equal(t, citation.TypeSpeech, c.Type)
	assert.Equal(t, "Poster", c.Genre)
	assert.Equal(t, citation.Date{Year: 2019, Month: 3, Day: 5}, c.Issued)
	assert.Equal(t, []string{"NMJ", "Schwann cells", "synapse"}, c.Keywords)
	assert.Equal(t, "Clin Infect Dis", c.ContainerTitleShort)
	assert.Equal(t, "42", c.Volume)
	assert.Equal(t, "", c.Issue)
	assert.Equal(t, "2", c.Var("supplement-number"))
	assert.Equal(t, "S93-S99", c.Pages, "First Page and Last Page win over the source line")
	assert.Equal(t, "Presented at the annual meeting. Second paragraph of the comment.", c.Note)
	assert.Equal(t, []citation.Field{
		{Name: "digitalcommons:Disciplines", Value: "Life Sciences | Neuroscience and Neurobiology"},
		{Name: "digitalcommons:Funding Agency", Value: "National Institutes of Health"},
		{Name: "digitalcommons:Recommended Citation", Value: "Burgess RW, van der Berg JQ, Smith JA. Schwann cells in neuromuscular junction formation. Clin Infect Dis. 2006;42 Suppl 2:S93-9."},
	}, c.Extra)
}

func TestDigitalCommonsCRLFAndAheadOfPrint(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("..", "testdata", "digitalcommons", "crlf.txt"))
	require.NoError(t, err)
	require.Contains(t, string(in), "\r\n")
	d := parse.NewDigitalCommonsDecoder(bytes.NewReader(in))
	c, err := d.Decode()
	require.NoError(t, err)
	line, col := d.RecordPos()
	assert.Equal(t, [2]int{1, 1}, [2]int{line, col})
	assert.Equal(t, "Motor neuron survival in aging mice", c.Title)
	assert.Equal(t, []citation.Name{{Given: "Alice B.", Family: "Carter", Affiliations: []string{"The Jackson Laboratory"}}}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2019, Season: citation.Spring}, c.Issued, "Publication Date wins over the source line's date")
	assert.Equal(t, "Wilderness Environ Med", c.ContainerTitleShort)
	assert.Equal(t, "10.1016/j.wem.2022.07.008", c.DOI)
	assert.Equal(t, "epub ahead of print", c.Status)
	assert.Equal(t, "", c.Volume)
	v, ok := c.ExtraValue("digitalcommons:pii")
	assert.True(t, ok)
	assert.Equal(t, "S1080-6032(22)00139-9", v)
	assert.Equal(t, "First paragraph of the abstract, wrapped on two lines. Conclusions Second paragraph.", c.Abstract,
		"a heading inside an abstract stays in it; Downloads is page furniture")
	_, err = d.Decode()
	assert.Equal(t, io.EOF, err)
}

func TestDigitalCommonsBOMThesis(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("..", "testdata", "digitalcommons", "bom-thesis.txt"))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(in, []byte("\xef\xbb\xbf")))
	cs, err := parse.ReadAll(parse.NewDigitalCommonsDecoder(bytes.NewReader(in)))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, "A thesis on synapses", c.Title)
	assert.Equal(t, citation.TypeThesis, c.Type)
	assert.Equal(t, "Doctor of Philosophy (PhD)", c.Genre, "Degree Name comes after Document Type and wins")
	assert.Equal(t, citation.Date{Year: 2021, Month: 5}, c.Issued)
	assert.Equal(t, "University of Maine", c.Publisher)
	assert.Equal(t, "English", c.Language)
	assert.Equal(t, "Copyright the author.", c.License)
	assert.Equal(t, []citation.Field{
		{Name: "digitalcommons:Department", Value: "Neuroscience"},
		{Name: "digitalcommons:First Advisor", Value: "Robert W. Burgess"},
	}, c.Extra)
}

func TestDigitalCommonsTwoRecords(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("..", "testdata", "digitalcommons", "two-records.txt"))
	require.NoError(t, err)
	d := parse.NewDigitalCommonsDecoder(bytes.NewReader(in))
	c1, err := d.Decode()
	require.NoError(t, err)
	line, _ := d.RecordPos()
	assert.Equal(t, 1, line)
	assert.Equal(t, "First record of two", c1.Title)
	assert.Equal(t, citation.TypeChapter, c1.Type)
	assert.Equal(t, "The Synapse", c1.ContainerTitle)
	assert.Equal(t, "812-824", c1.Pages)
	assert.Equal(t, []string{"9780262033848"}, c1.ISBN)
	assert.Equal(t, citation.Date{Year: 2019}, c1.Issued)
	assert.Equal(t, []citation.Field{{Name: "digitalcommons:Special Collection", Value: "Faculty Works"}}, c1.Extra)

	c2, err := d.Decode()
	require.NoError(t, err)
	line, _ = d.RecordPos()
	assert.Equal(t, 27, line)
	assert.Equal(t, "Second record of two", c2.Title)
	assert.Equal(t, citation.TypeArticleJournal, c2.Type, "unknown type, but a journal is named")
	assert.Equal(t, []citation.Field{{Name: "digitalcommons:Document Type", Value: "Happening"}}, c2.Extra)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c2.Issued)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 1}, c2.AvailableDate)
	assert.Equal(t, "10.1523/JNEUROSCI.1353-25.2025", c2.DOI)
	assert.Equal(t, []string{"0270-6474", "1529-2401"}, c2.ISSN)
	assert.Equal(t, "41224659", c2.PMID)
	assert.Equal(t, "e1353252025", c2.Pages)

	_, err = d.Decode()
	assert.Equal(t, io.EOF, err)
	_, err = d.Decode()
	assert.Equal(t, io.EOF, err)
}

func TestDigitalCommonsDates(t *testing.T) {
	tests := []struct {
		in    string
		order citation.DateOrder
		want  citation.Date
		err   error
	}{
		{"11-12-2025", citation.OrderMDY, citation.Date{Year: 2025, Month: 11, Day: 12}, nil},
		{"11-12-2025", citation.OrderDMY, citation.Date{Year: 2025, Month: 12, Day: 11}, nil},
		{"5/21/2026", citation.OrderMDY, citation.Date{Year: 2026, Month: 5, Day: 21}, nil},
		{"2019", citation.OrderMDY, citation.Date{Year: 2019}, nil},
		{"Spring 2019", citation.OrderMDY, citation.Date{Year: 2019, Season: citation.Spring}, nil},
		{"March 2019", citation.OrderMDY, citation.Date{Year: 2019, Month: 3}, nil},
		{"Nov 12, 2025", citation.OrderDMY, citation.Date{Year: 2025, Month: 11, Day: 12}, nil},
		{"12 November 2025", citation.OrderMDY, citation.Date{Year: 2025, Month: 11, Day: 12}, nil},
		{"2025-11-12", citation.OrderDMY, citation.Date{Year: 2025, Month: 11, Day: 12}, nil},
		{"2025 Nov-Dec", citation.OrderMDY, citation.Date{Year: 2025, Month: 11, EndYear: 2025, EndMonth: 12}, nil},
		{"2-30-2025", citation.OrderMDY, citation.Date{Literal: "2-30-2025"}, parse.ErrInvalidValue},
		{"13-12-2025", citation.OrderMDY, citation.Date{Literal: "13-12-2025"}, parse.ErrInvalidValue},
		{"11-12-2025", citation.OrderYMD, citation.Date{Literal: "11-12-2025"}, parse.ErrSyntax},
		{"sometime", citation.OrderMDY, citation.Date{Literal: "sometime"}, parse.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.in, tt.order), func(t *testing.T) {
			in := "T\n\nDocument Type\n\nArticle\n\nPublication Date\n\n" + tt.in + "\n"
			cs, err := readDC(t, in, tt.order)
			require.Len(t, cs, 1, "the record is returned even with a bad date")
			assert.Equal(t, tt.want, cs[0].Issued)
			if tt.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.err)
			var pe *parse.ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, "digitalcommons", pe.Format)
			assert.Equal(t, 9, pe.Line)
			assert.Equal(t, "Publication Date", pe.Field)
		})
	}
}

func TestDigitalCommonsVariants(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, c *citation.Citation)
	}{
		{"label and value on one line", "Title here\nPublication Date: 2020\nDOI: https://doi.org/10.1000/xyz%2B1\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Title here", c.Title)
			assert.Equal(t, citation.Date{Year: 2020}, c.Issued)
			assert.Equal(t, "10.1000/xyz+1", c.DOI)
		}},
		{"label without blank line before value", "A title\n\nDocument Type\nBook\n\nKeywords:\nA, B;C\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypeBook, c.Type)
			assert.Equal(t, []string{"A", "B", "C"}, c.Keywords)
		}},
		{"multi-line title", "A long title\nthat wraps.\n\nDocument Type\n\nReport\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "A long title that wraps", c.Title)
			assert.Equal(t, citation.TypeReport, c.Type)
		}},
		{"title label", "Title\n\nA Labelled Title\n\nDocument Type\n\nData Set\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "A Labelled Title", c.Title)
			assert.Equal(t, citation.TypeDataset, c.Type)
		}},
		{"authors as paragraphs", "T\n\nAuthors\n\nRobert W. Burgess, The Jackson Laboratory\n\nAlice Carter, Jr., Bowdoin College\n\nDocument Type\n\nArticle\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, []citation.Name{
				{Given: "Robert W.", Family: "Burgess", Affiliations: []string{"The Jackson Laboratory"}},
				{Given: "Alice", Family: "Carter", Suffix: "Jr.", CommaSuffix: true, Affiliations: []string{"Bowdoin College"}},
			}, c.Authors)
		}},
		{"semicolon author list", "T\n\nAuthor(s)\n\nBurgess, Robert W.; Carter, Alice\n\nDocument Type\n\nArticle\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, []citation.Name{{Given: "Robert W.", Family: "Burgess"}, {Given: "Alice", Family: "Carter"}}, c.Authors)
		}},
		{"volume issue pages labels", "T\n\nDocument Type\n\nArticle\n\nJournal Title\n\nJournal of Neuroscience\n\nVolume\n\n45\n\nIssue\n\n46\n\nFirst Page\n\n100\n\nPMCID\n\nPMC1234567\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Journal of Neuroscience", c.ContainerTitle)
			assert.Equal(t, "", c.ContainerTitleShort)
			assert.Equal(t, "45", c.Volume)
			assert.Equal(t, "46", c.Issue)
			assert.Equal(t, "100", c.Pages)
			assert.Equal(t, "PMC1234567", c.PMCID)
		}},
		{"source date used when no publication date", "T\n\nDocument Type\n\nArticle\n\nSource Publication\n\nPublic Health. 2015 May;129(5):475-82. doi: 10.1016/j.puhe.2015.01.018. Epub 2015 Mar 3.\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2015, Month: 5}, c.Issued)
			assert.Equal(t, citation.Date{Year: 2015, Month: 3, Day: 3}, c.AvailableDate)
			assert.Equal(t, "475-482", c.Pages)
			assert.Equal(t, "10.1016/j.puhe.2015.01.018", c.DOI)
		}},
		{"unknown type without journal", "T\n\nDocument Type\n\nArtefact\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypeDocument, c.Type)
			v, _ := c.ExtraValue("digitalcommons:Document Type")
			assert.Equal(t, "Artefact", v)
		}},
		{"furniture with values", "T\n\nDocument Type\n\nArticle\n\nIncluded in\n\nNeuroscience Commons\n\nShare\n\nCOinS\n", func(t *testing.T, c *citation.Citation) {
			assert.Empty(t, c.Extra)
		}},
		{"lone CR line ends", "T\r\rDocument Type\r\rBook\r", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypeBook, c.Type)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := readDC(t, tt.in, citation.OrderMDY)
			require.NoError(t, err)
			require.Len(t, cs, 1)
			tt.check(t, cs[0])
		})
	}
}

func TestDigitalCommonsErrors(t *testing.T) {
	// A record without any known label is reported, and the records around
	// it are still read.
	in := "First\n\nDocument Type\n\nArticle\n\fJust some prose.\n\nMore prose.\n\f\n\n\fThird\n\nDocument Type\n\nBook\n"
	d := parse.NewDigitalCommonsDecoder(strings.NewReader(in))
	c, err := d.Decode()
	require.NoError(t, err)
	assert.Equal(t, "First", c.Title)
	c, err = d.Decode()
	assert.Nil(t, c)
	var pe *parse.ParseError
	require.True(t, errors.As(err, &pe))
	assert.ErrorIs(t, err, parse.ErrSyntax)
	assert.Equal(t, 6, pe.Line)
	assert.Equal(t, "digitalcommons: line 6, column 1: no Digital Commons label (Document Type, Publication Date, Authors, ...) found: syntax error", err.Error())
	c, err = d.Decode()
	require.NoError(t, err)
	assert.Equal(t, "Third", c.Title)
	line, _ := d.RecordPos()
	assert.Equal(t, 11, line)
	_, err = d.Decode()
	assert.Equal(t, io.EOF, err)

	// bad DOI and ISSN: the record comes back with one error naming both
	cs, err := readDC(t, "T\n\nDocument Type\n\nArticle\n\nDOI\n\nnot a doi\n\nISSN\n\nnone\n", citation.OrderMDY)
	require.Len(t, cs, 1)
	assert.ErrorIs(t, err, parse.ErrInvalidValue)
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 9, pe.Line)
	assert.Equal(t, "DOI", pe.Field)
	assert.Contains(t, err.Error(), "line 13, field ISSN: no ISSN")
	v, _ := cs[0].ExtraValue("digitalcommons:DOI")
	assert.Equal(t, "not a doi", v)

	// a missing title
	cs, err = readDC(t, "Document Type\n\nArticle\n", citation.OrderMDY)
	require.Len(t, cs, 1)
	assert.ErrorIs(t, err, parse.ErrMissingField)

	// empty input: no records, no errors
	cs, err = readDC(t, "\n\n\f\n", citation.OrderMDY)
	assert.NoError(t, err)
	assert.Empty(t, cs)
}

func TestDigitalCommonsTooLarge(t *testing.T) {
	big := "Big\n\nAbstract\n\n" + strings.Repeat("word ", parse.MaxDigitalCommonsRecord/5+10) + "\n"
	in := big + "\fSmall\n\nDocument Type\n\nBook\n"
	d := parse.NewDigitalCommonsDecoder(strings.NewReader(in))
	_, err := d.Decode()
	assert.ErrorIs(t, err, parse.ErrTooLarge)
	c, err := d.Decode()
	require.NoError(t, err)
	assert.Equal(t, "Small", c.Title)
	line, _ := d.RecordPos()
	assert.Equal(t, 6, line)
}

func TestDigitalCommonsBOMAndCRLFVariantsOfSeed(t *testing.T) {
	p := testutil.Shared(t, "seeds/003_ba1a9481318dd11a.txt")
	in, err := os.ReadFile(p)
	require.NoError(t, err)
	want, err := parse.ReadAll(parse.NewDigitalCommonsDecoder(bytes.NewReader(in)))
	require.NoError(t, err)
	crlf := bytes.ReplaceAll(in, []byte("\n"), []byte("\r\n"))
	for name, v := range map[string][]byte{
		"bom":      append([]byte("\xef\xbb\xbf"), in...),
		"crlf":     crlf,
		"bom+crlf": append([]byte("\xef\xbb\xbf"), crlf...),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := parse.ReadAll(parse.NewDigitalCommonsDecoder(bytes.NewReader(v)))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}
