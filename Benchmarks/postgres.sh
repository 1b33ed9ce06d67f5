#!/usr/bin/env bash
# Issue #12's PostgreSQL figures (Docs/PERFORMANCE.md, "PostgreSQL"), on a throwaway server that
# pg_virtualenv starts for the run and removes after it. On demand only (not in CI).
#   Benchmarks/postgres.sh writers    # 16 offices writing at once, beside pgbench's limit of the shape
#   Benchmarks/postgres.sh national   # writers, then the national history imported into PostgreSQL
#                                     # and run.sh's whole-process queries and approve on it
#   Benchmarks/postgres.sh process    # whole-process status, quota, obligation and approve on a small
#                                     # ledger, over TCP (password, SCRAM) and over the Unix socket
# The national history is the file Benchmarks/run.sh national writes (it is made first if missing).
# STUDYLEAVE_BIN names a studyleave already built (the writers stage uses it for init and verify
# only, so a debug build will do); without it the README's release build is made first.
set -euo pipefail
stage="${1:-writers}"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${STUDYLEAVE_BENCH_DIR:-/tmp/studyleave-bench}"
writers="${WRITERS:-16}"
seconds="${SECONDS_EACH:-20}"

if [ "${STUDYLEAVE_PG_INSIDE:-}" != 1 ]; then
  mkdir -p "$data"
  cd "$root"
  [ -n "${STUDYLEAVE_BIN:-}" ] || swift build -c release --static-swift-stdlib --product studyleave
  (cd Benchmarks && swift build -c release --product PostgresWriters)
  if [ "$stage" = national ] && [ ! -f "$data/history-national.jsonl" ]; then
    "$root/.build/release/studyleave" generate --agencies 7000 --people 360000 --years 20 --seed 1 --to "$data/history-national.jsonl"
  fi
  # The server as the ledger's writers would have it: every commit durable (synchronous_commit=on,
  # fsync on), room for the national import's WAL and 16 connections and more.
  exec pg_virtualenv -t -o synchronous_commit=on -o fsync=on -o shared_buffers=2GB -o max_wal_size=16GB \
    -o checkpoint_timeout=30min -o max_connections=100 \
    env STUDYLEAVE_PG_INSIDE=1 "$0" "$@"
fi

# Inside pg_virtualenv: PGHOST, PGPORT, PGUSER, PGPASSWORD name the server (the password stays
# out of argv). Loopback, so no TLS.
export PGSSLMODE=disable
bin="${STUDYLEAVE_BIN:-$root/.build/release/studyleave}"
writer_bin="$root/Benchmarks/.build/release/PostgresWriters"
base="postgres://$PGUSER@127.0.0.1:$PGPORT"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
psql -qAt -c "select version()" postgres

if [ "$stage" = process ]; then
  createdb small
  small="$base/small"
  # The socket's login is peer (the system user's own name): a role of that name.
  me="$(id -un)"
  [ "$me" = "$PGUSER" ] || createuser -s "$me"
  socket="postgres://$me@/small?host=$(psql -qAt -c 'show unix_socket_directories' postgres | cut -d, -f1)&port=$PGPORT"
  export STUDYLEAVE_TODAY=2026-01-15
  "$bin" init --db "$small" >/dev/null
  s() { "$bin" "$@" --db "$small" >/dev/null; }
  s agency add BENCH --name 測試機關 --on 2026-01-02
  s agency headcount BENCH --year 2026 --budgeted 1000 --on 2026-01-02
  s person add BENCH-H --name 首長 --agency BENCH --head --on 2026-01-02
  for n in $(seq 1 41); do
    s person add "B$n" --name 同仁 --agency BENCH --on 2026-01-02
    s apply "BX$n" --person "B$n" --mode full-time --sponsor selected --from 2026-09-01 --to 2027-06-30 --on 2026-01-05
    s review "BX$n" --work-related yes --on 2026-01-06
    s screen "BX$n" --result pass --on 2026-01-07
  done
  s approve BX41 --by BENCH-H --on 2026-01-10
  psql -qAt -c "select 'auth: ' || string_agg(type || ' ' || auth_method, ', ') from pg_hba_file_rules" small
  for via in tcp socket; do
    db="$small"; [ "$via" = socket ] && db="$socket"
    echo "== whole process over $via"
    hyperfine -N --warmup 3 --runs 30 --export-json "$scratch/process-$via.json" \
      "$bin --version" "$bin status B41 --db $db" "$bin quota BENCH --year 2026 --db $db" "$bin obligation B41 --db $db" >/dev/null
    first=1; [ "$via" = socket ] && first=21
    hyperfine -N --runs 1 --export-json "$scratch/approve-$via.json" --parameter-scan n "$first" $((first + 19)) \
      "$bin approve BX{n} --by BENCH-H --on 2026-01-10 --db $db" >/dev/null
    python3 - "$scratch/process-$via.json" "$scratch/approve-$via.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command'].split('studyleave ')[1].split(' --db')[0]}: mean {r['mean']*1000:.1f} ms, median {statistics.median(r['times'])*1000:.1f} ms, user {r['user']*1000:.1f} ms")
times = [r["mean"] for r in json.load(open(sys.argv[2]))["results"]]
print(f"approve (durable): median {statistics.median(times)*1000:.1f} ms over {len(times)}")
PY
  done
  exit 0
fi

echo "== pgbench: one UPDATE of a head row and one INSERT per transaction, $writers clients, ${seconds} s"
createdb pgb
psql -q -d pgb <<'SQL'
CREATE TABLE head(id int PRIMARY KEY, position bigint NOT NULL, hash text NOT NULL);
INSERT INTO head VALUES (1, 0, '');
CREATE TABLE ev(position bigint PRIMARY KEY, type text NOT NULL, payload text NOT NULL,
                recorded_at timestamptz NOT NULL, hash text NOT NULL);
SQL
cat > "$scratch/append.sql" <<'SQL'
BEGIN;
UPDATE head SET position = position + 1, hash = md5(random()::text) WHERE id = 1 RETURNING position AS p \gset
INSERT INTO ev VALUES (:p, 'PersonAdded', repeat('x', 300), now(), md5(:p::text));
END;
SQL
(cd "$scratch" && pgbench -n -c "$writers" -j 2 -T "$seconds" -f append.sql -l --log-prefix=pgb pgb >pgbench.txt)
grep -E "tps|latency average" "$scratch/pgbench.txt"
pgbench_json=$(python3 - "$scratch" "$seconds" <<'PY'
import glob, json, sys
lat = []
for f in glob.glob(sys.argv[1] + "/pgb.*"):
    for line in open(f):
        lat.append(int(line.split()[2]) / 1000)   # client tx latency_us script epoch us
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))]
print(json.dumps({"appends": len(lat), "appendsPerSecond": round(len(lat) / float(sys.argv[2]), 1),
                  "p50": round(p(0.5), 2), "p90": round(p(0.9), 2), "p99": round(p(0.99), 2), "max": round(lat[-1], 2)}))
PY
)
echo "pgbench: $pgbench_json"

echo "== studyleave: $writers writers in one process, each its own connection, agency and people, ${seconds} s"
createdb writers
"$bin" init --db "$base/writers" >/dev/null
ours=$("$writer_bin" --db "$base/writers" --writers "$writers" --seconds "$seconds")
echo "studyleave: $ours"
"$bin" verify --db "$base/writers" >/dev/null && echo "verify: the writers' ledger is whole"
python3 - "$ours" "$pgbench_json" <<'PY'
import json, sys
ours, pgb = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"ratio ours/pgbench: {ours['appendsPerSecond'] / pgb['appendsPerSecond']:.2f} "
      f"({ours['appendsPerSecond']:.0f} vs {pgb['appendsPerSecond']:.0f} appends/s; "
      f"p99 {ours['p99']:.1f} vs {pgb['p99']:.1f} ms)")
PY

[ "$stage" = national ] || exit 0

echo "== the national history imported into PostgreSQL (whole process, over COPY)"
file="$data/history-national.jsonl"
events=$(wc -l < "$file")
createdb national
start=$(date +%s.%N)
/usr/bin/time -f "import: %e s, max RSS %M KB" "$bin" import "$file" --db "$base/national"
python3 -c "import sys; s=float(sys.argv[3])-float(sys.argv[2]); print(f'import: {int(sys.argv[1]):,} events in {s:.1f} s = {int(sys.argv[1])/s:,.0f} events/s')" "$events" "$start" "$(date +%s.%N)"
psql -qAt -d national -c "select 'database size: ' || pg_size_pretty(pg_database_size('national'))"

echo "== whole-process queries and approve on PostgreSQL"
STUDYLEAVE_BENCH_DB="$base/national" STUDYLEAVE_BENCH_LABEL=national-postgres "$root/Benchmarks/run.sh" national queries
