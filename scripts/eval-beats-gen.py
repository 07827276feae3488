#!/usr/bin/python3
"""Generate the beat-tracking evaluation corpus's MIDI files and their truth.

Each piece is composed here (drums, bass, chords, melody) on a beat grid that
comes from its own tempo map, then written as a Standard MIDI File at ONE
constant tempo with every event re-timed to its exact second, so that a
renderer's handling of tempo changes cannot move the truth. Beside each
NAME.mid it writes NAME.beats and NAME.downbeats (one time in seconds a line).

MIDI files shipped by Debian packages are converted too (their tempo map and
time signatures give the truth), except the packages kept for independent
evaluation.

usage: eval-beats-gen.py OUTDIR [DEBIAN_MIDI...]
"""

import os
import random
import struct
import sys

PPQ = 480
CONST_BPM = 120.0  # the one tempo of every written file
TICKS_PER_S = PPQ * CONST_BPM / 60.0

# Reserved for independent evaluation: never used here.
RESERVED = ("openttd-openmsx", "freedink", "planetblupi", "abcmidi")


def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def write_smf(path, events, programs):
    """events: (time_s, kind, channel, a, b) with kind 'on'/'off'."""
    track = bytearray()
    tempo = int(round(60e6 / CONST_BPM))
    track += vlq(0) + b"\xff\x51\x03" + tempo.to_bytes(3, "big")
    for ch, prog in programs.items():
        track += vlq(0) + bytes([0xC0 | ch, prog])
        track += vlq(0) + bytes([0xB0 | ch, 7, 100])
    evs = sorted(events, key=lambda e: (int(round(e[0] * TICKS_PER_S)), 0 if e[1] == "off" else 1))
    last = 0
    for t, kind, ch, a, b in evs:
        tick = max(0, int(round(t * TICKS_PER_S)))
        track += vlq(tick - last)
        last = tick
        if kind == "on":
            track += bytes([0x90 | ch, a, b])
        else:
            track += bytes([0x80 | ch, a, 0])
    track += vlq(PPQ) + b"\xff\x2f\x00"
    write_if_changed(path, b"MThd" + struct.pack(">IHHH", 6, 0, 1, PPQ) + b"MTrk" + struct.pack(">I", len(track)) + track)


def write_if_changed(path, data):
    """Writes data unless the file holds it already (its time then says the
    render beside it is still current)."""
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except OSError:
        pass
    with open(path, "wb") as f:
        f.write(data)


def write_truth(base, beats, downbeats):
    with open(base + ".beats", "w") as f:
        f.writelines("%.6f\n" % t for t in beats)
    with open(base + ".downbeats", "w") as f:
        f.writelines("%.6f\n" % t for t in downbeats)


class Piece:
    """A composed piece: bars of `meter` beats, each beat `sub` tatums."""

    def __init__(self, name, meter, sub, tempo, bars, seed, swing=False, drums=True,
                 style="rock", start=0.5, meters=None):
        self.name, self.sub, self.swing, self.drums, self.style = name, sub, swing, drums, style
        self.rng = random.Random(seed)
        self.meters = meters or [meter] * bars  # beats per bar, per bar
        self.bars = len(self.meters)
        # tempo: list of (bar, bpm, 'step'|'ramp'): bpm holds from bar on,
        # ramping linearly (per beat) to the next point when 'ramp'.
        nbeats = sum(self.meters)
        bar_of_beat = []
        for b, m in enumerate(self.meters):
            bar_of_beat += [b] * m
        first_beat_of_bar = [sum(self.meters[:b]) for b in range(self.bars + 1)]
        bpm = []
        for k in range(nbeats):
            bar = bar_of_beat[k]
            i = max(j for j, p in enumerate(tempo) if p[0] <= bar)
            b0, v0, kind = tempo[i]
            if kind == "ramp" and i + 1 < len(tempo):
                b1, v1, _ = tempo[i + 1]
                k0, k1 = first_beat_of_bar[b0], first_beat_of_bar[b1]
                f = (k - k0) / max(1, (k1 - k0))
                bpm.append(v0 + (v1 - v0) * f)
            else:
                bpm.append(v0)
        self.beats = []
        t = start
        for k in range(nbeats + 1):
            self.beats.append(t)
            if k < nbeats:
                t += 60.0 / bpm[k]
        self.end = t
        self.downbeats = [self.beats[first_beat_of_bar[b]] for b in range(self.bars)]
        self.bar_start = first_beat_of_bar
        self.events = []

    def tatum(self, k, j):
        """Time of tatum j (0..sub-1, fractions allowed) of beat k."""
        a, b = self.beats[k], self.beats[k + 1]
        p = b - a
        if self.swing and self.sub == 2:
            # triplet swing: the off-beat eighth at 2/3 of the beat
            frac = {0: 0.0, 0.5: 1 / 3, 1: 2 / 3, 1.5: 5 / 6}.get(j, j / 2)
            return a + p * frac
        return a + p * j / self.sub

    def note(self, t, dur, ch, key, vel):
        vel = max(1, min(127, int(vel + self.rng.randint(-6, 6))))
        # a touch of human timing, ±4 ms, on everything but the truth
        t += self.rng.uniform(-0.004, 0.004)
        self.events.append((max(0, t), "on", ch, key, vel))
        self.events.append((max(0, t + dur), "off", ch, key, 0))


PROGS = {  # (root of chords, progression in scale degrees) per section letter
    "A": [0, 5, 3, 4], "B": [3, 4, 0, 0], "C": [5, 3, 0, 4],
}
SCALE = [0, 2, 4, 5, 7, 9, 11]


def triad(deg, key):
    return [key + SCALE[(deg + i) % 7] + 12 * ((deg + i) // 7) for i in (0, 2, 4)]


def compose(p, form="AABA", key=60, melody_prog=73):
    kit = dict(kick=36, snare=38, hat=42, ride=51, openhat=46, pedal=44, crash=49)
    sect_len = max(1, p.bars // len(form))
    mel = key + 12
    for bar in range(p.bars):
        letter = form[min(len(form) - 1, bar // sect_len)]
        prog = PROGS[letter]
        deg = prog[bar % len(prog)]
        chord = triad(deg, key)
        root = key - 24 + SCALE[deg]
        m = p.meters[bar]
        k0 = p.bar_start[bar]
        dense = letter == "B"
        for i in range(m):
            k = k0 + i
            bt = p.beats[k]
            pl = p.beats[k + 1] - bt
            # --- drums
            if p.drums:
                if p.style == "swing":
                    p.note(bt, 0.2, 9, kit["ride"], 80 if i % 2 else 70)
                    if i % 2 == 1:
                        p.note(p.tatum(k, 1), 0.1, 9, kit["ride"], 55)
                        p.note(bt, 0.1, 9, kit["pedal"], 60)
                    if i == 0:
                        p.note(bt, 0.2, 9, kit["kick"], 50)
                elif p.style == "synco":
                    # 3+3+2 sixteenths in the kick, backbeat snare
                    for s in (0, 3, 6):
                        kk = k0 + (i // 2) * 2 + s // 4
                        if i % 2 == 0 and kk + 1 <= len(p.beats) - 1:
                            p.note(p.tatum(kk, (s % 4) / 2), 0.15, 9, kit["kick"], 95 if s == 0 else 80)
                    if i % 2 == 1:
                        p.note(bt, 0.15, 9, kit["snare"], 85)
                    for s in range(4):
                        p.note(p.tatum(k, s / 2), 0.05, 9, kit["hat"], 60 if s % 2 else 45)
                elif p.sub == 3:  # compound: kick on 1, snare on the other beats
                    if i == 0:
                        p.note(bt, 0.2, 9, kit["kick"], 100)
                    else:
                        p.note(bt, 0.15, 9, kit["snare"], 80)
                    for j in range(3):
                        p.note(p.tatum(k, j), 0.05, 9, kit["hat"], 70 if j == 0 else 50)
                elif m == 3:  # waltz: kick on 1, hats on 2 and 3
                    if i == 0:
                        p.note(bt, 0.2, 9, kit["kick"], 100)
                    else:
                        p.note(bt, 0.1, 9, kit["hat"], 70)
                        p.note(bt, 0.1, 9, kit["snare"] if dense else kit["pedal"], 50)
                else:  # rock/pop: kick 1 (and 3), snare on 2 and 4, eighth hats
                    if i == 0 or (i == 2 and m >= 4):
                        p.note(bt, 0.2, 9, kit["kick"], 100)
                    elif i % 2 == 1 or (m == 5 and i == 4):
                        p.note(bt, 0.15, 9, kit["snare"], 90)
                    if i == 2 and m == 4 and bar % 2:
                        p.note(p.tatum(k, 1), 0.2, 9, kit["kick"], 80)
                    for j in range(p.sub):
                        p.note(p.tatum(k, j), 0.05, 9, kit["hat"], 65 if j == 0 else 45)
                    if bar % 8 == 0 and i == 0:
                        p.note(bt, 1.0, 9, kit["crash"], 80)
            # --- bass
            if p.style == "swing":
                walk = [0, 2, 4, 5, 7, 9]
                p.note(bt, pl * 0.9, 1, root + walk[(i * 2 + bar) % len(walk)] % 12, 85)
            elif p.style == "synco":
                if i % 2 == 0:
                    for s, d in ((0, 3), (3, 3), (6, 2)):
                        kk = k0 + (i // 2) * 2 + s // 4
                        p.note(p.tatum(kk, (s % 4) / 2), d * pl / 4 * 0.9, 1, root + (0 if s == 0 else 7 if s == 3 else 12), 90)
            elif p.style == "fast":
                # eighth-note bass in 3+3+2 eighths per bar of 4: a dotted-quarter trap
                if i == 0:
                    for e, d in ((0, 3), (3, 3), (6, 2)):
                        kk = k0 + e // 2
                        if kk < k0 + m:
                            p.note(p.tatum(kk, e % 2), d * pl / 2 * 0.9, 1, root + (0, 7, 12)[(0, 3, 6).index(e)], 95)
            elif i == 0 or (m >= 4 and i == m // 2) or p.sub == 3:
                p.note(bt, pl * 0.9, 1, root + (7 if i else 0), 90)
            # --- chords
            if p.style == "ballad":
                for j in range(p.sub):
                    p.note(p.tatum(k, j), pl / p.sub * 1.5, 0, chord[(i * p.sub + j) % 3] + (12 if j else 0), 60)
            elif p.style == "swing":
                if i in (1, 3) or (i == 2 and bar % 2):
                    t = p.tatum(k, 1) if i == 2 else bt
                    for n in chord:
                        p.note(t, pl * 0.5, 0, n, 62)
            elif m == 3 and p.sub == 2:
                if i > 0:
                    for n in chord:
                        p.note(bt, pl * 0.7, 0, n, 60)
            elif i == 0:
                for n in chord:
                    p.note(bt, (p.beats[k0 + m] - bt) * 0.95, 0, n, 55)
        # --- melody: random walk on a bar-long rhythm of tatums
        ntat = m * p.sub
        j = 0
        while j < ntat:
            d = p.rng.choice([1, 1, 2, 2, 3] if not dense else [1, 1, 1, 2])
            if p.style == "fast":
                d = (3, 3, 2, 3, 3, 2, 2, 2)[(j // 3) % 8] if j % 2 == 0 else 1
            d = min(d, ntat - j)
            kb, jt = k0 + j // p.sub, j % p.sub
            t = p.tatum(kb, jt)
            k_end = k0 + (j + d) // p.sub
            j_end = (j + d) % p.sub
            t_end = p.tatum(k_end, j_end) if k_end < len(p.beats) - 1 else p.beats[k_end]
            if p.rng.random() < 0.85:
                mel += p.rng.choice([-2, -1, -1, 0, 1, 1, 2])
                mel = max(key + 7, min(key + 24, mel))
                step = mel - key
                pitch = key + 12 * (step // 12) + min(SCALE, key=lambda s: abs(s - step % 12))
                p.note(t, (t_end - t) * 0.9, 2, pitch, 78 if jt == 0 else 68)
            j += d
    programs = {0: 0, 1: 33, 2: melody_prog}
    if p.style == "ballad":
        programs[0] = 0
    return programs


def pieces():
    P = []
    P.append((Piece("pop44-100", 4, 2, [(0, 100, "step")], 24, 1), "AABA", 60, 73))
    P.append((Piece("rock44-180", 4, 2, [(0, 180, "step")], 32, 2, style="fast"), "ABAB", 62, 65))
    P.append((Piece("fast44-200-nodrums", 4, 2, [(0, 200, "step")], 36, 3, drums=False, style="fast"), "AABA", 57, 40))
    P.append((Piece("synco44-110", 4, 2, [(0, 110, "step")], 24, 4, style="synco"), "ABAB", 64, 81))
    P.append((Piece("waltz34-150", 3, 2, [(0, 150, "step")], 36, 5), "AABA", 60, 73))
    P.append((Piece("waltz34-96-nodrums", 3, 2, [(0, 96, "step")], 24, 6, drums=False), "ABA", 65, 40))
    P.append((Piece("five54-126", 5, 2, [(0, 126, "step")], 20, 7), "ABA", 62, 65))
    P.append((Piece("jig68-112", 2, 3, [(0, 112, "step")], 36, 8), "AABB", 62, 73))
    P.append((Piece("jig68-100-nodrums", 2, 3, [(0, 100, "step")], 32, 9, drums=False), "ABAB", 67, 40))
    P.append((Piece("blues128-66", 4, 3, [(0, 66, "step")], 12, 10), "AAB", 55, 65))
    P.append((Piece("swing44-140", 4, 2, [(0, 140, "step")], 28, 11, swing=True, style="swing"), "AABA", 60, 65))
    P.append((Piece("swing44-190", 4, 2, [(0, 190, "step")], 40, 12, swing=True, style="swing"), "ABAB", 58, 65))
    P.append((Piece("step120-150-120", 4, 2, [(0, 120, "step"), (10, 150, "step"), (22, 120, "step")], 32, 13), "ABA", 60, 73))
    P.append((Piece("accel90-140", 4, 2, [(0, 90, "ramp"), (24, 140, "step")], 30, 14), "AABA", 64, 73))
    P.append((Piece("ritardando-final", 4, 2, [(0, 116, "step"), (18, 116, "ramp"), (26, 58, "step")], 26, 15), "ABA", 60, 0))
    P.append((Piece("ballad44-58-nodrums", 4, 2, [(0, 58, "step")], 14, 16, drums=False, style="ballad"), "ABA", 60, 73))
    P.append((Piece("six64-132", 6, 2, [(0, 132, "step")], 16, 17), "ABA", 62, 65))
    P.append((Piece("meter34-44", 0, 2, [(0, 120, "step")], 0, 18, meters=[3] * 12 + [4] * 12), "AB", 60, 73))
    P.append((Piece("ramp-slow-60-100-nodrums", 4, 2, [(0, 60, "ramp"), (16, 100, "step")], 18, 19, drums=False, style="ballad"), "AB", 62, 73))
    return P


# ---- Debian MIDI: truth from the tempo map and time signatures ----

def read_smf(path):
    data = open(path, "rb").read()
    if data[:4] != b"MThd":
        raise ValueError("not a MIDI file")
    fmt, ntrk, div = struct.unpack(">HHH", data[8:14])
    if div & 0x8000:
        raise ValueError("SMPTE time division")
    pos = 8 + struct.unpack(">I", data[4:8])[0]
    tempos, sigs, notes, chev = [], [], [], []  # (tick, value)
    end_tick = 0
    for _ in range(ntrk):
        if data[pos:pos + 4] != b"MTrk":
            break
        ln = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        tr = data[pos + 8:pos + 8 + ln]
        pos += 8 + ln
        i, tick, status = 0, 0, 0
        while i < len(tr):
            d = 0
            while True:
                c = tr[i]
                i += 1
                d = (d << 7) | (c & 0x7F)
                if not c & 0x80:
                    break
            tick += d
            c = tr[i]
            if c & 0x80:
                status = c
                i += 1
            if status == 0xFF:
                typ = tr[i]
                i += 1
                n = 0
                while True:
                    c = tr[i]
                    i += 1
                    n = (n << 7) | (c & 0x7F)
                    if not c & 0x80:
                        break
                body = tr[i:i + n]
                i += n
                if typ == 0x51:
                    tempos.append((tick, int.from_bytes(body, "big")))
                elif typ == 0x58:
                    sigs.append((tick, body[0], 2 ** body[1]))
            elif status in (0xF0, 0xF7):
                n = 0
                while True:
                    c = tr[i]
                    i += 1
                    n = (n << 7) | (c & 0x7F)
                    if not c & 0x80:
                        break
                i += n
            else:
                hi = status & 0xF0
                nb = 1 if hi in (0xC0, 0xD0) else 2
                if hi == 0x90 and tr[i + 1] > 0:
                    notes.append(tick)
                chev.append((tick, len(chev), bytes([status]) + tr[i:i + nb]))
                i += nb
            end_tick = max(end_tick, tick)
    return div, sorted(tempos), sorted(sigs), sorted(notes), sorted(chev)


def write_retimed(path, sec, chev):
    """Writes the channel events at one constant tempo, each at its second."""
    track = bytearray()
    track += vlq(0) + b"\xff\x51\x03" + int(round(60e6 / CONST_BPM)).to_bytes(3, "big")
    last = 0
    for tick, _, ev in chev:
        t = int(round(sec(tick) * TICKS_PER_S))
        track += vlq(t - last) + ev
        last = t
    track += vlq(PPQ) + b"\xff\x2f\x00"
    write_if_changed(path, b"MThd" + struct.pack(">IHHH", 6, 0, 1, PPQ) + b"MTrk" + struct.pack(">I", len(track)) + track)


def midi_truth(path, out, lead_in=0):
    """Truth of a MIDI file from its tempo map and time signatures; bars
    count from lead_in beats after the first signature."""
    div, tempos, sigs, notes, chev = read_smf(path)
    if not notes:
        raise ValueError("no notes")
    tempos = tempos or [(0, 500000)]
    sigs = sigs or [(0, 4, 4)]

    def sec(tick):
        t, last, us = 0.0, 0, 500000
        for tk, v in tempos:
            if tk >= tick:
                break
            t += (tk - last) * us / 1e6 / div
            last, us = tk, v
        return t + (tick - last) * us / 1e6 / div

    beats, downs = [], []
    last_note = notes[-1]
    for si, (tk, num, den) in enumerate(sigs):
        nxt = sigs[si + 1][0] if si + 1 < len(sigs) else last_note + 1
        q = div * 4 // den  # ticks per notated unit
        compound = den == 8 and num % 3 == 0 and num > 3
        step = 3 * q if compound else q
        per_bar = num // 3 if compound else num
        k, t = 0, tk + (lead_in * div if si == 0 else 0)
        while t < nxt:
            beats.append(t)
            if k % per_bar == 0:
                downs.append(t)
            k += 1
            t += step
    first = notes[0]
    beats = [sec(b) for b in beats if first - div // 8 <= b <= last_note]
    downs = [sec(b) for b in downs if first - div // 8 <= b <= last_note]
    write_retimed(out, sec, chev)
    return beats, downs


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for p, form, key, mel in pieces():
        progs = compose(p, form, key, mel)
        base = os.path.join(out, "gen-" + p.name)
        write_smf(base + ".mid", p.events, progs)
        write_truth(base, p.beats[:-1], p.downbeats)
    for src in sys.argv[2:]:
        if any(r in src for r in RESERVED):
            print("skipping reserved", src, file=sys.stderr)
            continue
        base = os.path.join(out, "deb-" + os.path.splitext(os.path.basename(src))[0].replace(" ", "_"))
        try:
            # MMA's init.mma ends with `beatadjust 1` ("a moment of rest"):
            # the song starts one beat after the 4/4 of tick 0, and MMA's
            # bars count from there (every MMA file's first note is on tick
            # 192 of 192 a quarter).
            beats, downs = midi_truth(src, base + ".mid", lead_in=1 if "/mma/" in src else 0)
        except (ValueError, IndexError) as e:
            print("skipping", src, e, file=sys.stderr)
            continue
        write_truth(base, beats, downs)


if __name__ == "__main__":
    main()
