#!/usr/bin/env bash
# How sharded explorations split their work, run as separate processes on
# this machine (on 2 cores the wall-clock speed-up is bounded by 2, so the
# table reports the work split and each shard's own time).
#
#   scripts/shard-balance.sh [OUT.md]
#
# For N = 1, 2, 4, 8 it runs every shard of
#   - harness explore deadlock --variant naive --param n=10 --keep-going
#     (philosophers, the whole space; a sharded search has --por=off), and
#   - rt's TestShardedCatalogue/counters5x3 (5 goroutines x 3 lock/unlock,
#     dfs+dpor, preemption bound 2) through INTERLEAVE_SHARD,
# one after another, merges them with harness merge and prints per shard
# the states or executions and the time, the merged counts (which must
# equal the unsharded run's), the imbalance (slowest / mean time) and the
# total work over the unsharded work.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/dev/stdout}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
go build -o "$work/harness" ./cmd/harness
go test -c -o "$work/rt.test" ./harness/rt

ms() { python3 -c 'import json,sys; print(sum(json.load(open(f))["elapsed_ms"] for f in sys.argv[1:]))' "$@"; }
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[0][sys.argv[2]] if isinstance(d,list) else d[sys.argv[2]])' "$1" "$2"; }
shards() { python3 -c '
import json,sys
for f in sys.argv[2:]:
    d=json.load(open(f)); w=d.get(sys.argv[1],0)
    print("%s %d %.0f" % (d["shard"]["k"], w, d["elapsed_ms"]))' "$@"; }

{
echo "| exploration | N | split | per shard: work (time ms) | merged | imbalance | work / unsharded |"
echo "|---|---|---|---|---|---|---|"
model=(explore deadlock --variant naive --param n=10 --keep-going)
base=$({ "$work/harness" "${model[@]}" --por=off || true; } | sed -n 's/^states: \([0-9]*\).*/\1/p')
for n in 1 2 4 8; do
	d="$work/m$n"; mkdir -p "$d"
	for k in $(seq 1 "$n"); do
		"$work/harness" "${model[@]}" --shard "$k/$n" --shard-out "$d/s$k.json" >/dev/null || [ $? -eq 1 ]
	done
	"$work/harness" merge --json "$d"/s*.json >"$d/merged.json" || [ $? -eq 1 ]
	per=$(shards states "$d"/s*.json | awk '{printf "%s%s (%s)", sep, $2, $3; sep=", "}')
	sum=$(shards states "$d"/s*.json | awk '{s+=$2} END {print s}')
	printf "| philosophers naive n=10 (states) | %d | level %s, %s states | %s | %s states, %s transitions | %.2f | %.2f |\n" "$n" \
		"$(field "$d/merged.json" Depth)" "$(field "$d/merged.json" Prefixes)" "$per" \
		"$(field "$d/merged.json" States)" "$(field "$d/merged.json" Transitions)" "$(field "$d/merged.json" Imbalance)" \
		"$(python3 -c "print($sum/$base)")"
done
echo "unsharded: $base states" >&2
for n in 1 2 4 8; do
	d="$work/r$n"; mkdir -p "$d"
	for k in $(seq 1 "$n"); do
		(cd harness/rt && INTERLEAVE_SHARD_LARGE=1 INTERLEAVE_SHARD="$k/$n" INTERLEAVE_SHARD_DIR="$d" \
			"$work/rt.test" -test.run '^TestShardedCatalogue$/^counters5x3$' >/dev/null)
	done
	"$work/harness" merge --json "$d"/*.json >"$d/merged.json"
	per=$(shards executions "$d"/*counters5x3*.json | awk '{printf "%s%s (%s)", sep, $2, $3; sep=", "}')
	[ "$n" = 1 ] && rbase=$(field "$d/merged.json" Executions)
	printf "| rt counters5x3 (executions) | %d | depth %s, %s prefixes | %s | %s executions | %.2f | %.2f |\n" "$n" \
		"$(field "$d/merged.json" Depth)" "$(field "$d/merged.json" Prefixes)" "$per" \
		"$(field "$d/merged.json" Executions)" "$(field "$d/merged.json" Imbalance)" \
		"$(python3 -c "print($(field "$d/merged.json" Executions)/$rbase)")"
done
} >"$out"
