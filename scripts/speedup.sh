#!/usr/bin/env bash
# speedup.sh: how much faster 2 workers explore the full philosophers space
# than 1, measured as paired runs: each round runs 1 worker and 2 workers
# back to back (in alternating order), and the speedup of the round is the
# one's time / the other's. On a shared or virtual machine, timings drift
# by 10-20% within minutes; pairing cancels most of the drift, and the
# median over rounds resists the rest. Times are the CLI's own search time
# (--json --timing elapsed_ms), breadth-first, no reduction.
#
#   scripts/speedup.sh                        # N=12, 9 rounds, both stores
#   ROUNDS=15 N=11 STORES=exact WORKERS=4 scripts/speedup.sh
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(mktemp -d)/harness
go build -o "$bin" "$here/harness/cmd/harness"

ROUNDS=${ROUNDS:-9}
N=${N:-12}
WORKERS=${WORKERS:-2}
VARIANTS=${VARIANTS:-"naive ordered"}
STORES=${STORES:-"exact compact"}

ms() { # variant store workers -> elapsed ms
	local flags=(explore deadlock --variant "$1" --param "n=$N" --keep-going --por=off --workers "$3" --json --timing)
	[ "$2" = compact ] && flags+=(--compact)
	"$bin" "${flags[@]}" | sed -n 's/.*"elapsed_ms": \([0-9.]*\).*/\1/p' || true
}

printf '%-8s %-8s %7s %9s %9s %9s %9s %9s\n' variant store rounds "1w ms" "${WORKERS}w ms" speedup min max
for v in $VARIANTS; do
	for s in $STORES; do
		pairs=()
		for r in $(seq "$ROUNDS"); do
			if ((r % 2)); then
				a=$(ms "$v" "$s" 1)
				b=$(ms "$v" "$s" "$WORKERS")
			else
				b=$(ms "$v" "$s" "$WORKERS")
				a=$(ms "$v" "$s" 1)
			fi
			pairs+=("$a $b")
		done
		printf '%s\n' "${pairs[@]}" | sort -n | awk -v v="$v" -v s="$s" '
			{ one[NR] = $1; two[NR] = $2; r[NR] = $1 / $2 }
			function median(a, n,   i, j, t) {
				for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
			}
			END {
				m1 = median(one, NR); m2 = median(two, NR); mr = median(r, NR)
				printf "%-8s %-8s %7d %9.0f %9.0f %8.2fx %8.2fx %8.2fx\n", v, s, NR, m1, m2, mr, r[1], r[NR]
			}'
	done
done
