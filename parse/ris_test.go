package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/ristags"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/internal/textio"
	"github.com/citekit/citekit/parse"
)

// TestRISGolden converts testdata/ris/*.ris to CSL-JSON (x.json) and the
// problems reported to x.err.
func TestRISGolden(t *testing.T) {
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(root, "testdata", "ris", "*.ris"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		name := strings.TrimSuffix(path, ".ris")
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			cs, errs := decodeAll(t, parse.NewRISDecoder(bytes.NewReader(data)))
			out := encodeCSL(t, cs...)
			testutil.Golden(t, name+".json", out, *update)
			testutil.ValidateCSLJSON(t, out)
			var msgs strings.Builder
			for _, e := range errs {
				fmt.Fprintln(&msgs, e)
			}
			if msgs.Len() > 0 || fileExists(name+".err") {
				testutil.Golden(t, name+".err", []byte(msgs.String()), *update)
			}
			// Writing the records as RIS and reading them back gives the same
			// CSL-JSON, and writing that again the same RIS.
			ris := encodeRIS(t, false, cs...)
			again, err := parse.ReadAll(parse.NewRISDecoder(bytes.NewReader(ris)))
			require.NoError(t, err)
			assert.Equal(t, string(out), string(encodeCSL(t, again...)))
			assert.Equal(t, string(ris), string(encodeRIS(t, false, again...)))
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func decodeRISString(t *testing.T, in string) ([]*citation.Citation, []*parse.ParseError) {
	t.Helper()
	return decodeAll(t, parse.NewRISDecoder(strings.NewReader(in)))
}

func TestRISDecoderTagLines(t *testing.T) {
	for _, tc := range []struct {
		name, in, title string
	}{
		{"two spaces", "TY  - JOUR\nTI  - T\nER  - \n", "T"},
		{"one space", "TY - JOUR\nTI - T\nER -\n", "T"},
		{"tab", "TY\t- JOUR\nTI\t- T\nER\t-\n", "T"},
		{"space and tab", "TY \t- JOUR\nTI \t- T\nER  -\n", "T"},
		{"no space after hyphen", "TY  -JOUR\nTI  -T\nER  -\n", "T"},
		{"tab after hyphen", "TY  -\tJOUR\nTI  -\tT\nER  -\n", "T"},
		{"ER without space", "TY  - JOUR\nTI  - T\nER  -", "T"},
		{"no ER at end", "TY  - JOUR\nTI  - T", "T"},
		{"continuation", "TY  - JOUR\nTI  - A long\n   title\nER  - \n", "A long title"},
		{"ER inside a continuation is text", "TY  - JOUR\nTI  - first\nER then more\nER  - \n", "first ER then more"},
		{"CRLF", "TY  - JOUR\r\nTI  - T\r\nER  - \r\n", "T"},
		{"CR only", "TY  - JOUR\rTI  - T\rER  - \r", "T"},
		{"UTF-8 BOM", "\xef\xbb\xbfTY  - JOUR\nTI  - Té\nER  - \n", "Té"},
		{"UTF-16LE BOM", utf16le("TY  - JOUR\r\nTI  - Té\r\nER  - \r\n"), "Té"},
		{"banners", "Record #1 of 1\nProvider: X\n\n1.\nTY  - JOUR\nTI  - T\nER  - \n", "T"},
		{"blank lines inside", "TY  - JOUR\n\nTI  - T\n\nER  - \n", "T"},
		{"lower-case type", "TY  - jour\nTI  - T\nER  - \n", "T"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, errs := decodeRISString(t, tc.in)
			assert.Empty(t, errs)
			require.Len(t, cs, 1)
			assert.Equal(t, tc.title, cs[0].Title)
			assert.Equal(t, citation.TypeArticleJournal, cs[0].Type)
		})
	}
}

// TestRISDecoderErrors: problems are reported with their lines and do not
// hide the records after them. "@" marks the line of each problem.
func TestRISDecoderErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		titles []string
		field  string
		err    error
	}{
		{"missing TY", "TY  - JOUR\nTI  - A\nER  - \n@T1  - B\nPY  - 2001\nER  - \nTY  - JOUR\nTI  - C\nER  - \n", []string{"A", "B", "C"}, "TY", parse.ErrMissingField},
		{"missing TY at start", "@JF  - J\nT1  - B\nER  - \nTY  - JOUR\nTI  - C\nER  - \n", []string{"B", "C"}, "TY", parse.ErrMissingField},
		{"text between records", "TY  - JOUR\nTI  - A\nER  - \n\n@this is not RIS\nTY  - JOUR\nTI  - C\nER  - \n", []string{"A", "C"}, "", parse.ErrSyntax},
		{"not RIS at all", "@hello\nworld\n", nil, "", parse.ErrSyntax},
		{"long line", "TY  - JOUR\nTI  - A\nER  - \n@TI  - " + strings.Repeat("x", 200) + "\nTY  - JOUR\nTI  - C\nER  - \n", []string{"A", "C"}, "", parse.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mark := strings.Index(tc.in, "@")
			in := tc.in[:mark] + tc.in[mark+1:]
			wantLine := strings.Count(tc.in[:mark], "\n") + 1
			d := parse.NewRISDecoder(strings.NewReader(in))
			d.MaxLineSize = 100
			cs, errs := decodeAll(t, d)
			var titles []string
			for _, c := range cs {
				titles = append(titles, c.Title)
			}
			assert.Equal(t, tc.titles, titles)
			require.Len(t, errs, 1, "%v", errs)
			assert.Equal(t, wantLine, errs[0].Line)
			assert.Equal(t, 1, errs[0].Column)
			assert.Equal(t, "ris", errs[0].Format)
			assert.Equal(t, tc.field, errs[0].Field)
			assert.ErrorIs(t, errs[0], tc.err)
		})
	}
}

func TestRISDecoderRecordTooLarge(t *testing.T) {
	in := "TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nAB  - " + strings.Repeat("x", 900) + "\n" + strings.Repeat("   more text\n", 100) + "ER  - \nTY  - JOUR\nTI  - C\nER  - \n"
	d := parse.NewRISDecoder(strings.NewReader(in))
	d.MaxRecordSize = 1000
	cs, errs := decodeAll(t, d)
	require.Len(t, cs, 2)
	assert.Equal(t, "C", cs[1].Title)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
	assert.Equal(t, 4, errs[0].Line, "the line where the record begins")
}

func TestRISDecoderRecordPos(t *testing.T) {
	d := parse.NewRISDecoder(strings.NewReader("banner\n\nTY  - JOUR\nER  - \n\nTY  - BOOK\nER  - \n"))
	_, err := d.Decode()
	require.NoError(t, err)
	l, c := d.RecordPos()
	assert.Equal(t, [2]int{3, 1}, [2]int{l, c})
	_, err = d.Decode()
	require.NoError(t, err)
	l, _ = d.RecordPos()
	assert.Equal(t, 6, l)
}

func TestRISDecoderMapping(t *testing.T) {
	in := `TY  - JOUR
ID  - k1
TI  - Title one
T1  - Title two
AU  - Burgess, Robert W.
A1  - Adler D.G.
AU  - World Health Organization
A2  - Editor, Ed
A3  - Series, Ed
A4  - Translator, Tom
T2  - Journal Name
JO  - Other Journal Name
J2  - J Name
VL  - 12
IS  - 3
M1  - 4
SP  - 812
EP  - 824
C7  - e123
SN  - 1529-2401; 978-0-306-40615-7
SN  - 9999-9999
DO  - doi:10.1000/ABC
UR  - https://example.org/x
UR  - http://dx.doi.org/10.1000/other
KW  - one
KW  - two
  three
AB  - Abstract.
N2  - Another abstract.
N1  - The note.
N1  - A second note.
PB  - Pub
CY  - Place
LA  - en
ET  - 2025/01/15/
AN  - PMID:123
C2  - PMC456
C3  - custom three
U1  - user one
DB  - PubMed
DP  - NLM
CN  - QA76
AV  - Shelf 3
ST  - Short
M3  - Review
LB  - label
XY  - unknown tag
DA  - 2025/02/03/
PY  - 2025
Y2  - 2025/11/12/
ER  - `
	cs, errs := decodeRISString(t, in)
	require.Empty(t, errs)
	c := cs[0]
	assert.Equal(t, "k1", c.ID)
	assert.Equal(t, "Title one", c.Title)
	assert.Equal(t, []citation.Name{
		{Family: "Burgess", Given: "Robert W."},
		{Family: "Adler", Given: "D. G."},
		{Literal: "World Health Organization"},
	}, c.Authors)
	assert.Equal(t, []citation.Name{{Family: "Editor", Given: "Ed"}}, c.Editors)
	assert.Equal(t, []citation.Name{{Family: "Series", Given: "Ed"}}, c.Names(citation.RoleCollectionEditor))
	assert.Equal(t, []citation.Name{{Family: "Translator", Given: "Tom"}}, c.Names(citation.RoleTranslator))
	assert.Equal(t, "Journal Name", c.ContainerTitle)
	assert.Equal(t, "J Name", c.ContainerTitleShort)
	assert.Equal(t, "12", c.Volume)
	assert.Equal(t, "3", c.Issue)
	assert.Equal(t, "812-824", c.Pages)
	assert.Equal(t, "e123", c.Number)
	assert.Equal(t, []string{"1529-2401", "9999-9999"}, c.ISSN)
	assert.Equal(t, []string{"9780306406157"}, c.ISBN)
	assert.Equal(t, "10.1000/ABC", c.DOI)
	assert.Equal(t, "https://example.org/x", c.URL)
	assert.Equal(t, []string{"one", "two", "three"}, c.Keywords)
	assert.Equal(t, "Abstract.", c.Abstract)
	assert.Equal(t, "The note.", c.Note)
	assert.Equal(t, "Pub", c.Publisher)
	assert.Equal(t, "Place", c.PublisherPlace)
	assert.Equal(t, "en", c.Language)
	assert.Equal(t, citation.Date{Year: 2025, Month: 1, Day: 15}, c.AvailableDate)
	assert.Equal(t, "123", c.PMID)
	assert.Equal(t, "PMC456", c.PMCID)
	assert.Equal(t, "PubMed", c.Var("archive"))
	assert.Equal(t, "NLM", c.Source)
	assert.Equal(t, "QA76", c.Var("call-number"))
	assert.Equal(t, "Shelf 3", c.Var("archive_location"))
	assert.Equal(t, "Short", c.TitleShort)
	assert.Equal(t, "Review", c.Genre)
	assert.Equal(t, citation.Date{Year: 2025, Month: 2, Day: 3}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.Accessed)
	assert.Equal(t, []citation.Field{
		{Name: "ris:T1", Value: "Title two"},
		{Name: "ris:JO", Value: "Other Journal Name"},
		{Name: "ris:M1", Value: "4"},
		{Name: "ris:UR", Value: "http://dx.doi.org/10.1000/other"},
		{Name: "ris:N2", Value: "Another abstract."},
		{Name: "ris:N1", Value: "A second note."},
		{Name: "ris:C3", Value: "custom three"},
		{Name: "ris:U1", Value: "user one"},
		{Name: "ris:LB", Value: "label"},
		{Name: "ris:XY", Value: "unknown tag"},
	}, c.Extra)
}

func TestRISDecoderDates(t *testing.T) {
	for _, tc := range []struct {
		name, tags string
		want       citation.Date
		extra      []citation.Field
	}{
		{"PY year", "PY  - 2019", citation.Date{Year: 2019}, nil},
		{"Y1 old form", "Y1  - 2014//", citation.Date{Year: 2014}, nil},
		{"DA over PY", "PY  - 2019\nDA  - 2019/03/05/", citation.Date{Year: 2019, Month: 3, Day: 5}, nil},
		{"DA over Y1", "Y1  - 2018\nDA  - 2019/03/05/", citation.Date{Year: 2019, Month: 3, Day: 5}, []citation.Field{{Name: "ris:Y1", Value: "2018"}}},
		{"PY over Y1", "Y1  - 2018\nPY  - 2019", citation.Date{Year: 2019}, []citation.Field{{Name: "ris:Y1", Value: "2018"}}},
		{"WoS month in DA", "DA  - NOV\nPY  - 2019", citation.Date{Year: 2019, Month: 11}, nil},
		{"EndNote month name", "PY  - 2019\nDA  - July", citation.Date{Year: 2019, Month: 7}, nil},
		{"zeros", "PY  - 2019/00/00", citation.Date{Year: 2019}, nil},
		{"season", "PY  - 1998///Spring", citation.Date{Year: 1998, Season: citation.Spring}, nil},
		{"other text kept", "PY  - 1998///Fall Meeting", citation.Date{Year: 1998}, []citation.Field{{Name: "ris:PY", Value: "1998///Fall Meeting"}}},
		{"ISO", "DA  - 2014-08-29", citation.Date{Year: 2014, Month: 8, Day: 29}, nil},
		{"unparseable", "PY  - in press", citation.Date{Literal: "in press"}, nil},
		{"invalid day", "DA  - 2019/02/30/\nPY  - 2019", citation.Date{Year: 2019}, []citation.Field{{Name: "ris:DA", Value: "2019/02/30/"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, errs := decodeRISString(t, "TY  - JOUR\n"+tc.tags+"\nER  - \n")
			require.Empty(t, errs)
			assert.Equal(t, tc.want, cs[0].Issued)
			assert.Equal(t, tc.extra, cs[0].Extra)
		})
	}
}

func TestRISDecoderSerials(t *testing.T) {
	for _, tc := range []struct {
		ty, sn     string
		issn, isbn []string
		number     string
	}{
		{"JOUR", "1529-2401", []string{"1529-2401"}, nil, ""},
		{"JOUR", "15292401 (ISSN)", []string{"1529-2401"}, nil, ""},
		{"JOUR", "0270-6474 (Print); 1529-2401 (Electronic)", []string{"0270-6474", "1529-2401"}, nil, ""},
		{"BOOK", "0-306-40615-2", nil, []string{"9780306406157"}, ""},
		{"BOOK", "978-0-306-40615-7, 1529-2401", []string{"1529-2401"}, []string{"9780306406157"}, ""},
		{"JOUR", "1234-5678", []string{"1234-5678"}, nil, ""},
		{"BOOK", "12345", nil, []string{"12345"}, ""},
		{"PAT", "US 5,123,456", nil, nil, "US 5,123,456"},
		{"JOUR", "0-306-40615-3 (ISBN)", nil, []string{"0-306-40615-3"}, ""},
	} {
		t.Run(tc.ty+" "+tc.sn, func(t *testing.T) {
			cs, _ := decodeRISString(t, "TY  - "+tc.ty+"\nSN  - "+tc.sn+"\nER  - \n")
			assert.Equal(t, tc.issn, cs[0].ISSN)
			assert.Equal(t, tc.isbn, cs[0].ISBN)
			assert.Equal(t, tc.number, cs[0].Number)
		})
	}
}

func TestRISDecoderDOIs(t *testing.T) {
	for _, tc := range []struct{ tags, doi string }{
		{"DO  - 10.1000/abc", "10.1000/abc"},
		{"DO  - https://doi.org/10.1000/abc", "10.1000/abc"},
		{"M3  - 10.1000/abc", "10.1000/abc"},
		{"UR  - http://dx.doi.org/10.1000/abc", "10.1000/abc"},
		{"L2  - https://doi.org/10.1000/abc", "10.1000/abc"},
		{"L1  - file.pdf\nL4  - https://doi.org/10.1000/abc", "10.1000/abc"},
		{"UR  - https://www.scopus.com/record.uri?eid=1&doi=10.1000%2fabc&x=1", "10.1000/abc"},
		{"DO  - 10.1000/first\nUR  - https://doi.org/10.1000/second", "10.1000/first"},
		{"UR  - https://example.org/", ""},
	} {
		cs, _ := decodeRISString(t, "TY  - JOUR\n"+tc.tags+"\nER  - \n")
		assert.Equal(t, tc.doi, cs[0].DOI, tc.tags)
	}
}

// TestRISTypes: every type code reads as a CSL type, and every CSL type is
// written as a code that reads back as itself, or is marked lossy.
func TestRISTypes(t *testing.T) {
	for _, code := range ristags.Codes() {
		typ, ok := ristags.ReadType(code)
		require.True(t, ok)
		assert.True(t, typ.Valid(), code)
	}
	lossy := 0
	for _, typ := range citation.ItemTypes() {
		code, lossless := ristags.WriteType(typ)
		back, _ := ristags.ReadType(code)
		assert.Equal(t, lossless, back == typ, typ)
		// Either way the type survives a RIS round trip (as csl:type).
		cs, errs := decodeRISString(t, string(encodeRIS(t, false, &citation.Citation{Type: typ, Title: "x"})))
		require.Empty(t, errs)
		assert.Equal(t, typ, cs[0].Type)
		if !lossless {
			lossy++
		}
	}
	t.Logf("%d CSL types have no RIS code of their own", lossy)
}

// risTagLine matches tag lines as an independent oracle.
var risTagLine = regexp.MustCompile(`^([A-Z][A-Z0-9])[ \t]{1,3}-[ \t]?(.*)$`)

// TestRISCorpus reads every RIS file of the shared corpus: records in (TY
// lines, plus the records without TY listed here) = records converted, and
// every value of the input is found in the CSL-JSON output.
func TestRISCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus/ris")
	withoutTY := map[string]int{
		"jabref/RisImporterCorrupted.ris":                 1,
		"asreview/baseline_tag_and_field_definitions.ris": 1, // "UK  - Unknown Tag" after an ER
	}
	var files []string
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && (strings.HasSuffix(p, ".ris") || strings.HasSuffix(p, ".txt")) {
			files = append(files, p)
		}
		return nil
	})
	require.NotEmpty(t, files)
	total := 0
	for _, p := range files {
		rel := strings.TrimPrefix(p, dir+"/")
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			text := string(textSniff(data))
			want := withoutTY[rel]
			var values []string
			for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
				m := risTagLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				if m[1] == "TY" {
					want++
				}
				values = append(values, m[1]+"\x00"+m[2])
			}
			d := parse.NewRISDecoder(bytes.NewReader(data))
			var cs []*citation.Citation
			for {
				c, err := d.Decode()
				if c != nil {
					cs = append(cs, c)
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					var pe *parse.ParseError
					require.True(t, errors.As(err, &pe), "%v", err)
					t.Logf("reported: %v", err)
				}
			}
			assert.Equal(t, want, len(cs), "records")
			total += len(cs)
			out := encodeCSL(t, cs...)
			testutil.ValidateCSLJSON(t, out)
			hay := haystack(t, out)
			for _, tv := range values {
				tag, v, _ := strings.Cut(tv, "\x00")
				if needle, ok := risNeedle(tag, v); ok && !strings.Contains(hay, needle) {
					t.Errorf("value of %s lost: %q (looked for %q)", tag, v, needle)
				}
			}
		})
	}
	t.Logf("%d files, %d records", len(files), total)
}

// textSniff decodes the file as the decoder does (BOM, UTF-16) for the
// oracle.
func textSniff(data []byte) []byte {
	out, _ := io.ReadAll(textio.NewReader(bytes.NewReader(data)))
	return out
}

// haystack gathers every string and number of a CSL-JSON document, folded
// to lower case, one per line.
func haystack(t *testing.T, data []byte) string {
	var v any
	require.NoError(t, json.Unmarshal(data, &v))
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			b.WriteString(strings.ToLower(x))
			b.WriteByte('\n')
		case float64:
			fmt.Fprintf(&b, "%d\n", int(x))
		}
	}
	walk(v)
	return b.String()
}

// risNeedle returns the text of a RIS value that the output must hold.
func risNeedle(tag, v string) (string, bool) {
	switch tag {
	case "TI", "T1", "CT", "BT", "ST":
		v = citation.NormalizeTitle(v) // Normalize drops a title's final period
	default:
		v = citation.NormalizeText(v)
	}
	v = strings.ToLower(v)
	if v == "" {
		return "", false
	}
	switch tag {
	case "TY", "ER":
		return "", false
	case "AU", "A1", "A2", "A3", "A4", "ED":
		fam, _, _ := strings.Cut(v, ",")
		if f := strings.Fields(fam); len(f) > 0 {
			return f[len(f)-1], true // the family name, without particles
		}
		return "", false
	case "PY", "Y1", "DA", "Y2", "ET":
		if m := regexp.MustCompile(`\d{4}`).FindString(v); m != "" {
			return m, true
		}
		// A month or season name without a year is held as a number.
		f := strings.Fields(v)
		if len(f) == 0 {
			return "", false
		}
		for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
			if strings.HasPrefix(f[0], m) {
				return fmt.Sprintf("\n%d\n", i+1), true
			}
		}
		for i, m := range []string{"spring", "summer", "autumn", "winter"} {
			if f[0] == m {
				return fmt.Sprintf("\n%d\n", i+1), true
			}
		}
		return strings.Trim(f[0], "/"), true
	case "SN":
		// Check the first identifier's digits (hyphens dropped).
		part := strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == '(' || r == ' ' })
		if len(part) == 0 {
			return "", false
		}
		return strings.ReplaceAll(part[0], "-", "")[:4], true
	case "DO", "M3", "UR", "L1", "L2", "L3", "L4":
		if i := strings.Index(v, "10."); i >= 0 && (tag == "DO" || tag == "M3") {
			return strings.Fields(v[i:])[0], true
		}
		if pm, ok := strings.CutPrefix(v, "pm:"); ok {
			return strings.TrimSpace(pm), true
		}
		return strings.TrimSpace(strings.Split(strings.Fields(v)[0], ";")[0]), true
	case "AN":
		return strings.TrimPrefix(strings.TrimPrefix(v, "pmid:"), "pmid "), true
	case "KW":
		if k, _, ok := strings.Cut(v, ";"); ok {
			return strings.TrimSpace(k), true
		}
	}
	if len(v) > 60 {
		v = v[:60]
	}
	return v, true
}

func FuzzRISDecoder(f *testing.F) {
	root, _ := testutil.ModuleRoot()
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "ris", "*.ris"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("TY  - JOUR\nTI  - x\nER  - \n"))
	f.Add([]byte("\xff\xfeT\x00Y\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return // large inputs make minimizing take the whole run; limits have their own tests
		}
		d := parse.NewRISDecoder(bytes.NewReader(data))
		d.MaxLineSize = 4096
		var cs []*citation.Citation
		for i := 0; ; i++ {
			if i > 10*len(data)+10 {
				t.Fatal("decoder does not end")
			}
			c, err := d.Decode()
			if c != nil {
				cs = append(cs, c)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				var pe *parse.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("not a ParseError: %v", err)
				}
				_ = pe.Error()
			}
		}
		// Writing what was read and reading it back is stable.
		ris := encodeRIS(t, false, cs...)
		again, err := parse.ReadAll(parse.NewRISDecoder(bytes.NewReader(ris)))
		if err != nil {
			t.Fatalf("re-reading our RIS: %v\n%s", err, ris)
		}
		if got := encodeRIS(t, false, again...); !bytes.Equal(got, ris) {
			t.Fatalf("RIS not stable:\n%s\n---\n%s", ris, got)
		}
		if !json.Valid(encodeCSL(t, cs...)) {
			t.Fatal("invalid CSL-JSON")
		}
	})
}

// TestRISDecoderM1: M1 is the issue of a journal article (EndNote), unless
// it is text such as Embase's affiliations, and the number of other types.
func TestRISDecoderM1(t *testing.T) {
	cs, _ := decodeRISString(t, "TY  - JOUR\nM1  - 12\nER  - \nTY  - JOUR\nM1  - (Liu R.; Adler D.G.) Department of Medicine\nER  - \nTY  - RPRT\nM1  - TR-2020-1\nER  - \n")
	require.Len(t, cs, 3)
	assert.Equal(t, "12", cs[0].Issue)
	assert.Equal(t, "", cs[1].Issue)
	assert.Equal(t, []citation.Field{{Name: "ris:M1", Value: "(Liu R.; Adler D.G.) Department of Medicine"}}, cs[1].Extra)
	assert.Equal(t, "TR-2020-1", cs[2].Number)
}

func TestSniffRIS(t *testing.T) {
	yes := []string{"TY  - JOUR\n", "Record #1\n\n1.\nTY  - BOOK\n", "\r\nTY - JOUR\r\n", "JF  - J\nT1  - T\nPY  - 2001\nER  -\n"}
	no := []string{"PMID- 123\nTI  - x\nAU  - y\nDP  - 2001\n", "@article{x,}", "[{\"id\":1}]", "hello\nworld"}
	for _, s := range yes {
		assert.True(t, parse.SniffRIS([]byte(s)), s)
	}
	for _, s := range no {
		assert.False(t, parse.SniffRIS([]byte(s)), s)
	}
	f, r, err := parse.Default().Detect(strings.NewReader("\xef\xbb\xbfTY  - JOUR\r\nTI  - x\r\nER  - \r\n"))
	require.NoError(t, err)
	assert.Equal(t, "ris", f.Name)
	cs, err := parse.ReadAll(f.NewDecoder(r))
	require.NoError(t, err)
	assert.Equal(t, "x", cs[0].Title)
	f, ok := parse.Default().ByExtension("refs.RIS")
	require.True(t, ok)
	assert.Equal(t, "ris", f.Name)
}

// TestRISExtraTags: an Extra value named after a RIS tag reads back as the
// same Extra value, and leaves the citation's variables as they were,
// whether the variable the tag stands for is empty or holds another value.
// Written as the tag where it reads back as a repeat, as an N1
// "ris:<TAG>: value" line where it would fill the variable, add a name or
// set an identifier.
func TestRISExtraTags(t *testing.T) {
	tags := []string{"ID", "TI", "T1", "CT", "BT", "T2", "T3", "JF", "JO", "JA", "J1", "J2",
		"AU", "A1", "A2", "ED", "A3", "A4", "DA", "PY", "Y1", "Y2", "VL", "IS", "CP", "M1", "C7",
		"SP", "EP", "SN", "DO", "M3", "UR", "L1", "L4", "KW", "AB", "N2", "N1", "PB", "CY", "AV",
		"AN", "CN", "DB", "DP", "ET", "LA", "NV", "SV", "SE", "ST", "OP", "RI", "RN", "C1", "C2", "U1"}
	values := []string{"2019", "12", "Extra value", "PMID: 7", "PMC123", "10.1234/abc", "https://doi.org/10.1/x", "PM: 5; http://a"}
	full := func(typ citation.ItemType) *citation.Citation {
		return &citation.Citation{ID: "k", Type: typ, Title: "T", ContainerTitle: "J", ContainerTitleShort: "JS",
			CollectionTitle: "S", Authors: []citation.Name{{Family: "F", Given: "G"}}, Issued: citation.Date{Year: 2001, Month: 2},
			Accessed: citation.Date{Year: 2002}, Volume: "1", Issue: "2", Number: "3", Pages: "4-5", DOI: "10.5555/x",
			URL: "https://example.org", Abstract: "A", Note: "N", Publisher: "P", PublisherPlace: "C", Edition: "2", Genre: "G",
			PMCID: "PMC9", PMID: "9", Keywords: []string{"k"}, Language: "en"}
	}
	empty := func(typ citation.ItemType) *citation.Citation { return &citation.Citation{Type: typ} }
	for _, typ := range []citation.ItemType{citation.TypeArticleJournal, citation.TypeBook, citation.TypeReport} {
		for _, base := range []func(citation.ItemType) *citation.Citation{full, empty} {
			for _, tag := range tags {
				for _, v := range values {
					c := base(typ)
					c.Extra = []citation.Field{{Name: "ris:" + tag, Value: v}}
					ris := encodeRIS(t, false, c)
					cs, errs := decodeRISString(t, string(ris))
					require.Empty(t, errs)
					require.Len(t, cs, 1)
					assert.Contains(t, cs[0].Extra, c.Extra[0], "%s %q on %s:\n%s", tag, v, typ, ris)
					assert.Equal(t, string(ris), string(encodeRIS(t, false, cs...)), "%s %q on %s: not stable", tag, v, typ)
				}
			}
		}
	}
	// Where the tag reads as a repeat, it is written as the tag.
	c := full(citation.TypeArticleJournal)
	c.Extra = []citation.Field{{Name: "ris:T1", Value: "Another title"}, {Name: "ris:C1", Value: "x"}}
	assert.Contains(t, string(encodeRIS(t, false, c)), "T1  - Another title\nC1  - x\n")
	c.Title = ""
	assert.Contains(t, string(encodeRIS(t, false, c)), "N1  - ris:T1: Another title\nC1  - x\n")
}

// TestRISNameSuffixLike: the part after the only comma is the given name,
// even when it looks like a suffix; "Family,, Suffix" is a suffix.
func TestRISNameSuffixLike(t *testing.T) {
	cs, _ := decodeRISString(t, "TY  - JOUR\nAU  - Smith, II\nAU  - Smith,, Jr.\nAU  - Smith, John, Jr.\nA1  - II 0\nER  - \n")
	require.Len(t, cs, 1)
	assert.Equal(t, []citation.Name{{Family: "Smith", Given: "II"}, {Family: "Smith", Suffix: "Jr.", CommaSuffix: true},
		{Family: "Smith", Given: "John", Suffix: "Jr.", CommaSuffix: true}, {Family: "0", Given: "II"}}, cs[0].Authors)
	out := string(encodeRIS(t, false, cs...))
	assert.Contains(t, out, "AU  - Smith, II\nAU  - Smith,, Jr.\nAU  - Smith, John, Jr.\nAU  - 0, II\n")
}

// TestRISNFCSemicolon: U+037E (Greek question mark) is ";" in NFC. Values
// split on semicolons (SN, UR) are split after normalizing, so that what
// is written reads back the same (found by FuzzRISDecoder).
func TestRISNFCSemicolon(t *testing.T) {
	cs, _ := decodeRISString(t, "TY  - JOUR\nSN  - 1234-5679\u037e0378-5955\nUR  - http://a.org/\u037ehttp://b.org/\nER  - \n")
	require.Len(t, cs, 1)
	assert.Equal(t, []string{"1234-5679", "0378-5955"}, cs[0].ISSN)
	assert.Equal(t, "http://a.org/", cs[0].URL)
	for _, in := range []string{
		"SN -\u037e", "TY  - JOUR\nUR  - http://a\u037ehttp://b\nER  - \n", "TY  - JOUR\nKW  - a\u037eb\nER  - \n",
		"TY  - JOUR\nKW  - a\u037eb\nKW  - c\nER  - \n", "TY  - JOUR\nN1  - csl\u037eisbn: x\nER  - \n",
	} {
		cs, _ := decodeRISString(t, in)
		ris := encodeRIS(t, false, cs...)
		again, _ := decodeRISString(t, string(ris))
		assert.Equal(t, string(ris), string(encodeRIS(t, false, again...)), "%q", in)
	}
}
