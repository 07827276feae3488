#!/usr/bin/env bash
# Speed and robustness bench of Reelboard's audio package against peers.
# Prints whole-process wall-time ratios (best of N runs each):
#   reelboard analyze   vs aubiotrack on the same file (empty cache),
#   our decode (Load)   vs ffmpeg -f null,
# on a real 4-minute track (Wesnoth's weight_of_revenge.ogg) and WAV, FLAC
# and MP3 copies made by ffmpeg, on every core and then on one (taskset);
# then the memory a loaded track keeps and the peak; then decodes every
# Wesnoth OGG checking no panic and the length within 1/30 s of ffmpeg's.
# Targets (issue 10): analyze ≤ 0.75× aubiotrack for WAV, 1.0× OGG, 1.2× FLAC,
# 1.5× MP3, on both cores or one; a loaded 4-minute track keeps ≤ 45 MB.
set -euo pipefail
export LANG=C.UTF-8
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
need=()
command -v aubiotrack >/dev/null || need+=(aubio-tools)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
musicdir() { find /usr/share/games/wesnoth* -type d -path '*/data/core/music' 2>/dev/null | head -1; }
if [ -z "$(musicdir)" ]; then need+=(wesnoth-1.16-music); fi
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}"
	$SUDO apt-get update -qq
	if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; then
		need=("${need[@]/wesnoth-1.16-music/wesnoth-music}")
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
	fi
fi
MUSIC=$(musicdir)
SRC="$MUSIC/weight_of_revenge.ogg"
[ -f "$SRC" ] || { echo "bench-audio: $SRC not found" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
go build -o "$TMP/reelboard" . || { echo "bench-audio: the reelboard command does not build (main.go missing?)" >&2; exit 1; }
go build -o "$TMP/audiodecode" ./audio/internal/audiodecode
cp "$SRC" "$TMP/track.ogg"
for ext in wav flac mp3; do
	ffmpeg -nostdin -loglevel error -y -i "$SRC" "$TMP/track.$ext"
done

# best CMD...: "WALL CPU" seconds of the run with the least wall time over
# $RUNS runs (CPU = user + system; stdout discarded). The machine may be
# shared: CPU time is the steadier figure when others load it.
best() {
	local bw="" bc="" w c
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/e" || { echo "bench-audio: failed: $* ($(tail -1 "$TMP/e"))" >&2; return 1; }
		read -r w u s <"$TMP/t"
		c=$(echo "$u + $s" | bc -l)
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc -l)" = 1 ]; then bw=$w; bc=$c; fi
	done
	echo "$bw $bc"
}
# analyze_fresh FILE: reelboard analyze with an empty cache (no cache hit).
cat >"$TMP/analyze_fresh" <<EOF
#!/bin/sh
c=\$(mktemp -d -p "$TMP")
REELBOARD_ANALYSIS_CACHE="\$c" exec "$TMP/reelboard" analyze --json "\$1"
EOF
chmod +x "$TMP/analyze_fresh"

echo "bench-audio: $(basename "$SRC"), best of $RUNS, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "whole-process wall time (cpu = user+sys in brackets); ratio = ours / peer"
printf '%-5s %16s %16s %6s %6s %6s | %16s %16s %6s\n' fmt analyze aubiotrack wall cpu target decode "ffmpeg -f null" wall
declare -A target=([wav]=0.75 [ogg]=1.0 [flac]=1.2 [mp3]=1.5)
miss=0
for ext in wav ogg flac mp3; do
	f="$TMP/track.$ext"
	read -r a ac <<<"$(best "$TMP/analyze_fresh" "$f")"
	read -r p pc <<<"$(best aubiotrack -i "$f")"
	read -r d dc <<<"$(best "$TMP/audiodecode" "$f")"
	read -r q qc <<<"$(best ffmpeg -nostdin -loglevel error -i "$f" -f null -)"
	r=$(echo "$a / $p" | bc -l)
	rc=$(echo "$ac / $pc" | bc -l)
	rd=$(echo "$d / $q" | bc -l)
	ok=ok
	if [ "$(echo "$r > ${target[$ext]}" | bc -l)" = 1 ]; then ok=MISS; miss=1; fi
	printf '%-5s %6.2fs (%5.2fs) %6.2fs (%5.2fs) %5.2fx %5.2fx %5.2fx %-4s | %6.2fs (%5.2fs) %6.2fs (%5.2fs) %5.2fx\n' \
		"$ext" "$a" "$ac" "$p" "$pc" "$r" "$rc" "${target[$ext]}" "$ok" "$d" "$dc" "$q" "$qc" "$rd"
done

if command -v taskset >/dev/null; then
	echo "on one core (taskset -c 0, both commands):"
	printf '%-5s %16s %16s %6s %6s %6s\n' fmt analyze aubiotrack wall cpu target
	for ext in wav ogg flac mp3; do
		f="$TMP/track.$ext"
		read -r a ac <<<"$(best taskset -c 0 "$TMP/analyze_fresh" "$f")"
		read -r p pc <<<"$(best taskset -c 0 aubiotrack -i "$f")"
		r=$(echo "$a / $p" | bc -l)
		rc=$(echo "$ac / $pc" | bc -l)
		ok=ok
		if [ "$(echo "$r > ${target[$ext]}" | bc -l)" = 1 ]; then ok=MISS; miss=1; fi
		printf '%-5s %6.2fs (%5.2fs) %6.2fs (%5.2fs) %5.2fx %5.2fx %5.2fx %-4s\n' \
			"$ext" "$a" "$ac" "$p" "$pc" "$r" "$rc" "${target[$ext]}" "$ok"
	done
fi

# held: the heap a loaded Track keeps alive (PCM for playback, waveform),
# after a full collection; peak: the decode's max resident set (both in 10^6 bytes).
echo "memory of a loaded track (Load for playback and display; held target ≤ 45 MB, 10^6 bytes):"
for ext in wav ogg flac mp3; do
	/usr/bin/time -f "%M" -o "$TMP/rss" "$TMP/audiodecode" -held "$TMP/track.$ext" >"$TMP/held"
	read -r _ _ _ _ held <"$TMP/held"
	ok=ok
	if [ "$held" -gt 45000000 ]; then ok=MISS; miss=1; fi
	printf '  %-5s held %5.1f MB %-4s  peak %6.1f MB\n' "$ext" "$(echo "$held / 1000000" | bc -l)" "$ok" "$(echo "$(cat "$TMP/rss") * 1024 / 1000000" | bc -l)"
done

echo "wesnoth OGG decode check (no panic, length within 1/30 s of ffmpeg's):"
bad=0
n=0
for f in "$MUSIC"/*.ogg; do
	n=$((n + 1))
	if ! out=$("$TMP/audiodecode" "$f" 2>"$TMP/err"); then
		echo "  FAIL $(basename "$f"): $(cat "$TMP/err")"; bad=1; continue
	fi
	read -r _ frames rate ch <<<"$out"
	bytes=$(ffmpeg -nostdin -loglevel error -i "$f" -f s16le -acodec pcm_s16le - | wc -c)
	ff=$((bytes / 2 / ch))
	diff=$((frames - ff)); diff=${diff#-}
	if [ $((diff * 30)) -gt "$rate" ]; then
		echo "  FAIL $(basename "$f"): $frames frames, ffmpeg $ff"; bad=1
	elif [ -s "$TMP/err" ]; then
		echo "  ok   $(basename "$f") ($frames frames, ffmpeg $ff; $(head -1 "$TMP/err"))"
	fi
done
echo "  $n files checked$([ $bad = 0 ] && echo ", all within one video frame")"
[ $bad = 0 ] && [ $miss = 0 ] && echo "bench-audio: all targets met" || echo "bench-audio: some targets missed"
