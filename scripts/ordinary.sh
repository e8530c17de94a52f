#!/usr/bin/env bash
# ordinary.sh: does each tool find the bugs of the ordinary corpus
# (harness/instrument/testdata/ordinary, listed in kernels.txt), and do the
# fixed twins pass? Two tools, run one package at a time:
#
#   native   what users run today: go test -race -count=20, with goleak
#            added through -overlay as zz_goleak_test.go (TestMain calling
#            goleak.VerifyTestMain; not added where the kernel has its own
#            TestMain). Found = the run failed (race report, leak, failed
#            assertion, panic, or the -timeout of a hang).
#   harness  our tool: harness test -race <pkg> (built once from
#            ./cmd/harness). Found = it printed an `rt: <kind>:`
#            line; "kind right" compares that kind with kernels.txt. The
#            column is left out when the binary has no test command yet.
#
#   scripts/ordinary.sh                    # both tools, table on stdout
#   scripts/ordinary.sh --native-only      # skip the harness column
#   scripts/ordinary.sh --write            # also write docs/ordinary-corpus.md
#   KERNELS="banktransfer pubsub" scripts/ordinary.sh --native-only
#
# Environment: COUNT (20) is go test's -count, TIMEOUT (30s) its -timeout,
# HARNESS_TIMEOUT (300) the seconds one harness run may take, HARNESS_BIN a
# harness binary to use instead of building one.
# Run from the repository root.
set -euo pipefail

native_only=false
write=false
for arg in "$@"; do
	case $arg in
	--native-only) native_only=true ;;
	--write) write=true ;;
	*) echo "usage: scripts/ordinary.sh [--native-only] [--write]" >&2; exit 2 ;;
	esac
done

root=harness/instrument/testdata/ordinary
module=$(go list -m)
COUNT=${COUNT:-20}
TIMEOUT=${TIMEOUT:-30s}
HARNESS_TIMEOUT=${HARNESS_TIMEOUT:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

harness=""
if ! $native_only; then
	bin=${HARNESS_BIN:-$tmp/harness}
	[ -n "${HARNESS_BIN:-}" ] || go build -o "$bin" ./cmd/harness
	if "$bin" help test >/dev/null 2>&1; then
		harness=$bin
	else
		echo "ordinary.sh: harness has no test command yet; native column only" >&2
	fi
fi

# rt's report kind for each kind of kernels.txt.
declare -A rtkind=([race]="data race" [deadlock]=deadlock [leak]=leak
	[panic]=panic [fail]="test failure" [livelock]="step limit")

now() { date +%s.%N; }
since() { printf '%.1fs' "$(echo "$(now) - $1" | bc)"; }

# why names what failed a native run, from its output: race, leak, hang,
# panic, joined with + when several did; fail when only an assertion did.
why() {
	local r=()
	grep -q 'WARNING: DATA RACE' "$1" && r+=(race)
	grep -q 'found unexpected goroutines' "$1" && r+=(leak)
	if grep -q 'panic: test timed out' "$1"; then r+=(hang)
	elif grep -qE '^(panic|fatal error):' "$1"; then r+=(panic)
	fi
	[ ${#r[@]} -gt 0 ] || r=(fail)
	local IFS=+
	echo "${r[*]}"
}

# native dir kernel -> "found (why) 1.2s" | "no 1.2s" | "error ..."
native() {
	local dir=$1 pkg=$2 out=$tmp/native.out start overlay=()
	if ! grep -q 'func TestMain' "$dir"/*_test.go; then
		printf 'package %s\n\nimport (\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n' \
			"$pkg" >"$tmp/zz_goleak_test.go"
		printf '{"Replace":{"%s/zz_goleak_test.go":"%s/zz_goleak_test.go"}}\n' "$PWD/$dir" "$tmp" >"$tmp/overlay.json"
		overlay=(-overlay "$tmp/overlay.json")
	fi
	start=$(now)
	if go test -race -count="$COUNT" -timeout "$TIMEOUT" "${overlay[@]}" "./$dir" >"$out" 2>&1; then
		echo "no $(since "$start")"
	elif grep -qE '\[(build|setup) failed\]' "$out"; then
		echo "error $(since "$start")"
	else
		echo "found ($(why "$out")) $(since "$start")"
	fi
}

# viaharness dir -> "<kind>|<time>", kind empty when nothing was reported
viaharness() {
	local out=$tmp/harness.out start kind
	start=$(now)
	timeout "$HARNESS_TIMEOUT" "$harness" test -race "./$1" -interleave.time=30s >"$out" 2>&1 || true
	kind=$({ grep -oE 'rt: [a-z ]+:' "$out" || true; } | head -1 | sed 's/^rt: //; s/:$//')
	echo "$kind|$(since "$start")"
}

kernels=${KERNELS:-$(grep -v '^#' "$root/kernels.txt" | awk 'NF {print $1}')}
table=$tmp/table.md
{
	if [ -n "$harness" ]; then
		echo "| kernel | expected kind | go test -race -count=$COUNT + goleak | harness test -race | kind right? | fixed twin passes (native / harness) |"
		echo "| --- | --- | --- | --- | --- | --- |"
	else
		echo "| kernel | expected kind | go test -race -count=$COUNT + goleak | fixed twin passes natively |"
		echo "| --- | --- | --- | --- |"
	fi
} >"$table"

total=0 nfound=0 nfixed=0 hfound=0 hright=0 hfixed=0
for k in $kernels; do
	kind=$(awk -v k="$k" '$1 == k {print $2}' "$root/kernels.txt")
	total=$((total + 1))
	echo "ordinary.sh: $k ($kind)" >&2
	nb=$(native "$root/$k/bug" "$k")
	nf=$(native "$root/$k/fixed" "$k")
	[[ $nb == found* ]] && nfound=$((nfound + 1))
	nfixedcell=no
	[[ $nf == no* ]] && { nfixed=$((nfixed + 1)); nfixedcell="yes"; }
	nfixedcell="$nfixedcell (${nf##* })"
	if [ -z "$harness" ]; then
		echo "| \`$k\` | $kind | $nb | $nfixedcell |" >>"$table"
		continue
	fi
	IFS='|' read -r hkind htime <<<"$(viaharness "$root/$k/bug")"
	IFS='|' read -r fkind ftime <<<"$(viaharness "$root/$k/fixed")"
	hcell="no $htime" right=-
	if [ -n "$hkind" ]; then
		hfound=$((hfound + 1))
		hcell="found ($hkind) $htime" right=no
		[ "$hkind" = "${rtkind[$kind]}" ] && { right=yes; hright=$((hright + 1)); }
	fi
	hfixedcell="yes ($ftime)"
	if [ -n "$fkind" ]; then hfixedcell="no: $fkind ($ftime)"; else hfixed=$((hfixed + 1)); fi
	echo "| \`$k\` | $kind | $nb | $hcell | $right | $nfixedcell / $hfixedcell |" >>"$table"
done

summary="go test -race -count=$COUNT + goleak found $nfound/$total bugs; $nfixed/$total fixed twins pass natively."
if [ -n "$harness" ]; then
	summary="$summary harness test -race found $hfound/$total ($hright/$total with the right kind); $hfixed/$total fixed twins pass under it."
fi

cat "$table"
echo
echo "$summary"

if $write; then
	{
		echo "# Ordinary corpus: found by whom?"
		echo
		echo "The kernels under \`$root/\` are ordinary Go packages with"
		echo "ordinary tests, in the shapes real concurrency bugs take (see"
		echo "\`kernels.txt\` for each shape), each with a fixed twin that differs"
		echo "only by the fix. The table compares what users run today"
		echo "(\`go test -race -count=$COUNT\` with goleak's VerifyTestMain added through"
		echo "\`-overlay\`) with \`harness test -race\`. A native finding is"
		echo "named by what failed the run (race report, leak, assertion, panic, or"
		echo "a hang cut by \`-timeout $TIMEOUT\`); times are wall time including"
		echo "the build. Written by \`scripts/ordinary.sh --write\` on $(date -u +%Y-%m-%d)"
		echo "with $(go version | awk '{print $3}') on $(nproc) cores; module $module."
		echo
		cat "$table"
		echo
		echo "$summary"
	} >docs/ordinary-corpus.md
	echo "ordinary.sh: wrote docs/ordinary-corpus.md" >&2
fi
