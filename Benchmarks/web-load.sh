#!/usr/bin/env bash
# Issue 15: load on the web view. 50 concurrent clients on loopback for 30 s (wrk) ask for an
# agency's quota page (JSON, with a token) while the command line records writes in the same
# ledger; reports wrk's latency percentiles and errors, and the writes that went in meanwhile.
#   Benchmarks/web-load.sh [LEDGER]   (default: the national ledger of Benchmarks/run.sh, else small)
# On demand only; builds in release. Docs/PERFORMANCE.md, "The web view", has the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${STUDYLEAVE_BENCH_DIR:-/tmp/studyleave-bench}"
db="${1:-}"
if [ -z "$db" ]; then
  db="$data/ledger-national.db"; [ -f "$db" ] || db="$data/ledger-small.db"
fi
[ -e "$db" ] || [[ "$db" == postgres://* ]] || { echo "no ledger at $db: run Benchmarks/run.sh small (or national) first" >&2; exit 74; }
cd "$root"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --static-swift-stdlib --product studyleave >/dev/null   # the binary of Benchmarks/run.sh
bin="$root/.build/release/studyleave"
work=$(mktemp -d)
trap 'kill "$server" "$writer" 2>/dev/null || true; rm -rf "$work"' EXIT
agency=${AGENCY:-AG00001}
year=${YEAR:-2024}
token=$("$bin" access grant "$agency" --label "web-load $(date +%s)" --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$bin" serve --db "$db" --port 0 2> "$work/serve.log" &
server=$!
for _ in $(seq 200); do grep -q 'http://' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.log")
echo "== $url over $db"
curl -sf -H "Authorization: Bearer $token" -H "Accept: application/json" "$url/agencies/$agency/quota?year=$year" | head -c 300; echo
# The command line writes meanwhile, one appended event a turn: people added to the agency, as an
# office records (WRITES=person, the default), or new agencies (WRITES=agency), each of which
# may move a token's reach and so empties the server's reader cache.
writes=${WRITES:-person}
( i=0; while :; do i=$((i+1))
    if [ "$writes" = agency ]; then "$bin" agency add "LOAD-$$-$i" --name "load $i" --db "$db"
    else "$bin" person add "LOAD-$$-$i" --name "load $i" --agency "$agency" --on 2026-01-02 --db "$db"; fi >/dev/null 2>>"$work/writes.err" && echo ok
  done ) > "$work/writes.log" &
writer=$!
cat > "$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Accept"] = "application/json"
LUA
wrk -t 2 -c 50 -d 30s --latency -s "$work/auth.lua" "$url/agencies/$agency/quota?year=$year" | tee "$work/wrk.txt"
kill "$writer" 2>/dev/null || true
echo "== $writes writes recorded by the command line during the load: $(grep -c ok "$work/writes.log" || true), failed: $(grep -c error "$work/writes.err" 2>/dev/null || echo 0)"
# (verify afterwards with `studyleave verify`: at the national scale it takes minutes)
