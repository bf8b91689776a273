#!/bin/sh
# Build newlib (the C library of YSOS-C user programs) once, from Debian's
# newlib-source tarball, for a freestanding x86_64-elf target, using the host
# gcc/ar/ranlib as the "target" tools. Installs into $OUT/x86_64-elf/{lib,include}.
#
#   usage: scripts/build-newlib.sh BUILD_DIR
#
# Cached: $OUT/.stamp holds a hash of this script (which holds every flag),
# the compiler version and the tarball; when it matches, nothing is rebuilt.
# All output goes to BUILD_DIR/newlib.log; at most one line is printed.
#
# Why these options:
#   -fpie -mno-red-zone   the code model SPEC section 2 fixes for all user
#                         code (linked static, -no-pie, at 0x111100000000).
#   -nostdinc + gcc's own include dir: never pick up the host's glibc headers.
#   --disable-newlib-supplied-syscalls: pkg/lib provides read/write/sbrk/...
#   -D_STDIO_BSD_SEMANTICS  exit() only flushes output streams instead of
#                         closing every stream. A forked child shares all
#                         memory with its parent (vfork semantics), so a
#                         child's exit() must not close the parent's stdout.
#   io-long-long / c99-formats: %llu, %zu, %hhx work in printf.
#   -ffunction-sections -fdata-sections: programs link with --gc-sections,
#                         which drops the parts of libc they do not use.
set -e

BUILD=${1:-build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)

# One build at a time: a second make started meanwhile (in this shared tree)
# waits here and then finds the stamp up to date, instead of deleting the
# folders the first one is building in.
exec 9>"$BUILD/newlib.lock"
flock 9
SRC="$BUILD/newlib-src"
OBJ="$BUILD/newlib-build"
OUT="$BUILD/newlib"
LOG="$BUILD/newlib.log"
STAMP="$OUT/.stamp"
TARBALL=$(ls /usr/src/newlib/newlib-*.tar.xz 2>/dev/null | sort | tail -1)
[ -n "$TARBALL" ] || { echo "build-newlib: no /usr/src/newlib/newlib-*.tar.xz (apt-get install newlib-source)" >&2; exit 1; }

GCC_INC=$(gcc -print-file-name=include)
TARGET_CC="gcc -nostdinc -isystem $GCC_INC"
TARGET_CFLAGS="-fpie -mno-red-zone -O2 -g -fno-stack-protector -D_STDIO_BSD_SEMANTICS \
    -ffunction-sections -fdata-sections"

hash=$( (cat "$0"; gcc -dumpfullversion; ls -l "$TARBALL") | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$hash" ] && [ -f "$OUT/x86_64-elf/lib/libc.a" ]; then
    touch "$STAMP" # newer than this script: make will not ask again
    exit 0
fi

echo "newlib: building once (about a minute), log in $LOG"
start=$(date +%s)
rm -rf "$SRC" "$OBJ" "$OUT"
mkdir -p "$SRC" "$OBJ"

fail() {
    echo "build-newlib: $1 failed, last lines of $LOG:" >&2
    tail -20 "$LOG" >&2
    exit 1
}

tar -xJf "$TARBALL" -C "$SRC" --strip-components=1 >"$LOG" 2>&1 || fail "extracting $TARBALL"

# The newlib build must not see the jobserver or variables of the make that
# called us (V=1, ALLOC=...): it is a separate build with its own -j2.
unset MAKEFLAGS MFLAGS MAKELEVEL

(
    cd "$OBJ" &&
        "$SRC/configure" --target=x86_64-elf --prefix="$OUT" \
            --disable-multilib --disable-libgloss \
            --disable-newlib-supplied-syscalls \
            --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
            CC_FOR_TARGET="$TARGET_CC" AR_FOR_TARGET=ar AS_FOR_TARGET=as \
            LD_FOR_TARGET=ld NM_FOR_TARGET=nm RANLIB_FOR_TARGET=ranlib \
            OBJDUMP_FOR_TARGET=objdump READELF_FOR_TARGET=readelf \
            CFLAGS_FOR_TARGET="$TARGET_CFLAGS"
) >>"$LOG" 2>&1 || fail "configure"

make -C "$OBJ" -j2 all-target-newlib >>"$LOG" 2>&1 || fail "make"
make -C "$OBJ" install-target-newlib >>"$LOG" 2>&1 || fail "make install"

echo "$hash" >"$STAMP"
echo "newlib: built in $(($(date +%s) - start)) s" >>"$LOG"
