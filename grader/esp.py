"""Per-machine copies of the EFI system partition.

QEMU serves a folder as a FAT disk (`-drive format=raw,file=fat:DIR`).  Each
machine gets its own temporary copy of the ESP, so a test can change
boot.conf, corrupt KERNEL.ELF or add files without touching esp/ or the
other machines running at the same time.  The copy is deleted when the
machine closes.
"""
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.bootconf import BootConf

BOOT_CONF = "EFI/BOOT/boot.conf"


@dataclass(frozen=True)
class BootSpec:
    """How a test's machine differs from the built ESP.

    conf:  ((key, value), ...) boot.conf settings, applied in order.
    files: ((path in the ESP, action), ...) where action is bytes (write the
           file), None (delete it) or a function old_bytes -> new_bytes;
           for a path ending in "/", a function folder_path -> None that
           fills the (created) folder, e.g. with thousands of files.
    disk:  None (QEMU serves the ESP folder, vvfat), or a function
           patch(disk.Volume): the machine boots a raw disk built from the
           ESP copy and changed by it (disk.py: damage vvfat cannot make).
    memory: "" (config.toml's [qemu] memory), or QEMU's -m for this machine
           (e.g. "4G": a request of gigabytes that must fit).
    Tests whose BootSpecs are equal share one machine, so keep it hashable.
    """

    conf: tuple = ()
    files: tuple = ()
    disk: object = None
    memory: str = ""

    def label(self):
        parts = [f"{k}={_short(v)}" for k, v in self.conf]
        for path, action in self.files:
            path = _short(path)
            if action is None:
                parts.append(f"{path}: deleted")
            elif callable(action):
                parts.append(f"{path}: {action.__name__}")
            else:
                parts.append(f"{path}: {len(action)} bytes")
        if self.disk is not None:
            parts.append(f"raw disk: {self.disk.__name__}")
        if self.memory:
            parts.append(f"memory {self.memory}")
        return "; ".join(parts) or "default"


def _short(text, keep=24):
    """`text`, or its start and length when it would swamp --list."""
    text = str(text)
    return text if len(text) <= 2 * keep else f"{text[:keep]}...({len(text)} chars)"


def boot(conf=None, files=None, disk=None, memory=""):
    """BootSpec from dicts: boot(conf={"log_level": "warn"})."""
    return BootSpec(tuple((conf or {}).items()), tuple((files or {}).items()), disk, memory)


DEFAULT = BootSpec()


def _apply_file(esp, path, action):
    target = esp / path
    if path.endswith("/"):
        target.mkdir(parents=True, exist_ok=True)
        action(target)
        return
    if action is None:
        target.unlink(missing_ok=True)
        return
    data = action(target.read_bytes() if target.exists() else b"") if callable(action) else action
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def prepare(src, spec, fallback_conf):
    """Copy ESP `src` into a new temporary folder and apply `spec`.

    Returns (temporary folder to delete later, ESP path inside it, BootConf as
    written).  `fallback_conf` is the boot.conf text used when `src` has none.
    """
    tmp = Path(tempfile.mkdtemp(prefix="ysos-esp-"))
    try:
        esp = tmp / "esp"
        shutil.copytree(src, esp)
        conf_path = esp / BOOT_CONF
        text = conf_path.read_text(errors="replace") if conf_path.exists() else fallback_conf
        conf = BootConf(text)
        for key, value in spec.conf:
            conf.set(key, value)
        conf_path.parent.mkdir(parents=True, exist_ok=True)
        conf_path.write_text(conf.render())
        for path, action in spec.files:
            _apply_file(esp, path, action)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp, esp, conf
