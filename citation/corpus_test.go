package citation_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCorpusMEDLINE parses the dates, names and identifiers of the MEDLINE
// files of the shared corpus: every value must parse, except the few junk
// values listed.
func TestCorpusMEDLINE(t *testing.T) {
	dir := testutil.Shared(t, "corpus/medline")
	junk := map[string]bool{
		"Article 10 2019": true, // DP of a test record
		"000000000000":    true, // PMID of a test record
	}
	line := regexp.MustCompile(`^([A-Z]{2,4}) *- (.*)$`)
	counts := map[string]int{}
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			m := line.FindStringSubmatch(strings.TrimRight(sc.Text(), "\r"))
			if m == nil || junk[m[2]] {
				continue
			}
			tag, v := m[1], m[2]
			var err error
			switch tag {
			case "DP", "DEP", "DA", "DCOM", "LR", "EDAT", "MHDA", "CRDT":
				var d citation.Date
				d, err = citation.ParseDate(v)
				if err == nil && d.Year == 0 {
					t.Errorf("%s: %s %q: no year", p, tag, v)
				}
			case "AU":
				n := citation.ParseMedlineName(v)
				if n.Family == "" && n.Literal == "" && !n.Others {
					t.Errorf("%s: AU %q: %+v", p, v, n)
				}
			case "FAU":
				n := citation.ParseName(v)
				if n.Family == "" && n.Literal == "" {
					t.Errorf("%s: FAU %q: %+v", p, v, n)
				}
			case "IS":
				_, err = citation.ParseISSN(v)
			case "PMID":
				_, err = citation.ParsePMID(v)
			case "PMC":
				_, err = citation.ParsePMCID(v)
			case "AID", "LID":
				if strings.HasSuffix(v, "[doi]") {
					_, err = citation.ParseDOI(v)
				} else if strings.HasSuffix(v, "[pmc]") {
					_, err = citation.ParsePMCID(strings.TrimSuffix(v, " [pmc]"))
				} else {
					continue
				}
			default:
				continue
			}
			counts[tag]++
			if err != nil {
				t.Errorf("%s: %s %q: %v", p, tag, v, err)
			}
		}
		return sc.Err()
	})
	require.NoError(t, err)
	t.Logf("values checked: %v", counts)
	assert.NotZero(t, counts["DP"])
	assert.NotZero(t, counts["AU"])
	assert.NotZero(t, counts["IS"])
}
