package parse_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// TestPubmedGolden decodes every input of testdata/{medline,pubmedxml,
// crossref,datacite} and compares the records, written as CSL-JSON by the
// csljson encoder, with the golden file beside it (x.nbib -> x.json,
// x.xml -> x.json; the JSON inputs x.json -> x.csl.json), and the problems
// reported with x.err. The CSL-JSON is checked against the CSL schema.
// Regenerate with go test ./parse -run TestPubmedGolden -update.
func TestPubmedGolden(t *testing.T) {
	for _, tc := range []struct {
		dir, ext, golden string
		newDec           func(io.Reader) parse.Decoder
	}{
		{"medline", ".nbib", ".json", func(r io.Reader) parse.Decoder { return parse.NewMedlineDecoder(r) }},
		{"pubmedxml", ".xml", ".json", func(r io.Reader) parse.Decoder { return parse.NewPubmedXMLDecoder(r) }},
		{"crossref", ".json", ".csl.json", func(r io.Reader) parse.Decoder { return parse.NewCrossrefDecoder(r) }},
		{"datacite", ".json", ".csl.json", func(r io.Reader) parse.Decoder { return parse.NewDataCiteDecoder(r) }},
	} {
		files, err := filepath.Glob(testdata(t, tc.dir+"/*"+tc.ext))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, in := range files {
			if strings.HasSuffix(in, ".csl.json") {
				continue
			}
			base := strings.TrimSuffix(in, tc.ext)
			t.Run(tc.dir+"/"+filepath.Base(in), func(t *testing.T) {
				f, err := os.Open(in)
				require.NoError(t, err)
				defer f.Close()
				var out, errs bytes.Buffer
				enc := export.NewCSLJSONEncoder(&out)
				d := tc.newDec(f)
				for {
					c, err := d.Decode()
					if c != nil {
						require.NoError(t, enc.Encode(c))
					}
					if err == io.EOF {
						break
					}
					if err != nil {
						fmt.Fprintln(&errs, err)
					}
				}
				require.NoError(t, enc.Close())
				testutil.ValidateCSLJSON(t, out.Bytes())
				testutil.Golden(t, base+tc.golden, out.Bytes(), *update)
				errFile := base + ".err"
				if errs.Len() > 0 || pmFileExists(errFile) {
					testutil.Golden(t, errFile, errs.Bytes(), *update)
				}
			})
		}
	}
}

func pmFileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
