#!/usr/bin/env bash
# Issue 15: schemathesis (PyPI) against a live `studyleave serve`, with a read token: every operation
# of /openapi.json with generated parameters (valid and not), checking for 5xx answers and answers
# outside the document (status codes, content types, JSON shapes). On demand:
#   Tests/web/schemathesis.sh [LEDGER]      (default: a fresh demo ledger)
# Installs schemathesis with pip when missing. Exit 0 when it finds nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v schemathesis >/dev/null || pip install -q schemathesis
swift build >/dev/null
bin=.build/debug/studyleave
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
db=${1:-$work/demo.db}
[ -e "$db" ] || "$bin" demo --db "$db" >/dev/null
# A city government's token: it reads every Taoyuan office, and 403 for Lienchiang's.
token=$("$bin" access grant TYCG --label schemathesis --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$bin" serve --db "$db" --port 0 2> "$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.log")
echo "server at $url"
# Real ids, so that the operations answer with figures and not only 404s.
cat > "$work/schemathesis.toml" <<TOML
[parameters]
"path.agency" = "${AGENCY:-TY-HR}"
"path.person" = "${PERSON:-TY-P1}"
TOML
schemathesis --config-file "$work/schemathesis.toml" run "$url/openapi.json" --url "$url" \
  -H "Authorization: Bearer $token" -H "Accept: application/json" \
  --checks all --max-examples "${MAX_EXAMPLES:-60}" --generation-deterministic --no-color
