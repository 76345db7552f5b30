package citation_test

import (
	"errors"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type D = citation.Date

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want D
		str  string
	}{
		// ISO 8601.
		{"2019", D{Year: 2019}, "2019"},
		{"2019-03", D{Year: 2019, Month: 3}, "2019-03"},
		{"2025-11-12", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2025-11-12T10:30:00Z", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2025-11-12T10:30:00+01:00", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2025-11-12 10:30:00", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"20251112", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2024-02-29", D{Year: 2024, Month: 2, Day: 29}, "2024-02-29"},
		{"2000-02-29", D{Year: 2000, Month: 2, Day: 29}, "2000-02-29"},
		{"-0050", D{Year: -50}, "-0050"},
		{"0850", D{Year: 850}, "0850"},
		// EDTF.
		{"2018-09-03/2018-09-05", D{Year: 2018, Month: 9, Day: 3, EndYear: 2018, EndMonth: 9, EndDay: 5}, "2018-09-03/2018-09-05"},
		{"2018/2019", D{Year: 2018, EndYear: 2019}, "2018/2019"},
		{"2018-11/2019-02", D{Year: 2018, Month: 11, EndYear: 2019, EndMonth: 2}, "2018-11/2019-02"},
		{"2019-21", D{Year: 2019, Season: citation.Spring}, "2019-21"},
		{"2019-24", D{Year: 2019, Season: citation.Winter}, "2019-24"},
		{"1850~", D{Year: 1850, Circa: true}, "1850~"},
		{"1850?", D{Year: 1850, Circa: true}, "1850~"},
		{"1850%", D{Year: 1850, Circa: true}, "1850~"},
		{"1850~/1860~", D{Year: 1850, EndYear: 1860, Circa: true}, "1850~/1860~"},
		// Open ranges keep their text.
		{"2018/..", D{Year: 2018, Literal: "2018/.."}, "2018/.."},
		{"../2018-05", D{Year: 2018, Month: 5, Literal: "../2018-05"}, "../2018-05"},
		{"2018-05/", D{Year: 2018, Month: 5, Literal: "2018-05/"}, "2018-05/"},
		// RIS.
		{"2019/05/12/", D{Year: 2019, Month: 5, Day: 12}, "2019-05-12"},
		{"2019/05/12/Spring meeting", D{Year: 2019, Month: 5, Day: 12}, "2019-05-12"},
		{"2019/05/12", D{Year: 2019, Month: 5, Day: 12}, "2019-05-12"},
		{"2019///", D{Year: 2019}, "2019"},
		{"2019/05//", D{Year: 2019, Month: 5}, "2019-05"},
		{"2019//", D{Year: 2019}, "2019"},
		{"2019/", D{Year: 2019}, "2019"},
		{"2019/5", D{Year: 2019, Month: 5}, "2019-05"},
		{"2019///Spring", D{Year: 2019, Season: citation.Spring}, "2019-21"},
		{"2019///Fall", D{Year: 2019, Season: citation.Autumn}, "2019-23"},
		// Month names.
		{"Nov 12, 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"Nov. 12, 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"November 12th, 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"12 November 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"12th of November 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"12. November 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"12-Nov-2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2025 Nov 12", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"2025 nov 12", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"March 2019", D{Year: 2019, Month: 3}, "2019-03"},
		{"Mar. 2019", D{Year: 2019, Month: 3}, "2019-03"},
		{"Sept 2019", D{Year: 2019, Month: 9}, "2019-09"},
		{"SEPTEMBER 2019", D{Year: 2019, Month: 9}, "2019-09"},
		{"2019 Mar", D{Year: 2019, Month: 3}, "2019-03"},
		{"Wednesday, November 12, 2025", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"Wed, 12 Nov 2025 10:30:00 GMT", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"Wed, 12 Nov 2025 10:30:00 -0500", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		// MEDLINE ranges.
		{"2025 Nov-Dec", D{Year: 2025, Month: 11, EndYear: 2025, EndMonth: 12}, "2025-11/2025-12"},
		{"2025 Nov 12-15", D{Year: 2025, Month: 11, Day: 12, EndYear: 2025, EndMonth: 11, EndDay: 15}, "2025-11-12/2025-11-15"},
		{"2019 Dec-2020 Jan", D{Year: 2019, Month: 12, EndYear: 2020, EndMonth: 1}, "2019-12/2020-01"},
		{"Nov 30-Dec 2, 2025", D{Year: 2025, Month: 11, Day: 30, EndYear: 2025, EndMonth: 12, EndDay: 2}, "2025-11-30/2025-12-02"},
		{"12-15 November 2025", D{Year: 2025, Month: 11, Day: 12, EndYear: 2025, EndMonth: 11, EndDay: 15}, "2025-11-12/2025-11-15"},
		{"2018-2019", D{Year: 2018, EndYear: 2019}, "2018/2019"},
		{"2018–2019", D{Year: 2018, EndYear: 2019}, "2018/2019"},
		{"2018 - 2019", D{Year: 2018, EndYear: 2019}, "2018/2019"},
		// Seasons.
		{"Spring 2019", D{Year: 2019, Season: citation.Spring}, "2019-21"},
		{"2019 Spring", D{Year: 2019, Season: citation.Spring}, "2019-21"},
		{"Summer 2019", D{Year: 2019, Season: citation.Summer}, "2019-22"},
		{"Fall 2020", D{Year: 2020, Season: citation.Autumn}, "2020-23"},
		{"Autumn 2020", D{Year: 2020, Season: citation.Autumn}, "2020-23"},
		{"Winter 2018-2019", D{Year: 2018, Season: citation.Winter, Literal: "Winter 2018-2019"}, "Winter 2018-2019"},
		{"Spring-Summer 2019", D{Year: 2019, Season: citation.Spring, Literal: "Spring-Summer 2019"}, "Spring-Summer 2019"},
		// Circa.
		{"c. 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"ca. 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"ca 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"circa 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"Circa 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"c.1850", D{Year: 1850, Circa: true}, "1850~"},
		{"approx. 1850", D{Year: 1850, Circa: true}, "1850~"},
		{"[1850?]", D{Year: 1850, Circa: true}, "1850~"},
		{"[1850]", D{Year: 1850}, "1850"},
		{"circa March 1850", D{Year: 1850, Month: 3, Circa: true}, "1850-03~"},
		// Numeric dates that only one order reads.
		{"25/12/2025", D{Year: 2025, Month: 12, Day: 25}, "2025-12-25"},
		{"12/25/2025", D{Year: 2025, Month: 12, Day: 25}, "2025-12-25"},
		{"05/05/2025", D{Year: 2025, Month: 5, Day: 5}, "2025-05-05"},
		{"2025.11.12", D{Year: 2025, Month: 11, Day: 12}, "2025-11-12"},
		{"12/2025", D{Year: 2025, Month: 12}, "2025-12"},
		// MEDLINE numeric forms and history dates.
		{"2013 06 10", D{Year: 2013, Month: 6, Day: 10}, "2013-06-10"},
		{"2010   06", D{Year: 2010, Month: 6}, "2010-06"},
		{"1993/10/08 00:00", D{Year: 1993, Month: 10, Day: 8}, "1993-10-08"},
		{"2020/10/19 17:12", D{Year: 2020, Month: 10, Day: 19}, "2020-10-19"},
		{"2015/october", D{Year: 2015, Month: 10}, "2015-10"},
		{"2015/Oct./", D{Year: 2015, Month: 10}, "2015-10"},
		{"Nov/Dec 2019", D{Year: 2019, Month: 11, EndYear: 2019, EndMonth: 12}, "2019-11/2019-12"},
		{"Spring/Summer 2019", D{Year: 2019, Season: citation.Spring, Literal: "Spring/Summer 2019"}, "Spring/Summer 2019"},
		{"c1999", D{Year: 1999}, "1999"},
		{"©1999", D{Year: 1999}, "1999"},
		{"1850s", D{Year: 1850, Literal: "1850s"}, "1850s"},
		{"ca. 1850s", D{Year: 1850, Circa: true, Literal: "ca. 1850s"}, "ca. 1850s"},
		// Empty.
		{"///", D{}, ""},
		{"", D{}, ""},
		{"  \n ", D{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := citation.ParseDate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, d)
			assert.Equal(t, tt.str, d.String())
			assert.NoError(t, d.Valid())
			back, err := citation.ParseDate(d.String())
			require.NoError(t, err)
			assert.Equal(t, d, back, "String round trip")
		})
	}
}

func TestParseDateOrder(t *testing.T) {
	tests := []struct {
		in    string
		order citation.DateOrder
		want  D
		err   error
	}{
		{"11-12-2025", citation.OrderUnspecified, D{}, citation.ErrSyntax},
		{"11/12/2025", citation.OrderUnspecified, D{}, citation.ErrSyntax},
		{"11.12.2025", citation.OrderUnspecified, D{}, citation.ErrSyntax},
		{"11-12-2025", citation.OrderMDY, D{Year: 2025, Month: 11, Day: 12}, nil},
		{"11/12/2025", citation.OrderMDY, D{Year: 2025, Month: 11, Day: 12}, nil},
		{"11-12-2025", citation.OrderDMY, D{Year: 2025, Month: 12, Day: 11}, nil},
		{"11.12.2025", citation.OrderDMY, D{Year: 2025, Month: 12, Day: 11}, nil},
		{"25-12-2025", citation.OrderMDY, D{}, citation.ErrInvalidValue}, // the order given is applied strictly
		{"11-12-2025", citation.OrderYMD, D{}, citation.ErrSyntax},
		{"2025-11-12", citation.OrderDMY, D{Year: 2025, Month: 11, Day: 12}, nil}, // ISO is never reordered
		{"2025.11.12", citation.OrderDMY, D{}, citation.ErrSyntax},
		{"2025.11.12", citation.OrderYMD, D{Year: 2025, Month: 11, Day: 12}, nil},
		{"Nov 12, 2025", citation.OrderDMY, D{Year: 2025, Month: 11, Day: 12}, nil},
		{"11/12/25", citation.OrderMDY, D{}, citation.ErrSyntax}, // two-digit year
		{"13/13/2025", citation.OrderUnspecified, D{}, citation.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := citation.ParseDateOrder(tt.in, tt.order)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, d.IsZero())
				var de *citation.DateError
				assert.True(t, errors.As(err, &de))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, d)
		})
	}
	_, err := citation.ParseDate("11-12-2025")
	assert.EqualError(t, err, `citation: date "11-12-2025": ambiguous day/month order`)
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"2025-02-30", citation.ErrInvalidValue},
		{"2025-02-29", citation.ErrInvalidValue},
		{"1900-02-29", citation.ErrInvalidValue},
		{"2025-13", citation.ErrInvalidValue},
		{"2025-13-01", citation.ErrInvalidValue},
		{"2025-00", citation.ErrInvalidValue},
		{"2025-04-31", citation.ErrInvalidValue},
		{"2025-04-00", citation.ErrInvalidValue},
		{"0000", citation.ErrInvalidValue},
		{"Feb 30, 2025", citation.ErrInvalidValue},
		{"30 February 2025", citation.ErrInvalidValue},
		{"2019/13/01", citation.ErrInvalidValue},
		{"2019/02/30/", citation.ErrInvalidValue},
		{"2019//05/", citation.ErrInvalidValue},
		{"2019-09-05/2019-09-03", citation.ErrInvalidValue}, // ends before it starts
		{"2019-2018", citation.ErrInvalidValue},
		{"2025 Dec-Nov", citation.ErrInvalidValue},
		{"Nov 0, 2025", citation.ErrInvalidValue},
		{"n.d.", citation.ErrSyntax},
		{"in press", citation.ErrSyntax},
		{"November", citation.ErrSyntax},
		{"12 November", citation.ErrSyntax},
		{"2025 2026", citation.ErrSyntax},
		{"Nov Dec 2025", citation.ErrSyntax},
		{"2018-09/2018-10-05", citation.ErrSyntax},
		{"2025-", citation.ErrSyntax},
		{"-", citation.ErrSyntax},
		{"12345", citation.ErrSyntax},
		{"2025 Nov 12 13", citation.ErrSyntax},
		{"2013 13 10", citation.ErrInvalidValue},
		{"2013 06 00", citation.ErrSyntax},
		{"Article 10 2019", citation.ErrSyntax},
		{string(make([]byte, 300)), citation.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := citation.ParseDate(tt.in)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, d.IsZero())
		})
	}
}

func TestParseDateLiteral(t *testing.T) {
	assert.Equal(t, D{Literal: "n.d."}, citation.ParseDateLiteral("n.d."))
	assert.Equal(t, D{Literal: "11-12-2025"}, citation.ParseDateLiteral(" 11-12-2025 "))
	assert.Equal(t, D{Year: 2019, Season: citation.Spring}, citation.ParseDateLiteral("Spring 2019"))
	assert.Equal(t, D{}, citation.ParseDateLiteral(""))
}

func TestDateValid(t *testing.T) {
	valid := []D{
		{},
		{Literal: "n.d."},
		{Year: 2025},
		{Year: -50},
		{Year: 2025, Month: 2, Day: 28},
		{Year: 2025, Season: citation.Winter},
		{Year: 2025, Month: 11, EndYear: 2025, EndMonth: 12},
	}
	for _, d := range valid {
		assert.NoError(t, d.Valid(), "%+v", d)
	}
	invalid := []D{
		{Month: 3},
		{Year: 2025, Day: 3},
		{Year: 2025, Month: 13},
		{Year: 2025, Month: 2, Day: 29},
		{Year: 2025, Month: -1},
		{Year: 2025, Season: 5},
		{Year: 2025, Month: 3, Season: citation.Spring},
		{Year: 2025, EndMonth: 3},
		{EndYear: 2025},
		{Year: 2025, Month: 11, EndYear: 2025},
		{Year: 2026, EndYear: 2025},
		{Year: 2025, Month: 11, Day: 3, EndYear: 2025, EndMonth: 11, EndDay: 31},
	}
	for _, d := range invalid {
		err := d.Valid()
		assert.ErrorIs(t, err, citation.ErrInvalidValue, "%+v", d)
	}
}

func TestDateOrderFromFormat(t *testing.T) {
	tests := []struct {
		format string
		want   citation.DateOrder
	}{
		{"MMM DD, YYYY", citation.OrderMDY},
		{"MM/DD/YYYY", citation.OrderMDY},
		{"M-D-YYYY", citation.OrderMDY},
		{"DD.MM.YYYY", citation.OrderDMY},
		{"d MMMM yyyy", citation.OrderDMY},
		{"dd/MM/yyyy", citation.OrderDMY},
		{"YYYY-MM-DD", citation.OrderYMD},
		{"yyyy-MM-dd", citation.OrderYMD},
		{"%m/%d/%Y", citation.OrderMDY},
		{"%d %b %Y", citation.OrderDMY},
		{"%Y-%m-%d", citation.OrderYMD},
		{"YYYY", citation.OrderUnspecified},
		{"MMMM YYYY", citation.OrderUnspecified},
		{"", citation.OrderUnspecified},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, citation.DateOrderFromFormat(tt.format), tt.format)
	}
	// The Digital Commons seed: Publication Date in M-D-YYYY.
	d, err := citation.ParseDateOrder("11-12-2025", citation.DateOrderFromFormat("M-D-YYYY"))
	require.NoError(t, err)
	assert.Equal(t, D{Year: 2025, Month: 11, Day: 12}, d)
}
