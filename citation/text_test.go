package citation

import "testing"

func TestNormalizeTextShortcuts(t *testing.T) {
	for _, s := range []string{
		"", "a", " a", "a ", "a  b", "a\tb", "Müller", "Müller ", " Müller", "Mü  ller", "Mü\u00a0ller",
		"Mu\u0301ller", "Mü\u2009ller", "Mü\u3000", "Mü\xffller", "Mü\xc3", "日本語 テキスト", "Ünïcödé\u2028x",
		"Ü\u0085x", "Ü\u200bx", " a \n b\t\r\v\fc  ", "\n\n", "x\x1cy", "a\u0085b", "Ǆ", "\u1100\u1161", "Å", "\u212b",
	} {
		want := refNormalizeText(s)
		if got := NormalizeText(s); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
		if isNormalText(s) && s != want {
			t.Errorf("isNormalText(%q) but it normalizes to %q", s, want)
		}
	}
	if !isNormalText("Müller und Söhne") {
		t.Error("normal non-ASCII text is not taken as normal")
	}
}

func TestNormalizeTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Aging and Disease.":  "Aging and Disease",
		"Aging and Disease. ": "Aging and Disease",
		"U.S.A.":              "U.S.A",
		"Wait...":             "Wait...",
		"Really?":             "Really?",
		".":                   ".",
		". .":                 ". .",
		"x .":                 "x .",
		"x. .":                "x. .",
		"":                    "",
	} {
		got := NormalizeTitle(in)
		if got != want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", in, got, want)
		}
		if again := NormalizeTitle(got); again != got {
			t.Errorf("NormalizeTitle(%q) = %q, not stable", got, again)
		}
	}
}
