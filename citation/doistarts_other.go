//go:build !amd64 || purego

package citation

// doiVector reports whether the DOI finder uses vector instructions
// (doiStartsVec, doiClass32): on this platform (or with the purego build
// tag) it does not.
const doiVector = false

// doiStartsVec searches nothing here; doiStarts searches every position
// itself.
func doiStartsVec(b []byte, from, lim int, out []int, m *doiMasks) (n, next int) { return 0, from }

// doiClass32 sorts the 32 bytes from p by doiClass, as on amd64, in Go.
// matchDOI calls it only when doiVector; quickDOI, only in the vector
// mode, which here only tests choose.
func doiClass32(p *byte) (plain, other uint32) { return doiClass32Go(p) }
