"""The fake console's disk reader for raw disk images (grader/disk.py).

When a test boots a raw disk instead of the ESP folder, fake_qemu.py reads
the image here the way the real kernel does (MBR, first bootable
partition, FAT16 with long names) and unpacks it into a folder, so the
rest of the fake works on files as usual.  Damage is not unpacked but
noted, path -> (kind, reason), for fake_kernel.py to report:

    "dir-loop"   a directory whose cluster chain comes back to a cluster it
                 had already: its distinct clusters are unpacked, listing
                 it ends with the damage
    "file-loop"  a file whose chain loops: it cannot be opened
    "bad-entry"  a directory entry pointing at cluster 0 (not `..`):
                 nothing under it can be reached
"""
import os
import struct

SECTOR = 512
DIRENT = 32
ATTR_DIRECTORY, ATTR_VOLUME, ATTR_LFN = 0x10, 0x08, 0x0F
LOWER_BASE, LOWER_EXT = 0x08, 0x10
LFN_OFFSETS = (1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30)


class Volume:
    def __init__(self, image):
        with open(image, "rb") as f:
            self.disk = f.read()
        mbr = self.disk[:SECTOR]
        entries = [mbr[446 + 16 * i : 462 + 16 * i] for i in range(4)]
        boot = next((e for e in entries if e[0] == 0x80), entries[0])
        self.base = struct.unpack_from("<I", boot, 8)[0] * SECTOR
        bpb = self.disk[self.base : self.base + SECTOR]
        self.spc = bpb[0x0D]
        reserved, fats = struct.unpack_from("<H", bpb, 0x0E)[0], bpb[0x10]
        root_entries = struct.unpack_from("<H", bpb, 0x11)[0]
        fat_sectors = struct.unpack_from("<H", bpb, 0x16)[0]
        self.fat = self.base + reserved * SECTOR
        self.root = self.fat + fats * fat_sectors * SECTOR
        self.root_end = self.root + root_entries * DIRENT
        self.cluster_bytes = self.spc * SECTOR

    def next_cluster(self, cluster):
        return struct.unpack_from("<H", self.disk, self.fat + 2 * cluster)[0]

    def chain(self, first):
        """(distinct clusters of the chain, True if it loops)."""
        seen, out, cluster = set(), [], first
        while 2 <= cluster < 0xFFF8:
            if cluster in seen:
                return out, True
            seen.add(cluster)
            out.append(cluster)
            cluster = self.next_cluster(cluster)
        return out, False

    def cluster_data(self, clusters):
        data = bytearray()
        for c in clusters:
            start = self.root_end + (c - 2) * self.cluster_bytes
            data += self.disk[start : start + self.cluster_bytes]
        return bytes(data)

    def entries(self, raw):
        """(name, attributes, first cluster, size) of each entry in order."""
        pieces = {}
        for off in range(0, len(raw), DIRENT):
            e = raw[off : off + DIRENT]
            if e[0] == 0:
                return
            if e[0] == 0xE5:
                pieces = {}
                continue
            if e[11] == ATTR_LFN:
                pieces[e[0] & 0x1F] = b"".join(e[o : o + 2] for o in LFN_OFFSETS)
                continue
            if e[11] & ATTR_VOLUME:
                pieces = {}
                continue
            yield (self._name(e, pieces), e[11], struct.unpack_from("<H", e, 26)[0],
                   struct.unpack_from("<I", e, 28)[0])
            pieces = {}

    @staticmethod
    def _name(e, pieces):
        if pieces:
            units = b"".join(pieces[i] for i in sorted(pieces))
            return units.decode("utf-16-le", errors="replace").split("\0", 1)[0]
        base, ext = e[0:8].decode("latin-1").rstrip(), e[8:11].decode("latin-1").rstrip()
        if e[12] & LOWER_BASE:
            base = base.lower()
        if e[12] & LOWER_EXT:
            ext = ext.lower()
        return base + ("." + ext if ext else "")


def unpack(image, folder):
    """Unpack `image` into `folder`; returns the damage found {path: (kind, reason)}."""
    vol = Volume(image)
    damage = {}

    def walk(raw, host, path):
        os.makedirs(host, exist_ok=True)
        for name, attr, cluster, size in vol.entries(raw):
            if name in (".", ".."):
                continue
            where = f"{path}/{name}"
            if attr & ATTR_DIRECTORY:
                if cluster == 0:
                    damage[where.upper()] = ("bad-entry", "directory entry points at cluster 0")
                    continue
                clusters, loops = vol.chain(cluster)
                if loops:
                    damage[where.upper()] = ("dir-loop", f"cluster chain loops back to cluster "
                                             f"{vol.next_cluster(clusters[-1])}")
                walk(vol.cluster_data(clusters), os.path.join(host, name), where)
            else:
                clusters, loops = vol.chain(cluster) if size else ([], False)
                if loops:
                    damage[where.upper()] = ("file-loop", f"cluster chain loops back to cluster "
                                             f"{vol.next_cluster(clusters[-1])}")
                    continue
                with open(os.path.join(host, name), "wb") as f:
                    f.write(vol.cluster_data(clusters)[:size])

    walk(vol.disk[vol.root : vol.root_end], folder, "")
    return damage
