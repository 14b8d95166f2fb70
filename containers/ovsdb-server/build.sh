#!/usr/bin/env bash
# Builds the ovsdb-server image from ./Containerfile, idempotently: the image carries a label with a hash of the
# recipe (Containerfile, entrypoint.sh, healthcheck.sh) and is rebuilt only when that hash changes.
#
#   build.sh                 registry-free: root file system from Debian packages (mmdebstrap), `podman import`ed with
#                            the Containerfile's COPY files, LABEL, ENV, EXPOSE, ENTRYPOINT and CMD
#   build.sh --containerfile `podman build` (or `docker build` with ENGINE=docker) of the Containerfile (needs a registry)
#
# Environment: OVSNET_OVSDB_IMAGE (default localhost/ovsnet/ovsdb-server:3.1), ENGINE (default podman),
# DEBIAN_MIRROR (optional mirror for mmdebstrap). Prints "image: NAME built in Ns" or "image: NAME cached".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${OVSNET_OVSDB_IMAGE:-localhost/ovsnet/ovsdb-server:3.1}"
engine="${ENGINE:-podman}"
cf="$here/Containerfile"

recipe=$(cd "$here" && cat Containerfile entrypoint.sh healthcheck.sh | sha256sum | cut -c1-16)   # what goes into the image
current=$("$engine" image inspect --format '{{index .Config.Labels "org.ovsnet.recipe"}}' "$image" 2>/dev/null || true)
previous=$("$engine" image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
if [ "$current" = "$recipe" ]; then
  echo "image: $image cached (recipe $recipe)"
  exit 0
fi

start=$(date +%s)
if [ "${1:-}" = "--containerfile" ]; then
  "$engine" build --label "org.ovsnet.recipe=$recipe" -t "$image" -f "$cf" "$here"
  echo "image: $image built in $(( $(date +%s) - start ))s (recipe $recipe, Containerfile)"
  exit 0
fi

# The Containerfile's instructions (continuation lines are not used in it, so one instruction is one line).
packages=$(sed -n 's/^RUN .*apt-get install -y --no-install-recommends \([^&]*\)&&.*/\1/p' "$cf" | xargs)
[ -n "$packages" ] || { echo "build.sh: no package list found in $cf" >&2; exit 1; }
declared_version=$(sed -n 's/^LABEL .*org\.openvswitch\.version="\([^"]*\)".*/\1/p' "$cf")

work=$(mktemp -d /var/tmp/ovsnet-image-XXXXXX)
trap 'rm -rf "$work"' EXIT
hooks=()
while read -r _ src dst; do
  hooks+=(--customize-hook="copy-in $here/$src $(dirname "$dst")")
  hooks+=(--customize-hook="mv \"\$1/$(dirname "$dst")/$src\" \"\$1$dst\" && chmod 0755 \"\$1$dst\"")
done < <(grep '^COPY ' "$cf")
hooks+=(--customize-hook="chroot \"\$1\" dpkg-query -W -f='\${Version}' openvswitch-switch > $work/ovs-version")

# shellcheck disable=SC2086
mmdebstrap --quiet --variant=apt --include="${packages// /,}" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt=force-unsafe-io \
  "${hooks[@]}" bookworm "$work/rootfs.tar" ${DEBIAN_MIRROR:-}

ovs_version=$(cat "$work/ovs-version")
case "$ovs_version" in
  "$declared_version".*) ;;
  *) echo "build.sh: Debian's openvswitch-switch is $ovs_version, the Containerfile declares $declared_version" >&2; exit 1 ;;
esac

changes=()
while IFS= read -r line; do
  case "$line" in
    EXPOSE\ *) for port in ${line#EXPOSE }; do changes+=(--change "EXPOSE $port"); done ;;   # import takes one port per change
    LABEL\ *|ENV\ *|ENTRYPOINT\ *|CMD\ *) changes+=(--change "$line") ;;
  esac
done < "$cf"
changes+=(--change "LABEL org.ovsnet.recipe=$recipe" --change "LABEL org.openvswitch.package-version=$ovs_version")
"$engine" import --quiet "${changes[@]}" "$work/rootfs.tar" "$image" >/dev/null
# The image of the previous recipe lost its name: remove it unless a container still uses it.
[ -z "$previous" ] || "$engine" rmi "$previous" >/dev/null 2>&1 || true
echo "image: $image built in $(( $(date +%s) - start ))s (recipe $recipe, Open vSwitch $ovs_version)"
