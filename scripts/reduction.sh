#!/usr/bin/env bash
# reduction.sh: states explored with no reduction, with partial-order
# reduction alone, and with the default reductions (partial-order and,
# for models that declare one such as the counter, symmetry reduction),
# side by side, on the philosophers and the counter.
#
#   scripts/reduction.sh                       # the issue's table
#   CASES="deadlock:naive:n=10" scripts/reduction.sh
#
# Each case is model:variant:param[,param...][:extra flags]. The runs use
# the same flags except --por and --symmetry: "off" is --por=off
# --symmetry=off (the oracle's counts), "por" is --por=on --symmetry=off,
# "default" is the CLI's defaults. "x por" and "x default" are
# states(off) / states(por) and states(off) / states(default). Times are
# the CLI's own elapsed time (--timing), on one worker.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(mktemp -d)/harness
go build -o "$bin" "$here/cmd/harness"

CASES=${CASES:-"
deadlock:naive:n=10:--keep-going
deadlock:ordered:n=10
deadlock:naive:n=12:--keep-going
deadlock:ordered:n=12
counter:mutex:threads=8,increments=4
counter:race:threads=4,increments=3:--keep-going
counter:race:threads=4,increments=4
counter:race:threads=4,increments=4:--strategy=dfs
"}

run() { # model variant params extra reduction-flags -> "states transitions time verdict merged rssMB"
	local args=(explore "$1" --variant "$2" --timing $5)
	IFS=, read -ra ps <<<"$3"
	for p in "${ps[@]}"; do args+=(--param "$p"); done
	[ -n "$4" ] && args+=($4)
	local out rss
	out=$(/usr/bin/time -f "rss %M" -o "$bin.rss" "$bin" "${args[@]}" || true)
	rss=$(awk '/^rss/ {printf "%.0f", $2/1024}' "$bin.rss")
	local states trans verdict time
	states=$(sed -n 's/^states: \([0-9]*\).*/\1/p' <<<"$out")
	trans=$(sed -n 's/.*transitions: \([0-9]*\).*/\1/p' <<<"$out")
	verdict=$(sed -n 's/^result: \([a-z]*\).*/\1/p' <<<"$out")
	time=$(sed -n 's/^time: \([^ ]*\).*/\1/p' <<<"$out")
	merged=$(sed -n 's/.*; \([0-9]*\) visits to states passed through.*/\1/p' <<<"$out")
	echo "$states $trans $time $verdict ${merged:-0} $rss"
}

printf '%-48s %-9s %10s %10s %6s | %9s %10s %6s | %9s %9s %10s %6s | %7s %9s\n' case verdict states-off time-off MB-off states-por time-por MB-por states-def merged-def time-def MB-def "x por" "x default"
for c in $CASES; do
	IFS=: read -r model variant params extra <<<"$c"
	read -r s0 _ d0 v0 _ r0 <<<"$(run "$model" "$variant" "$params" "${extra//=/ }" "--por=off --symmetry=off")"
	read -r s1 _ d1 v1 _ r1 <<<"$(run "$model" "$variant" "$params" "${extra//=/ }" "--por=on --symmetry=off")"
	read -r s2 _ d2 v2 m2 r2 <<<"$(run "$model" "$variant" "$params" "${extra//=/ }" "")"
	[ "$v0" = "$v1" ] && [ "$v0" = "$v2" ] || echo "VERDICTS DIFFER: $v0 / $v1 / $v2" >&2
	printf '%-48s %-9s %10s %10s %6s | %9s %10s %6s | %9s %9s %10s %6s | %7.1f %9.1f\n' "$model $variant $params $extra" "$v2" "$s0" "$d0" "$r0" "$s1" "$d1" "$r1" "$s2" "$m2" "$d2" "$r2" \
		"$(echo "$s0 / $s1" | bc -l)" "$(echo "$s0 / $s2" | bc -l)"
done
