#!/usr/bin/env bash
# Runs the unit tier (dotnet test --no-build --filter "Category!=Integration") over already built test assemblies as
# user nobody, with Open vSwitch hidden. Run it as root inside a private mount namespace (unshare -m
# --propagation private): every mount below exists only there, so the host is untouched.
#
# usage: run-as-nobody.sh WORK DOTNET REPO ASSEMBLY...
#   WORK    an empty directory nobody can reach: HOME, DOTNET_CLI_HOME, TMPDIR, results/ (the TRX file) and layers/ (a
#           tmpfs of this namespace for the overlays' upper layers)
#   DOTNET  the dotnet host to run (nobody must be able to read it)
#   REPO    the checkout the assemblies were built in (some tests read the source tree)
#
# Hiding: an overlay over /usr/bin and /usr/sbin whose upper layer holds whiteouts for every ovs-* and ovsdb-* program
# (the test support's tool finder looks in the sbin directories whatever PATH says), and one over the directory that
# holds the Python "ovs" package. /bin and /sbin are the same directories on a merged-/usr system; any other place an
# OVS program is found is hidden the same way.
set -euo pipefail
work=$1 dotnet=$2 repo=$3
shift 3
nobody_gid=$(id -g nobody)
as_nobody() { setpriv --reuid=nobody --regid="$nobody_gid" --clear-groups --inh-caps=-all -- "$@"; }

mkdir -p "$work/layers"
mount -t tmpfs -o mode=0755 ovsnet-unit-tier "$work/layers"
layer=0
hide() {   # hide DIR NAME...: an overlay over DIR in which the NAMEs do not exist
  local dir=$1; shift
  layer=$((layer + 1))
  mkdir -p "$work/layers/$layer/upper" "$work/layers/$layer/work"
  local name
  for name in "$@"; do mknod "$work/layers/$layer/upper/$name" c 0 0; done
  mount -t overlay "ovsnet-hide-$layer" -o "lowerdir=$dir,upperdir=$work/layers/$layer/upper,workdir=$work/layers/$layer/work" "$dir"
}

declare -A seen=()
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$dir" ] || continue
  real=$(readlink -f "$dir")
  [ -z "${seen[$real]:-}" ] || continue
  seen[$real]=1
  names=()
  for path in "$real"/ovs-* "$real"/ovsdb-*; do [ -e "$path" ] && names+=("$(basename "$path")"); done
  [ ${#names[@]} -eq 0 ] || hide "$real" "${names[@]}"
done
for python in /usr/bin/python3 python3; do
  command -v "$python" >/dev/null 2>&1 || continue
  package=$("$python" -c 'import os, ovs; print(os.path.dirname(ovs.__file__))' 2>/dev/null) || continue
  hide "$(dirname "$package")" "$(basename "$package")"
done

# A checkout below a directory nobody may not enter (/root, a 0700 home): in this namespace only, that directory
# becomes a tmpfs holding just the path down to the checkout, which is bound back in place.
if ! as_nobody test -r "$repo/OvsNet.sln"; then
  blocked="" prefix=""
  IFS=/ read -ra parts <<<"${repo#/}"
  for part in "${parts[@]}"; do
    prefix="$prefix/$part"
    as_nobody test -x "$prefix" || { blocked=$prefix; break; }
  done
  if [ -n "$blocked" ] && [ "$blocked" != "$repo" ]; then
    mkdir -p "$work/layers/repo"
    mount --bind "$repo" "$work/layers/repo"
    mount -t tmpfs -o mode=0755 ovsnet-path "$blocked"
    mkdir -p "$repo"
    mount --bind "$work/layers/repo" "$repo"
  fi
  as_nobody test -r "$repo/OvsNet.sln" || { echo "run-as-nobody: user nobody cannot read $repo" >&2; exit 3; }
fi

# The proof that nothing of OVS is left to find.
for tool in ovsdb-server ovs-vswitchd ovs-vsctl ovsdb-client ovsdb-tool ovs-appctl ovs-pki; do
  for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    if [ -e "$dir/$tool" ]; then echo "run-as-nobody: $dir/$tool is still visible" >&2; exit 3; fi
  done
done
if /usr/bin/python3 -c 'import ovs' >/dev/null 2>&1; then echo "run-as-nobody: the python ovs package is still importable" >&2; exit 3; fi

mkdir -p "$work/home" "$work/tmp" "$work/results"
chown nobody "$work/home" "$work/tmp" "$work/results"
cd "$work/home"
exec setpriv --reuid=nobody --regid="$nobody_gid" --clear-groups --inh-caps=-all --reset-env -- \
  env HOME="$work/home" DOTNET_CLI_HOME="$work/home" TMPDIR="$work/tmp" \
      PATH="$(dirname "$dotnet"):/usr/local/bin:/usr/bin:/bin" DOTNET_ROOT="$(dirname "$dotnet")" \
      DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 CI="${CI:-}" \
  "$dotnet" test "$@" --filter "Category!=Integration" \
    --logger "trx;LogFileName=unit-tier.trx" --results-directory "$work/results"
