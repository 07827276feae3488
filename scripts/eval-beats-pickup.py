#!/usr/bin/python3
"""Songs that do not start on a beat: every file of make eval-beats' corpus
cut to start half a beat, then a quarter of a beat, after its first beat past
2 s (truth shifted), scored with mir_eval's F for one or two builds.

    eval-beats-pickup.py [--corpus DIR] --reelboard EXE [--against EXE]

A check for rules that lean on the song's first onset (audio.anchorPhase):
the cut copies' first onset is an off-beat or a sixteenth. With --against,
files whose F differs by more than 0.01 between the two builds are marked.
Run make eval-beats first (it builds the corpus). Cut copies go to a
temporary directory.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import mir_eval

HERE = os.path.dirname(os.path.abspath(__file__))
# make eval-beats' corpus: ../beats-corpus next to the repository.
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "beats-corpus")


def beats(exe, wav, cache):
    env = dict(os.environ, REELBOARD_ANALYSIS_CACHE=cache)
    out = subprocess.run([exe, "analyze", "--json", wav], stdout=subprocess.PIPE, env=env, check=True).stdout
    return np.array(json.loads(out)["beats_s"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--reelboard", required=True)
    ap.add_argument("--against")
    args = ap.parse_args()
    exes = [args.reelboard] + ([args.against] if args.against else [])
    tmp = tempfile.mkdtemp(prefix="reelboard-pickup-")
    caches = [tempfile.mkdtemp(dir=tmp) for _ in exes]
    wavs = sorted(glob.glob(os.path.join(args.corpus, "wav", "*.wav"))) + sorted(glob.glob(os.path.join(args.corpus, "loops", "*.wav")))
    if not wavs:
        sys.exit("eval-beats-pickup: no corpus in %s (run make eval-beats first)" % args.corpus)
    scores = [[] for _ in exes]
    for w in wavs:
        name = os.path.basename(w)[:-4]
        tb = os.path.join(args.corpus, "midi", name + ".beats")
        if not os.path.exists(tb):
            tb = w[:-4] + ".beats"
        t = np.loadtxt(tb)
        k = int(np.searchsorted(t, 2.0))
        for frac in (0.5, 0.25):
            cut = t[k] + frac * (t[k + 1] - t[k])
            out = os.path.join(tmp, "%s-%g.wav" % (name, frac))
            subprocess.run(["sox", w, out, "trim", "%.6f" % cut], check=True)
            truth = mir_eval.beat.trim_beats(t[t >= cut] - cut)
            fs = [mir_eval.beat.f_measure(truth, mir_eval.beat.trim_beats(beats(e, out, c))) for e, c in zip(exes, caches)]
            for s, f in zip(scores, fs):
                s.append(f)
            mark = "  <-- differs" if len(fs) == 2 and abs(fs[0] - fs[1]) > 0.01 else ""
            print("%-30s +%.2f beat  %s%s" % (name, frac, "  ".join("%.3f" % f for f in fs), mark), flush=True)
            os.remove(out)
    print("mean F: " + "  ".join("%.3f" % np.mean(s) for s in scores))


if __name__ == "__main__":
    main()
