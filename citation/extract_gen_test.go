package citation_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var doiProseWords = strings.Fields(`the of and in to a was were with for on by that patients study results
we this from as at is are be these our not or group cells mice after between than both during each
analysis expression increased reduced compared significant treatment response data model protein
neurons cortex activity clinical trial cohort risk ratio confidence interval baseline follow-up
université Zürich São Paulo naïve café résumé 東京 分析 研究 – — “quoted” ‘single’ (parenthetical)
[bracketed] e.g. i.e. et al. vs. Fig. Table p<0.05 n=12 mg/kg µL 37°C`)

// doiProseDecoys are numbers that look a little like DOIs but are not.
var doiProseDecoys = []string{"10.5%", "10.25 mg", "version 10.15.7", "10.0.0.1/24", "2010.1234", "10.1/x",
	"110.1234/5", "pH 7.4", "1.10.2020", "(10.3)", "10.123/ABC", "v3.10.12", "10.1234 units"}

// proseDOIs are written forms of DOIs; %s is replaced by a generated DOI.
var doiProseForms = []string{"doi:%s.", "DOI: %s", "https://doi.org/%s", "(https://doi.org/%s)",
	"http://dx.doi.org/%s;", "%s,", "[doi:%s]", "<a href=\"https://doi.org/%s\">link</a>", "info:doi/%s"}

var doiProseSuffixes = []string{"j.cell.%d.01.%03d", "JNEUROSCI.%d-25.%03d", "S0140-6736(20)%d-%d",
	"nature%d.%d", "(SICI)1097-4571(199806)49:8<693::AID-ASI%d>3.0.CO;2-%d", "zenodo.%d%d", "abc-%d_%d"}

// generateDOIProse returns about size bytes of text with one DOI per about
// every bytes, deterministic for a seed.
func generateDOIProse(size, every int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var b strings.Builder
	b.Grow(size + 200)
	next := every/2 + rng.IntN(every)
	for b.Len() < size {
		switch r := rng.IntN(40); {
		case b.Len() >= next:
			suffix := fmt.Sprintf(doiProseSuffixes[rng.IntN(len(doiProseSuffixes))], 1000+rng.IntN(9000), rng.IntN(1000))
			doi := fmt.Sprintf("10.%d/%s", 1000+rng.IntN(40000), suffix)
			b.WriteString(fmt.Sprintf(doiProseForms[rng.IntN(len(doiProseForms))], doi))
			next += every/2 + rng.IntN(every)
		case r == 0:
			b.WriteString(doiProseDecoys[rng.IntN(len(doiProseDecoys))])
		case r < 3:
			fmt.Fprintf(&b, "%d.%d", rng.IntN(100), rng.IntN(100))
		case r == 3:
			b.WriteString(".\n")
		default:
			b.WriteString(doiProseWords[rng.IntN(len(doiProseWords))])
		}
		b.WriteByte(' ')
	}
	return []byte(b.String())
}
