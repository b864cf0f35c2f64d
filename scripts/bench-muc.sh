#!/usr/bin/env bash
# Head-to-head benchmark 2, xmppd vs stock prosody (issue 8): builds
# cmd/xmppd pure-Go into a temporary directory, then runs
# `loadtest bench muc` (package loadtest/mucbench), which starts xmppd (that
# binary) and Debian's /usr/bin/prosody one after the other on 127.0.0.1,
# fills one room with 10, 100 and 200 anonymous c2s clients, offers the same
# groupchat load to both (default 40 msgs/s for 10 s from 4 senders: 8 k
# deliveries/s at 200 occupants, the rate the issue quotes as prosody's
# saturation; on our machine prosody saturates near 17-21 k, try -rate 100)
# and prints the table and the xmppd/prosody ratios.
#
#   scripts/bench-muc.sh [muc flags, e.g. -sizes 10,100 -rate 20 -duration 5s]
#
# The JSON rows go to $OUT/muc.json and the table to $OUT/table.txt (OUT
# defaults to a new directory under ${TMPDIR:-/tmp}). Without prosody the
# run measures xmppd alone and says so.
set -euo pipefail
. "$(dirname "$0")/lib/bench.sh"
bench_setup muc ./cmd/xmppd
echo "== run; results in $out" >&2
go run ./cmd/loadtest bench muc -xmppd "$bin/xmppd" -json "$out/muc.json" "$@" | tee "$out/table.txt"
