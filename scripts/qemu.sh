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
# shellcheck disable=SC2046
set -- $("$PYTHON" "$ROOT/scripts/config.py" qemu-args "$ROOT/config.toml") \
    -drive "format=raw,file=fat:$ESP" "$@"
exec qemu-system-x86_64 "$@"
