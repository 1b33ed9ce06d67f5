#!/usr/bin/env bash
# Reproduces Docs/PERFORMANCE.md. On demand only (not in CI): it builds in release and, at the
# national scale, writes and reads several GB.
#   Benchmarks/run.sh small      # 1 year-scale history (~100k events): a quick look
#   Benchmarks/run.sh national   # 7,000 agencies, 360,000 people, 20 years (~10M events)
#   Benchmarks/run.sh national queries   # only the timed queries and the durable write, on the ledger made before
#   Benchmarks/run.sh national reports   # only the reports and the timeline, on the ledger made before
#   Benchmarks/run.sh hours      # learning hours: 7,000 agencies, 360,000 people, 8 years, 11 courses a
#                                # person a year (~31M attendances); import etc. as above, then `hours`
#   Benchmarks/run.sh hours hours        # only the timed hours queries, on the ledger made before
# STUDYLEAVE_BENCH_DB names another ledger for `queries` and `reports` (Benchmarks/postgres.sh
# passes a PostgreSQL one); STUDYLEAVE_BIN a studyleave already built (no build then);
# STUDYLEAVE_BENCH_ARGS other `generate` arguments for the scale (e.g. a 30-agency hours history),
# with STUDYLEAVE_BENCH_FILE and STUDYLEAVE_BENCH_DB naming its file and ledger.
set -euo pipefail
scale="${1:-small}"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${STUDYLEAVE_BENCH_DIR:-/tmp/studyleave-bench}"
mkdir -p "$data"
cd "$root"
[ -n "${STUDYLEAVE_BIN:-}" ] || swift build -c release --static-swift-stdlib --product studyleave
bin="${STUDYLEAVE_BIN:-$root/.build/release/studyleave}"
case "$scale" in
  small)    args=(--agencies 300 --people 15000 --years 5 --seed 1) ;;
  national) args=(--agencies 7000 --people 360000 --years 20 --seed 1) ;;
  hours)    args=(--agencies 7000 --people 360000 --years 8 --seed 1 --courses-per-year 11) ;;
  *) echo "usage: $0 small|national|hours" >&2; exit 64 ;;
esac
if [ -n "${STUDYLEAVE_BENCH_ARGS:-}" ]; then read -r -a args <<< "$STUDYLEAVE_BENCH_ARGS"; fi
file="${STUDYLEAVE_BENCH_FILE:-$data/history-$scale.jsonl}"
db="${STUDYLEAVE_BENCH_DB:-$data/ledger-$scale.db}"
if [ ! -f "$file" ]; then
  echo "== generate ($scale)"
  /usr/bin/time -f "generate: %e s, max RSS %M KB" "$bin" generate "${args[@]}" --to "$file"
fi
events=$(wc -l < "$file")
echo "== $events events in $file ($(du -h "$file" | cut -f1))"

stage="${2:-all}"
if [ "$stage" = all ]; then
echo "== import (whole process)"
rm -f "$db" "$db-wal" "$db-shm"
/usr/bin/time -f "import: %e s, max RSS %M KB" "$bin" import "$file" --db "$db"
/usr/bin/time -f "verify: %e s, max RSS %M KB" "$bin" verify --db "$db" --format json
echo "ledger size: $(du -b "$db" | cut -f1) bytes = $(( $(du -b "$db" | cut -f1) / events )) bytes/event"

echo "== raw SQLite insert of the same lines (one transaction, one index)"
# Twice: in WAL mode, as every ledger write goes; and without a journal, as import writes a new
# ledger (it is not visible before it is complete). Docs/PERFORMANCE.md reports both ratios.
for mode in WAL OFF; do
python3 - "$file" "$data/raw.db" "$mode" <<'PY'
import sqlite3, sys, time, os
path, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
for s in ("", "-wal", "-shm"):
    try: os.remove(out + s)
    except FileNotFoundError: pass
con = sqlite3.connect(out, isolation_level=None)
con.execute(f"PRAGMA journal_mode={mode}")
con.execute("CREATE TABLE raw(position INTEGER PRIMARY KEY, line TEXT NOT NULL)")
t = time.perf_counter()
con.execute("BEGIN")
with open(path, "rb") as f:
    con.executemany("INSERT INTO raw(position, line) VALUES (?, ?)", ((i + 1, l.decode()) for i, l in enumerate(f)))
con.execute("COMMIT")
dt = time.perf_counter() - t
n = con.execute("SELECT count(*) FROM raw").fetchone()[0]
print(f"raw insert, journal {mode}: {n} lines in {dt:.2f} s = {n/dt:,.0f} lines/s")
PY
done
rm -f "$data/raw.db" "$data/raw.db-wal" "$data/raw.db-shm"

echo "== rebuild (whole process)"
/usr/bin/time -f "rebuild: %e s, max RSS %M KB" "$bin" rebuild --db "$db"

fi

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
person=$(grep -o -m 50000 '"person":"P[0-9]*"' "$file" | tail -1 | cut -d'"' -f4)
agency=AG00001
export STUDYLEAVE_DB="$db"
label="${STUDYLEAVE_BENCH_LABEL:-$scale}"   # names the result files (postgres.sh: national-postgres)

if [ "$stage" = all ] || [ "$stage" = queries ]; then
echo "== whole-process queries, median of 20 (hyperfine)"
hyperfine -N --warmup 3 --runs 20 --export-markdown "$data/queries-$label.md" --export-json "$data/queries-$label.json" \
  "$bin status $person" \
  "$bin quota $agency --year 2024" \
  "$bin obligation $person"
python3 - "$data/queries-$label.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command'].split('studyleave ')[1]}: median {statistics.median(r['times'])*1000:.1f} ms over {len(r['times'])} runs")
PY
# One durable write, `approve`: a benchmark agency with 20 applications ready to approve, each
# approved once (hyperfine runs each parameter value once; the median is over the 20).
export STUDYLEAVE_TODAY=2026-01-15
if ! "$bin" status BENCH-H >/dev/null 2>&1; then
  "$bin" agency add BENCH --name 測試機關 --on 2026-01-02 >/dev/null
  "$bin" agency headcount BENCH --year 2026 --budgeted 1000 --on 2026-01-02 >/dev/null
  "$bin" person add BENCH-H --name 首長 --agency BENCH --head --on 2026-01-02 >/dev/null
fi
run=$(date +%s)
for n in $(seq 1 20); do
  "$bin" person add "B$run-$n" --name 同仁 --agency BENCH --on 2026-01-02 >/dev/null
  "$bin" apply "BX$run-$n" --person "B$run-$n" --mode full-time --sponsor selected --from 2026-09-01 --to 2027-06-30 --on 2026-01-05 >/dev/null
  "$bin" review "BX$run-$n" --work-related yes --on 2026-01-06 >/dev/null
  "$bin" screen "BX$run-$n" --result pass --on 2026-01-07 >/dev/null
done
hyperfine -N --runs 1 --export-json "$data/approve-$label.json" --parameter-scan n 1 20 \
  "$bin approve BX$run-{n} --by BENCH-H --on 2026-01-10" >/dev/null
python3 - "$data/approve-$label.json" <<'PY'
import json, statistics, sys
times = [r["mean"] for r in json.load(open(sys.argv[1]))["results"]]
print(f"approve (one durable write): median {statistics.median(times)*1000:.1f} ms over {len(times)} runs")
PY
fi

if [ "$stage" = hours ] || { [ "$stage" = all ] && [ "$scale" = hours ]; }; then
echo "== learning hours (issue 13): one person's, the largest agency's"
# The agency with the most people added, and one of its people with attendances in 2025.
big=$(grep '"type":"PersonAdded"' "$file" | grep -o '"data":{"agency":"AG[0-9]*"' | sort | uniq -c | sort -rn | head -1 | grep -o 'AG[0-9]*')
learner=$(grep -m 1 -o '"learner:P[0-9]*"' <(tail -n 200000 "$file") | cut -d: -f2 | tr -d '"')
echo "largest agency: $big ($("$bin" hours --agency "$big" --year 2025 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due"])') due in 2025); person: $learner"
hyperfine -N --warmup 3 --runs 20 --export-json "$data/hours-person-$label.json" "$bin hours $learner --year 2025" >/dev/null
hyperfine -N --warmup 1 --runs 5 --export-json "$data/hours-agency-$label.json" "$bin hours --agency $big --year 2025" >/dev/null
python3 - "$data/hours-person-$label.json" "$data/hours-agency-$label.json" <<'PY'
import json, statistics, sys
for f in sys.argv[1:]:
    for r in json.load(open(f))["results"]:
        print(f"{r['command'].split('studyleave ')[1]}: median {statistics.median(r['times'])*1000:.1f} ms over {len(r['times'])} runs")
PY
/usr/bin/time -f "hours --agency: max RSS %M KB" "$bin" hours --agency "$big" --year 2025 >/dev/null
fi

if [ "$stage" = all ] || [ "$stage" = reports ]; then
echo "== reports (issue 14): an agency's, the country's, and as known at an earlier moment"
back=$(( events * 19 / 20 ))   # about a year back: the history's last of 20 years
hyperfine -N --warmup 1 --runs 5 --export-json "$data/reports-agency-$label.json" \
  "$bin report obligations --agency $agency" \
  "$bin report due --agency $agency" \
  "$bin report on-leave --agency $agency" >/dev/null
hyperfine -N --warmup 1 --runs 5 --prepare "rm -f $data/timeline.svg" --export-json "$data/reports-timeline-$label.json" \
  "$bin timeline $person --to $data/timeline.svg" >/dev/null
hyperfine -N --runs 2 --export-json "$data/reports-country-$label.json" \
  "$bin report obligations" \
  "$bin report due" \
  "$bin report on-leave" \
  "$bin quota --all --year 2024" \
  "$bin report obligations --known-at #$back" >/dev/null
python3 - "$data/reports-agency-$label.json" "$data/reports-timeline-$label.json" "$data/reports-country-$label.json" <<'PY'
import json, statistics, sys
for f in sys.argv[1:]:
    for r in json.load(open(f))["results"]:
        print(f"{r['command'].split('studyleave ')[1]}: median {statistics.median(r['times'])*1000:.1f} ms over {len(r['times'])} runs")
PY
fi
echo "== done; tables in $data/*.md"
