#!/usr/bin/python3
"""Beat, downbeat and tempo evaluation of `reelboard analyze` beside aubiotrack.

    eval-beats.py [--corpus DIR] [--reelboard ./reelboard] [--only SUBSTR] [--formats]

Builds the corpus once in DIR (default ../beats-corpus next to the repository):
  * MIDI composed by eval-beats-gen.py (tempo maps that ramp and step, 3/4,
    4/4, 5/4, 6/4, 6/8, 12/8, straight and swung, some without drums);
  * MIDI files from the Debian package mma (re-timed to one constant tempo);
  * sonic-pi-samples drum loops repeated to 30 s, at 44.1 and 48 kHz (truth
    from the exact loop length);
renders the MIDI with fluidsynth and FluidR3_GM, then scores every file with
mir_eval: F-measure (±70 ms, first 5 s ignored), CMLt, AMLt and downbeat F,
per piece and in the mean, for reelboard and for aubiotrack. --formats also
encodes every generated WAV as MP3/OGG/FLAC and reports the largest beat
difference to the WAV's analysis.

Media live only in the corpus directory, never in the repository.
Needs: fluidsynth, fluid-soundfont-gm, python3-mir-eval, aubio-tools,
sonic-pi-samples, sox, ffmpeg (`make eval-beats` installs them).
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
SF2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
LATENCY = 0.0  # fluidsynth's offline render starts notes on the sample

# sonic-pi loops whose length holds a known whole number of beats. Their
# onsets fall on the sixteenths of that many beats (aubioonset), but for
# loop_3d_printer (7.96 s, "16 beats"): its onset strength folded over the
# loop is flat within ±20% at every sixteenth, eighth and beat but one
# bump a loop, so it has no beat to score and is left out.
# Beat 1 is the loop's start (sonic-pi starts a loop on the beat). Checked on
# the two loops the tracker beats a sixteenth late: in loop_electric the
# loudest hit of every loop (+6 dB full band, +7 dB at 150 Hz-2 kHz over any
# other sixteenth) is at its start, although its flux (all bands, below
# 200 Hz, above 5 kHz alike) is as strong or stronger a sixteenth either
# side; loop_mehackit1 has no kick and its onsets do not mark any phase
# (sixteenths 4 and 12 are silent, its loudest hits fall on 7 and 9, the
# bass on 10), so its truth rests on the convention alone. loop_industrial
# (0.88 s) holds two beats: its two strong hits, at its start and its middle.
# loop_mehackit2 (a 3+3+2 figure) and loop_amen_full at 44.1 kHz give the
# off-beats as much onset strength as the beats: the song's first onset
# settles them (audio.anchorPhase).
LOOPS = {
    "loop_amen": 4, "loop_amen_full": 16, "loop_breakbeat": 4, "loop_compus": 16,
    "loop_electric": 4, "loop_garzul": 16, "loop_mika": 16, "loop_safari": 16,
    "loop_mehackit1": 4, "loop_perc1": 4, "loop_mehackit2": 4, "loop_perc2": 4,
    "loop_industrial": 2,
}
# MIDI from Debian's mma package (songs with drums, bass and chords).
MMA = [
    "simple/bill-bailey", "tutorial/deep-river", "aria/when-or-where", "aria/barb",
    "aria/bossa", "after/cresc", "midi-inc/frankie2", "midi-inc/mid2seq/shes-just-my-style",
    "triggers/hits",
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def nice(cmd):
    return ["nice", "-n", "5"] + cmd


def build_corpus(corpus):
    midi = os.path.join(corpus, "midi")
    wav = os.path.join(corpus, "wav")
    os.makedirs(midi, exist_ok=True)
    os.makedirs(wav, exist_ok=True)
    debs = []
    mma_dir = os.path.join(corpus, "mma")
    if not os.path.isdir(mma_dir):
        with tempfile.TemporaryDirectory() as tmp:
            run(["apt-get", "download", "mma"], cwd=tmp)
            deb = glob.glob(os.path.join(tmp, "mma_*.deb"))[0]
            run(["dpkg-deb", "-x", deb, mma_dir])
    for m in MMA:
        p = os.path.join(mma_dir, "usr/share/doc/mma/examples", m + ".mid")
        if os.path.exists(p):
            debs.append(p)
    if not os.path.exists(os.path.join(midi, "gen-pop44-100.mid")) or \
            os.path.getmtime(os.path.join(HERE, "eval-beats-gen.py")) > os.path.getmtime(os.path.join(midi, "gen-pop44-100.mid")):
        run([sys.executable, os.path.join(HERE, "eval-beats-gen.py"), midi] + debs)
    for mid in sorted(glob.glob(os.path.join(midi, "*.mid"))):
        name = os.path.splitext(os.path.basename(mid))[0]
        out = os.path.join(wav, name + ".wav")
        if os.path.exists(out) and os.path.getmtime(out) > os.path.getmtime(mid):
            continue
        print("rendering", name, file=sys.stderr)
        run(nice(["fluidsynth", "-ni", "-R", "0", "-C", "0", "-g", "0.6", "-F", out, "-r", "44100", SF2, mid]))
    loops = os.path.join(corpus, "loops")
    os.makedirs(loops, exist_ok=True)
    files = subprocess.run(["dpkg", "-L", "sonic-pi-samples"], stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        if name not in LOOPS or not f.endswith(".flac"):
            continue
        dur = float(run(["soxi", "-D", f]).stdout)
        reps = int(30 / dur) + 1
        n = LOOPS[name]
        beats = [k * dur / n for k in range(reps * n)]
        # At 44.1 kHz and at 48 kHz: the analysis runs at a quarter of
        # either, and a tracker must not depend on which.
        for rate, suffix in ((44100, ""), (48000, "-48k")):
            out = os.path.join(loops, name + suffix + ".wav")
            if not os.path.exists(out):
                run(nice(["sox", f, "-r", str(rate), out, "repeat", str(reps - 1)]))
            with open(os.path.join(loops, name + suffix + ".beats"), "w") as g:
                g.writelines("%.6f\n" % b for b in beats)
            with open(os.path.join(loops, name + suffix + ".downbeats"), "w") as g:
                g.writelines("%.6f\n" % b for b in beats[:: min(n, 4)])


def load(p):
    if not os.path.exists(p):
        return np.array([])
    return np.array([float(l) for l in open(p) if l.strip()])


def reelboard(exe, wav, cache):
    env = dict(os.environ, REELBOARD_ANALYSIS_CACHE=cache)
    out = subprocess.run([exe, "analyze", "--json", wav], stdout=subprocess.PIPE, env=env, check=True).stdout
    j = json.loads(out)
    return np.array(j["beats_s"]), np.array(j["downbeats_s"]), j


def aubio(wav):
    out = subprocess.run(["aubiotrack", "-i", wav], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, text=True).stdout
    return np.array([float(l) for l in out.split()])


def scores(est, ref):
    ref_t, est_t = mir_eval.beat.trim_beats(ref + LATENCY), mir_eval.beat.trim_beats(np.sort(est))
    f = mir_eval.beat.f_measure(ref_t, est_t)
    if len(ref_t) < 2 or len(est_t) < 2:
        return f, 0.0, 0.0
    _, cmlt, _, amlt = mir_eval.beat.continuity(ref_t, est_t)
    return f, cmlt, amlt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.dirname(HERE)), "beats-corpus"))
    ap.add_argument("--reelboard", default=os.path.join(os.path.dirname(HERE), "reelboard"))
    ap.add_argument("--only", default="")
    ap.add_argument("--no-aubio", action="store_true")
    ap.add_argument("--formats", action="store_true")
    ap.add_argument("--no-build", action="store_true", help="score the corpus as it is")
    args = ap.parse_args()
    if not args.no_build:
        build_corpus(args.corpus)
    loops = [w for w in sorted(glob.glob(os.path.join(args.corpus, "loops", "*.wav")))
             if os.path.basename(w)[:-4].removesuffix("-48k") in LOOPS]
    wavs = sorted(glob.glob(os.path.join(args.corpus, "wav", "*.wav"))) + loops
    wavs = [w for w in wavs if args.only in os.path.basename(w)]
    cache = tempfile.mkdtemp(prefix="reelboard-eval-")
    rows = []
    n_off = 0
    hdr = "%-34s %6s %6s %6s %6s %5s | %6s %6s %6s" % ("piece", "F", "CMLt", "AMLt", "downF", "meter", "aubF", "aCMLt", "aAMLt")
    print(hdr)
    print("-" * len(hdr))
    for w in wavs:
        name = os.path.splitext(os.path.basename(w))[0]
        loop = "/loops/" in w
        truth = w[:-4] if loop else os.path.join(args.corpus, "midi", name)
        ref = load(truth + ".beats")
        refd = load(truth + ".downbeats")
        b, d, j = reelboard(args.reelboard, w, cache)
        f, cmlt, amlt = scores(b, ref)
        df = mir_eval.beat.f_measure(mir_eval.beat.trim_beats(refd), mir_eval.beat.trim_beats(np.sort(d)))
        a = (0.0, 0.0, 0.0) if args.no_aubio else scores(aubio(w), ref)
        rows.append((name, f, cmlt, amlt, df, a[0], a[1], a[2], loop))
        print("%-34s %6.3f %6.3f %6.3f %6.3f %5s | %6.3f %6.3f %6.3f" % (name[:34], f, cmlt, amlt, df, j.get("meter", "-"), *a), flush=True)
        if args.formats and not loop:
            worst, off = 0.0, []
            for ext in ("mp3", "ogg", "flac"):
                with tempfile.TemporaryDirectory() as tmp:
                    p = os.path.join(tmp, name + "." + ext)
                    run(nice(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", w, p]))
                    b2, _, _ = reelboard(args.reelboard, p, cache)
                    if len(b2) != len(b):
                        print("   %s: %d beats, WAV %d" % (ext, len(b2), len(b)))
                    # Each WAV beat against the copy's nearest one.
                    d = np.array([np.min(np.abs(b2 - x)) for x in b]) if len(b2) else np.full(len(b), np.inf)
                    worst = max(worst, float(np.max(d)) if len(d) else 0.0)
                    off.append("%s %d" % (ext, int(np.sum(d > 0.002))))
                    n_off += int(np.sum(d > 0.002))
            print("   formats: worst difference to the WAV %.2f ms; beats > 2 ms off: %s" % (worst * 1000, ", ".join(off)))
    for label, sel in (("mean (music)", [r for r in rows if not r[8]]), ("mean (loops)", [r for r in rows if r[8]])):
        if sel:
            m = np.mean([r[1:8] for r in sel], axis=0)
            print("%-34s %6.3f %6.3f %6.3f %6.3f %5s | %6.3f %6.3f %6.3f" % (label, m[0], m[1], m[2], m[3], "", m[4], m[5], m[6]))
    if args.formats:
        print("beats more than 2 ms from the WAV's, all copies: %d" % n_off)
    music = [r for r in rows if not r[8]]
    if music:
        print("pieces with F < 0.5: %d; with F >= 0.8: %d of %d" % (sum(r[1] < 0.5 for r in music), sum(r[1] >= 0.8 for r in music), len(music)))


if __name__ == "__main__":
    main()
