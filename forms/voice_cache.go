package forms

import "sync"

// The voice check is pure: the same text always gets the same answer. The
// designer checks every label twice per page (the count and the findings)
// and again on every save, so answers are remembered, up to a bound.

const (
	voiceFieldLabelKey = 'L' // CheckLabel
	voiceFieldPartKey  = 'P' // checkPart
	voiceCacheMax      = 20000
)

type voiceAnswer struct {
	problem, suggestion string
	flagged             bool
}

// voiceCacheKey is the kind of check and the text: a struct, so a lookup
// builds no string.
type voiceCacheKey struct {
	kind byte
	text string
}

var voiceCache = struct {
	sync.Mutex
	m map[voiceCacheKey]voiceAnswer
}{m: map[voiceCacheKey]voiceAnswer{}}

// voiceCached answers from the cache or runs check and remembers its
// answer; when the cache is full it starts again empty.
func voiceCached(kind byte, text string, check func(string) (string, string, bool)) (string, string, bool) {
	key := voiceCacheKey{kind, text}
	voiceCache.Lock()
	a, ok := voiceCache.m[key]
	voiceCache.Unlock()
	if ok {
		return a.problem, a.suggestion, a.flagged
	}
	p, s, f := check(text)
	voiceCache.Lock()
	if len(voiceCache.m) >= voiceCacheMax {
		voiceCache.m = map[voiceCacheKey]voiceAnswer{}
	}
	voiceCache.m[key] = voiceAnswer{p, s, f}
	voiceCache.Unlock()
	return p, s, f
}

// resetVoiceCache empties the cache (benchmarks of the cold check).
func resetVoiceCache() {
	voiceCache.Lock()
	voiceCache.m = map[voiceCacheKey]voiceAnswer{}
	voiceCache.Unlock()
}
