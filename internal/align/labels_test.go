package align

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"

	"tiaowen/internal/corpus"
)

// labels is testdata/labels.json: section pairs read off the seeds by hand.
type labels struct {
	DocPairs []struct {
		A, B       string
		Pairs      []label
		UnmatchedA []string
		UnmatchedB []string
	}
}

type label struct {
	A, B string
	Kind string // clear or arguable
	Why  string
}

// seedCorpus loads the repository's own documents once.
var seedCorpus = sync.OnceValues(func() (*corpus.Corpus, error) {
	c, problems := corpus.NewParser().LoadDir("../../content/docs")
	if err := problems.Errors().Err(); err != nil {
		return nil, err
	}
	if len(c.Docs) == 0 {
		return nil, fmt.Errorf("no documents in ../../content/docs")
	}
	return c, nil
})

func loadSeeds(tb testing.TB) *corpus.Corpus {
	tb.Helper()
	c, err := seedCorpus()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func loadLabels(tb testing.TB) labels {
	tb.Helper()
	data, err := os.ReadFile("testdata/labels.json")
	if err != nil {
		tb.Fatal(err)
	}
	var l labels
	if err := json.Unmarshal(data, &l); err != nil {
		tb.Fatalf("testdata/labels.json: %v", err)
	}
	return l
}

// evaluation is how an index's alignments agree with the labels.
type evaluation struct {
	clear, clearFound int // clear labels, and those aligned
	arguableFound     int // arguable labels aligned
	judged            int // aligned pairs with a labelled section
	wrong             []string
	missed            []string
	unmatchedLabels   int
}

func (e evaluation) recall() float64 {
	return float64(e.clearFound) / float64(max(e.clear, 1))
}

func (e evaluation) precision() float64 {
	return float64(e.judged-len(e.wrong)) / float64(max(e.judged, 1))
}

// evaluate aligns every labelled document pair. An aligned pair is judged
// when one of its sections is labelled in that document pair, or is to
// stay unmatched; it is right when it is itself a label.
func evaluate(tb testing.TB, x *Index, c *corpus.Corpus, l labels) evaluation {
	tb.Helper()
	var ev evaluation
	for _, dp := range l.DocPairs {
		a, b := c.Doc(dp.A), c.Doc(dp.B)
		if a == nil || b == nil {
			tb.Fatalf("labels: no document %q or %q", dp.A, dp.B)
		}
		isLabel := map[[2]string]bool{}
		labelledA, labelledB := map[string]bool{}, map[string]bool{}
		for _, p := range dp.Pairs {
			if a.Section(p.A) == nil || b.Section(p.B) == nil {
				tb.Fatalf("labels: %s has no %s or %s has no %s", dp.A, p.A, dp.B, p.B)
			}
			if p.Kind != "clear" && p.Kind != "arguable" {
				tb.Fatalf("labels: %s–%s: kind %q", p.A, p.B, p.Kind)
			}
			isLabel[[2]string{p.A, p.B}] = true
			labelledA[p.A], labelledB[p.B] = true, true
		}
		staysA, staysB := map[string]bool{}, map[string]bool{}
		for _, e := range dp.UnmatchedA {
			staysA[e] = true
			ev.unmatchedLabels++
		}
		for _, e := range dp.UnmatchedB {
			staysB[e] = true
			ev.unmatchedLabels++
		}
		al := x.Align(a, b)
		aligned := map[[2]string]bool{}
		for _, p := range al.Pairs {
			aligned[[2]string{p.A, p.B}] = true
			switch {
			case isLabel[[2]string{p.A, p.B}]:
				ev.judged++
			case staysA[p.A] || staysB[p.B]:
				ev.judged++
				ev.wrong = append(ev.wrong, fmt.Sprintf("%s--%s: %s–%s (%.3f) paired, but should stay unmatched", dp.A, dp.B, p.A, p.B, p.Score))
			case labelledA[p.A] || labelledB[p.B]:
				ev.judged++
				ev.wrong = append(ev.wrong, fmt.Sprintf("%s--%s: %s–%s (%.3f) paired, against the labels", dp.A, dp.B, p.A, p.B, p.Score))
			}
		}
		for _, p := range dp.Pairs {
			found := aligned[[2]string{p.A, p.B}]
			switch {
			case p.Kind == "clear":
				ev.clear++
				if found {
					ev.clearFound++
				} else {
					ev.missed = append(ev.missed, fmt.Sprintf("%s--%s: %s–%s (%s) not paired", dp.A, dp.B, p.A, p.B, p.Why))
				}
			case found:
				ev.arguableFound++
			}
		}
	}
	return ev
}

// TestLabelledSet aligns the labelled document pairs of the seed corpus
// and checks recall on the clear pairs and that no pairing contradicts a
// label.
func TestLabelledSet(t *testing.T) {
	c, l := loadSeeds(t), loadLabels(t)
	ev := evaluate(t, NewIndex(c), c, l)
	arguable := 0
	for _, dp := range l.DocPairs {
		for _, p := range dp.Pairs {
			if p.Kind == "arguable" {
				arguable++
			}
		}
	}
	t.Logf("%d document pairs; %d clear and %d arguable section pairs; %d sections to stay unmatched",
		len(l.DocPairs), ev.clear, arguable, ev.unmatchedLabels)
	t.Logf("recall on clear pairs: %d/%d = %.3f; arguable pairs aligned: %d/%d",
		ev.clearFound, ev.clear, ev.recall(), ev.arguableFound, arguable)
	t.Logf("precision: %d of %d judged pairings agree with the labels = %.3f",
		ev.judged-len(ev.wrong), ev.judged, ev.precision())
	for _, m := range ev.missed {
		t.Logf("missed: %s", m)
	}
	if ev.clear < 40 {
		t.Errorf("only %d clear pairs labelled, want at least 40", ev.clear)
	}
	if ev.recall() < 0.95 {
		t.Errorf("recall on clear pairs %.3f < 0.95", ev.recall())
	}
	for _, w := range ev.wrong {
		t.Errorf("wrong pairing: %s", w)
	}
}

// TestMeasureChoices aligns the labelled set with the package's settings
// and with alternatives to each choice, and checks that no alternative
// does better on both counts: more clear pairs found and no more wrong
// pairings, or fewer wrong pairings and no fewer clear pairs found.
func TestMeasureChoices(t *testing.T) {
	c, l := loadSeeds(t), loadLabels(t)
	def := defaultParams()
	base := evaluate(t, newIndex(c, def), c, l)
	t.Logf("%-44s recall %d/%d, wrong %d", "the package's settings", base.clearFound, base.clear, len(base.wrong))
	alts := []struct {
		name string
		set  func(*params)
	}{
		{"character trigrams instead of bigrams", func(p *params) { p.gram = 3 }},
		{"no title term (titleWeight 0)", func(p *params) { p.titleWeight = 0 }},
		{"titleWeight 0.5", func(p *params) { p.titleWeight = 0.5 }},
		{"no reciprocal-best rule", func(p *params) { p.reciprocal = p.threshold }},
		{"keep every n-gram (no stop n-grams)", func(p *params) { p.stopFraction = 2 }},
		{"stop n-grams above 10% of sections", func(p *params) { p.stopFraction = 0.1 }},
		{"stop n-grams above 40% of sections", func(p *params) { p.stopFraction = 0.4 }},
		{"Threshold 0.10", func(p *params) { p.threshold = 0.10 }},
		{"Threshold 0.15", func(p *params) { p.threshold = 0.15 }},
		{"ReciprocalThreshold 0.06", func(p *params) { p.reciprocal = 0.06 }},
		{"ReciprocalThreshold 0.08", func(p *params) { p.reciprocal = 0.08 }},
		{"HeadingThreshold 0.12", func(p *params) { p.heading = 0.12 }},
	}
	for _, alt := range alts {
		p := def
		alt.set(&p)
		ev := evaluate(t, newIndex(c, p), c, l)
		t.Logf("%-44s recall %d/%d, wrong %d", alt.name, ev.clearFound, ev.clear, len(ev.wrong))
		if ev.clearFound > base.clearFound && len(ev.wrong) <= len(base.wrong) ||
			len(ev.wrong) < len(base.wrong) && ev.clearFound >= base.clearFound {
			t.Errorf("%s does better than the package's settings", alt.name)
		}
	}
}
