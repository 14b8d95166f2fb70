#!/usr/bin/env bash
# Installs everything OvsNet's demo and tests need on a Debian 12 machine (run as root): Open vSwitch, iproute2 and
# friends, and podman with what the container pass needs; then restores .NET packages.
# Safe to run again: it installs only what is missing.
#
# --unit: only what the unit tier needs (scripts/test.sh --unit): installs nothing and needs no root; checks for
# dotnet and restores.
set -euo pipefail
cd "$(dirname "$0")/.."

unit=0
case "${1:-}" in
  --unit) unit=1 ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--unit]" >&2; exit 2 ;;
esac

install_packages() {
  need=()
  command -v ovsdb-server >/dev/null 2>&1 || need+=(openvswitch-switch)
  command -v ovs-vswitchd >/dev/null 2>&1 || need+=(openvswitch-switch)
  /usr/bin/python3 -c 'import ovs.db.idl' >/dev/null 2>&1 || need+=(python3-openvswitch)
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
  command -v ping >/dev/null 2>&1 || need+=(iputils-ping)
  # The container pass (scripts/test.sh): rootful podman serving the Docker API, runc, and mmdebstrap to build the
  # ovsdb-server image from Debian packages (no image registry is needed).
  # Without root they are optional: the container pass is then skipped (and fails on CI).
  containers=()
  for tool in podman:podman runc:runc mmdebstrap:mmdebstrap curl:curl newuidmap:uidmap slirp4netns:slirp4netns fuse-overlayfs:fuse-overlayfs; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || containers+=("${tool#*:}")
  done
  if [ ${#containers[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      need+=("${containers[@]}")
    else
      echo "setup: not root, so the container pass's packages (${containers[*]}) are not installed" >&2
    fi
  fi
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "setup: missing packages (${need[*]}) and not root: run as root or install them yourself" >&2
      exit 1
    fi
    echo "setup: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The packages' service scripts may try to start the host's own OVS; OvsNet never uses it (tests run private servers).
    apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
  fi
}
[ "$unit" -eq 1 ] || install_packages

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 (dotnet) is required on PATH" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore OvsNet.sln --verbosity quiet
