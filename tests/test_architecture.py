"""The layout holds: imports only go down, files stay small, and each rule has one home.

The packages, lowest first. A module may import its own package and those below it, never one
above; so no import cycle between packages can form.

- ``i18n``: the message catalogue and number formats (imports nothing of the project);
- ``geo``: spatial and coordinate machinery, settings, the catalogue of inputs, the vocabulary;
- ``layers``: one module per map layer, the crosswalk, the indicator table, the commune view;
- ``planner``: field visits (order, roads, travel, schedule, warnings, exports);
- ``userdata``: what users save and bring (store, uploads, readers, applying imports), the roles;
- ``access``: accounts, sign-in and the session's user (above the store they live in);
- ``ui``: Streamlit pages and widgets; ``app.py`` on top.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("i18n", "geo", "layers", "planner", "userdata", "access", "ui")
RANK = {name: rank for rank, name in enumerate(PACKAGES)}
MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (PROJECT / package).rglob("*.py"))


def _project_imports(path: Path) -> list[tuple[str, int, bool]]:
    """(package imported, line, inside a function) for every import of a project package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [child.module]
            for name in names:
                top = name.split(".")[0]
                if top in RANK:
                    found.append((top, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def test_every_package_is_known() -> None:
    assert _modules(), "no modules found"
    for path in _modules():
        assert path.relative_to(PROJECT).parts[0] in RANK


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_imports_only_go_down(path: Path) -> None:
    own = path.relative_to(PROJECT).parts[0]
    upward = [
        f"line {line}: imports {package}"
        for package, line, _ in _project_imports(path)
        if RANK[package] > RANK[own]
    ]
    assert not upward, f"{path.relative_to(PROJECT)} ({own}) reaches up: {upward}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_no_project_import_hides_inside_a_function(path: Path) -> None:
    hidden = [line for _, line, in_function in _project_imports(path) if in_function]
    assert not hidden, f"{path.relative_to(PROJECT)}: imports inside functions at lines {hidden}"


def test_the_import_walk_catches_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("from ui.language import t\n\ndef f():\n    import planner\n")
    assert _project_imports(module) == [("ui", 1, False), ("planner", 4, True)]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_no_production_file_is_over_600_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PROJECT)} has {lines} lines"


_SCRIPT_OR_STYLE = re.compile(r"\bfunction\s*\(|\bvar \w+\s*=|^\s*[.#]?[\w-]+[^{\n]*\{\s*$", re.M)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_no_javascript_or_css_in_python_strings(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long_code = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.count("\n") > 8
        and len(_SCRIPT_OR_STYLE.findall(node.value)) > 2
    ]
    assert not long_code, f"{path.relative_to(PROJECT)}: script or style text at {long_code}"


def _sources() -> dict[str, str]:
    return {str(p.relative_to(PROJECT)): p.read_text(encoding="utf-8") for p in _modules()}


ONE_HOME = {
    # rule: (pattern, the only file that may hold it)
    "number formatting": (r"^def format_number\(", "i18n/numbers.py"),
    "number parsing": (r"^def parse_number\(", "i18n/numbers.py"),
    "risk-class labels": (r"\"rất cao\"", "i18n/text_vocabulary.py"),
    "position-precision labels": (r"chỉ biết theo xã", "i18n/text_vocabulary.py"),
    "the VN-2000 datum shift": (r"-191\.9", "geo/crs.py"),
    "the province → TM-3 zone table": (r"\b5897\b", "geo/crs.py"),
    "the WGS 84 constant": (r"^WGS84\s*=", "geo/vocabulary.py"),
    "reading the crosswalk": (r"catalogue\.path\(\"crosswalk\"\)", "layers/crosswalk.py"),
    "old → new commune codes": (r"groupby\(\"code_202[45]\"\)", "layers/crosswalk.py"),
    "population weights": (r"\"population_2019\"\]\s*\*", "layers/crosswalk.py"),
}


@pytest.mark.parametrize("rule", sorted(ONE_HOME))
def test_each_rule_has_one_home(rule: str) -> None:
    pattern, home = ONE_HOME[rule]
    holders = sorted(
        name for name, text in _sources().items() if re.search(pattern, text, flags=re.M)
    )
    assert holders == [home], f"{rule} is written in {holders}, its home is {home}"
