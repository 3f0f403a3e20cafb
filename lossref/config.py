"""A project's losses under check, declared once in its pyproject.toml:

    [[tool.lossref.check]]
    target = "src/losses.py:weighted_huber"     # or "package.module:attribute"
    against = "huber"
    params = { delta = 1.0 }                     # optional: fixed parameters (the others are drawn)
    backends = ["jax", "torch"]                 # optional: default all three
    dtypes = ["float32"]                        # optional
    strict = false                              # optional: notes fail too
    allow = []                                  # optional: recorded Keras bugs accepted by id
    labels = "hard"                             # optional, as --labels; also rank, shape, class_axis

`lossref check` with no TARGET and the pytest plugin (`pytest --lossref`) run every entry on each of its
backends. Read without Keras or a backend: the CLI checks the file before any backend starts.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lossref.index import did_you_mean

BACKEND_CHOICES = ("tensorflow", "jax", "torch")  # each runs in a process of its own

KEYS = ("target", "against", "params", "backends", "dtypes", "strict", "allow", "labels", "rank", "shape",
        "class_axis", "profile")


@dataclass
class Entry:
    target: str
    against: str
    params: dict = field(default_factory=dict)
    backends: tuple = BACKEND_CHOICES
    dtypes: tuple = ("float32",)
    strict: bool = False
    allow: tuple = ()
    labels: str | None = None
    rank: int | None = None
    shape: tuple | None = None
    class_axis: int | None = None
    profile: str = "ci"

    @property
    def name(self) -> str:
        return f"{self.target} against {self.against}"

    def arguments(self, root: Path) -> list[str]:
        """The `lossref check` command line of this entry (a file target relative to the project root)."""
        target = self.target
        where, _, attribute = target.rpartition(":")
        if where.endswith(".py") and not Path(where).is_absolute():
            target = f"{(root / where).resolve()}:{attribute}"
        args = [target, "--against", self.against, "--profile", self.profile,
                "--dtype", "all" if set(self.dtypes) == {"float32", "float64"} else self.dtypes[0]]
        args += [f"--param={key}={value!r}" for key, value in self.params.items()]
        args += ["--strict"] * self.strict + [f"--allow={a}" for a in self.allow]
        for flag, value in (("--labels", self.labels), ("--rank", self.rank), ("--class-axis", self.class_axis),
                            ("--shape", ",".join(map(str, self.shape)) if self.shape else None)):
            if value is not None:
                args += [flag, str(value)]
        return args


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above `start` (the working directory)."""
    here = (start or Path.cwd()).resolve()
    return next((folder / "pyproject.toml" for folder in (here, *here.parents)
                 if (folder / "pyproject.toml").is_file()), None)


def load(path: Path | None = None) -> tuple[Path, list[Entry]]:
    """(the project root, its [[tool.lossref.check]] entries); a ValueError for a missing or malformed one."""
    path = path or find_pyproject()
    if path is None:
        raise ValueError("no TARGET given and no pyproject.toml here or above: give a TARGET, or declare "
                         "[[tool.lossref.check]] entries (docs/check.md)")
    try:
        tables = tomllib.loads(path.read_text()).get("tool", {}).get("lossref", {}).get("check", [])
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None
    if not tables:
        raise ValueError(f"no TARGET given and {path} declares no [[tool.lossref.check]] entry")
    return path.parent, [_entry(path, number, table) for number, table in enumerate(tables, 1)]


def _entry(path, number, table):
    where = f"{path}: [[tool.lossref.check]] entry {number}"
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r}" + did_you_mean(unknown[0], KEYS)
                         + f"; the keys: {', '.join(KEYS)}")
    missing = [key for key in ("target", "against") if key not in table]
    if missing:
        raise ValueError(f"{where}: needs {' and '.join(missing)}")
    backends = tuple(table.get("backends", BACKEND_CHOICES))
    strays = [b for b in backends if b not in BACKEND_CHOICES]
    if strays:
        raise ValueError(f"{where}: unknown backend {strays[0]!r}; the backends: {', '.join(BACKEND_CHOICES)}")
    dtypes = tuple(table.get("dtypes", ("float32",)))
    if not dtypes or not set(dtypes) <= {"float32", "float64"}:
        raise ValueError(f"{where}: dtypes must be float32 and/or float64, got {list(dtypes)}")
    shape = table.get("shape")
    return Entry(table["target"], table["against"], dict(table.get("params", {})), backends, dtypes,
                 bool(table.get("strict", False)), tuple(table.get("allow", ())), table.get("labels"),
                 table.get("rank"), tuple(shape) if shape else None, table.get("class_axis"),
                 table.get("profile", "ci"))
