#!/usr/bin/env bash
# Fuzz/run.sh [SECONDS] — fuzzes the import-line and date parsers with libFuzzer for SECONDS in all
# (default 60), half each. Not part of the package: `swift build` never sees this folder.
#
# The target is built with `swiftc -sanitize=fuzzer,address` from the project's own files, as
# they are: every file of Sources/StudyLeaveDomain (JSON, dates, events), Timestamp.swift, and the
# `ImportLine` enum and `HashChain.canonical`/`tagsText` cut out of Sources/StudyLeaveLedger, and
# CanonicalLine.swift (their other code
# needs SQLite and swift-crypto, which the parsers do not). Sources/ here holds the entry point
# and the checks (FuzzTargets.swift) and the one type ImportLine returns (Stubs.swift).
#
# Seeds are in seeds/<target>/; the corpus grows in .build/corpus-<target>/ (kept between runs,
# not committed). A crash, a leak or a failed round trip stops the run: the input is written to
# findings/<target>-crash-…, and the script exits 1. Replay one with
#   FUZZ_TARGET=import Fuzz/.build/fuzz Fuzz/findings/import-crash-…
set -euo pipefail
total=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$here/.build
mkdir -p "$build/src" "$here/findings"

# The project's code, cut where it needs SQLite or swift-crypto.
sed '/^import StudyLeaveDomain$/d' "$root/Sources/StudyLeaveLedger/Timestamp.swift" > "$build/src/Timestamp.swift"
awk '/^enum ImportLine \{/,/^\}/' "$root/Sources/StudyLeaveLedger/Exchange.swift" > "$build/src/ImportLine.swift"
{
  echo "enum HashChain {"
  awk '/static func canonical\(/,/^    \}/' "$root/Sources/StudyLeaveLedger/HashChain.swift"
  awk '/static func tagsText/,/^    \}/' "$root/Sources/StudyLeaveLedger/HashChain.swift"
  echo "}"
} > "$build/src/HashChainText.swift"
grep -q "static func parse" "$build/src/ImportLine.swift" || { echo "run.sh: ImportLine not found in Exchange.swift" >&2; exit 2; }
grep -q "func tagsText" "$build/src/HashChainText.swift" || { echo "run.sh: tagsText not found in HashChain.swift" >&2; exit 2; }
grep -q "func canonical" "$build/src/HashChainText.swift" || { echo "run.sh: canonical not found in HashChain.swift" >&2; exit 2; }
rm -f "$build/src/TagsText.swift"
# The fast path's line scanner: no dependencies.
cp "$root/Sources/StudyLeaveLedger/CanonicalLine.swift" "$build/src/CanonicalLine.swift"

mapfile -t domain < <(find "$root/Sources/StudyLeaveDomain" -name '*.swift' | sort)
echo "building the fuzz target (${#domain[@]} domain files + ImportLine, Timestamp, tagsText)…"
if ! swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name StudyLeaveFuzz \
     "${domain[@]}" "$build/src/"*.swift "$here/Sources/"*.swift -o "$build/fuzz" > "$build/build.log" 2>&1; then
  grep -v "Cannot export local symbol" "$build/build.log" >&2
  exit 2
fi

status=0
for t in import date; do
  mkdir -p "$build/corpus-$t"
  echo "fuzzing $t for $((total / 2)) s…"
  if ! FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no "$build/fuzz" -max_total_time=$((total / 2)) -timeout=10 -rss_limit_mb=4096 \
       -max_len=4096 -print_final_stats=1 -artifact_prefix="$here/findings/$t-" \
       "$build/corpus-$t" "$here/seeds/$t" 2> "$build/$t.log"; then
    status=1
    echo "FINDING in $t: see $build/$t.log and $here/findings/" >&2
    grep -E "ERROR|Fatal error|round trip|SUMMARY" "$build/$t.log" | head -5 >&2
  fi
  grep -E "^stat::number_of_executed_units|^stat::new_units_added|^#[0-9]+.*DONE" "$build/$t.log" | sed "s/^/  $t: /" || true
done
exit $status
