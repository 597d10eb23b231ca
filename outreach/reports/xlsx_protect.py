"""A personal-data workbook protected with a password the leader types (Law 91/2025: protect
personal data that leaves the encrypted profile).

Excel's own "Encrypt with password" (ECMA-376 Agile Encryption: AES-256, SHA-512, 100,000 spins;
msoffcrypto-tool writes it), so the ward office opens the file in Excel or LibreOffice with
the password and nothing else. The plain workbook is built in memory and never touches the disk.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import msoffcrypto.format.ooxml

from outreach.errors import OutreachError

#: As for hand-over files: a short password protects nothing against an offline guesser.
MIN_PASSWORD_LENGTH = 8


def check_export_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OutreachError(f"Mật khẩu bảo vệ tệp cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
                            f"The file's password needs at least {MIN_PASSWORD_LENGTH} characters.", code="short_password")


def write_protected_xlsx(plain: bytes, path: Path, password: str) -> Path:
    """Encrypt the workbook ``plain`` for ``password`` into ``path`` (0600, replaced atomically)."""
    check_export_password(password)
    sealed = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain)).encrypt(password, sealed)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(sealed.getvalue())
    os.replace(tmp, path)
    return path
