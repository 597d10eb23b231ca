"""Hand-over files: a revoked or retired laptop's unsent changes, encrypted with a passphrase.

The file carries residents' personal data out of the encrypted profile, on a USB stick or by
mail, so it is sealed with a passphrase the user types and tells the office separately: scrypt
derives an AES-256-GCM key from it (the standard construction of the ``cryptography`` library);
GCM's tag makes a wrong passphrase or a damaged file an error, never garbage. The readable header
(format and KDF parameters) is authenticated as associated data, so it cannot be altered either.

Layout: one JSON header line, then the nonce-prefixed ciphertext, base64 on the second line (a
text file survives mail clients and editors that mangle binary).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from outreach.errors import OutreachError

FORMAT = "outreach-handover/1"
#: A passphrase read aloud over the phone to the office: long enough that scrypt makes guessing slow.
MIN_PASSPHRASE_LENGTH = 8
#: scrypt cost: 2**15 x 8 (32 MiB, ~0.1 s here) per guess, OWASP's interactive minimum or more.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SALT_BYTES, _NONCE_BYTES = 16, 12


class HandoverError(OutreachError):
    """A hand-over file that cannot be written or opened as asked."""


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise HandoverError(f"Mật khẩu bàn giao cần ít nhất {MIN_PASSPHRASE_LENGTH} ký tự.",
                            f"The hand-over passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters.")


def seal(data: dict[str, Any], passphrase: str) -> bytes:
    """``data`` as JSON, encrypted for ``passphrase``: the bytes of a hand-over file."""
    check_passphrase(passphrase)
    salt, nonce = os.urandom(_SALT_BYTES), os.urandom(_NONCE_BYTES)
    header = json.dumps({"format": FORMAT, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                         "salt": base64.b64encode(salt).decode("ascii"), "cipher": "AES-256-GCM"}, sort_keys=True).encode("ascii")
    plaintext = json.dumps(data, ensure_ascii=False).encode("utf-8")
    sealed = AESGCM(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, plaintext, header)
    return header + b"\n" + base64.b64encode(nonce + sealed) + b"\n"


def unseal(blob: bytes, passphrase: str) -> dict[str, Any]:
    """The data of a hand-over file; HandoverError for a wrong passphrase or another file."""
    header, _sep, body = blob.partition(b"\n")
    try:
        params = json.loads(header)
        if params.get("format") != FORMAT or params.get("kdf") != "scrypt":
            raise ValueError(params.get("format"))
        salt = base64.b64decode(params["salt"], validate=True)
        raw = base64.b64decode(body.strip(), validate=True)
        key = _key(passphrase, salt, int(params["n"]), int(params["r"]), int(params["p"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise HandoverError("Đây không phải tệp bàn giao của Outreach (hoặc tệp đã hỏng).",
                            "This is not an Outreach hand-over file (or it is damaged).") from None
    try:
        plaintext = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], header)
    except InvalidTag:
        raise HandoverError("Sai mật khẩu bàn giao, hoặc tệp đã bị sửa hay hỏng.",
                            "Wrong hand-over passphrase, or the file was altered or damaged.") from None
    data: dict[str, Any] = json.loads(plaintext)
    return data


def write_private(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` readable by the user alone (0600), replacing it whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    tmp.replace(target)


def read_handover(path: Path, passphrase: str) -> dict[str, Any]:
    """Open the hand-over file at ``path`` (the office's side of ``export_unsent``)."""
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise HandoverError(f"Không đọc được {path}: {exc.strerror}.", f"Cannot read {path}: {exc.strerror}.") from None
    return unseal(blob, passphrase)
