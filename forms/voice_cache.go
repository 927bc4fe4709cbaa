package forms

import "sync"

// The voice check is pure: the same text always gets the same answer. The
// designer checks every label twice per page (the count and the findings)
// and again on every save, so answers are remembered, up to a bound.

const (
	voiceFieldLabelKey = 'L' // CheckLabel
	voiceFieldPartKey  = 'P' // checkPart
	voiceCacheMax      = 20000
	// The memo starts with room for the texts of a 1,000-question form
	// (about 1,200 labels and 650 other texts), so the first check of a big
	// form does not rehash every text it has seen each time a map grows.
	voiceCacheLabels = 1024
	voiceCacheParts  = 512
)

type voiceAnswer struct {
	problem, suggestion string
	flagged             bool
}

// voiceCache holds one map per kind of check, keyed by the text alone, so
// a lookup hashes only the string (the map's fast path for string keys).
var voiceCache = struct {
	sync.Mutex
	labels, parts map[string]voiceAnswer
}{}

// voiceCached answers from the cache or runs check and remembers its
// answer; when the cache is full it starts again empty. The maps are made
// on the first answer.
func voiceCached(kind byte, text string, check func(string) (string, string, bool)) (string, string, bool) {
	voiceCache.Lock()
	m := voiceCache.labels
	if kind == voiceFieldPartKey {
		m = voiceCache.parts
	}
	a, ok := m[text]
	voiceCache.Unlock()
	if ok {
		return a.problem, a.suggestion, a.flagged
	}
	p, s, f := check(text)
	voiceCache.Lock()
	if voiceCache.labels == nil || len(voiceCache.labels)+len(voiceCache.parts) >= voiceCacheMax {
		voiceCache.labels = make(map[string]voiceAnswer, voiceCacheLabels)
		voiceCache.parts = make(map[string]voiceAnswer, voiceCacheParts)
	}
	m = voiceCache.labels
	if kind == voiceFieldPartKey {
		m = voiceCache.parts
	}
	m[text] = voiceAnswer{p, s, f}
	voiceCache.Unlock()
	return p, s, f
}

// resetVoiceCache empties the cache (benchmarks of the cold check).
func resetVoiceCache() {
	voiceCache.Lock()
	voiceCache.labels, voiceCache.parts = nil, nil
	voiceCache.Unlock()
}
