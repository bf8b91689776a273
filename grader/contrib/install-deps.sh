#!/bin/sh
# Install what YSOS-C builds and is graded with on the machines other
# engines grade on: Debian 12, Ubuntu 22.04 (Gradescope's base image) and
# Ubuntu 24.04 (GitHub's ubuntu-latest). scripts/setup-deps.sh is Debian 12
# only and installs nothing when not root; this one picks the names for the
# distribution in /etc/os-release from packages.txt (one list both
# Gradescope's setup.sh and the GitHub workflow read), and makes the OVMF
# image config.toml names when the distribution ships none (Ubuntu 24.04 has
# only the split 4 MB images: OVMF.fd is its VARS image then its CODE image).
#
#   usage: sh grader/contrib/install-deps.sh [--print]   (as root)
#   --print: say which packages and firmware this machine needs, install nothing.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OS_RELEASE=${OS_RELEASE:-/etc/os-release}
FALLBACK="debian 12"

# shellcheck disable=SC1090 # a file of VAR=value lines
distro() { (. "$OS_RELEASE" && echo "$ID $VERSION_ID"); }

# The packages of line "$1" of packages.txt, following `= OTHER [+ MORE]` once.
lookup() { awk -v key="$1" -F': *' '$1 == key { print $2; exit }' "$HERE/packages.txt"; }
packages() {
    list=$(lookup "$1")
    case "$list" in "= "*)
        other=${list#= } more=""
        case "$other" in *" + "*) more=" ${other#* + }" other=${other%% + *} ;; esac
        list="$(lookup "$other")$more"
        ;;
    esac
    echo "$list"
}

missing() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            printf ' %s' "$p"
    done
}

# config.toml's [qemu] ovmf (what QEMU is given as -bios).
ovmf_path() {
    /usr/bin/python3 "$ROOT/scripts/config.py" get qemu.ovmf "$ROOT/config.toml" 2>/dev/null ||
        echo /usr/share/ovmf/OVMF.fd
}

ensure_ovmf() {
    fd=$(ovmf_path)
    [ -f "$fd" ] && return 0
    vars=/usr/share/OVMF/OVMF_VARS_4M.fd code=/usr/share/OVMF/OVMF_CODE_4M.fd
    if [ ! -f "$vars" ] || [ ! -f "$code" ]; then
        echo "install-deps: no $fd and no $code to make it from" >&2
        exit 1
    fi
    echo "install-deps: making $fd from ${vars##*/} + ${code##*/}"
    mkdir -p "$(dirname "$fd")"
    cat "$vars" "$code" >"$fd"
}

key=$(distro)
list=$(packages "$key")
if [ -z "$list" ]; then
    echo "install-deps: no packages for '$key' in $HERE/packages.txt; trying those of $FALLBACK" >&2
    list=$(packages "$FALLBACK")
fi
if [ "$1" = "--print" ]; then
    echo "$key: $list"
    exit 0
fi
# shellcheck disable=SC2086
need=$(missing $list)
if [ -n "$need" ]; then
    [ "$(id -u)" = 0 ] || { echo "install-deps: run as root (sudo) to install:$need" >&2; exit 1; }
    echo "install-deps: installing$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $need
fi
ensure_ovmf
