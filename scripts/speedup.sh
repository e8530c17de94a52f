#!/usr/bin/env bash
# speedup.sh: how much faster 2 workers explore the full philosophers space
# than 1, against what the machine gives two processes at the same moment.
#
# Each round, for each case (variant x store), runs back to back:
#   - 1 worker, then 2 workers (in alternating order): speedup = t1 / t2;
#   - two 1-worker runs at once: ceiling = t1 / (the slower of the two, / 2),
#     what two independent searches get from the machine right then (2.0
#     on two free cores; less when the cores are shared or throttled).
# On a shared or virtual machine, timings drift by 10-20% within minutes,
# and the second core can be half-taken for minutes at a time; pairing and
# interleaving the cases within a round cancel most of it, and the medians
# over rounds resist the rest. Times are the CLI's own search time
# (--json --timing elapsed_ms), breadth-first, no reduction.
#
#   scripts/speedup.sh                      # N=12, 9 rounds, 4 cases
#   ROUNDS=15 N=11 STORES=exact VARIANTS=naive scripts/speedup.sh
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
bin=$dir/harness
go build -o "$bin" "$here/cmd/harness"

ROUNDS=${ROUNDS:-9}
N=${N:-12}
VARIANTS=${VARIANTS:-"naive ordered"}
STORES=${STORES:-"exact compact"}

ms() { # variant store workers -> elapsed ms
	local flags=(explore deadlock --variant "$1" --param "n=$N" --keep-going --por=off --workers "$3" --json --timing)
	[ "$2" = compact ] && flags+=(--compact)
	"$bin" "${flags[@]}" | sed -n 's/.*"elapsed_ms": \([0-9.]*\).*/\1/p' || true
}

for r in $(seq "$ROUNDS"); do
	for v in $VARIANTS; do
		for s in $STORES; do
			if ((r % 2)); then
				one=$(ms "$v" "$s" 1)
				two=$(ms "$v" "$s" 2)
			else
				two=$(ms "$v" "$s" 2)
				one=$(ms "$v" "$s" 1)
			fi
			ms "$v" "$s" 1 >"$dir/a" &
			ms "$v" "$s" 1 >"$dir/b"
			wait
			echo "$v $s $one $two $(cat "$dir/a") $(cat "$dir/b")"
		done
	done
done >"$dir/rounds"

printf '%-8s %-8s %6s %8s %8s %8s %10s %8s %10s\n' variant store rounds "1w ms" "2w ms" speedup "(min-max)" ceiling "speedup/ceiling"
awk '
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		k = $1 " " $2; if (!(k in n)) order[++cases] = k
		i = ++n[k]; slow = $5 > $6 ? $5 : $6
		one[k, i] = $3; two[k, i] = $4; sp[k, i] = $3 / $4; ce[k, i] = 2 * $3 / slow; ef[k, i] = sp[k, i] / ce[k, i]
	}
	END {
		for (c = 1; c <= cases; c++) {
			k = order[c]; m = n[k]
			for (i = 1; i <= m; i++) { a[i] = one[k, i]; b[i] = two[k, i]; s[i] = sp[k, i]; x[i] = ce[k, i]; y[i] = ef[k, i] }
			split(k, name, " ")
			printf "%-8s %-8s %6d %8.0f %8.0f %7.2fx %4.2f-%-5.2f %7.2fx %10.2f\n", name[1], name[2], m, median(a, m), median(b, m), median(s, m), s[1], s[m], median(x, m), median(y, m)
		}
	}' "$dir/rounds"
