"""Raw disk images, for tests that need a FAT volume QEMU's vvfat cannot make.

QEMU serves the ESP folder as a FAT16 disk (`-drive file=fat:DIR`), and
vvfat always writes a consistent file system.  A test of how the kernel
copes with a corrupt one (a cluster chain that loops) needs bytes vvfat
never writes, so it boots a real disk instead: one bootable FAT16
partition made by mkfs.fat, the ESP copied in with mtools (the same tools
tests/storage/mkimages.sh uses), then patched byte by byte through a
Volume.  OVMF boots it like the vvfat disk and the kernel mounts it the
same way (MBR, first bootable partition, FAT16).

    def loop_dir(vol):                 # a BootSpec's disk patch
        vol.mkdir("LOOP")
        first = vol.first_cluster("LOOP")
        vol.set_fat(first, first)      # LOOP's chain: first -> first -> ...
    boot(disk=loop_dir)
"""
import os
import shutil
import struct
import subprocess
from pathlib import Path

SECTOR = 512
PARTITION_START = 2048  # blocks before the volume, as fdisk and vvfat leave
VOLUME_KIB = 32768  # 32 MiB: FAT16 with 2 KiB clusters (about 16 000 of them)
SECTORS_PER_CLUSTER = 4
MBR_TYPE_FAT16 = 0x06
DIRENT = 32
ATTR_DIRECTORY = 0x10
ATTR_LFN = 0x0F


class DiskError(Exception):
    """A tool is missing or failed: the test cannot build its disk."""


def _tool(name):
    """Path of a dosfstools/mtools program (mkfs.fat lives in /usr/sbin)."""
    path = shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if path is None:
        raise DiskError(f"{name} not found: install dosfstools and mtools")
    return path


def _run(*argv):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1", LC_ALL="C.UTF-8")
    done = subprocess.run([_tool(argv[0]), *argv[1:]], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise DiskError(f"{' '.join(argv)}: {done.stderr.strip() or done.returncode}")


class Volume:
    """A FAT16 volume image being built: mtools for files, bytes for damage."""

    def __init__(self, path):
        self.path = Path(path)
        self.data = bytearray()
        self._load()

    def _load(self):
        self.data = bytearray(self.path.read_bytes())
        bpb = self.data
        self.spc = bpb[0x0D]
        reserved, self.fats = struct.unpack_from("<H", bpb, 0x0E)[0], bpb[0x10]
        self.root_entries = struct.unpack_from("<H", bpb, 0x11)[0]
        self.fat_sectors = struct.unpack_from("<H", bpb, 0x16)[0]
        self.fat_start = reserved * SECTOR
        self.root_start = self.fat_start + self.fats * self.fat_sectors * SECTOR
        self.data_start = self.root_start + self.root_entries * DIRENT
        self.cluster_bytes = self.spc * SECTOR

    def _save(self):
        self.path.write_bytes(self.data)

    # ---- through mtools (the volume stays consistent) ----------------------

    def mkdir(self, path):
        self._save()
        _run("mmd", "-i", str(self.path), "::/" + path)
        self._load()

    def write(self, path, data):
        """A file with these bytes (a temporary host file copied in)."""
        self._save()
        host = self.path.with_name("grader-file.tmp")
        host.write_bytes(data)
        try:
            _run("mcopy", "-i", str(self.path), str(host), "::/" + path)
        finally:
            host.unlink(missing_ok=True)
        self._load()

    # ---- bytes (the damage) -------------------------------------------------

    def cluster_offset(self, cluster):
        return self.data_start + (cluster - 2) * self.cluster_bytes

    def _slots(self, cluster):
        """Byte offsets of the 32-byte entries of a directory cluster (0 = root)."""
        if cluster == 0:
            return range(self.root_start, self.data_start, DIRENT)
        start = self.cluster_offset(cluster)
        return range(start, start + self.cluster_bytes, DIRENT)

    def entry(self, path):
        """Byte offset of the 8.3 entry of `path` (upper-case 8.3 names, one
        directory cluster each: enough for the volumes tests build)."""
        cluster, offset = 0, None
        for part in path.strip("/").split("/"):
            base, _, ext = part.upper().partition(".")
            name = base.ljust(8).encode() + ext.ljust(3).encode()
            offset = next((o for o in self._slots(cluster) if self.data[o : o + 11] == name
                           and self.data[o + 11] != ATTR_LFN), None)
            if offset is None:
                raise DiskError(f"{path}: no entry {part!r} on the volume")
            cluster = struct.unpack_from("<H", self.data, offset + 26)[0]
        return offset

    def first_cluster(self, path):
        return struct.unpack_from("<H", self.data, self.entry(path) + 26)[0]

    def set_first_cluster(self, path, cluster):
        struct.pack_into("<H", self.data, self.entry(path) + 26, cluster)
        self._save()

    def chain(self, first):
        """Clusters of a (sound) chain, in order."""
        out = [first]
        while True:
            nxt = self.fat(out[-1])
            if nxt >= 0xFFF8:
                return out
            out.append(nxt)

    def fat(self, cluster):
        return struct.unpack_from("<H", self.data, self.fat_start + 2 * cluster)[0]

    def set_fat(self, cluster, value):
        """FAT entry of `cluster` in every copy of the FAT."""
        for i in range(self.fats):
            struct.pack_into("<H", self.data, self.fat_start + i * self.fat_sectors * SECTOR
                             + 2 * cluster, value)
        self._save()

    def fill_dir(self, path, name_of):
        """Use every free slot of directory `path`'s first cluster for an empty
        file named name_of(i) (11 bytes, 8.3 without the dot): no end marker
        is left in the cluster, so a listing has to follow the chain."""
        start = self.cluster_offset(self.first_cluster(path))
        for i, offset in enumerate(range(start, start + self.cluster_bytes, DIRENT)):
            if self.data[offset] in (0x00, 0xE5):
                entry = bytearray(DIRENT)
                entry[0:11] = name_of(i)
                entry[11] = 0x20  # archive: a plain file
                struct.pack_into("<HH", entry, 22, 0x5CA5, 0x5821)  # 2024-01-01 11:37:10
                self.data[offset : offset + DIRENT] = entry
        self._save()


def _mbr(blocks):
    """An MBR with one bootable FAT16 partition of `blocks` at PARTITION_START."""
    mbr = bytearray(SECTOR)
    struct.pack_into("<B3sB3sII", mbr, 446, 0x80, b"\xfe\xff\xff", MBR_TYPE_FAT16, b"\xfe\xff\xff",
                     PARTITION_START, blocks)
    mbr[510:512] = b"\x55\xaa"
    return bytes(mbr)


def build(esp, image, patch=None):
    """Write to `image` a bootable disk holding the ESP folder `esp`, after
    patch(Volume) has changed the volume."""
    image = Path(image)
    part = image.with_name(image.name + ".volume")
    part.unlink(missing_ok=True)
    _run("mkfs.fat", "-F", "16", "-s", str(SECTORS_PER_CLUSTER), "-n", "YSOS", "-C", str(part),
         str(VOLUME_KIB))
    for item in sorted(Path(esp).iterdir()):
        _run("mcopy", "-s", "-m", "-i", str(part), str(item), "::/")
    if patch is not None:
        patch(Volume(part))
    volume = part.read_bytes()
    with open(image, "wb") as f:
        f.write(_mbr(len(volume) // SECTOR))
        f.write(bytes(SECTOR * (PARTITION_START - 1)))
        f.write(volume)
    part.unlink()
    return image
