package citation

import "errors"

// Errors reported by identifier parsing, date and name parsing, validation,
// and the decoders of package parse, which wrap them so that callers can test
// with [errors.Is].
var (
	ErrSyntax       = errors.New("syntax error")          // the text is not of the expected form
	ErrChecksum     = errors.New("check digit mismatch")  // an identifier's check digit is wrong
	ErrMissingField = errors.New("missing field")         // a required value is absent
	ErrInvalidValue = errors.New("invalid value")         // a value is of the right form but not allowed (Feb 30)
	ErrTooLarge     = errors.New("input exceeds a limit") // a value, line or nesting depth is over a limit
)
