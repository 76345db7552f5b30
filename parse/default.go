package parse

// Default returns a new registry of every format citekit reads, most
// specific first, so that [Registry.Detect] tries the formats in an order
// that tells them apart.
func Default() *Registry {
	r := new(Registry)
	for _, f := range builtin() {
		r.Register(f)
	}
	return r
}

// builtin lists the built-in formats in detection order.
func builtin() []Format {
	return []Format{
		// One line a format, most specific first.
		PubmedXMLFormat(),
		MedlineFormat(),
		CrossrefFormat(),
		DataCiteFormat(),
	}
}
