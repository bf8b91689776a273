#!/bin/sh
# Build newlib (the C library of YSOS-C user programs) from Debian's
# newlib-source tarball, for a freestanding x86_64-elf target, using the host
# gcc/ar/ranlib as the "target" tools. Built once per machine into a cache
# shared by every checkout (clones, handouts, the grader's submissions),
# outside any tree.
#
#   scripts/build-newlib.sh --key          print the cache key
#   scripts/build-newlib.sh --dir ROOT FALLBACK
#                                          print the cache entry to use
#   scripts/build-newlib.sh ENTRY          build into ENTRY unless it is there
#   scripts/build-newlib.sh --remove ENTRY delete ENTRY (make distclean)
#
# The key is 12 hex digits of a hash of this script (which holds every
# flag), the compiler version and the tarball: whatever shapes the build.
# An entry is ROOT/newlib-KEY, so checkouts with different keys (an old one
# and a new one) each keep theirs. ROOT is the make variable NEWLIB_CACHE,
# or else ${XDG_CACHE_HOME:-$HOME/.cache}/ysos-c; when that cannot be
# created or written (or HOME is unset), FALLBACK (the tree's build/).
#
# An entry holds x86_64-elf/{lib,include}, newlib.log and .stamp. It is
# built in ENTRY.tmp and renamed into place when complete, so an entry that
# exists is whole; ENTRY.lock makes a second build of the same key (another
# clone's make) wait and then find it. At most one line is printed.
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

# Debian's newlib-source; the newest if there are several.
find_tarball() { TARBALL=$(ls /usr/src/newlib/newlib-*.tar.xz 2>/dev/null | sort | tail -1); }
find_tarball

# The full hash of every input; the key is its first 12 digits.
full_hash() {
    (cat "$0"; gcc -dumpfullversion; [ -z "$TARBALL" ] || ls -l "$TARBALL") |
        sha256sum | cut -d' ' -f1
}

# --dir: the entry's path. Make asks when it reads the makefiles, before its
# `deps` target runs, and the key hashes the tarball: on a machine without
# newlib-source yet, install the packages first (as root; otherwise the
# deps target says what to run).
entry_dir() {
    root=$1 fallback=$2
    if [ -z "$TARBALL" ]; then
        sh "$(dirname "$0")/setup-deps.sh" >&2 || true
        find_tarball
    fi
    key=$(full_hash | cut -c1-12)
    if [ -z "$root" ] && { [ -n "$XDG_CACHE_HOME" ] || [ -n "$HOME" ]; }; then
        root=${XDG_CACHE_HOME:-$HOME/.cache}/ysos-c
    fi
    if [ -n "$root" ] && mkdir -p "$root" 2>/dev/null && [ -w "$root" ]; then
        echo "$root/newlib-$key"
        return
    fi
    # Said once, while the in-tree entry is still to be built.
    [ -f "$fallback/newlib-$key/.stamp" ] ||
        echo "newlib: no writable cache (${root:-HOME unset}), building into $fallback/" >&2
    echo "$fallback/newlib-$key"
}

case $1 in
--key) full_hash | cut -c1-12; exit 0 ;;
--dir) entry_dir "$2" "$3"; exit 0 ;;
--remove) REMOVE=1; shift ;;
esac
[ -n "$1" ] || { echo "usage: $0 --key | --dir ROOT FALLBACK | [--remove] ENTRY" >&2; exit 2; }

# (--remove: nothing to do, and no folder to create, when it is gone.)
[ -z "$REMOVE" ] || [ -d "$(dirname "$1")" ] || exit 0
mkdir -p "$(dirname "$1")"
OUT="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
TMP="$OUT.tmp"
exec 9>"$OUT.lock"
flock 9
if [ -n "$REMOVE" ]; then
    # Under the lock: a build of this entry in progress finishes first.
    rm -rf "$OUT" "$TMP" "$OUT.lock"
    echo "newlib: removed $OUT"
    exit 0
fi

hash=$(full_hash)
# Built meanwhile by the make that held the lock.
[ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$hash" ] && exit 0
[ -n "$TARBALL" ] || { echo "build-newlib: no /usr/src/newlib/newlib-*.tar.xz (apt-get install newlib-source)" >&2; exit 1; }

LOG="$TMP/newlib.log"
echo "newlib: building once (about a minute) into $OUT"
start=$(date +%s)
# A build that was killed (Ctrl-C, the grader's timeout) left these.
rm -rf "$TMP" "$OUT"
mkdir -p "$TMP/src" "$TMP/obj"

fail() {
    echo "build-newlib: $1 failed, last lines of $LOG:" >&2
    tail -20 "$LOG" >&2
    exit 1
}

tar -xJf "$TARBALL" -C "$TMP/src" --strip-components=1 >"$LOG" 2>&1 || fail "extracting $TARBALL"

# The newlib build must not see the jobserver or variables of the make that
# called us (V=1, ALLOC=...): it is a separate build with its own -j2.
unset MAKEFLAGS MFLAGS MAKELEVEL

GCC_INC=$(gcc -print-file-name=include)
TARGET_CC="gcc -nostdinc -isystem $GCC_INC"
TARGET_CFLAGS="-fpie -mno-red-zone -O2 -g -fno-stack-protector -D_STDIO_BSD_SEMANTICS \
    -ffunction-sections -fdata-sections"
(
    cd "$TMP/obj" &&
        "$TMP/src/configure" --target=x86_64-elf --prefix="$TMP/out" \
            --disable-multilib --disable-libgloss \
            --disable-newlib-supplied-syscalls \
            --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
            CC_FOR_TARGET="$TARGET_CC" AR_FOR_TARGET=ar AS_FOR_TARGET=as \
            LD_FOR_TARGET=ld NM_FOR_TARGET=nm RANLIB_FOR_TARGET=ranlib \
            OBJDUMP_FOR_TARGET=objdump READELF_FOR_TARGET=readelf \
            CFLAGS_FOR_TARGET="$TARGET_CFLAGS"
) >>"$LOG" 2>&1 || fail "configure"

make -C "$TMP/obj" -j2 all-target-newlib >>"$LOG" 2>&1 || fail "make"
make -C "$TMP/obj" install-target-newlib >>"$LOG" 2>&1 || fail "make install"

# Only the installed tree is kept (11 MB of the 150 MB built); the prefix
# is in no installed file, so it can be renamed. Stamp, then rename: the
# entry appears complete or not at all.
echo "newlib: built in $(($(date +%s) - start)) s" >>"$LOG"
mv "$LOG" "$TMP/out/newlib.log"
echo "$hash" >"$TMP/out/.stamp"
mv "$TMP/out" "$OUT"
rm -rf "$TMP"
