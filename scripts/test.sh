#!/usr/bin/env bash
# Runs every OvsNet test, unit and integration, after installing what they need.
# Ends with a line "N passed, N failed, N skipped". On CI (CI=true) missing prerequisites fail tests instead of skipping.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$(pwd)/.tmp/test-results"
rm -rf "$results"; mkdir -p "$results"

if ! dotnet build OvsNet.sln -c Release --no-restore -warnaserror --verbosity quiet; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
for proj in tests/*/; do
  name=$(basename "$proj")
  [ -f "$proj/$name.csproj" ] || continue
  grep -q '<IsTestProject>true</IsTestProject>' "$proj/$name.csproj" || continue
  echo "=== $name"
  dotnet test "$proj/$name.csproj" -c Release --no-build --no-restore \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 10m -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0})); total=$((total + ${t:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0} + ${a:-0}))
done
skipped=$((total - passed - failed))
[ "$skipped" -lt 0 ] && skipped=0
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crashed test host counts as a failure
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
