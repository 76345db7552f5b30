// Package citation holds citekit's data model: one normalized bibliographic
// record, [Citation], with its names ([Name]), dates ([Date]) and item types
// ([ItemType]), the identifiers found in records (DOI, ISSN, ISBN, PMID,
// PMCID, ORCID, arXiv) with their parsing and check digits, and validation.
//
// Every conversion in citekit goes through a Citation: the decoders of package
// parse produce them and the encoders of package export consume them.
//
// # Text
//
// String fields hold Unicode text in NFC, with runs of white space collapsed.
// Title-like fields (Title, TitleShort, ContainerTitle, CollectionTitle,
// Abstract, Note and the title variables in Vars) may carry rich text in the
// HTML-like markup that CSL-JSON processors accept: <i>, <b>, <sup>, <sub>,
// <span style="font-variant:small-caps;"> and <span class="nocase"> (text
// whose case a style must not change, such as a BibTeX "{DNA}"). Anything else
// is literal text, as in citeproc-js. [PlainText] removes the markup;
// [ParseMarkup] splits a value into styled runs.
//
// # Identifiers
//
// [ParseDOI], [ParseISSN], [ParseISBN], [ParsePMID], [ParsePMCID],
// [ParseORCID] and [ParseArXiv] read one identifier in any of the forms found
// in records (labels such as "doi:" or "ISSN", resolver URLs, MEDLINE's
// "[doi]" and "(Electronic)", missing or odd hyphens, lower-case x), check
// its syntax and check digit, and return a small value type with a canonical
// String, a URL where the identifier has one, and IsZero. The zero value of
// each type means "absent". Failures are [*IdentifierError] values wrapping
// [ErrSyntax], [ErrChecksum], [ErrInvalidValue] or [ErrTooLarge]. The rules
// follow the DOI Handbook, ISO 3297 (ISSN), the ISBN Users' Manual, NLM's
// PMID and PMCID descriptions, ORCID's ISO/IEC 7064 MOD 11-2 and arXiv's
// identifier schemes; the doc comment of each parser states its choices. A
// DOI keeps the form it was received in, for display, and compares by ASCII
// case folding ([DOI.Equal], [DOI.Key]). Parsing a DOI, ISSN, ISBN-13,
// ORCID, PMID or PMCID already in canonical form does not allocate.
//
// # Names
//
// [ParseName] splits a name written as one string ("Family, Given", "Given
// Family", "van der Berg, Jan", "Smith, Jr., John", "John Smith Jr.") into
// the CSL parts of [Name], with particles treated as citeproc-js does, and
// keeps organizations ("World Health Organization") whole in Name.Literal by
// a documented word list. [ParseMedlineName] reads MEDLINE's "Smith JA" and
// writes the initials as "J. A.", the form CSL styles initialize. Both
// normalize to NFC and never fail. [Name.String] displays a name given name
// first; [Name.SortKey] gives a key in CSL's default sort order.
//
// # Dates
//
// [ParseDate] reads ISO 8601 and EDTF dates and ranges, RIS dates
// (2019/05//), dates with English month or season names (Nov 12, 2025; 2025
// Nov-Dec; Spring 2019) and approximate dates (ca. 1850). A numeric date
// whose day and month could be either way round (11-12-2025) is an error
// unless [ParseDateOrder] is given the order ([DateOrderFromFormat] reads it
// from a pattern such as "MM/DD/YYYY"): citekit never guesses.
// Impossible dates (February 30) are errors wrapping [ErrInvalidValue];
// [ParseDateLiteral] keeps unreadable text as [Date.Literal] instead.
// [Date.String] writes EDTF, which ParseDate reads back, and [Date.Valid]
// checks a Date built by hand.
//
// # Nothing is lost
//
// Values that no structured field holds go to [Citation.Vars] when they are
// CSL variables and to [Citation.Extra] otherwise, so a decoder never drops
// what it has read. Identifier fields hold the value as normalized by the
// decoder when it parses, and as received when it does not; [Citation.Validate]
// reports the ones that do not.
//
// # Concurrency
//
// Citations are plain values with no internal synchronization: one goroutine
// may modify a Citation at a time. Identifier values, and the package's
// functions, are safe for concurrent use.
package citation
