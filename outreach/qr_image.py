"""Drawing QR codes: leaflets, receipts and device enrolment show them.

``qr_matrix`` is the single place that encodes (with the ``qrcode`` package only), and the PNG and
terminal renderings are built from it with the standard library, so no imaging library is needed.
"""

from __future__ import annotations

import struct
import zlib

import qrcode
import qrcode.constants
from qrcode.exceptions import DataOverflowError

__all__ = ["qr_matrix", "qr_png_bytes", "qr_terminal_text"]

_ERROR_CORRECTION = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def qr_matrix(data: str, *, border: int = 4, error_correction: str = "M") -> list[list[bool]]:
    """The QR code of ``data`` (UTF-8) as rows of modules, True = dark, including a quiet zone
    of ``border`` modules (4 is the standard minimum; printed layouts may pass 0 and keep their
    own margin). ``error_correction`` is "L", "M", "Q" or "H"; "M" suits printed leaflets.

    Raises ``ValueError`` for a negative border, an unknown level or data too long for a QR code.
    """
    if border < 0:
        raise ValueError(f"border must be 0 or more, not {border}")
    if error_correction not in _ERROR_CORRECTION:
        raise ValueError(f"error_correction must be one of L, M, Q, H, not {error_correction!r}")
    code = qrcode.QRCode(error_correction=_ERROR_CORRECTION[error_correction], box_size=1, border=border)
    code.add_data(data.encode("utf-8"))
    try:
        code.make(fit=True)
    except DataOverflowError as exc:
        raise ValueError(f"{len(data)} characters are too many for one QR code") from exc
    return [[bool(module) for module in row] for row in code.get_matrix()]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def qr_png_bytes(data: str, box_size: int = 10, border: int = 4, *, error_correction: str = "M") -> bytes:
    """A black-on-white PNG of the QR code of ``data``, ``box_size`` pixels per module.

    Written as a 1-bit greyscale PNG with the standard library, so the app needs no imaging
    library (the ``qrcode`` package's own PNG output would pull one in).
    """
    if box_size < 1:
        raise ValueError(f"box_size must be 1 or more, not {box_size}")
    matrix = qr_matrix(data, border=border, error_correction=error_correction)
    size = len(matrix) * box_size
    raw = bytearray()
    for row in matrix:
        bits = "".join(("0" if dark else "1") * box_size for dark in row)  # 1 = white in greyscale
        bits += "1" * (-len(bits) % 8)
        line = b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")  # filter type 0 (none)
        raw += line * box_size
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)  # 1-bit, greyscale, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _png_chunk(b"IEND", b"")
    )


def qr_terminal_text(data: str, *, border: int = 4, dark_terminal: bool = True) -> str:
    """The QR code drawn with half-block characters, two module rows per text line.

    On a dark terminal the *light* modules are drawn (in the light text colour) so the code reads
    as dark-on-light, which every phone scanner accepts; pass ``dark_terminal=False`` for a
    terminal with dark text on a light background. Used by the CLI for device enrolment.
    """
    matrix = qr_matrix(data, border=border)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    glyphs = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    lines = []
    for top, bottom in zip(matrix[0::2], matrix[1::2], strict=True):
        lines.append(
            "".join(glyphs[(t != dark_terminal, b != dark_terminal)] for t, b in zip(top, bottom, strict=True))
        )
    return "\n".join(lines) + "\n"
