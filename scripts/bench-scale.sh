#!/usr/bin/env bash
# Scale bench of the whole reelboard command: projects of 1k, 10k and 100k
# cards are opened (check), exported in every format and snapshotted (the
# GUI's window, offscreen), each under /usr/bin/time; it prints wall time,
# CPU time and peak resident memory, and the growth from one size to the
# next (linear work grows 10× per 10× cards). Then a 2-hour soundtrack is
# analysed and its peak memory is compared with the stated ceiling.
#
# SIZES (default "1000 10000 100000"), SNAPSHOT_SIZES (default "1000 10000"),
# LONG_MINUTES (default 120; 0 skips the long soundtrack).
set -euo pipefail
export LANG=C.UTF-8
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
SNAPSHOT_SIZES=${SNAPSHOT_SIZES:-"1000 10000"}
LONG_MINUTES=${LONG_MINUTES:-120}
# The ceiling of `reelboard analyze` on a 2-hour stereo 44.1 kHz soundtrack
# (README, "Limits").
LONG_CEILING_MB=${LONG_CEILING_MB:-800}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
go build -tags migrated_fynedo -o "$TMP/reelboard" .
RB="$TMP/reelboard"

# gen N OUT: a project of N 0.4-second cards (100k fit in the 12-hour limit) over the three acts, every
# tenth with a note, none with media (offline media would only add lines).
gen() {
	python3 - "$1" "$2" <<'EOF'
import json, sys, uuid
n, out = int(sys.argv[1]), sys.argv[2]
kinds = ["arrival", "behind-camera", "setup", "hands", "equipment", "concentration", "directing", "monitor", "reveal", "wrap"]
acts = ["arrival", "work", "fulfilment"]
cards = []
for i in range(n):
    c = {"id": str(uuid.uuid4()), "act": acts[i * 3 // n], "title": "Shot %d" % i,
         "kind": kinds[i % len(kinds)], "duration": 282240000}
    if i % 10 == 0:
        c["notes"] = "Close on the hands, then pull back to the crew (%d)." % i
    cards.append(c)
p = {"version": 2, "id": str(uuid.uuid4()), "title": "Scale %d" % n, "format": "backstage",
     "platform": "youtube", "rate": {"num": 30, "den": 1}, "aspect": {"w": 16, "h": 9},
     "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z", "cards": cards}
json.dump(p, open(out, "w"), indent=2)
EOF
}

# run LABEL CMD...: one line of wall s, cpu s, max RSS MB; remembers wall
# and RSS for the growth column.
declare -A WALL RSS
run() {
	local label=$1; shift
	if ! /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/e"; then
		# check exits 1 when a finding is an error (too long for the
		# platform): that is an answer, not a failure.
		if [ "${label%% *}" != check ] || [ -s "$TMP/e" ]; then
			echo "bench-scale: failed: $* ($(tail -1 "$TMP/e"))" >&2
			return 1
		fi
	fi
	read -r w u s m < <(tail -1 "$TMP/t")
	WALL[$label]=$w
	RSS[$label]=$m
	printf '  %-22s %8.2fs wall %8.2fs cpu %8.1f MB' "$label" "$w" "$(echo "$u + $s" | bc -l)" "$(echo "$m / 1024" | bc -l)"
}
# growth LABEL PREV: the wall-time and memory ratio to the previous size.
growth() {
	local label=$1 prev=$2
	if [ -n "$prev" ] && [ -n "${WALL[$prev]:-}" ]; then
		printf '   ×%.1f time ×%.1f memory' \
			"$(echo "${WALL[$label]} / (${WALL[$prev]} + 0.01)" | bc -l)" \
			"$(echo "${RSS[$label]} / ${RSS[$prev]}" | bc -l)"
	fi
	echo
}

echo "bench-scale: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); growth is against the previous size (10× the cards)"
# Every format the command lists under "formats:" in its help.
formats=$("$RB" export --help 2>&1 | sed -n '/^formats:/,$s/^  \([a-z0-9]*\) .*/\1/p' | tr '\n' ' ')
[ -n "$formats" ] || { echo "bench-scale: reelboard export --help lists no formats" >&2; exit 1; }
prev=""
for n in $SIZES; do
	echo "$n cards:"
	gen "$n" "$TMP/p$n.reel"
	run "check $n" "$RB" check "$TMP/p$n.reel"; growth "check $n" "${prev:+check $prev}"
	for f in $formats; do
		if [ "$f" = edl ] && [ "$n" -gt 998 ]; then
			continue # CMX 3600 numbers events with three digits: reelboard refuses
		fi
		run "export $f $n" "$RB" export --format "$f" -o "$TMP/out.$f" "$TMP/p$n.reel"; growth "export $f $n" "${prev:+export $f $prev}"
	done
	case " $SNAPSHOT_SIZES " in *" $n "*)
		run "snapshot $n" "$RB" snapshot -o "$TMP/s.png" "$TMP/p$n.reel"; growth "snapshot $n" "${prev:+snapshot $prev}" ;;
	esac
	prev=$n
done

if [ "$LONG_MINUTES" -gt 0 ]; then
	command -v ffmpeg >/dev/null || { echo "bench-scale: ffmpeg is needed for the long soundtrack" >&2; exit 1; }
	echo "a $LONG_MINUTES-minute stereo 44.1 kHz OGG (pulsed tone and noise), analysed with an empty cache:"
	ffmpeg -nostdin -loglevel error -y \
		-f lavfi -i "sine=frequency=220:sample_rate=44100:duration=$((LONG_MINUTES * 60))" \
		-f lavfi -i "anoisesrc=d=$((LONG_MINUTES * 60)):r=44100:a=0.05" \
		-filter_complex "[0][1]amix=2,volume=2,apulsator=hz=2" -ac 2 -c:a libvorbis -q:a 0 "$TMP/long.ogg"
	mkdir -p "$TMP/cache"
	run "analyze ${LONG_MINUTES}min" env REELBOARD_ANALYSIS_CACHE="$TMP/cache" "$RB" analyze --json "$TMP/long.ogg"
	echo
	mb=$(( ${RSS[analyze ${LONG_MINUTES}min]} / 1024 ))
	if [ "$LONG_MINUTES" -eq 120 ]; then
		if [ "$mb" -le "$LONG_CEILING_MB" ]; then
			echo "  peak $mb MB ≤ ceiling $LONG_CEILING_MB MB: ok"
		else
			echo "  peak $mb MB > ceiling $LONG_CEILING_MB MB: MISS"
		fi
	fi
	rm -f "$TMP/long.ogg"
fi
