"""The layer rule: imports go only downward, and only smdesk.app touches Qt."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")

UPWARD_IMPORTS = [
    ("smdesk/batch/probe.py", "import smdesk.core\n"),
    ("smdesk/batch/probe.py", "from smdesk import sandbox\n"),
    ("smdesk/sandbox/probe.py", "import smdesk.batch\n"),
    ("smdesk/core/probe.py", "import smdesk.store\n"),
    ("smdesk/core/probe.py", "import aiohttp\n"),
    ("smdesk/store/probe.py", "from smdesk.app import main\n"),
    ("smdesk/cli/probe.py", "import PySide6\n"),
    ("smdesk/media.py", "import qasync\n"),
    ("smdesk/app/widgets/probe.py", "from smdesk.app.controllers import tasks\n"),
    ("smdesk/app/widgets/probe.py", "import smdesk.cli\n"),
    ("smdesk/app/models/probe.py", "from smdesk.app.controllers.jobs import JobsController\n"),
]


def ruff_on(filename: str, source: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUFF), "check", "--select", "TID251", "--stdin-filename", filename, "-"],
        input=source, capture_output=True, text=True, cwd=ROOT, check=False,
    )


@pytest.mark.parametrize(("filename", "source"), UPWARD_IMPORTS)
def test_upward_import_is_a_lint_error(filename: str, source: str) -> None:
    result = ruff_on(filename, source)
    assert result.returncode == 1
    assert "TID251" in result.stdout


def test_downward_imports_are_allowed() -> None:
    assert ruff_on("smdesk/app/probe.py", "import PySide6\nimport smdesk.core\n").returncode == 0
    assert ruff_on("smdesk/store/probe.py", "import smdesk.core\n").returncode == 0


def test_lower_layers_load_without_qt() -> None:
    code = (
        "import sys\n"
        "import smdesk.batch, smdesk.sandbox, smdesk.core, smdesk.store, smdesk.media, smdesk.cli\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'qasync')))\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
