#!/usr/bin/python3
"""Format agreement of `reelboard analyze`: the beats of MP3/OGG/FLAC copies
beside those of the WAV.

    eval-beats-formats.py [--reelboard ./reelboard] [--seconds 60] FILE...

Each FILE (any format ffmpeg reads) is cut to its first --seconds as a WAV,
which is encoded as MP3 (-q:a 2), OGG Vorbis (-q:a 5) and FLAC; every copy is
analysed and each WAV beat is paired with the copy's nearest beat. Printed per
file and codec: how many beats are more than 2 ms away, and the worst.
Defaults to three orchestral pieces of wesnoth-music, where beats without a
clear onset differ between copies. Media stay in a temporary directory.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

WESNOTH = "/usr/share/games/wesnoth/1.16/data/core/music"
DEFAULT = [os.path.join(WESNOTH, s + ".ogg") for s in ("battle-epic", "breaking_the_chains", "casualties_of_war")]
CODECS = (("mp3", ["-q:a", "2"]), ("ogg", ["-q:a", "5"]), ("flac", []))


def ffmpeg(args):
    subprocess.run(["nice", "-n", "5", "ffmpeg", "-nostdin", "-loglevel", "error", "-y"] + args, check=True)


def beats(exe, path, cache):
    env = dict(os.environ, REELBOARD_ANALYSIS_CACHE=cache)
    out = subprocess.run([exe, "analyze", "--json", path], stdout=subprocess.PIPE, env=env, check=True).stdout
    return json.loads(out)["beats_s"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reelboard", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reelboard"))
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or DEFAULT
    total, worst = 0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "cache")
        for f in files:
            name = os.path.splitext(os.path.basename(f))[0]
            wav = os.path.join(tmp, name + ".wav")
            ffmpeg(["-i", f, "-t", str(args.seconds), wav])
            ref = beats(args.reelboard, wav, cache)
            cols = []
            for ext, opts in CODECS:
                p = os.path.join(tmp, name + "." + ext)
                ffmpeg(["-i", wav] + opts + [p])
                b = beats(args.reelboard, p, cache)
                d = [min(abs(y - x) for y in b) * 1000 for x in ref] if b else [float("inf")] * len(ref)
                n = sum(v > 2 for v in d)
                w = max(d, default=0.0)
                total += n
                worst = max(worst, w)
                extra = "" if len(b) == len(ref) else " (%d beats)" % len(b)
                cols.append("%s %3d >2ms, worst %6.1f ms%s" % (ext, n, w, extra))
            print("%-22s %4d beats | %s" % (name[:22], len(ref), " | ".join(cols)), flush=True)
    print("beats more than 2 ms from the WAV's: %d; worst %.1f ms" % (total, worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
