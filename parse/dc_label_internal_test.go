package parse

import "testing"

func TestKnownLabel(t *testing.T) {
	tests := []struct {
		in    string
		field dcField
		ok    bool
	}{
		{"Authors", dcAuthors, true},
		{"AUTHOR(S):", dcAuthors, true},
		{"  Publication Date :", dcDate, true},
		{"Journal/Book/Conference Title", dcSource, true},
		{"Digital Object Identifier (DOI)", dcDOI, true},
		{"Recommended Citation", dcExtra, true},
		{"PlumX Metrics", dcFurniture, true},
		{"Authorz", 0, false},
		{"Äuthors", 0, false},
		{"", 0, false},
		{"a very long line that is no label at all, of more than forty bytes", 0, false},
	}
	for _, tt := range tests {
		f, ok := knownLabel(tt.in)
		if f != tt.field || ok != tt.ok {
			t.Errorf("knownLabel(%q) = %v, %v; want %v, %v", tt.in, f, ok, tt.field, tt.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { knownLabel("Journal/Book/Conference Title") }); n != 0 {
		t.Errorf("knownLabel allocates %v times", n)
	}
}
