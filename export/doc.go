// Package export writes [citation.Citation] values in bibliographic formats.
//
// Each output format has a streaming encoder over an [io.Writer]: Encode
// writes one record and Close finishes the output (the closing bracket of a
// JSON array, a buffered flush); Close does not close the underlying writer.
// A [Registry] lists the formats by name; [Default] returns one with every
// format citekit writes.
//
// Encoders never let a value break the output's framing: a newline in a RIS
// value, a brace in a BibTeX value or a quote in a JSON string is escaped or
// folded so the record stays one record. Output is deterministic: the same
// records give the same bytes.
//
// # Concurrency
//
// An Encoder serves one goroutine. A Registry may be used from many
// goroutines once it is set up.
package export
