"""Grader settings, read from config.toml.

config.toml is the one file a user edits.  scripts/config.py already knows
how to read it and how to turn the [qemu] table into QEMU arguments; we load
that script as a module instead of repeating its logic here, so `make run`
and the grader always start QEMU the same way.
"""
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "config.toml"
DEFAULT_ESP = ROOT / "esp"
DEFAULT_LOG_DIR = ROOT / "build" / "grader"


LIMIT_KEYS = ("build_cpu_seconds", "build_memory_mb", "build_processes", "output_mb",
              "qemu_memory_mb")


class ConfigError(Exception):
    """config.toml cannot be used: str() is the line(s) saying where and why."""


def config_script():
    """scripts/config.py, imported by path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("ysos_config", ROOT / "scripts" / "config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Settings:
    boot_timeout: float = 60.0  # seconds for the kernel to come up
    command_timeout: float = 30.0  # seconds for one shell command
    prompt: str = "ysos> "
    jobs: int = 0  # parallel QEMU instances, 0 = number of cores
    leak_rounds: int = 20  # lab 7 leak check: rounds after the warm-up one
    build_timeout: float = 900.0  # batch grading: seconds for one submission's `make build`
    # Batch grading's sandbox (sandbox.py): a build's limits per process, and QEMU's memory.
    build_cpu_seconds: int = 45
    build_memory_mb: int = 256
    build_processes: int = 128
    output_mb: int = 64  # any file a build or QEMU writes
    qemu_memory_mb: int = 4096
    weights: dict = field(default_factory=dict)  # lab group -> points
    qemu_args: list = field(default_factory=list)  # without the -drive
    config: dict = field(default_factory=dict)  # the whole parsed config.toml


def load_settings(path=DEFAULT_CONFIG):
    script = config_script()
    try:
        cfg = script.load(path)
    except script.ConfigError as e:  # its class is this load's: re-raise ours
        raise ConfigError(str(e)) from None
    grader = cfg.get("grader", {})
    defaults = Settings()
    return Settings(
        boot_timeout=float(grader.get("boot_timeout", defaults.boot_timeout)),
        command_timeout=float(grader.get("command_timeout", defaults.command_timeout)),
        prompt=str(grader.get("prompt", defaults.prompt)),
        jobs=int(grader.get("jobs", defaults.jobs)),
        leak_rounds=int(grader.get("leak_rounds", defaults.leak_rounds)),
        build_timeout=float(grader.get("build_timeout", defaults.build_timeout)),
        **{key: int(grader.get(key, getattr(defaults, key))) for key in LIMIT_KEYS},
        weights=dict(grader.get("weights", {})),
        qemu_args=script.qemu_args(cfg),
        config=cfg,
    )


def default_boot_conf(settings):
    """boot.conf text for an ESP that has none (the build normally writes it)."""
    return config_script().boot_conf(settings.config)
