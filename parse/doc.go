// Package parse reads bibliographic records in many formats and turns each
// into a [citation.Citation].
//
// Each input format has a streaming decoder over an [io.Reader]: its Decode
// method returns one record at a time and [io.EOF] after the last. A
// [Registry] lists formats by name and detects the format of an input from
// its first bytes; [Default] returns a registry of every format citekit reads.
//
// # Errors
//
// A bad record is not fatal. When a record cannot be converted, Decode returns
// a [*ParseError] that says where and why, and the next call goes on with the
// next record; a record converted despite a problem (an undefined BibTeX
// macro) comes back together with the error. Any other error, such as one
// from the underlying reader, ends decoding: Decode returns it from then on.
// So every record read is either returned or reported. [ReadAll] gathers the
// records and an [ErrorList] of the problems.
//
// ParseError.Err wraps one of the sentinel errors [ErrSyntax],
// [ErrMissingField], [ErrInvalidValue], [ErrTooLarge] (shared with package
// citation) or [ErrUnknownFormat]; test for them with [errors.Is].
//
// # Concurrency
//
// A Decoder serves one goroutine. Separate decoders may run in parallel. A
// Registry may be used from many goroutines once it is set up.
package parse
