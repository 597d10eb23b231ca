"""Build hook: ship the top-level ``resources/`` folder inside the wheel as ``outreach/_resources``.

All other configuration is in ``pyproject.toml``. The data lives at the repository root (it is
data, edited by translators and the office, not code), but package data must sit inside a
package to be installed, so a non-editable install copies it in at build time and
``outreach.resources`` looks there first. An editable install needs nothing: it finds the
checkout's ``resources/``; PyInstaller copies the folder itself (``build.spec``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: What the app reads at run time; the .ts sources are for translators only.
RESOURCE_PATTERNS = ("*.json", "translations/*.qm", "icons/*.png", "icons/*.ico")
TARGET = Path("outreach", "_resources")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for pattern in RESOURCE_PATTERNS:
            for source in sorted((ROOT / "resources").glob(pattern)):
                target = Path(self.build_lib) / TARGET / source.relative_to(ROOT / "resources")
                self.mkpath(str(target.parent))
                self.copy_file(str(source), str(target))


setup(cmdclass={"build_py": BuildPyWithResources})
