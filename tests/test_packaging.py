"""What `pip install claimcheck` gets: every code and data file, every library the code
imports, and no torch unless the sentence-transformers backend is asked for."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from fnmatch import fnmatch
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
CODE_FOLDERS = ("claims", "service", "store", "alembic")


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared(*extras: str) -> set[str]:
    requirements = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        requirements += PYPROJECT["project"]["optional-dependencies"][extra]
    return {_name(r) for r in requirements}


def _package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parent.parts
    if parts[0] == "alembic":  # shipped as store/alembic (package-dir in pyproject.toml)
        parts = ("store", *parts)
    return ".".join(parts)


def _shipped_files() -> list[Path]:
    return [
        path
        for folder in CODE_FOLDERS
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def test_every_code_and_data_file_goes_into_the_wheel() -> None:
    packages = set(SETUPTOOLS["packages"])
    package_data = SETUPTOOLS["package-data"]
    missing = []
    for path in _shipped_files():
        package = _package_of(path)
        in_wheel = package in packages and (
            path.suffix == ".py"
            or any(fnmatch(path.name, pattern) for pattern in package_data.get(package, []))
        )
        if not in_wheel:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


# Modules imported only when an option asks for their extra (`--ray`: service.cli.corpus).
ON_DEMAND = {ROOT / "service" / "jobs" / "ray_tasks.py": "ray"}


def _imported_libraries(*, top_level_only: bool, paths: list[Path] | None = None) -> set[str]:
    """Distributions of the third-party modules the shipped code (or `paths`) imports."""
    distributions = packages_distributions()
    found: set[str] = set()
    for path in _shipped_files() if paths is None else paths:
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = tree.body if top_level_only else list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in {"claims", "service", "store"}:
                    continue
                # Distribution names compare as PEP 503 spells them (prometheus_client).
                found.update(_name(d) for d in distributions.get(top, [top]))
    return found


def test_every_imported_library_is_declared() -> None:
    assert _imported_libraries(top_level_only=False) <= _declared("st", "train", "ray")


def test_what_modules_import_on_load_comes_with_the_default_install() -> None:
    loaded = [path for path in _shipped_files() if path not in ON_DEMAND]
    assert _imported_libraries(top_level_only=True, paths=loaded) <= _declared()
    for path, extra in ON_DEMAND.items():
        assert _imported_libraries(top_level_only=True, paths=[path]) <= _declared(extra)


def test_the_default_install_pulls_no_torch_and_no_training_libraries() -> None:
    assert not _declared() & {"torch", "sentence-transformers", "scikit-learn", "scipy"}
