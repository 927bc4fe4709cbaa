package forms

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String helpers. First the shortcuts the voice check's hot paths take:
// each gives exactly what the strings package call named in its comment
// gives, without a copy when an ASCII text needs no change (almost every
// form text is ASCII); other texts take the strings package call itself.
// Then the key a heading is looked up by, and the case of a rewrite.

// asciiCase reports whether s is all ASCII and whether it has capitals,
// reading eight bytes at a time.
func asciiCase(s string) (ascii, capitals bool) {
	var upper uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load8(s[i:])
		if x&(bytes8*0x80) != 0 {
			return false, false
		}
		upper |= capitals8(x)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, false
		}
		if 'A' <= c && c <= 'Z' {
			upper = 1
		}
	}
	return true, upper != 0
}

// lowerASCII writes s, all ASCII, into b lowercased: b is
// strings.ToLower(s) (len(b) == len(s)).
func lowerASCII(b []byte, s string) {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load8(s[i:])
		binary.LittleEndian.PutUint64(b[i:], x|capitals8(x)>>2) // 0x80>>2 is 'a'-'A'
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
}

// bytes8 has 1 in each of eight bytes.
const bytes8 = 0x0101010101010101

// load8 is the first eight bytes of s, little-endian.
func load8(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// capitals8 has 0x80 in each byte of x that is 'A' to 'Z', for x of ASCII
// bytes: adding 0x80-'A' sets a byte's top bit from 'A' on, adding
// 0x80-'Z'-1 from past 'Z' on (no byte carries into the next).
func capitals8(x uint64) uint64 {
	return (x + bytes8*(0x80-'A')) &^ (x + bytes8*(0x80-'Z'-1)) & (bytes8 * 0x80)
}

// joinFields is strings.Join(strings.Fields(s), " ").
func joinFields(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// appendFields is append(dst, strings.Fields(s)...), for dst a caller's
// array.
func appendFields(dst []string, s string) []string {
	if !ascii(s) {
		return append(dst, strings.Fields(s)...)
	}
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !asciiSpace(s[j]) {
			j++
		}
		if j > i {
			dst = append(dst, s[i:j])
		}
		i = j
	}
	return dst
}

// lastField is the last of strings.Fields(s), or "" when there is none.
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}

// upperText is strings.ToUpper(s) == s.
func upperText(s string) bool {
	if !ascii(s) {
		return strings.ToUpper(s) == s
	}
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// lowerIs is strings.ToLower(w) == low, for low in lowercase.
func lowerIs(w, low string) bool {
	if !ascii(w) {
		return strings.ToLower(w) == low
	}
	return len(w) == len(low) && strings.EqualFold(w, low)
}

// prefixed is prefix + strings.Join(words, " "), in one allocation.
func prefixed(prefix string, words []string) string {
	n := len(prefix)
	for _, w := range words {
		n += len(w) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(prefix)
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// voiceKey normalises a heading for the stock table: lowercase, straight
// apostrophes, single spaces and no trailing colon or question mark.
func voiceKey(s string) string {
	if plain, capitals := plainKey(s); plain {
		if capitals {
			s = strings.ToLower(s)
		}
		return trimKey(s)
	}
	s = strings.ToLower(s)
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	if strings.Contains(s, "&") {
		s = strings.ReplaceAll(s, "&", " and ")
	}
	if strings.Contains(s, "  ") || strings.IndexFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) >= 0 {
		s = strings.Join(strings.Fields(s), " ")
	}
	if strings.Contains(s, " / ") {
		s = strings.ReplaceAll(s, " / ", "/")
	}
	return strings.Trim(s, ":*?.…-–—/ ")
}

// plainKey reports whether voiceKey need only lower and trim s: ASCII with
// no "&", " / ", tab or double space (the cut set's dashes and ellipsis are
// not ASCII, so an ASCII text has none); and whether s has capitals.
func plainKey(s string) (plain, capitals bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf || c == '&' || c != ' ' && asciiSpace(c):
			return false, false
		case c == ' ' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '/' && i+2 < len(s) && s[i+2] == ' '):
			return false, false
		case 'A' <= c && c <= 'Z':
			capitals = true
		}
	}
	return true, capitals
}

// trimKey is strings.Trim(s, ":*?.…-–—/ ") for an ASCII s.
func trimKey(s string) string {
	for len(s) > 0 && keyTrim(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && keyTrim(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func keyTrim(c byte) bool {
	switch c {
	case ':', '*', '?', '.', '-', '/', ' ':
		return true
	}
	return false
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// matchCase gives a replacement word the case of the word it replaces.
func matchCase(repl, orig string) string {
	letters, upper := 0, 0
	for _, r := range orig {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters > 1 && upper == letters:
		return strings.ToUpper(repl)
	case upper > 0 && titleWord(orig):
		return upperFirst(repl)
	}
	return repl
}
