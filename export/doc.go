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
//
// # What each format cannot hold
//
// A round trip through a format keeps everything the format can hold; the
// table lists what the CSL-JSON and RIS encoders cannot write as such, and
// what becomes of it. [parse.CSLJSONDecoder] and [parse.RISDecoder] read back
// everything written this way, so CSL-JSON -> CSL-JSON is lossless, and
// CSL-JSON -> RIS -> CSL-JSON loses only the entries marked "lost".
//
//	value                     CSL-JSON (csljson, ndjson)            RIS (ris)
//	-----------------------   -----------------------------------   ------------------------------------------
//	Extra values              custom, by label (labels grouped,     "ris:XX" as tag XX (or N1 "ris:XX:
//	                          order between labels not kept)        value" when XX would fill a variable);
//	                                                                others as N1 "label: value" lines
//	ORCID, affiliations       custom.names                          lost
//	Related items             custom.related                        lost
//	"and others" mark         custom.others                         lost
//	name particles, suffix    kept                                  joined into "Family, Given, Suffix"; read back
//	                                                                by citation.ParseName (CommaSuffix becomes true)
//	literal (one-field) name  kept                                  read back as a person's name unless it has an
//	                                                                organization word ("University", "Group")
//	item type                 all 45 CSL types                      nearest RIS code, plus N1 "csl:type: review"
//	                                                                for the 10 types without a code of their own
//	dates                     date-parts, ranges, season, circa,    PY/DA/Y2/ET hold year, month, day, season;
//	                          literal                               others as N1 "csl:<date>: {date object}"
//	variables without a key   spec-only variables (license,         N1 "csl:<variable>: value"
//	                          part-number, editor-translator) and
//	                          unknown ones ("var:x") in custom
//	keywords                  keyword joined by ", "; also          one KW line each; a lone keyword holding ";"
//	                          custom.keywords when that is lossy    as N1 "csl:keyword"
//	several ISSNs / ISBNs     joined by ", "; custom list if lossy  one SN line each ("(ISSN)" hint if invalid)
//	line breaks in values     escaped (\n)                          folded to spaces
//	a title's final period    kept                                  dropped on reading (Citation.Normalize)
//	identifier spelling       kept as written                       canonical on reading (Citation.Normalize)
//	a record without ID       "item-N" is written (id is required)  no ID line
//	Note when empty, with     -                                     the first extra N1 is read back as the note
//	further N1 values
//
// Decoders normalize text (NFC, white space folded), so line breaks inside
// values do not survive any reader.
package export
