package latex

// accents maps the LaTeX accent commands to the Unicode combining mark they
// put on their argument. The one-character commands (\' \` \^ \" \~ \= \.)
// take their argument directly (\'e); the letter commands need a space or
// braces (\c c, \c{c}).
var accents = map[string]rune{
	"'":  '\u0301', // acute
	"`":  '\u0300', // grave
	"^":  '\u0302', // circumflex
	"\"": '\u0308', // diaeresis
	"~":  '\u0303', // tilde
	"=":  '\u0304', // macron
	".":  '\u0307', // dot above
	"c":  '\u0327', // cedilla
	"v":  '\u030C', // caron
	"u":  '\u0306', // breve
	"H":  '\u030B', // double acute
	"k":  '\u0328', // ogonek
	"r":  '\u030A', // ring above
	"d":  '\u0323', // dot below
	"b":  '\u0331', // macron below (bar-under accent)
	"t":  '\u0361', // double inverted breve (tie)
	"G":  '\u030F', // double grave
	"h":  '\u0309', // hook above
	"f":  '\u0311', // inverted breve
	"U":  '\u030E', // double vertical line above
}

// letters maps the LaTeX commands that stand for one letter or symbol, with
// no argument, to their text.
var letters = map[string]string{
	// Special letters.
	"aa": "å", "AA": "Å", "o": "ø", "O": "Ø", "ss": "ß", "SS": "SS",
	"l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
	"ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
	"k": "ĸ", // overridden by the accent \k when it has an argument
	// Escaped specials written as words.
	"textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
	"textbar": "|", "textless": "<", "textgreater": ">", "textunderscore": "_",
	"textdollar": "$", "textbraceleft": "{", "textbraceright": "}",
	"textasciigrave": "`", "textquotesingle": "'", "textquotedbl": "\"",
	"textasteriskcentered": "*", "textpercent": "%", "textampersand": "&",
	"textnumbersign": "#",
	// Dashes, quotes and punctuation.
	"textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
	"textquotedblleft": "“", "textquotedblright": "”", "quotesinglbase": "‚",
	"quotedblbase": "„", "guillemotleft": "«", "guillemotright": "»",
	"guillemetleft": "«", "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
	"textexclamdown": "¡", "textquestiondown": "¿", "textellipsis": "…", "ldots": "…",
	"dots": "…", "textbullet": "•", "textperiodcentered": "·", "textdagger": "†",
	"dag": "†", "textdaggerdbl": "‡", "ddag": "‡", "S": "§", "textsection": "§",
	"P": "¶", "textparagraph": "¶", "textvisiblespace": "␣",
	// Signs.
	"textregistered": "®", "textcopyright": "©", "copyright": "©", "texttrademark": "™",
	"textdegree": "°", "textcelsius": "℃", "textperthousand": "‰", "textpm": "±",
	"texttimes": "×", "textdiv": "÷", "textmu": "µ", "textonehalf": "½",
	"textonequarter": "¼", "textthreequarters": "¾", "textsuperscriptone": "¹",
	"textsuperscripttwo": "²", "textsuperscriptthree": "³", "textordfeminine": "ª",
	"textordmasculine": "º", "textlnot": "¬", "textbrokenbar": "¦", "textcent": "¢",
	"pounds": "£", "textsterling": "£", "textyen": "¥", "texteuro": "€", "euro": "€",
	"textcurrency": "¤", "textnumero": "№", "textestimated": "℮", "textreferencemark": "※",
	"textmusicalnote": "♪", "textdiscount": "⁒", "textrecipe": "℞", "textservicemark": "℠",
	"textacutedbl": "˝", "textasciibreve": "˘", "textasciicaron": "ˇ", "textasciimacron": "¯",
	"textasciidieresis": "¨", "textasciiacute": "´",
	// Spaces.
	"quad": "\u2003", "qquad": "\u2003\u2003", "enspace": "\u2002", "thinspace": "\u2009",
	"nobreakspace": "\u00A0", "space": " ", "textnbsp": "\u00A0",
	// Logos, kept as words.
	"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
	"LuaTeX": "LuaTeX", "AmSTeX": "AMS-TeX",
	// Commands that produce nothing in text.
	"relax": "", "noopsort": "", "protect": "", "/": "", "-": "", "nobreak": "",
	"allowbreak": "", "unskip": "", "ignorespaces": "", "null": "", "hfill": " ",
	"newblock": " ", "par": " ", "break": " ", "linebreak": " ", "newline": " ",
	"textnormal": "", "normalfont": "", "rm": "", "sf": "", "tt": "", "upshape": "",
	"mdseries": "", "rmfamily": "", "sffamily": "", "ttfamily": "", "selectfont": "",
	"small": "", "footnotesize": "", "scriptsize": "", "tiny": "", "large": "",
	"Large": "", "LARGE": "", "huge": "", "Huge": "", "normalsize": "",
}

// symbols maps the one-character control symbols to their text.
var symbols = map[byte]string{
	'&': "&", '%': "%", '$': "$", '_': "_", '#': "#", '{': "{", '}': "}",
	' ': " ", ',': "\u2009", ';': "\u2004", ':': "\u2005", '!': "", '-': "",
	'/': "", '@': "", '\\': " ", '\n': " ", '\t': " ", '\r': " ", '>': "\u2003",
	'*': "", '|': "‖",
}

// styleCommands maps text-style commands that take an argument to the rich
// text markup they become.
var styleCommands = map[string]style{
	"textit": italic, "emph": italic, "textsl": italic, "textup": plain, "mathit": italic,
	"textbf": bold, "mathbf": bold, "textsc": smallCaps,
	"textsuperscript": superscript, "textsubscript": subscript,
	"textrm": plain, "textsf": plain, "texttt": plain, "textmd": plain, "textnormal": plain,
	"mathrm": plain, "mathsf": plain, "mathtt": plain, "mbox": plain, "hbox": plain, "text": plain,
	"textlatin": plain, "foreignlanguage": plainSkipFirst, "uppercase": plain, "lowercase": plain,
	"MakeUppercase": plain, "MakeLowercase": plain, "MakeTextUppercase": plain,
	"url": verbatim, "path": verbatim, "nolinkurl": verbatim, "doi": verbatim,
	"href": plainSkipFirst, "enquote": quoted, "mkbibquote": quoted, "mkbibemph": italic,
	"mkbibitalic": italic, "mkbibbold": bold, "textins": plain,
}

// declarations maps the font declarations that apply to the rest of their
// group, {\it text}, to the style they set.
var declarations = map[string]style{
	"it": italic, "itshape": italic, "em": italic, "sl": italic, "slshape": italic,
	"bf": bold, "bfseries": bold, "sc": smallCaps, "scshape": smallCaps,
}

// mathSymbols maps math-mode commands to Unicode.
var mathSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ",
	"rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
	"phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"infty": "∞", "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "ast": "∗",
	"star": "⋆", "circ": "∘", "bullet": "∙", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
	"neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝",
	"ll": "≪", "gg": "≫", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃",
	"subseteq": "⊆", "supseteq": "⊇", "cup": "∪", "cap": "∩", "emptyset": "∅", "forall": "∀",
	"exists": "∃", "neg": "¬", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
	"rightarrow": "→", "to": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
	"Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "uparrow": "↑", "downarrow": "↓",
	"mapsto": "↦", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫",
	"sqrt": "√", "surd": "√", "angle": "∠", "perp": "⊥", "parallel": "∥", "mid": "∣",
	"ldots": "…", "cdots": "⋯", "dots": "…", "prime": "′", "hbar": "ℏ", "ell": "ℓ",
	"aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "degree": "°", "langle": "⟨", "rangle": "⟩",
	"lbrace": "{", "rbrace": "}", "{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#",
	"_": "_", ",": "\u2009", ";": "\u2004", ":": "\u2005", "!": "", " ": " ", "quad": "\u2003",
	"colon": ":", "vert": "|", "Vert": "‖", "backslash": "\\", "setminus": "∖", "oplus": "⊕",
	"otimes": "⊗", "odot": "⊙", "dagger": "†", "ddagger": "‡", "S": "§", "P": "¶",
	"log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
	"max": "max", "min": "min", "lim": "lim", "det": "det", "mathrm": "", "mathit": "",
	"mathbf": "", "mathsf": "", "mathtt": "", "text": "", "textrm": "", "mbox": "", "left": "",
	"right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "displaystyle": "",
	"textstyle": "", "scriptstyle": "",
}

// latexFor is the reverse table used when writing ASCII: Unicode text to the
// LaTeX that reads back as it. Letters with accents are handled by
// decomposition and the accents table; this holds the rest.
var latexFor = map[rune]string{
	'å': `{\aa}`, 'Å': `{\AA}`, 'ø': `{\o}`, 'Ø': `{\O}`, 'ß': `{\ss}`, 'ł': `{\l}`, 'Ł': `{\L}`,
	'æ': `{\ae}`, 'Æ': `{\AE}`, 'œ': `{\oe}`, 'Œ': `{\OE}`, 'ı': `{\i}`, 'ȷ': `{\j}`,
	'ð': `{\dh}`, 'Ð': `{\DH}`, 'þ': `{\th}`, 'Þ': `{\TH}`, 'ŋ': `{\ng}`, 'Ŋ': `{\NG}`,
	'đ': `{\dj}`, 'Đ': `{\DJ}`, 'ĳ': `{\ij}`, 'Ĳ': `{\IJ}`,
	'–': `--`, '—': `---`, '‘': `{\textquoteleft}`, '’': `{\textquoteright}`, '“': "``", '”': `''`, '‚': `{\quotesinglbase}`,
	'„': `{\quotedblbase}`, '«': `{\guillemotleft}`, '»': `{\guillemotright}`,
	'‹': `{\guilsinglleft}`, '›': `{\guilsinglright}`, '¡': `{\textexclamdown}`,
	'¿': `{\textquestiondown}`, '…': `{\ldots}`, '•': `{\textbullet}`, '·': `{\textperiodcentered}`,
	'†': `{\dag}`, '‡': `{\ddag}`, '§': `{\S}`, '¶': `{\P}`, '®': `{\textregistered}`,
	'©': `{\textcopyright}`, '™': `{\texttrademark}`, '°': `{\textdegree}`, '‰': `{\textperthousand}`,
	'±': `{\textpm}`, '×': `{\texttimes}`, '÷': `{\textdiv}`, 'µ': `{\textmu}`, '½': `{\textonehalf}`,
	'¼': `{\textonequarter}`, '¾': `{\textthreequarters}`, '¹': `{\textsuperscriptone}`,
	'²': `{\textsuperscripttwo}`, '³': `{\textsuperscriptthree}`, 'ª': `{\textordfeminine}`,
	'º': `{\textordmasculine}`, '¬': `{\textlnot}`, '¦': `{\textbrokenbar}`, '¢': `{\textcent}`,
	'£': `{\pounds}`, '¥': `{\textyen}`, '€': `{\texteuro}`, '¤': `{\textcurrency}`,
	'№': `{\textnumero}`, '\u00A0': `~`, '\u2009': `\,`, '\u2003': `{\quad}`, '\u2002': `{\enspace}`,
	'α': `$\alpha$`, 'β': `$\beta$`, 'γ': `$\gamma$`, 'δ': `$\delta$`, 'ε': `$\varepsilon$`,
	'ϵ': `$\epsilon$`, 'ζ': `$\zeta$`, 'η': `$\eta$`, 'θ': `$\theta$`, 'ι': `$\iota$`,
	'κ': `$\kappa$`, 'λ': `$\lambda$`, 'μ': `$\mu$`, 'ν': `$\nu$`, 'ξ': `$\xi$`, 'π': `$\pi$`,
	'ρ': `$\rho$`, 'σ': `$\sigma$`, 'ς': `$\varsigma$`, 'τ': `$\tau$`, 'υ': `$\upsilon$`,
	'ϕ': `$\phi$`, 'φ': `$\varphi$`, 'χ': `$\chi$`, 'ψ': `$\psi$`, 'ω': `$\omega$`,
	'Γ': `$\Gamma$`, 'Δ': `$\Delta$`, 'Θ': `$\Theta$`, 'Λ': `$\Lambda$`, 'Ξ': `$\Xi$`,
	'Π': `$\Pi$`, 'Σ': `$\Sigma$`, 'Υ': `$\Upsilon$`, 'Φ': `$\Phi$`, 'Ψ': `$\Psi$`, 'Ω': `$\Omega$`,
	'∞': `$\infty$`, '≤': `$\leq$`, '≥': `$\geq$`, '≠': `$\neq$`, '≈': `$\approx$`,
	'→': `$\rightarrow$`, '←': `$\leftarrow$`, '∓': `$\mp$`, '∑': `$\sum$`, '∫': `$\int$`,
	'∂': `$\partial$`, '√': `$\surd$`, '∈': `$\in$`, '⋅': `$\cdot$`, '∼': `$\sim$`,
}
