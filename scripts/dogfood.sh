#!/usr/bin/env bash
# Dogfood: impls/ are plain Go (sync, channels, go, time) tested through
# harness test. Every test must pass with no seeded bug; each seeded bug
# (-<impl>.bug=<name>, a flag of the impl's tests) must make harness test
# fail (exit 1) with the kind listed in the table below, which docs/checks.md
# cites (go test ./docs checks that they agree). Prints one row per bug:
# impl, bug, expected kind, got (kind, exit), executions, time.
set -uo pipefail
cd "$(dirname "$0")/.."

# The seeded bugs: impl | bug | kind rt reports | further harness test flags.
# <!-- seeded bugs -->
bugs='
queue | lostwakeup | deadlock |
queue | lostwakeup | deadlock | -interleave.strategy=pct -interleave.executions=2000
kv | getthenput | test failure |
refcount | nonatomic | test failure |
lockmgr | sharedblind | deadlock |
gil | holdduringio | test failure |
gil | barging | test failure |
gil | nolock | test failure |
eventloop | blockingcallback | deadlock |
chat | blockingfanout | deadlock |
chat | leakonclose | deadlock |
'
# <!-- end of seeded bugs -->

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/harness" ./cmd/harness || exit 1

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

start=$(now)
if ! "$work/harness" test ./impls/... >"$work/all.out" 2>&1; then
	cat "$work/all.out"
	echo "dogfood: harness test ./impls/... failed with no seeded bug"
	exit 1
fi
grep -E '^(ok|---|FAIL)' "$work/all.out"
echo "dogfood: harness test ./impls/... passed in $(secs "$start" "$(now)")"

status=0 passed=0 failed=0
printf '%-10s %-18s %-14s %-24s %-11s %s\n' impl bug expected got executions time
while IFS='|' read -r impl bug kind flags; do
	impl=$(echo $impl) bug=$(echo $bug) kind=$(echo $kind)
	[ -z "$impl" ] && continue
	start=$(now)
	# shellcheck disable=SC2086 # flags are words
	"$work/harness" test -v ./impls/"$impl" -"$impl".bug="$bug" $flags >"$work/out" 2>&1
	code=$?
	took=$(secs "$start" "$(now)")
	got=$(grep -o -m1 -E 'rt: (panic|deadlock|data race|leak|blocked outside rt|test failure|step limit|uncontrolled goroutine):' "$work/out" | sed 's/^rt: //; s/:$//')
	execs=$(grep -o -m1 -E 'execution [0-9]+ failed' "$work/out" | grep -o -E '[0-9]+')
	printf '%-10s %-18s %-14s %-24s %-11s %s\n' "$impl" "$bug${flags:+ *}" "$kind" "${got:-none} (exit $code)" "${execs:--}" "$took"
	if [ "$code" = 1 ] && [ "$got" = "$kind" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)) status=1
		tail -40 "$work/out"
	fi
done <<<"$bugs"
echo "(* with further flags; see scripts/dogfood.sh)"
echo "dogfood: $passed passed, $failed failed"
exit $status
