package ui

import (
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reelboard/reelboard/storyboard"
)

// The editor's speed goals with a 1,000-card project (issue: the editor's
// shape): a keystroke in the inspector's title at most 16 ms (goal 2 ms), a
// selection change at most 5 ms, deleting a card at most 16 ms, opening the
// project to the first drawn frame at most 300 ms. Each benchmark measures
// the whole window's work for the action under fyne's test driver: the
// editor's change, every view's update, layout and refresh.

// benchWindow returns the editor window at 1280x800 on a project of n cards.
func benchWindow(b *testing.B, n int) *mainWindow {
	b.Helper()
	a := test.NewTempApp(b)
	a.Settings().SetTheme(newTheme("light"))
	m := newMainWindow(a)
	m.async = func(f func()) { f() }
	m.ed.Replace(projectOf(b, n), "")
	m.win.Resize(fyne.NewSize(1280, 800))
	m.win.Canvas().Capture() // the first frame, as the window shows it
	b.Cleanup(func() { m.stopAutosave() })
	return m
}

// cpuTime is the process's CPU time so far. On a shared machine the wall
// time per operation says more about the neighbours than about the code:
// each benchmark also reports cpu-ns/op, the work the action cost.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkEditorKeystroke(b *testing.B) {
	m := benchWindow(b, 1000)
	m.ed.Select(m.ed.Project.Cards[500].ID)
	m.win.Canvas().Focus(m.insp.title)
	i := 0
	cpu := cpuTime()
	defer func() { reportCPU(b, cpu) }()
	for b.Loop() {
		// Type a letter, then erase it: one keystroke per iteration.
		if i%2 == 0 {
			m.insp.title.TypedRune('x')
		} else {
			m.insp.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
		i++
	}
}

func BenchmarkEditorSelect(b *testing.B) {
	m := benchWindow(b, 1000)
	a, c := m.ed.Project.Cards[500].ID, m.ed.Project.Cards[501].ID
	i := 0
	cpu := cpuTime()
	defer func() { reportCPU(b, cpu) }()
	for b.Loop() {
		if i%2 == 0 {
			m.ed.Select(a)
		} else {
			m.ed.Select(c)
		}
		i++
	}
}

func BenchmarkEditorDelete(b *testing.B) {
	m := benchWindow(b, 1000)
	var cpu time.Duration
	defer func() { b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		b.StopTimer()
		m.ed.Select(m.ed.Project.Cards[500].ID)
		start := cpuTime()
		b.StartTimer()
		m.cmds.run("delete")
		b.StopTimer()
		cpu += cpuTime() - start
		m.ed.Undo()
		b.StartTimer()
	}
}

func BenchmarkEditorOpen(b *testing.B) {
	m := benchWindow(b, 10)
	p := projectOf(b, 1000)
	path := b.TempDir() + "/big.reel"
	if err := storyboard.Save(p, path); err != nil {
		b.Fatal(err)
	}
	cpu := cpuTime()
	defer func() { reportCPU(b, cpu) }()
	for b.Loop() {
		if err := m.load(path); err != nil {
			b.Fatal(err)
		}
		m.win.Canvas().Capture() // the first drawn frame
	}
}
