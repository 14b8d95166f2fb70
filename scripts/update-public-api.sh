#!/usr/bin/env bash
# Regenerates PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt of every shipped project from the current code: both
# files are reset, the PublicApiAnalyzers code fix for RS0016 ("symbol is not part of the declared public API")
# declares every public symbol (it writes to Unshipped), and the declarations move to Shipped, sorted.
# Unshipped ends up empty. Run it when a public API change is meant, then review the diff of the .txt files.
#
# Usage: bash scripts/update-public-api.sh [Project ...]   (default: every shipped project, in dependency order)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(OvsNet.Protocol OvsNet OvsNet.Vswitch OvsNet.Routing OvsNet.Hypervisor OvsNet.Testing)
fi

header='#nullable enable'
for name in "${projects[@]}"; do
  dir="src/$name"
  [ -f "$dir/$name.csproj" ] || { echo "no project $dir/$name.csproj" >&2; exit 1; }
  printf '%s\n' "$header" > "$dir/PublicAPI.Shipped.txt"
  printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"
done

for name in "${projects[@]}"; do
  dir="src/$name"
  echo "== $name"
  dotnet restore "$dir/$name.csproj" --verbosity quiet
  # The fix-all is applied per document batch; a second pass declares anything a first pass left out.
  for _ in 1 2; do
    dotnet format analyzers "$dir/$name.csproj" --diagnostics RS0016 --severity info --no-restore --verbosity quiet || true
  done
  {
    printf '%s\n' "$header"
    grep -hv '^#nullable enable$' "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt" | grep -v '^[[:space:]]*$' | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Shipped.txt.new"
  mv "$dir/PublicAPI.Shipped.txt.new" "$dir/PublicAPI.Shipped.txt"
  printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"
  echo "   $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) public symbols"
done

# The build is the check: RS0016/RS0017 are errors in shipped projects.
for name in "${projects[@]}"; do
  dotnet build "src/$name/$name.csproj" --no-restore --verbosity quiet -nologo -clp:ErrorsOnly \
    || { echo "src/$name does not build with the regenerated files" >&2; exit 1; }
done
echo "public API files regenerated for: ${projects[*]}"
