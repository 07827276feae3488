package storyboard_test

import (
	"fmt"
	"time"

	"github.com/reelboard/reelboard/storyboard"
)

func ExampleNewProject() {
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title, p.Aspect, p.Rate, "fps")
	for _, a := range storyboard.Acts {
		from, to := p.ActSpan(a)
		fmt.Printf("%s: %d cards, %s\n", a, to-from, p.ActLength(a))
	}
	// Output:
	// Untitled Backstage reel 9:16 30 fps
	// arrival: 2 cards, 0:04.000
	// work: 6 cards, 0:12.000
	// fulfilment: 2 cards, 0:04.000
}

func ExampleHistory() {
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "tiktok", time.Now())
	h := storyboard.NewHistory(p)
	first := p.Cards[0]
	if err := h.Apply(storyboard.Split(first.ID, storyboard.Second/2)); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(p.Cards), "cards; undo:", h.UndoName(), "; dirty:", h.Dirty())

	err := h.Apply(storyboard.SetDuration(first.ID, 0))
	fmt.Println(err)

	name, _ := h.Undo()
	fmt.Println("undid", name, "->", len(p.Cards), "cards; dirty:", h.Dirty())
	// Output:
	// 11 cards; undo: Split card ; dirty: true
	// storyboard: set duration: invalid project: card 1 "Walking in" would last 0:00.000, shorter than one frame (0:00.033)
	// undid Split card -> 10 cards; dirty: false
}

func ExampleCheck() {
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-stories", time.Now())
	p.Cards[4].Duration = storyboard.Second / 4
	for _, f := range storyboard.Check(p) {
		fmt.Println(f.Severity, f.Code+":", f.Message)
	}
	// Output:
	// warning longer-than-recommended: The reel lasts 0:18.250, longer than the 0:15.000 that works best on Instagram Stories: consider trimming 0:03.250.
	// warning shot-too-short: Card 5 "Gear detail" lasts 0:00.250, under 0:00.500: it will read as a flash; lengthen it or merge it with a neighbour.
	// hint no-soundtrack: There is no soundtrack: choose the music to cut the reel on.
}

func ExampleRate_Frames() {
	t := 10*storyboard.Second + 20*storyboard.Millisecond
	for _, r := range []storyboard.Rate{storyboard.Rate24, storyboard.Rate2997, storyboard.Rate60} {
		n := r.Frames(t)
		fmt.Printf("%s fps: %d frames; frame %d starts at %s\n", r, n, n, r.FrameTime(n))
	}
	// Output:
	// 24 fps: 240 frames; frame 240 starts at 0:10.000
	// 29.97 fps: 300 frames; frame 300 starts at 0:10.010
	// 60 fps: 601 frames; frame 601 starts at 0:10.017
}
