#!/usr/bin/env bash
# Fuzz smoke test: the README's two fuzz commands do what it says.
#
#   scripts/fuzz-smoke.sh
#
# 1. INTERLEAVE_FUZZ_BUG=1 go test -run '^$' -fuzz '^FuzzLostUpdate$' ...
#    fuzzes (the checked-in crasher does not stop it) and finds a new
#    crashing input of the seeded lost update;
# 2. the README's replay command for the checked-in crasher fails with the
#    bug on and passes with it off.
# It works on a scratch copy of the module, so the crasher the fuzzer
# writes under fuzz/testdata/fuzz does not land in the tree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$root" && tar --exclude=./.git -cf - .) | tar -xf - -C "$scratch"
cd "$scratch"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
stored=fuzz/testdata/fuzz/FuzzLostUpdate/50640a7a67794863
fail() { echo "fuzz-smoke: $*" >&2; exit 1; }

out="$(INTERLEAVE_FUZZ_BUG=1 go test -run '^$' -fuzz '^FuzzLostUpdate$' -fuzztime 120s ./fuzz 2>&1)" && fail "fuzzing with the bug on found nothing in 120s:
$out"
new="$(ls fuzz/testdata/fuzz/FuzzLostUpdate | grep -v "^$(basename $stored)\$" || true)"
[ -n "$new" ] || fail "the fuzzer wrote no new crasher (did it stop at the stored one?):
$out"
grep -q 'increments lost' <<<"$out" || fail "the crash is not the lost update:
$out"
echo "fuzz-smoke: fuzzing found a new crasher: FuzzLostUpdate/$new"

out="$(INTERLEAVE_FUZZ_BUG=1 go test -run "^FuzzLostUpdate\$/^$(basename $stored)\$" ./fuzz 2>&1)" && fail "the stored crasher did not crash with the bug on:
$out"
grep -q 'increments lost' <<<"$out" || fail "the stored crasher's report is not the lost update:
$out"
go test -run "^FuzzLostUpdate\$/^$(basename $stored)\$" ./fuzz >/dev/null || fail "the stored crasher fails the correct code"
echo "fuzz-smoke: the stored crasher replays the bug, and the correct code passes it"
