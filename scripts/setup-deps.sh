#!/bin/sh
# Install the Debian packages YSOS-C builds and runs with (SPEC §2).
# As root: apt-get installs what is missing. Otherwise: print the exact
# command and fail. Quiet when everything is already there.
set -e

PKGS="gcc binutils make gnu-efi qemu-system-x86 ovmf python3 python3-pexpect python3-pytest \
newlib-source mtools dosfstools xz-utils unifdef bubblewrap"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
    echo "setup-deps: missing packages:$missing" >&2
    echo "setup-deps: run as root:  apt-get update && $cmd" >&2
    exit 1
fi
echo "setup-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when the install cannot find a package.
if ! $cmd >/tmp/ysos-apt.log 2>&1; then
    apt-get update -q >>/tmp/ysos-apt.log 2>&1
    $cmd >>/tmp/ysos-apt.log 2>&1 || { tail -20 /tmp/ysos-apt.log >&2; exit 1; }
fi
