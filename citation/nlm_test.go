package citation_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
)

func TestParseNLMSource(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want citation.NLMSource
	}{
		{
			name: "classic",
			in:   "Proc Natl Acad Sci U S A. 1996 Jul 9;93(14):6913-7.",
			want: citation.NLMSource{
				Journal: "Proc Natl Acad Sci U S A", DateText: "1996 Jul 9",
				Date:   citation.Date{Year: 1996, Month: 7, Day: 9},
				Volume: "93", VolumeText: "93", Issue: "14", IssueText: "14",
				Pages: "6913-6917", PagesText: "6913-7",
			},
		},
		{
			name: "doi and epub tails",
			in:   "Public Health. 2015 May;129(5):475-82. doi: 10.1016/j.puhe.2015.01.018. Epub 2015 Mar 3.",
			want: citation.NLMSource{
				Journal: "Public Health", DateText: "2015 May", Date: citation.Date{Year: 2015, Month: 5},
				Volume: "129", VolumeText: "129", Issue: "5", IssueText: "5",
				Pages: "475-482", PagesText: "475-82",
				DOI: "10.1016/j.puhe.2015.01.018", EpubText: "2015 Mar 3", Epub: citation.Date{Year: 2015, Month: 3, Day: 3},
			},
		},
		{
			name: "electronic location with epub",
			in:   "Ann Psychiatry Clin Neurosci. 2021;4(1):1042. Epub 2021 Dec 27.",
			want: citation.NLMSource{
				Journal: "Ann Psychiatry Clin Neurosci", DateText: "2021", Date: citation.Date{Year: 2021},
				Volume: "4", VolumeText: "4", Issue: "1", IssueText: "1", Pages: "1042", PagesText: "1042",
				EpubText: "2021 Dec 27", Epub: citation.Date{Year: 2021, Month: 12, Day: 27},
			},
		},
		{
			name: "seed article number",
			in:   "J Neurosci. 2025;45(46):e1353252025.",
			want: citation.NLMSource{
				Journal: "J Neurosci", DateText: "2025", Date: citation.Date{Year: 2025},
				Volume: "45", VolumeText: "45", Issue: "46", IssueText: "46",
				Pages: "e1353252025", PagesText: "e1353252025",
			},
		},
		{
			name: "ahead of print",
			in:   "Wilderness Environ Med. 2022 Oct 7:S1080-6032(22)00139-9. doi: 10.1016/j.wem.2022.07.008.",
			want: citation.NLMSource{
				Journal: "Wilderness Environ Med", DateText: "2022 Oct 7", Date: citation.Date{Year: 2022, Month: 10, Day: 7},
				AheadOfPrint: true, ELocation: "S1080-6032(22)00139-9", DOI: "10.1016/j.wem.2022.07.008",
			},
		},
		{
			name: "epub ahead of print marker",
			in:   "J Neurosci. 2025 Nov 12;45(46):e1353252025. [Epub ahead of print]",
			want: citation.NLMSource{
				Journal: "J Neurosci", DateText: "2025 Nov 12", Date: citation.Date{Year: 2025, Month: 11, Day: 12},
				Volume: "45", VolumeText: "45", Issue: "46", IssueText: "46",
				Pages: "e1353252025", PagesText: "e1353252025", AheadOfPrint: true,
			},
		},
		{
			name: "online ahead of print",
			in:   "Muscle Nerve. 2024 Jan 3. doi: 10.1002/mus.28012. Online ahead of print.",
			want: citation.NLMSource{
				Journal: "Muscle Nerve", DateText: "2024 Jan 3", Date: citation.Date{Year: 2024, Month: 1, Day: 3},
				DOI: "10.1002/mus.28012", AheadOfPrint: true,
			},
		},
		{
			name: "brief example",
			in:   "Some J. 2019 Mar 5;12(3):123-30",
			want: citation.NLMSource{
				Journal: "Some J", DateText: "2019 Mar 5", Date: citation.Date{Year: 2019, Month: 3, Day: 5},
				Volume: "12", VolumeText: "12", Issue: "3", IssueText: "3", Pages: "123-130", PagesText: "123-30",
			},
		},
		{
			name: "season",
			in:   "Ethn Dis. 1998 Spring;8(2):110-6.",
			want: citation.NLMSource{
				Journal: "Ethn Dis", DateText: "1998 Spring", Date: citation.Date{Year: 1998, Season: citation.Spring},
				Volume: "8", VolumeText: "8", Issue: "2", IssueText: "2", Pages: "110-116", PagesText: "110-6",
			},
		},
		{
			name: "month range",
			in:   "Nurs Res. 2002 Mar-Apr;51(2):88-94.",
			want: citation.NLMSource{
				Journal: "Nurs Res", DateText: "2002 Mar-Apr",
				Date:   citation.Date{Year: 2002, Month: 3, EndYear: 2002, EndMonth: 4},
				Volume: "51", VolumeText: "51", Issue: "2", IssueText: "2", Pages: "88-94", PagesText: "88-94",
			},
		},
		{
			name: "volume supplement",
			in:   "Clin Infect Dis. 2006;42 Suppl 2:S93-9.",
			want: citation.NLMSource{
				Journal: "Clin Infect Dis", DateText: "2006", Date: citation.Date{Year: 2006},
				Volume: "42", VolumeText: "42 Suppl 2", Supplement: "2",
				Pages: "S93-9", PagesText: "S93-9",
			},
		},
		{
			name: "issue supplement",
			in:   "Blood. 2002;100(12 Suppl 7):S1-S22.",
			want: citation.NLMSource{
				Journal: "Blood", DateText: "2002", Date: citation.Date{Year: 2002},
				Volume: "100", VolumeText: "100", Issue: "12", IssueText: "12 Suppl 7", Supplement: "7",
				Pages: "S1-S22", PagesText: "S1-S22",
			},
		},
		{
			name: "part without issue number",
			in:   "J Physiol. 2002;542(Pt 3):669-83.",
			want: citation.NLMSource{
				Journal: "J Physiol", DateText: "2002", Date: citation.Date{Year: 2002},
				Volume: "542", VolumeText: "542", IssueText: "Pt 3", Part: "3",
				Pages: "669-683", PagesText: "669-83",
			},
		},
		{
			name: "issue with part",
			in:   "Acta Neurol Scand. 2002;107(986 Pt 1):28-33.",
			want: citation.NLMSource{
				Journal: "Acta Neurol Scand", DateText: "2002", Date: citation.Date{Year: 2002},
				Volume: "107", VolumeText: "107", Issue: "986", IssueText: "986 Pt 1", Part: "1",
				Pages: "28-33", PagesText: "28-33",
			},
		},
		{
			name: "issue without volume",
			in:   "Clin Orthop. 1995;(320):110-4.",
			want: citation.NLMSource{
				Journal: "Clin Orthop", DateText: "1995", Date: citation.Date{Year: 1995},
				Issue: "320", IssueText: "320", Pages: "110-114", PagesText: "110-4",
			},
		},
		{
			name: "volume only with pmid",
			in:   "N Engl J Med. 2002;347:284-7. PMID: 12140307",
			want: citation.NLMSource{
				Journal: "N Engl J Med", DateText: "2002", Date: citation.Date{Year: 2002},
				Volume: "347", VolumeText: "347", Pages: "284-287", PagesText: "284-7", PMID: "12140307",
			},
		},
		{
			name: "roman pages and a language note",
			in:   "Tidsskr Nor Laegeforen. 2002 Mar 20;122(8):iii-v. Norwegian.",
			want: citation.NLMSource{
				Journal: "Tidsskr Nor Laegeforen", DateText: "2002 Mar 20", Date: citation.Date{Year: 2002, Month: 3, Day: 20},
				Volume: "122", VolumeText: "122", Issue: "8", IssueText: "8", Pages: "iii-v", PagesText: "iii-v",
				Remainder: "Norwegian",
			},
		},
		{
			name: "date only",
			in:   "J Neurosci. 2025 Nov.",
			want: citation.NLMSource{Journal: "J Neurosci", DateText: "2025 Nov", Date: citation.Date{Year: 2025, Month: 11}},
		},
		{
			name: "journal with periods and pmcid",
			in:   "J. Neurosci. 2025;45:1-9. PMCID: PMC1234567.",
			want: citation.NLMSource{
				Journal: "J. Neurosci", DateText: "2025", Date: citation.Date{Year: 2025},
				Volume: "45", VolumeText: "45", Pages: "1-9", PagesText: "1-9", PMCID: "PMC1234567",
			},
		},
		{
			name: "journal without final period",
			in:   "J Neurosci 2025 Nov;45(46):e1353252025",
			want: citation.NLMSource{
				Journal: "J Neurosci", DateText: "2025 Nov", Date: citation.Date{Year: 2025, Month: 11},
				Volume: "45", VolumeText: "45", Issue: "46", IssueText: "46",
				Pages: "e1353252025", PagesText: "e1353252025",
			},
		},
		{
			name: "unparsable date kept as text",
			in:   "Some J. 2019 Jul 45;3:1.",
			want: citation.NLMSource{
				Journal: "Some J", DateText: "2019 Jul 45",
				Volume: "3", VolumeText: "3", Pages: "1", PagesText: "1",
			},
		},
		{
			name: "vancouver online",
			in:   "J Neurosci [Internet]. 2025 Nov 12 [cited 2026 Jan 3];45(46):e1353252025. Available from: https://www.jneurosci.org/content/45/46/e1353252025",
			want: citation.NLMSource{
				Journal: "J Neurosci", DateText: "2025 Nov 12", Date: citation.Date{Year: 2025, Month: 11, Day: 12},
				Volume: "45", VolumeText: "45", Issue: "46", IssueText: "46",
				Pages: "e1353252025", PagesText: "e1353252025",
				Internet: true, CitedText: "2026 Jan 3", Cited: citation.Date{Year: 2026, Month: 1, Day: 3},
				URL: "https://www.jneurosci.org/content/45/46/e1353252025",
			},
		},
		{
			name: "white space folded",
			in:   "  Proc Natl Acad Sci U S A.\n1996   Jul 9;93(14):6913-7.\r\n",
			want: citation.NLMSource{
				Journal: "Proc Natl Acad Sci U S A", DateText: "1996 Jul 9",
				Date:   citation.Date{Year: 1996, Month: 7, Day: 9},
				Volume: "93", VolumeText: "93", Issue: "14", IssueText: "14",
				Pages: "6913-6917", PagesText: "6913-7",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := citation.ParseNLMSource(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseNLMSourceErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", citation.ErrSyntax},
		{"blank", " \n ", citation.ErrSyntax},
		{"no year", "J Neurosci. Nov;45(46):e1.", citation.ErrSyntax},
		{"no journal", ". 2025;45:1.", citation.ErrSyntax},
		{"plain title", "Journal of Neuroscience", citation.ErrSyntax},
		{"too long", "J. 2025;" + strings.Repeat("1", citation.MaxNLMSourceLen), citation.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := citation.ParseNLMSource(tt.in)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "got %v, want %v", err, tt.want)
		})
	}
}

func TestParseNLMDate(t *testing.T) {
	tests := []struct {
		in   string
		want citation.Date
		err  error
	}{
		{in: "2021", want: citation.Date{Year: 2021}},
		{in: "2015 May", want: citation.Date{Year: 2015, Month: 5}},
		{in: "1996 Jul 9", want: citation.Date{Year: 1996, Month: 7, Day: 9}},
		{in: "1996 July 9", want: citation.Date{Year: 1996, Month: 7, Day: 9}},
		{in: "2015 Sept", want: citation.Date{Year: 2015, Month: 9}},
		{in: "2015 Mar-Apr", want: citation.Date{Year: 2015, Month: 3, EndYear: 2015, EndMonth: 4}},
		{in: "2001 Dec-2002 Jan", want: citation.Date{Year: 2001, Month: 12, EndYear: 2002, EndMonth: 1}},
		{in: "2020 Jun 1-15", want: citation.Date{Year: 2020, Month: 6, Day: 1, EndYear: 2020, EndMonth: 6, EndDay: 15}},
		{in: "2020 Jun 28-Jul 3", want: citation.Date{Year: 2020, Month: 6, Day: 28, EndYear: 2020, EndMonth: 7, EndDay: 3}},
		{in: "1998 Spring", want: citation.Date{Year: 1998, Season: citation.Spring}},
		{in: "1998 Fall", want: citation.Date{Year: 1998, Season: citation.Autumn}},
		{in: "2000 Fall-Winter", want: citation.Date{Year: 2000, Season: citation.Autumn}},
		{in: "2024 Feb 29", want: citation.Date{Year: 2024, Month: 2, Day: 29}},
		{in: "2023 Feb 29", err: citation.ErrInvalidValue},
		{in: "2023 Jun 31", err: citation.ErrInvalidValue},
		{in: "2023 Foo", err: citation.ErrSyntax},
		{in: "23 May", err: citation.ErrSyntax},
		{in: "2023 May 5 6", err: citation.ErrSyntax},
		{in: "2020 Jun 1-Jul", err: citation.ErrSyntax},
		{in: "", err: citation.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := citation.ParseNLMDate(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExpandPageRange(t *testing.T) {
	tests := []struct{ in, want string }{
		{"6913-7", "6913-6917"},
		{"475-82", "475-482"},
		{"1342-50", "1342-1350"},
		{"812-24", "812-824"},
		{"25-36", "25-36"},
		{"95-103", "95-103"},
		{"1042", "1042"},
		{"e1353252025", "e1353252025"},
		{"iii-v", "iii-v"},
		{"S93-9", "S93-9"},
		{"123\u201330", "123-130"},
		{"12-5, 30-2", "12-15, 30-32"},
		{"", ""},
		{"-", "-"},
		{"5-", "5-"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, citation.ExpandPageRange(tt.in))
		})
	}
}

// TestParseNLMSourceCaseChangingLetters checks source lines with letters
// whose lower case is longer in UTF-8 (Ⱥ, 2 bytes, lowers to ⱥ, 3 bytes):
// tails were once found in the lower-cased text and cut from the original
// at the same offsets, which sliced past its end.
func TestParseNLMSourceCaseChangingLetters(t *testing.T) {
	_, err := citation.ParseNLMSource("ȺȺȺȺȺȺ. doi:")
	assert.ErrorIs(t, err, citation.ErrSyntax)
	src, err := citation.ParseNLMSource("ȺȺȺȺȺȺ J Biol. 2001;3:1-2. DOI: 10.1/x. PMID: 5")
	require.NoError(t, err)
	assert.Equal(t, "ȺȺȺȺȺȺ J Biol", src.Journal)
	assert.Equal(t, "10.1/x", src.DOI)
	assert.Equal(t, "5", src.PMID)
}

func ExampleParseNLMSource() {
	src, err := citation.ParseNLMSource("Public Health. 2015 May;129(5):475-82. doi: 10.1016/j.puhe.2015.01.018. Epub 2015 Mar 3.")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(src.Journal)
	fmt.Println(src.Date.Year, src.Date.Month)
	fmt.Println(src.Volume, src.Issue, src.Pages)
	fmt.Println(src.DOI)
	fmt.Println(src.Epub)
	// Output:
	// Public Health
	// 2015 5
	// 129 5 475-482
	// 10.1016/j.puhe.2015.01.018
	// 2015-03-03
}

func ExampleExpandPageRange() {
	fmt.Println(citation.ExpandPageRange("812-24"))
	fmt.Println(citation.ExpandPageRange("e1353252025"))
	// Output:
	// 812-824
	// e1353252025
}

func FuzzParseNLMSource(f *testing.F) {
	for _, s := range []string{
		"Proc Natl Acad Sci U S A. 1996 Jul 9;93(14):6913-7.",
		"Public Health. 2015 May;129(5):475-82. doi: 10.1016/j.puhe.2015.01.018. Epub 2015 Mar 3.",
		"Wilderness Environ Med. 2022 Oct 7:S1080-6032(22)00139-9. doi: 10.1016/j.wem.2022.07.008.",
		"Blood. 2002;100(12 Suppl 7):S1-S22.",
		"Nurs Res. 2002 Mar-Apr;51(2):88-94.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, err := citation.ParseNLMSource(s)
		if err != nil {
			return
		}
		if src.Journal == "" {
			t.Errorf("no journal for %q", s)
		}
		_ = citation.ExpandPageRange(s)
	})
}
