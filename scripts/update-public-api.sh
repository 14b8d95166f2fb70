#!/usr/bin/env bash
# Regenerates PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt of every shipped project from the current code.
# Both files of a project are reset to the nullable header, the project is built, and every RS0016 diagnostic
# ("Symbol 'X' is not part of the declared public API") of that project gives one line X of PublicAPI.Shipped.txt,
# sorted; PublicAPI.Unshipped.txt stays empty. Projects go in dependency order, so each one builds against references
# whose files are already complete. The build output, not the analyzer's code fix, is the source because the code fix
# skips generated files (OvsNet.Vswitch's models are generated).
# Run it when a public API change is meant, then review the diff of the .txt files.
#
# Usage: bash scripts/update-public-api.sh [Project ...]   (default: every shipped project)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(OvsNet.Protocol OvsNet OvsNet.Vswitch OvsNet.Routing OvsNet.Hypervisor OvsNet.Hosting OvsNet.OpenTelemetry OvsNet.Testing)
fi

header='#nullable enable'
log=$(mktemp)
trap 'rm -f "$log"' EXIT

build() {
  # Warnings stay warnings here (RS0016/RS0017 are errors regardless) so that every diagnostic is reported.
  dotnet build "src/$1/$1.csproj" -p:TreatWarningsAsErrors=false -nologo -clp:NoSummary --verbosity quiet > "$log" 2>&1
}

for name in "${projects[@]}"; do
  dir="src/$name"
  [ -f "$dir/$name.csproj" ] || { echo "no project $dir/$name.csproj" >&2; exit 1; }
  printf '%s\n' "$header" > "$dir/PublicAPI.Shipped.txt"
  printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"
  build "$name" || true
  {
    printf '%s\n' "$header"
    grep -F "[$PWD/$dir/$name.csproj]" "$log" \
      | sed -n "s/.* RS0016: Symbol '\(.*\)' is not part of the declared.*/\1/p" \
      | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Shipped.txt"
  if ! build "$name"; then
    grep -E ' error ' "$log" | sort -u >&2
    echo "$dir does not build with the regenerated files" >&2
    exit 1
  fi
  echo "$name: $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) public API lines"
done
