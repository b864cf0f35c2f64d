#!/usr/bin/env bash
# Head-to-head benchmark 1, bridge vs raw UDP relay (issue 8): builds
# cmd/loadtest pure-Go and runs `loadtest bench relay` (package
# loadtest/relaybench). For each fan-out (default 1, 4 and 10 receivers) it
# starts our SFU in a child process (real ICE and DTLS from the generator,
# SRTP AES-GCM packets of 1100-byte payload) and then a plain UDP relay in a
# child process, offers both the same packet rate on 127.0.0.1, reads the
# child's CPU from /proc and prints packets per second per server core and
# the bridge/raw ratio (goal >= 0.5).
#
#   scripts/bench-relay.sh [relay flags, e.g. -fanout 1,10 -out 60000 -duration 20s]
#
# The JSON rows go to $OUT/relay.json and the table to $OUT/table.txt (OUT
# defaults to a new directory under ${TMPDIR:-/tmp}).
set -euo pipefail
. "$(dirname "$0")/lib/bench.sh"
bench_setup relay ./cmd/loadtest
echo "== run; results in $out" >&2
"$bin/loadtest" bench relay -json "$out/relay.json" "$@" | tee "$out/table.txt"
