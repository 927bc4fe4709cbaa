package forms

import "strings"

// The lexicon behind the word lists in voice_rules.go.

// wordSet is one word list: a bit in lexicon, which gives every listed word
// the lists it is on. A label's words are looked up once, when it is parsed
// (labelText.is); wordSet.has looks up any other string.
type wordSet uint64

var (
	lexicon = map[string]wordSet{}
	nextSet = wordSet(1)
)

// voiceSet makes a word list from space-separated words.
func voiceSet(words string) wordSet {
	set := nextSet
	if set == 0 {
		panic("voice check: more than 64 word lists")
	}
	nextSet <<= 1
	for _, w := range strings.Fields(words) {
		lexicon[w] |= set
		if strings.Contains(w, "_") {
			lexicon[strings.ReplaceAll(w, "_", " ")] |= set
		}
	}
	return set
}

// has reports whether w is on the list.
func (s wordSet) has(w string) bool {
	if lexTable == nil { // while the lists are being made
		return lexicon[w]&s != 0
	}
	return lookupSets(w)&s != 0
}

// members lists the words on the list, for building other lists.
func (s wordSet) members() []string {
	var words []string
	for w, sets := range lexicon {
		if sets&s != 0 {
			words = append(words, w)
		}
	}
	return words
}

// sets are the word lists item i is on; none past either end.
func (l *labelText) sets(i int) wordSet {
	if i < 0 || i >= len(l.items) {
		return 0
	}
	return l.toks[l.items[i]].sets
}

// is reports whether item i is on any of the lists in s:
// l.is(i, auxWords|pastVerbs).
func (l *labelText) is(i int, s wordSet) bool {
	return l.sets(i)&s != 0
}

// lexTable is lexicon as an open-addressed table, built once every list is
// made (init): a label's words are looked up here as it is parsed, which
// is quicker than the map for these short keys (a word of up to eight
// bytes is compared as one number). lexMaxLen is the longest word listed;
// a longer word is on no list.
var (
	lexTable  []lexEntry
	lexMaxLen int
)

type lexEntry struct {
	word string
	head uint64 // lexHead(word)
	sets wordSet
}

func init() {
	size := 64
	for size < 2*len(lexicon) {
		size *= 2
	}
	lexTable = make([]lexEntry, size)
	for w, sets := range lexicon {
		lexMaxLen = max(lexMaxLen, len(w))
		head := lexHead(w)
		i := lexHash(w, head) & uint32(size-1)
		for lexTable[i].word != "" {
			i = (i + 1) & uint32(size-1)
		}
		lexTable[i] = lexEntry{w, head, sets}
	}
}

// lexHead is the first eight bytes of w as a number (with the length, a
// word of up to eight bytes is its head).
func lexHead(w string) (x uint64) {
	for i := 0; i < len(w) && i < 8; i++ {
		x |= uint64(w[i]) << (8 * i)
	}
	return x
}

// lexHash mixes a word's head, length and any further bytes.
func lexHash(w string, head uint64) uint32 {
	h := head ^ uint64(len(w))*0x9e3779b97f4a7c15
	if len(w) > 8 {
		h ^= lexHead(w[8:]) * 0xc2b2ae3d27d4eb4f
	}
	h *= 0xff51afd7ed558ccd
	return uint32(h >> 32)
}

// lookupSets gives the lists a lowercase word is on (lexicon[w]).
func lookupSets(w string) wordSet {
	if len(w) > lexMaxLen || len(w) == 0 {
		return 0
	}
	head := lexHead(w)
	mask := uint32(len(lexTable) - 1)
	for i := lexHash(w, head) & mask; ; i = (i + 1) & mask {
		e := &lexTable[i]
		if e.head == head && len(e.word) == len(w) && (len(w) <= 8 || e.word[8:] == w[8:]) {
			return e.sets
		}
		if len(e.word) == 0 {
			return 0
		}
	}
}

// hasLower is s.has(strings.ToLower(w)), without a lowercase copy of a
// short ASCII word.
func (s wordSet) hasLower(w string) bool {
	var buf [24]byte
	if len(w) > len(buf) || !ascii(w) {
		return s.has(strings.ToLower(w))
	}
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return s.has(string(b))
}
