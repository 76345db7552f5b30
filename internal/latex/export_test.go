package latex

// Convert runs the converter without ToUnicode's shortcut for plain text,
// so that tests can check that IsPlain is right.
func Convert(s string, markup bool) string {
	c := converter{src: s, markup: markup}
	c.run(0, false, false)
	return string(c.buf)
}

// AppendConverted is AppendUnicode without its shortcuts.
func AppendConverted(dst []byte, s string, markup bool) []byte {
	return appendConverted(dst, s, markup)
}
