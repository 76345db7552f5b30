//go:build !amd64 || purego

package citation

// doiVector reports whether doiStartsVec uses vector instructions: on this
// platform (or with the purego build tag) it does not.
const doiVector = false

// doiStartsVec searches nothing here; doiStarts searches every position
// itself.
func doiStartsVec(b []byte, off int, out []int) (n, i int) { return 0, 0 }
