"""A profile: one data folder holding one device's database and its non-secret settings.

``profile.json`` says who this device is (ids, role, ward, team, server address) and whether its
database is encrypted. It never holds a secret: the database key and device token are in the
OS keyring under the profile id.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from outreach.model.clock import new_node_id
from outreach.model.ids import uuid7
from outreach.vocabulary import Role

PROFILE_FILE = "profile.json"
DATABASE_FILE = "outreach.db"
ENV_DATA_DIR = "OUTREACH_DATA_DIR"


@dataclass
class Profile:
    data_dir: Path
    profile_id: str = field(default_factory=uuid7)
    #: HLC node id of this device: the suffix of every stamp it makes.
    device_id: str = field(default_factory=new_node_id)
    encrypted: bool = True
    demo: bool = False
    role: str = Role.VOLUNTEER
    member_id: str | None = None
    member_name: str = ""
    ward_id: str | None = None
    team_id: str | None = None
    server_url: str | None = None
    server_device_id: str | None = None
    ca_bundle: str | None = None
    #: Enrolled over plain http:// to another computer, on the user's explicit ``--insecure``.
    insecure_http: bool = False
    language: str = "vi"

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE

    def save(self) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half a profile; the
        folder and the file are the user's alone."""
        make_private(self.data_dir)
        data = {k: v for k, v in asdict(self).items() if k != "data_dir"}
        tmp = self.data_dir / (PROFILE_FILE + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, ensure_ascii=False, indent=2))
        os.replace(tmp, self.data_dir / PROFILE_FILE)

    @classmethod
    def load(cls, data_dir: Path) -> Profile | None:
        path = data_dir / PROFILE_FILE
        if not path.exists():
            return None
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(0o600)  # written by an older version, readable by others
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)} - {"data_dir"}
        return cls(data_dir=data_dir, **{k: v for k, v in raw.items() if k in known})


def default_data_dir() -> Path:
    """``OUTREACH_DATA_DIR`` if set, else the platform's per-user data folder."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Outreach", appauthor=False)) / "default"


def data_dir_of(args: object) -> Path:
    """The profile folder a command line asks for: its ``--data-dir``, else ``default_data_dir()``."""
    chosen = getattr(args, "data_dir", None)
    return Path(chosen).expanduser() if chosen else default_data_dir()


def make_private(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed and make it readable by its owner alone
    (0700): a profile folder holds the database, logs, backups and hand-over files. POSIX only;
    on Windows the per-user data folder is private by its ACL already."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
