#!/bin/sh
# mkimages.sh OUT - build the disk images of the storage host tests with
# real tools (mkfs.fat, mtools), so the library is tested against volumes
# it did not write itself.
#
#   in : OUT/tree/  files and folders to put on the volume (written by the test)
#        OUT/late/  files copied into /FRAG after the fillers (optional)
#   out: OUT/fat16.img  32 MiB FAT16 volume, 4 blocks (2 KiB) per cluster
#        OUT/mbr.img    a disk with an MBR: partition 1 = fat16.img at block
#                       2048 (type 06, bootable), partition 2 = 4096 zero
#                       blocks right after it (type 0B, not bootable)
#
# /FRAG gets 16 filler files of 3 clusters; every other one is deleted and
# the files of OUT/late are copied after that, so they fill the holes and
# end up fragmented. The host tree is kept identical to the volume (deleted
# fillers go from both, late files move into tree/FRAG), so the test can
# compare the volume with OUT/tree file by file.
set -eu

out=$(cd "$1" && pwd)
img=$out/fat16.img
disk=$out/mbr.img
export LC_ALL=C.UTF-8 MTOOLS_SKIP_CHECK=1 MTOOLSRC="$out/mtoolsrc"

rm -f "$img" "$disk"
mkfs.fat -F 16 -s 4 -n YSOSTEST -C "$img" 32768 >/dev/null

# Everything in tree/, keeping modification times (-m).
cd "$out/tree"
for f in *; do
    mcopy -s -m -i "$img" "$f" ::/
done

# Fragmentation: fillers, delete the odd ones, then the late files.
mkdir -p FRAG
mmd -i "$img" ::/FRAG
for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
    yes "filler $i" | head -c 6144 >"FRAG/fill_$i.bin"
    mcopy -m -i "$img" "FRAG/fill_$i.bin" ::/FRAG/
done
for i in 1 3 5 7 9 11 13 15; do
    mdel -i "$img" "::/FRAG/fill_$i.bin"
    rm "FRAG/fill_$i.bin"
done
if [ -d "$out/late" ]; then
    for f in "$out"/late/*; do
        [ -e "$f" ] || continue
        mcopy -m -i "$img" "$f" ::/FRAG/
        mv "$f" FRAG/
    done
fi

# The partitioned disk: table by mpartition, volume copied in at block 2048.
fat_blocks=$(($(stat -c %s "$img") / 512))
truncate -s $(((2048 + fat_blocks + 4096) * 512)) "$disk"
cat >"$MTOOLSRC" <<RC
drive p: file="$disk" partition=1
drive q: file="$disk" partition=2
RC
mpartition -I p: 2>/dev/null
mpartition -c -T 0x06 -b 2048 -l "$fat_blocks" -a p:
mpartition -c -T 0x0b -b $((2048 + fat_blocks)) -l 4096 q: 2>/dev/null
dd if="$img" of="$disk" bs=512 seek=2048 conv=notrunc status=none
