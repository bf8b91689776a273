#!/bin/sh
# Launch QEMU on an ESP folder with the [qemu] settings of config.toml.
# usage: scripts/qemu.sh [--esp DIR] [extra QEMU args...]
# (make launch / run / debug / intdbg all come through here)
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
ESP="$ROOT/esp"
if [ "$1" = "--esp" ]; then ESP=$2; shift 2; fi
[ -f "$ESP/KERNEL.ELF" ] || { echo "qemu.sh: no kernel in $ESP (run make build)" >&2; exit 1; }
# One argument per line; a broken config.toml stops us here (config.py has
# said why in one line) instead of starting QEMU without -bios.
args=$("$PYTHON" "$ROOT/scripts/config.py" qemu-args "$ROOT/config.toml") || exit 1
newline='
'
IFS=$newline # split on line ends only: an argument may hold spaces
set -f       # and no globbing
# shellcheck disable=SC2086
set -- $args -drive "format=raw,file=fat:$ESP" "$@"
exec qemu-system-x86_64 "$@"
