package forms

import "testing"

func TestCheckAnswerRewrites(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"pt mobilises", "Pt mobilises with frame", "I walk with a frame"},
		{"the patient prefers", "The patient prefers tea", "I prefer tea"},
		{"she likes", "She likes the window", "I like the window"},
		{"he likes", "He likes the radio on at night", "I like the radio on at night"},
		{"lower-case pt", "pt mobilises with stick", "I walk with a stick"},
		{"pt dot", "Pt. needs help with buttons", "I need help with buttons"},
		{"patient is", "Patient is independent with washing", "I am independent with washing"},
		{"she has", "She has two daughters", "I have two daughters"},
		{"he does", "He does his own shaving", "I do my own shaving"},
		{"she is", "She is hard of hearing in her left ear", "I am hard of hearing in my left ear"},
		{"resident enjoys", "The resident enjoys bingo on Fridays", "I enjoy bingo on Fridays"},
		{"service user", "Service user requires a hoist for transfers", "I require a hoist for transfers"},
		{"telegraphic likes", "Likes tea with two sugars", "I like tea with two sugars"},
		{"telegraphic mobilises", "Mobilises with zimmer frame", "I walk with a zimmer frame"},
		{"telegraphic prefers", "Prefers a shower in the morning", "I prefer a shower in the morning"},
		{"telegraphic enjoys", "Enjoys watching the birds", "I enjoy watching the birds"},
		{"telegraphic needs", "Needs reminding to drink", "I need reminding to drink"},
		{"telegraphic sleeps", "Sleeps better with the door open", "I sleep better with the door open"},
		{"worries", "She worries about her cat", "I worry about my cat"},
		{"watches", "He watches the football on Saturdays", "I watch the football on Saturdays"},
		{"possessive her", "Her daughter visits on Sundays", "My daughter visits on Sundays"},
		{"possessive his", "His wife died last year", "My wife died last year"},
		{"patient's", "Patient's son lives nearby", "My son lives nearby"},
		{"object her", "She likes staff to call her Betty", "I like staff to call me Betty"},
		{"himself", "He can dress himself", "I can dress myself"},
		{"past tense", "Pt ate well at lunch", "I ate well at lunch"},
		{"past ed", "She walked to the day room", "I walked to the day room"},
		{"cannot", "He cannot manage stairs", "I cannot manage stairs"},
		{"doesn't", "She doesn't like milk in her tea", "I don't like milk in my tea"},
		{"two sentences", "Likes tea. Dislikes coffee.", "I like tea. I dislike coffee."},
		{"mixed sentences", "I like tea. She hates coffee.", "I like tea. I hate coffee."},
		{"line break", "Pt mobilises with frame\nLikes the window", "I walk with a frame\nI like the window"},
		{"bullet", "- Likes the window seat", "- I like the window seat"},
		{"with wheelchair", "Pt transfers with wheelchair", "I transfer with a wheelchair"},
		{"client", "Client wears glasses for reading", "I wear glasses for reading"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckAnswer(c.in)
			if !got.Flagged || got.Suggestion != c.want {
				t.Errorf("CheckAnswer(%q) = %+v, want the rewrite %q", c.in, got, c.want)
			}
			if got.Problem == "" {
				t.Errorf("CheckAnswer(%q) flagged without saying why", c.in)
			}
		})
	}
}

func TestCheckAnswerLeavesAlone(t *testing.T) {
	cases := []struct{ name, in string }{
		{"first person", "I walk with a frame"},
		{"first person prefer", "I prefer tea, not coffee"},
		{"my", "My daughter visits on Sundays"},
		{"empty", ""},
		{"spaces", "   "},
		{"a name", "Betty"},
		{"a place", "Rosewood House"},
		{"quote", `"I don't want to go to a home," she said.`},
		{"curly quote", "Her words: “Don't move my chair.”"},
		{"she says", "She says she likes the window"},
		{"daughter said", "Her daughter said she sleeps badly"},
		{"told us", "Daughter told us he worries at night"},
		{"reports", "Pt reports pain in the left hip"},
		{"daughter", "Daughter likes to visit after work"},
		{"list", "Tea, toast, marmalade"},
		{"number words", "Two pillows and the blue blanket"},
		{"we agreed", "We agreed Mum would visit the home first"},
		{"you", "You can call me Betty"},
		{"yes", "Yes"},
		{"no", "No"},
		{"none", "None known"},
		{"nkda", "NKDA"},
		{"date", "Since March 2024"},
		{"question", "Can I bring my cat?"},
		{"the cat", "The cat goes to my neighbour"},
		{"this", "This is my third time in hospital"},
		{"bus", "Bus to the day centre on Tuesdays"},
		{"her alone", "Her"},
		{"they", "They visit every week"},
		{"the home", "The home has a garden I can sit in"},
		{"always", "Always with the radio on"},
		{"helps", "Help with my buttons please"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CheckAnswer(c.in); got.Flagged {
				t.Errorf("CheckAnswer(%q) = %+v, want no note", c.in, got)
			}
		})
	}
}
