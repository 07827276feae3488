package storyboard

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/google/uuid"
)

// ids returns the IDs of p's cards.
func ids(p *Project) []uuid.UUID {
	out := make([]uuid.UUID, len(p.Cards))
	for i, c := range p.Cards {
		out[i] = c.ID
	}
	return out
}

// durations returns the durations of p's cards.
func durations(p *Project) []Time {
	out := make([]Time, len(p.Cards))
	for i, c := range p.Cards {
		out[i] = c.Duration
	}
	return out
}

// beatProject is testProject with a 120 BPM analysis from the song's start
// and no offset.
func beatProject(t testing.TB) *Project {
	p := testProject(t, "/p")
	var beats, downs []Time
	for k := range 240 {
		beats = append(beats, Time(k)*Second/2)
		if k%4 == 0 {
			downs = append(downs, Time(k)*Second/2)
		}
	}
	p.Soundtrack = &Soundtrack{Path: "/p/song.wav", Analysis: &Analysis{Hash: "h", Duration: 2 * Minute, TempoBPM: 120, Beats: beats, Downbeats: downs}}
	return p
}

func TestCommands(t *testing.T) {
	type test struct {
		name  string
		cmd   func(p *Project) Command
		check func(t *testing.T, before, after *Project)
	}
	tests := []test{
		{"add card at start with later act", func(p *Project) Command {
			return AddCard(0, Card{Title: "New", Kind: ShotHands, Act: Work})
		}, func(t *testing.T, b, a *Project) {
			if len(a.Cards) != len(b.Cards)+1 || a.Cards[0].Act != Arrival || a.Cards[0].ID == uuid.Nil || a.Cards[0].Duration != DefaultDuration {
				t.Errorf("AddCard(0, work card) = %+v; want an arrival card with an ID and the default duration first", a.Cards[0])
			}
		}},
		{"add card at end keeps fitting act", func(p *Project) Command {
			return AddCard(len(p.Cards), Card{Title: "New", Kind: ShotWrap, Act: Fulfilment, Duration: Second})
		}, func(t *testing.T, b, a *Project) {
			if c := a.Cards[len(a.Cards)-1]; c.Act != Fulfilment || c.Title != "New" {
				t.Errorf("AddCard(end) = %+v; want the fulfilment card last", c)
			}
		}},
		{"delete cards", func(p *Project) Command {
			return DeleteCards(p.Cards[0].ID, p.Cards[5].ID)
		}, func(t *testing.T, b, a *Project) {
			want := append(ids(b)[1:5:5], ids(b)[6:]...)
			if !reflect.DeepEqual(ids(a), want) {
				t.Errorf("DeleteCards(0, 5) left %v; want %v", ids(a), want)
			}
		}},
		{"duplicate cards", func(p *Project) Command {
			return DuplicateCards(p.Cards[1].ID, p.Cards[2].ID)
		}, func(t *testing.T, b, a *Project) {
			if len(a.Cards) != 12 || a.Cards[2].Title != b.Cards[1].Title || a.Cards[4].Title != b.Cards[2].Title ||
				a.Cards[2].ID == b.Cards[1].ID || a.Cards[2].Act != Arrival || a.Cards[4].Act != Work {
				t.Errorf("DuplicateCards(1, 2) = %v; want copies after each, new IDs", a.Cards)
			}
		}},
		{"move cards across acts", func(p *Project) Command {
			// Cards 0 and 4 to the end, into fulfilment.
			return MoveCards([]uuid.UUID{p.Cards[4].ID, p.Cards[0].ID}, len(p.Cards), Fulfilment)
		}, func(t *testing.T, b, a *Project) {
			n := len(a.Cards)
			if a.Cards[n-2].ID != b.Cards[0].ID || a.Cards[n-1].ID != b.Cards[4].ID || a.Cards[n-1].Act != Fulfilment || a.Cards[n-2].Act != Fulfilment {
				t.Errorf("MoveCards to the end = %v; want cards 0 and 4 last, in fulfilment", ids(a))
			}
		}},
		{"move card earlier within act", func(p *Project) Command {
			return MoveCards([]uuid.UUID{p.Cards[7].ID}, 2, Work)
		}, func(t *testing.T, b, a *Project) {
			if a.Cards[2].ID != b.Cards[7].ID || a.Cards[3].ID != b.Cards[2].ID {
				t.Errorf("MoveCards(7 to 2) = %v", ids(a))
			}
		}},
		{"set duration", func(p *Project) Command {
			return SetDuration(p.Cards[3].ID, 3*Second/2)
		}, func(t *testing.T, b, a *Project) {
			if a.Cards[3].Duration != 3*Second/2 {
				t.Errorf("SetDuration = %v; want 1.5 s", a.Cards[3].Duration)
			}
		}},
		{"move cut", func(p *Project) Command {
			return MoveCut(p.Cards[2].ID, p.Start(3)-Second/2)
		}, func(t *testing.T, b, a *Project) {
			if a.Cards[2].Duration != 3*Second/2 || a.Cards[3].Duration != 5*Second/2 || a.Start(4) != b.Start(4) {
				t.Errorf("MoveCut = %v; want 1.5 s, 2.5 s, later cards in place", durations(a)[:5])
			}
		}},
		{"move last cut", func(p *Project) Command {
			return MoveCut(p.Cards[9].ID, p.Length()+Second)
		}, func(t *testing.T, b, a *Project) {
			if a.Cards[9].Duration != 3*Second {
				t.Errorf("MoveCut(last) = %s; want 3 s", a.Cards[9].Duration)
			}
		}},
		{"split", func(p *Project) Command {
			return Split(p.Cards[1].ID, p.Start(1)+Second/2)
		}, func(t *testing.T, b, a *Project) {
			if len(a.Cards) != 11 || a.Cards[1].ID != b.Cards[1].ID || a.Cards[1].Duration != Second/2 || a.Cards[2].Duration != 3*Second/2 ||
				a.Cards[2].Media.In != b.Cards[1].Media.In+Second/2 || a.Cards[2].Title != b.Cards[1].Title {
				t.Errorf("Split = %+v, %+v", a.Cards[1], a.Cards[2])
			}
		}},
		{"update card", func(p *Project) Command {
			c := p.Cards[2]
			c.Title, c.Notes, c.Media = "Renamed", "new notes", &MediaLink{Path: "/m.mov"}
			return UpdateCard(c.ID, c)
		}, func(t *testing.T, b, a *Project) {
			if c := a.Cards[2]; c.Title != "Renamed" || c.Notes != "new notes" || c.Media.Path != "/m.mov" {
				t.Errorf("UpdateCard = %+v", c)
			}
		}},
		{"project fields", func(p *Project) Command {
			f := p.Fields()
			f.Title, f.Platform, f.Rate, f.Aspect = "New title", "youtube", Rate25, Aspect{16, 9}
			return SetProjectFields(f)
		}, func(t *testing.T, b, a *Project) {
			if a.Title != "New title" || a.Platform != "youtube" || a.Rate != Rate25 {
				t.Errorf("SetProjectFields = %+v", a.Fields())
			}
		}},
		{"set soundtrack", func(p *Project) Command {
			s := p.Soundtrack.Clone()
			s.Offset, s.PhaseNudge, s.TempoOverride = 3*Second, 10*Millisecond, 100
			return SetSoundtrack(s)
		}, func(t *testing.T, b, a *Project) {
			if a.Soundtrack.Offset != 3*Second || a.Soundtrack.TempoOverride != 100 {
				t.Errorf("SetSoundtrack = %+v", a.Soundtrack)
			}
		}},
		{"remove soundtrack", func(p *Project) Command { return SetSoundtrack(nil) },
			func(t *testing.T, b, a *Project) {
				if a.Soundtrack != nil {
					t.Errorf("SetSoundtrack(nil) left %+v", a.Soundtrack)
				}
			}},
		{"snap to beats", func(p *Project) Command {
			p.Cards[0].Duration = 2*Second + 100*Millisecond
			p.Cards[1].Duration = 300 * Millisecond // would snap to nothing
			return SnapToBeats()
		}, func(t *testing.T, b, a *Project) {
			beats, _ := a.BeatGrid()
			for i, cut := range a.Cuts() {
				if SnapTime(cut, beats) != cut {
					t.Errorf("after SnapToBeats cut %d at %s is off the beat", i, cut)
				}
			}
			if got := durations(a)[:3]; !reflect.DeepEqual(got, []Time{2 * Second, Second / 2, 2 * Second}) {
				t.Errorf("SnapToBeats durations = %v; want 2 s, 0.5 s (pushed to the next beat), 2 s", got)
			}
		}},
		{"refit to beats", func(p *Project) Command {
			s := p.Soundtrack.Clone()
			s.TempoOverride = 60 // half the tempo: every card doubles
			return RefitToBeats(s)
		}, func(t *testing.T, b, a *Project) {
			for i := range a.Cards {
				if a.Cards[i].Duration != 2*b.Cards[i].Duration {
					t.Errorf("RefitToBeats at half tempo: card %d lasts %s; want %s", i, a.Cards[i].Duration, 2*b.Cards[i].Duration)
				}
			}
			if a.Soundtrack.TempoOverride != 60 {
				t.Errorf("RefitToBeats did not set the soundtrack")
			}
		}},
		{"batch", func(p *Project) Command {
			return Batch("Tidy", SetDuration(p.Cards[0].ID, Second), DeleteCards(p.Cards[1].ID), DuplicateCards(p.Cards[2].ID))
		}, func(t *testing.T, b, a *Project) {
			if a.Cards[0].Duration != Second || len(a.Cards) != len(b.Cards) || a.Cards[1].ID != b.Cards[2].ID {
				t.Errorf("Batch = %v", ids(a))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := beatProject(t)
			cmd := tt.cmd(p)
			before := p.Clone()
			h := NewHistory(p)
			changes := 0
			h.OnChange = func() { changes++ }
			if err := h.Apply(cmd); err != nil {
				t.Fatalf("Apply(%s) = %v", cmd.Name(), err)
			}
			if err := p.Validate(); err != nil {
				t.Fatalf("after %s: %v", cmd.Name(), err)
			}
			tt.check(t, before, p)
			after := p.Clone()
			if !h.Dirty() || !h.CanUndo() || h.CanRedo() || h.UndoName() != cmd.Name() {
				t.Errorf("after Apply: dirty %v, can undo %v, can redo %v, undo name %q", h.Dirty(), h.CanUndo(), h.CanRedo(), h.UndoName())
			}
			for range 2 {
				if name, ok := h.Undo(); !ok || name != cmd.Name() {
					t.Fatalf("Undo() = %q, %v; want %q, true", name, ok, cmd.Name())
				}
				if !reflect.DeepEqual(p, before) {
					t.Fatalf("Undo(%s) did not restore the project:\n got %+v\nwant %+v", cmd.Name(), p, before)
				}
				if h.Dirty() || h.RedoName() != cmd.Name() {
					t.Errorf("after Undo: dirty %v, redo name %q", h.Dirty(), h.RedoName())
				}
				if name, ok := h.Redo(); !ok || name != cmd.Name() {
					t.Fatalf("Redo() = %q, %v", name, ok)
				}
				if !reflect.DeepEqual(p, after) {
					t.Fatalf("Redo(%s) differs from Do:\n got %+v\nwant %+v", cmd.Name(), p, after)
				}
			}
			if changes != 5 {
				t.Errorf("OnChange called %d times; want 5", changes)
			}
		})
	}
}

func TestInvalidEdits(t *testing.T) {
	p := beatProject(t)
	unknown := uuid.New()
	tests := []struct {
		name    string
		cmd     Command
		wantErr error
	}{
		{"add out of range", AddCard(99, Card{Kind: ShotHands}), ErrInvalid},
		{"add unknown kind", AddCard(0, Card{Kind: "zoom"}), ErrInvalid},
		{"add duplicate id", AddCard(0, Card{ID: p.Cards[3].ID, Kind: ShotHands}), ErrInvalid},
		{"delete unknown", DeleteCards(p.Cards[0].ID, unknown), ErrNoCard},
		{"delete none", DeleteCards(), ErrNoCard},
		{"duplicate unknown", DuplicateCards(unknown), ErrNoCard},
		{"move into another act's band", MoveCards([]uuid.UUID{p.Cards[0].ID}, 5, Fulfilment), ErrInvalid},
		{"move out of range", MoveCards([]uuid.UUID{p.Cards[0].ID}, -1, Arrival), ErrInvalid},
		{"move to unknown act", MoveCards([]uuid.UUID{p.Cards[0].ID}, 0, Act(7)), ErrInvalid},
		{"zero duration", SetDuration(p.Cards[0].ID, 0), ErrInvalid},
		{"under a frame", SetDuration(p.Cards[0].ID, p.Rate.FrameDuration()-1), ErrInvalid},
		{"duration unknown", SetDuration(unknown, Second), ErrNoCard},
		{"move cut past the next card", MoveCut(p.Cards[0].ID, p.Start(2)), ErrInvalid},
		{"move cut before the card", MoveCut(p.Cards[1].ID, p.Start(1)), ErrInvalid},
		{"split at the edge", Split(p.Cards[1].ID, p.Start(1)), ErrInvalid},
		{"split outside", Split(p.Cards[1].ID, p.Start(3)), ErrInvalid},
		{"update act out of order", UpdateCard(p.Cards[0].ID, Card{Title: "x", Kind: ShotHands, Act: Fulfilment, Duration: Second}), ErrInvalid},
		{"bad rate", SetProjectFields(ProjectFields{Format: FormatBackstage, Platform: "tiktok", Rate: Rate{1, 0}, Aspect: Aspect{9, 16}}), ErrInvalid},
		{"negative offset", SetSoundtrack(&Soundtrack{Path: "a", Offset: -1}), ErrInvalid},
		{"snap without beats", Batch("x", SetSoundtrack(nil), SnapToBeats()), ErrNoBeats},
		{"refit to no beats", RefitToBeats(&Soundtrack{Path: "b"}), ErrNoBeats},
	}
	for _, tt := range tests {
		before := p.Clone()
		h := NewHistory(p)
		err := h.Apply(tt.cmd)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("Apply(%s) = %v; want %v", tt.name, err, tt.wantErr)
		}
		if !reflect.DeepEqual(p, before) {
			t.Errorf("Apply(%s) failed but changed the project", tt.name)
		}
		if h.CanUndo() || h.Dirty() {
			t.Errorf("Apply(%s) failed but left an undo step", tt.name)
		}
	}
}

func TestHistoryLong(t *testing.T) {
	// Many edits, undone all, redone all: every state matches.
	p := beatProject(t)
	h := NewHistory(p)
	states := []*Project{p.Clone()}
	for i := range 60 {
		var cmd Command
		n := len(p.Cards)
		switch i % 6 {
		case 0:
			cmd = DuplicateCards(p.Cards[i%n].ID)
		case 1:
			cmd = SetDuration(p.Cards[(i*7)%n].ID, Time(i+1)*Second/10)
		case 2:
			from, to := ActSpanOf(p, Work)
			cmd = MoveCards([]uuid.UUID{p.Cards[from].ID}, to, Work)
		case 3:
			cmd = Split(p.Cards[0].ID, p.Cards[0].Duration/2)
		case 4:
			cmd = DeleteCards(p.Cards[n-1].ID)
		case 5:
			cmd = SnapToBeats()
		}
		steps := len(h.done)
		if err := h.Apply(cmd); err != nil {
			t.Fatalf("step %d %s: %v", i, cmd.Name(), err)
		}
		if len(h.done) > steps { // not a no-op
			states = append(states, p.Clone())
		}
	}
	for i := len(states) - 2; i >= 0; i-- {
		if _, ok := h.Undo(); !ok {
			t.Fatalf("Undo to state %d failed", i)
		}
		if !reflect.DeepEqual(p, states[i]) {
			t.Fatalf("Undo to state %d differs", i)
		}
	}
	if h.CanUndo() {
		t.Errorf("CanUndo after undoing everything")
	}
	for i := 1; i < len(states); i++ {
		h.Redo()
		if !reflect.DeepEqual(p, states[i]) {
			t.Fatalf("Redo to state %d differs", i)
		}
	}
}

// ActSpanOf is Project.ActSpan, for brevity in tests.
func ActSpanOf(p *Project, a Act) (int, int) { return p.ActSpan(a) }

func TestHistoryDirty(t *testing.T) {
	p := beatProject(t)
	h := NewHistory(p)
	if h.Dirty() {
		t.Errorf("new history is dirty")
	}
	h.Apply(SetDuration(p.Cards[0].ID, Second))
	h.MarkSaved()
	if h.Dirty() {
		t.Errorf("dirty after MarkSaved")
	}
	h.Undo()
	if !h.Dirty() {
		t.Errorf("not dirty after undoing past the save")
	}
	h.Redo()
	if h.Dirty() {
		t.Errorf("dirty after redoing back to the save")
	}
	h.Undo()
	h.Apply(SetDuration(p.Cards[1].ID, Second)) // the saved state is gone
	h.Undo()
	if !h.Dirty() {
		t.Errorf("not dirty in a state that was never saved")
	}
	// A command that changes nothing is not an undo step.
	n := len(h.done)
	if err := h.Apply(SetDuration(p.Cards[0].ID, p.Cards[0].Duration)); err != nil || len(h.done) != n {
		t.Errorf("no-op Apply = %v, %d steps; want nil, %d", err, len(h.done), n)
	}
	// An edit made behind the history's back stops undo cleanly.
	h.Apply(DeleteCards(p.Cards[0].ID))
	p.Cards = p.Cards[:2]
	if _, ok := h.Undo(); ok || h.CanUndo() || h.CanRedo() {
		t.Errorf("Undo after an outside change = ok; want false and a cleared history")
	}
}

// bigProject returns a valid project of n cards.
func bigProject(tb testing.TB, n int) *Project {
	p := beatProject(tb)
	p.Cards = nil
	for i := range n {
		p.Cards = append(p.Cards, Card{ID: uuid.New(), Title: fmt.Sprint("Shot ", i), Kind: ShotHands, Act: Acts[i*3/n], Duration: Second})
	}
	return p
}

func TestHistoryMemory(t *testing.T) {
	// 1,000 edits on a 1,000-card project hold only what changed.
	p := bigProject(t, 1000)
	h := NewHistory(p)
	for i := range 1000 {
		if err := h.Apply(SetDuration(p.Cards[i].ID, 2*Second)); err != nil {
			t.Fatal(err)
		}
	}
	stored := 0
	for _, c := range h.done {
		r := c.(*edit).rec
		if r.cards != nil {
			stored += len(r.cards.removed) + len(r.cards.added)
		}
		if r.sound != nil || r.head != nil {
			t.Fatalf("SetDuration recorded settings or soundtrack")
		}
	}
	if stored != 2000 {
		t.Errorf("1,000 SetDuration steps store %d cards; want 2,000 (old and new of each)", stored)
	}
	// A move of one card from the front to the back stores that card only.
	h.Apply(MoveCards([]uuid.UUID{p.Cards[0].ID}, 300, Work))
	d := h.done[len(h.done)-1].(*edit).rec.cards
	if len(d.removed) != 1 || len(d.added) != 1 {
		t.Errorf("a one-card move stores %d + %d cards; want 1 + 1", len(d.removed), len(d.added))
	}
}

func BenchmarkApplyUndo(b *testing.B) {
	p := bigProject(b, 1000)
	h := NewHistory(p)
	id := p.Cards[500].ID
	for b.Loop() {
		if err := h.Apply(SetDuration(id, 3*Second)); err != nil {
			b.Fatal(err)
		}
		h.Undo()
	}
}

func BenchmarkApplyUndoMove(b *testing.B) {
	p := bigProject(b, 1000)
	h := NewHistory(p)
	id := p.Cards[400].ID
	for b.Loop() {
		if err := h.Apply(MoveCards([]uuid.UUID{id}, 340, Work)); err != nil {
			b.Fatal(err)
		}
		h.Undo()
	}
}

// FuzzHistory applies a sequence of edits decoded from the input, then undoes
// them all and redoes them all: each undo and redo restores the exact state.
func FuzzHistory(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{3, 200, 3, 100, 9, 9, 9, 2, 0, 0, 1, 7})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		p := beatProject(t)
		h := NewHistory(p)
		states := []*Project{p.Clone()}
		for k := 0; k+1 < len(ops); k += 2 {
			op, arg := ops[k], int(ops[k+1])
			n := len(p.Cards)
			var id uuid.UUID
			if n > 0 {
				id = p.Cards[arg%n].ID
			}
			t2 := Time(arg) * Second / 20
			var cmd Command
			switch op % 12 {
			case 0:
				cmd = AddCard(arg%(n+1), Card{Title: "x", Kind: ShotCandid, Act: Act(arg % 3)})
			case 1:
				cmd = DeleteCards(id)
			case 2:
				cmd = DuplicateCards(id)
			case 3:
				cmd = MoveCards([]uuid.UUID{id}, arg%(n+1), Act(arg%3))
			case 4:
				cmd = SetDuration(id, t2)
			case 5:
				cmd = Split(id, t2)
			case 6:
				c := Card{Title: fmt.Sprint(arg), Kind: ShotReveal, Duration: t2}
				if n > 0 {
					c.Act = p.Cards[arg%n].Act
				}
				cmd = UpdateCard(id, c)
			case 7:
				cmd = MoveCut(id, t2)
			case 8:
				cmd = SnapToBeats()
			case 9:
				s := p.Soundtrack.Clone()
				if s == nil {
					s = &Soundtrack{Path: "/s.wav"}
				}
				s.TempoOverride = float64(60 + arg)
				cmd = RefitToBeats(s)
			case 10:
				fields := p.Fields()
				fields.Rate = Rates[arg%len(Rates)]
				cmd = SetProjectFields(fields)
			case 11:
				cmd = Batch("both", SetDuration(id, t2), DuplicateCards(id))
			}
			before := p.Clone()
			steps := len(h.done)
			if err := h.Apply(cmd); err != nil {
				if !reflect.DeepEqual(p, before) {
					t.Fatalf("failed %s (%v) changed the project", cmd.Name(), err)
				}
				continue
			}
			if err := p.Validate(); err != nil {
				t.Fatalf("%s left an invalid project: %v", cmd.Name(), err)
			}
			if len(h.done) > steps {
				states = append(states, p.Clone())
			}
		}
		for i := len(states) - 2; i >= 0; i-- {
			if _, ok := h.Undo(); !ok || !reflect.DeepEqual(p, states[i]) {
				t.Fatalf("Undo to state %d: ok %v, equal %v", i, ok, reflect.DeepEqual(p, states[i]))
			}
		}
		for i := 1; i < len(states); i++ {
			if _, ok := h.Redo(); !ok || !reflect.DeepEqual(p, states[i]) {
				t.Fatalf("Redo to state %d: ok %v", i, ok)
			}
		}
	})
}
