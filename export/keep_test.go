package export

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func TestKeepSample(t *testing.T) {
	out := os.Getenv("KEEP")
	if out == "" {
		t.Skip()
	}
	dir := mediaDir(t)
	for _, f := range Formats {
		if f.Name == "bundle" {
			continue
		}
		if err := Write(fixture(storyboard.Rate25, dir), f.Name, out+"/sample-"+f.Name+f.Ext, Options{}); err != nil {
			t.Log(err)
		}
	}
}

func TestKeepRender(t *testing.T) {
	out := os.Getenv("KEEP")
	if out == "" {
		t.Skip()
	}
	dir := mediaDir(t)
	os.Remove(dir + "/hands.mov")
	exec.Command("cp", "/tmp/mm/my media/hands.mov", dir+"/hands.mov").Run()
	if err := Render(context.Background(), fixture(storyboard.Rate2997, dir), out+"/r.mp4", nil); err != nil {
		t.Fatal(err)
	}
}
