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

from outreach.model.ids import uuid7
from outreach.model.clock import new_node_id
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
    language: str = "vi"

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE

    def save(self) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half a profile."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in asdict(self).items() if k != "data_dir"}
        tmp = self.data_dir / (PROFILE_FILE + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.data_dir / PROFILE_FILE)

    @classmethod
    def load(cls, data_dir: Path) -> Profile | None:
        path = data_dir / PROFILE_FILE
        if not path.exists():
            return None
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
