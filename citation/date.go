package citation

// A Date is a date as bibliographic records give it: often partial (a year,
// a year and month), sometimes a season, a range, approximate, or a text that
// cannot be structured. The zero value means the date is unknown.
//
// A date has a year whenever it has a month, and a month whenever it has a
// day. A range has an end (EndYear != 0); its end has the same precision as
// its start, so "2025 Nov-Dec" is Year 2025, Month 11, EndYear 2025,
// EndMonth 12. Negative years are BC, as in CSL.
type Date struct {
	Year, Month, Day          int
	EndYear, EndMonth, EndDay int
	Season                    Season // when the date names a season instead of a month
	Circa                     bool   // approximate: "ca. 1850"
	Literal                   string // a date that could not be structured, printed as is
}

// A Season is a season of the year, numbered as in CSL: 1 spring, 2 summer,
// 3 autumn, 4 winter. The zero value means no season.
type Season int

// The seasons.
const (
	Spring Season = 1 + iota
	Summer
	Autumn
	Winter
)

// IsZero reports whether d is the unknown date.
func (d Date) IsZero() bool { return d == Date{} }

// IsRange reports whether d is a range.
func (d Date) IsRange() bool { return d.EndYear != 0 }
