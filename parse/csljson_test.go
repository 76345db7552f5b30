package parse_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func sortExtra(c *citation.Citation) {
	sort.SliceStable(c.Extra, func(i, j int) bool { return c.Extra[i].Name < c.Extra[j].Name })
}

// TestCSLJSONRoundTrip: CSL-JSON -> Citation -> CSL-JSON loses nothing.
func TestCSLJSONRoundTrip(t *testing.T) {
	want := richCitation()
	data := encodeCSL(t, want)
	testutil.ValidateCSLJSON(t, data)
	got, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(data)))
	require.NoError(t, err)
	require.Len(t, got, 1)
	// Writing it again gives the same bytes.
	assert.Equal(t, string(data), string(encodeCSL(t, got[0])))
	// The Extra values keep their order within each label.
	sortExtra(want)
	sortExtra(got[0])
	assert.Equal(t, want, got[0])
}

func TestCSLJSONDecoderForms(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ids      []string
	}{
		{"array", `[{"id":"a","type":"book"},{"id":"b","type":"book"}]`, []string{"a", "b"}},
		{"empty array", ` [ ] `, nil},
		{"empty input", "", nil},
		{"white space", " \n\t ", nil},
		{"object", `{"id": "a", "type": "book"}`, []string{"a"}},
		{"ndjson", "{\"id\":\"a\",\"type\":\"book\"}\n{\"id\":\"b\",\"type\":\"book\"}\n", []string{"a", "b"}},
		{"ndjson crlf", "{\"id\":\"a\"}\r\n{\"id\":\"b\"}\r\n", []string{"a", "b"}},
		{"concatenated pretty objects", "{\n  \"id\": \"a\"\n}\n{\n  \"id\": \"b\"\n}\n", []string{"a", "b"}},
		{"trailing commas", `[{"id":"a","type":"book",},]`, []string{"a"}},
		{"numeric id", `[{"id":12,"type":"book"}]`, []string{"12"}},
		{"utf-8 bom", "\xef\xbb\xbf[{\"id\":\"a\"}]", []string{"a"}},
		{"utf-16le bom", utf16le("[{\"id\":\"é\"}]"), []string{"é"}},
		{"escapes", `[{"id":"a\u00e9\ud83d\ude00\n\"\\\/"}]`, []string{"aé😀 \"\\/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, errs := decodeAll(t, parse.NewCSLJSONDecoder(strings.NewReader(tc.in)))
			assert.Empty(t, errs)
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tc.ids, ids)
		})
	}
}

func utf16le(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// TestCSLJSONDecoderErrors checks positions and recovery. "@" marks where the
// error is reported; it is removed from the input.
func TestCSLJSONDecoderErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ids      []string // records converted, in order
		field    string
		record   string
		sentinel error
		msg      string
	}{
		{"not json", "@hello", nil, "", "", parse.ErrSyntax, "not CSL-JSON"},
		{"bad value", "[\n  {\"id\": \"a\"},\n  {\"id\": @tru},\n  {\"id\": \"c\"}\n]", []string{"a", "c"}, "", "#2", parse.ErrSyntax, "invalid literal"},
		{"missing colon", "[{\"id\": \"a\"},\n {\"id\" @\"b\"}, {\"id\": \"c\"}]", []string{"a", "c"}, "", "#2", parse.ErrSyntax, "expected :"},
		{"unterminated string resyncs", "[\n  {\"id\": \"a\", \"title\": \"x@\n  },\n  {\"id\": \"c\"}\n]", []string{"c"}, "", "#1", parse.ErrSyntax, "newline inside a string"},
		{"ndjson broken line", "{\"id\":\"a\"}\n{\"id\":\"b\", \"title\":\"x@\n{\"id\":\"c\"}\n", []string{"a", "c"}, "", "#2", parse.ErrSyntax, "newline inside a string"},
		{"ndjson unclosed object", "{\"id\":\"a\"}\n{\"id\":\"b\", \"author\":[\n@{\"id\":\"c\"}\n", []string{"a", "c"}, "", "#2", parse.ErrSyntax, "not closed"},
		{"unclosed array", "[{\"id\":\"a\"}@", []string{"a"}, "", "", parse.ErrSyntax, "not closed"},
		{"wrong type names", "[{\"id\": \"x1\", \"type\": \"book\",\n  @\"author\": \"Smith, J.\"}]", []string{"x1"}, "author", "x1", parse.ErrInvalidValue, "not an array of names"},
		{"wrong type string", "[{\"type\": \"book\", @\"title\": [\"a\", \"b\"], \"id\": \"x2\"}]", []string{"x2"}, "title", "x2", parse.ErrInvalidValue, "title is a JSON array"},
		{"wrong type date", "[{\"id\": \"x3\", @\"issued\": true}]", []string{"x3"}, "issued", "x3", parse.ErrInvalidValue, "not a date object"},
		{"bad date-parts", "[{\"id\": \"x4\", \"issued\": {@\"date-parts\": [[\"spring\"]]}}]", []string{"x4"}, "issued", "x4", parse.ErrInvalidValue, "date-parts"},
		{"unknown type", "[{\"id\": \"x5\", @\"type\": \"journal-article\"}]", []string{"x5"}, "type", "x5", parse.ErrInvalidValue, "unknown item type"},
		{"item not object", "[{\"id\":\"a\"}, @42, {\"id\":\"b\"}]", []string{"a", "b"}, "", "#2", parse.ErrInvalidValue, "not an object"},
		{"data after array", "[{\"id\":\"a\"}] @x", []string{"a"}, "", "", parse.ErrSyntax, "after the end"},
		{"control char", "[{\"id\":\"a@\x01\"}, {\"id\":\"b\"}]", []string{"b"}, "", "#1", parse.ErrSyntax, "control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mark := strings.Index(tc.in, "@")
			require.GreaterOrEqual(t, mark, 0)
			in := tc.in[:mark] + tc.in[mark+1:]
			wantLine := strings.Count(tc.in[:mark], "\n") + 1
			wantCol := mark - strings.LastIndex(tc.in[:mark], "\n")
			cs, errs := decodeAll(t, parse.NewCSLJSONDecoder(strings.NewReader(in)))
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tc.ids, ids)
			require.Len(t, errs, 1, "errors: %v", errs)
			e := errs[0]
			assert.Equal(t, "csljson", e.Format)
			assert.Equal(t, [2]int{wantLine, wantCol}, [2]int{e.Line, e.Column}, "position of %v", e)
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.record, e.Record)
			assert.ErrorIs(t, e, tc.sentinel)
			assert.Contains(t, e.Error(), tc.msg)
		})
	}
}

// TestCSLJSONDecoderWrongTypeKept: a value of the wrong type is reported and
// kept, and the record still comes back.
func TestCSLJSONDecoderWrongTypeKept(t *testing.T) {
	d := parse.NewCSLJSONDecoder(strings.NewReader(`[{"id":"k","type":"book","title":["A","B"],"x-obj":{"b":1, "a":[true]}}]`))
	c, err := d.Decode()
	require.NotNil(t, c)
	require.Error(t, err)
	assert.Equal(t, []citation.Field{{Name: "csljson:title", Value: `["A","B"]`}, {Name: "csljson:x-obj", Value: `{"b":1,"a":[true]}`}}, c.Extra)
	assert.Equal(t, "csljson: line 1, column 26, record k, field title: title is a JSON array, not a string: invalid value", err.Error())
}

func TestCSLJSONDecoderValues(t *testing.T) {
	in := `[{
	"id": "v1", "type": "article-journal",
	"author": [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van", "static-ordering": false,
	            "ORCID": "https://orcid.org/0000-0002-1825-0097", "affiliation": [{"name": "Rijksmuseum"}], "sequence": "first"},
	           {"literal": "WHO"}, {"family": "Smith", "given": "J", "suffix": "Jr.", "comma-suffix": "true"}],
	"issued": {"date-parts": [["2020", "03", 5]]},
	"accessed": {"raw": "2021-01-02/2021-01-09"},
	"original-date": {"date-parts": [[1850]], "circa": 1},
	"event-date": {"date-parts": [[2019, 24]]},
	"submitted": {"season": "Spring", "date-parts": [[2001]], "edtf": "2001-21"},
	"available-date": {"literal": "Han Dynasty"},
	"volume": 12, "page": "812-824", "PMID": 1234,
	"ISSN": "1529-2401; 0270-6474", "ISBN": "978-0-306-40615-7",
	"keyword": "sleep, memory,  , genetics",
	"journalAbbreviation": "J Neurosci", "shortTitle": "Sleep",
	"categories": ["Neuro", "Bio"],
	"title": "  Sleep   and\n<i>memory</i>.  ",
	"custom": {"short_id": "xyz", "other-ids": ["a", "b"], "n": 3},
	"unknown-key": "u"
}]`
	cs, err := parse.ReadAll(parse.NewCSLJSONDecoder(strings.NewReader(in)))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, []citation.Name{
		{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van", ORCID: "https://orcid.org/0000-0002-1825-0097", Affiliations: []string{"Rijksmuseum"}},
		{Literal: "WHO"},
		{Family: "Smith", Given: "J", Suffix: "Jr.", CommaSuffix: true},
	}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2020, Month: 3, Day: 5}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2021, Month: 1, Day: 2, EndYear: 2021, EndMonth: 1, EndDay: 9}, c.Accessed)
	assert.Equal(t, citation.Date{Year: 1850, Circa: true}, c.OriginalDate)
	assert.Equal(t, citation.Date{Year: 2019, Season: citation.Winter}, c.EventDate)
	assert.Equal(t, citation.Date{Year: 2001, Season: citation.Spring}, c.Submitted)
	assert.Equal(t, citation.Date{Literal: "Han Dynasty"}, c.AvailableDate)
	assert.Equal(t, "12", c.Volume)
	assert.Equal(t, "1234", c.PMID)
	assert.Equal(t, []string{"1529-2401", "0270-6474"}, c.ISSN)
	assert.Equal(t, []string{"978-0-306-40615-7"}, c.ISBN)
	assert.Equal(t, []string{"sleep", "memory", "genetics"}, c.Keywords)
	assert.Equal(t, "J Neurosci", c.ContainerTitleShort)
	assert.Equal(t, "Sleep", c.TitleShort)
	assert.Equal(t, "Sleep and <i>memory</i>.", c.Title)
	assert.Equal(t, []citation.Field{
		{Name: "csljson:author[0].static-ordering", Value: "false"},
		{Name: "csljson:author[0].sequence", Value: "first"},
		{Name: "csljson:submitted.edtf", Value: "2001-21"},
		{Name: "csljson:categories", Value: "Neuro"},
		{Name: "csljson:categories", Value: "Bio"},
		{Name: "short_id", Value: "xyz"},
		{Name: "other-ids", Value: "a"},
		{Name: "other-ids", Value: "b"},
		{Name: "n", Value: "3"},
		{Name: "csljson:unknown-key", Value: "u"},
	}, c.Extra)
}

func TestCSLJSONDecoderCheater(t *testing.T) {
	in := `[{"id": "n1", "type": "book", "DOI": "10.1/x",
	"note": "PMID: 123\nDOI: 10.2/ignored\ntype: dataset\n{:original-date:2001-12-15/2001-12-31}\neditor: Thompson || Hunter S.\neditor: Prince\nnot-a-variable: x\nFree text: here.\nPMCID: PMC1"}]`
	cs, err := parse.ReadAll(parse.NewCSLJSONDecoder(strings.NewReader(in)))
	require.NoError(t, err)
	c := cs[0]
	assert.Equal(t, "123", c.PMID)
	assert.Equal(t, "10.1/x", c.DOI, "cheater syntax does not overwrite")
	assert.Equal(t, citation.TypeDataset, c.Type)
	assert.Equal(t, citation.Date{Year: 2001, Month: 12, Day: 15, EndYear: 2001, EndMonth: 12, EndDay: 31}, c.OriginalDate)
	assert.Equal(t, []citation.Name{{Family: "Thompson", Given: "Hunter S."}, {Literal: "Prince"}}, c.Editors)
	assert.Equal(t, "", c.PMCID, "parsing stops at the first line that is not a variable")
	assert.Equal(t, "DOI: 10.2/ignored not-a-variable: x Free text: here. PMCID: PMC1", c.Note)
}

func TestCSLJSONDecoderLimits(t *testing.T) {
	deep := `[{"id":"d","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `},{"id":"ok"}]`
	d := parse.NewCSLJSONDecoder(strings.NewReader(deep))
	cs, errs := decodeAll(t, d)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
	require.Len(t, cs, 1)
	assert.Equal(t, "ok", cs[0].ID)

	big := `[{"id":"big","abstract":"` + strings.Repeat("x", 300<<10) + `"},{"id":"ok"}]`
	d = parse.NewCSLJSONDecoder(strings.NewReader(big))
	d.MaxItemSize = 100 << 10
	cs, errs = decodeAll(t, d)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
	require.Len(t, cs, 1)
	assert.Equal(t, "ok", cs[0].ID)
}

func TestSniffCSLJSON(t *testing.T) {
	yes := []string{`[{"id":"a"}]`, "[\n  {\n    \"GSCC\": 1", `[]`, `{"id": "x", "type": "book"}`, `{"title": "x", "author": [{"family": "A"}]}`}
	no := []string{`{"status":"ok","message-type":"work","message":{"type":"journal-article"}}`, `{"data": {"types": {"resourceTypeGeneral": "Dataset"}}}`, `@article{x,}`, "TY  - JOUR", `[1, 2]`, `{"a": 1}`}
	for _, s := range yes {
		assert.True(t, parse.SniffCSLJSON([]byte(s)), s)
	}
	for _, s := range no {
		assert.False(t, parse.SniffCSLJSON([]byte(s)), s)
	}
	f, r, err := parse.Default().Detect(strings.NewReader(` [{"id": "a", "type": "book"}]`))
	require.NoError(t, err)
	assert.Equal(t, "csljson", f.Name)
	cs, err := parse.ReadAll(f.NewDecoder(r))
	require.NoError(t, err)
	assert.Len(t, cs, 1)
}

// countJSONItems counts the items of a CSL-JSON file with encoding/json, as
// an independent oracle.
func countJSONItems(t *testing.T, data []byte) int {
	dec := jsonDecoder(data)
	n := 0
	for {
		v, ok := dec()
		if !ok {
			return n
		}
		if arr, isArr := v.([]any); isArr {
			n += len(arr)
		} else {
			n++
		}
	}
}

// TestCSLJSONCorpus reads every CSL-JSON file of the shared corpus: records
// in = records converted + records reported, and the output is valid.
func TestCSLJSONCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus/csljson")
	var files []string
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return nil
	})
	require.NotEmpty(t, files)
	total := 0
	for _, p := range files {
		t.Run(strings.TrimPrefix(p, dir+"/"), func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			want := countJSONItems(t, data)
			d := parse.NewCSLJSONDecoder(bytes.NewReader(data))
			converted, reported := 0, 0
			var cs []*citation.Citation
			for {
				c, err := d.Decode()
				if c != nil {
					converted++
					cs = append(cs, c)
				} else if err != nil && err.Error() != "EOF" {
					var pe *parse.ParseError
					require.True(t, errors.As(err, &pe), "%v", err)
					reported++
				}
				if err != nil && err.Error() == "EOF" {
					break
				}
				if err != nil {
					t.Logf("reported: %v", err)
				}
			}
			assert.Equal(t, want, converted+reported, "records in = converted + reported")
			total += converted
			out := encodeCSL(t, cs...)
			testutil.ValidateCSLJSON(t, out)
			// A second trip changes nothing.
			again, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out)))
			require.NoError(t, err)
			assert.Equal(t, string(out), string(encodeCSL(t, again...)))
		})
	}
	t.Logf("%d files, %d records", len(files), total)
}

func ExampleCSLJSONDecoder() {
	in := `[{"id": "doe2025", "type": "article-journal", "title": "On <i>E. coli</i>",
	  "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2025, 11]]}}]`
	d := parse.NewCSLJSONDecoder(strings.NewReader(in))
	cs, err := parse.ReadAll(d)
	if err != nil {
		fmt.Println(err)
	}
	for _, c := range cs {
		fmt.Println(c.ID, c.Type, c.Authors[0].Family, c.Issued.Year, c.Issued.Month, c.Title)
	}
	// Output:
	// doe2025 article-journal Doe 2025 11 On <i>E. coli</i>
}

var _ = export.NewCSLJSONEncoder
