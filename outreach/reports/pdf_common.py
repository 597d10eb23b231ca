"""What every Outreach PDF shares: a font that has Vietnamese letters, styles, page furniture
(header, "Trang 2/5" footer) and a QR code drawn as vectors.

reportlab rather than Qt's QPdfWriter, so reports are produced the same way by the CLI, the
server and tests, none of which load Qt (DESIGN.md §2 allows either).

Fonts: the 14 standard PDF fonts have no Vietnamese letters (ă, ơ, ư, đ and the stacked tone
marks), so a TrueType font is embedded (subset). It is looked up among fonts that ship with the
usual systems — DejaVu Sans (Linux), Arial (Windows, macOS), Noto Sans, Liberation Sans — or
``OUTREACH_PDF_FONT`` (a regular .ttf; its bold sibling is used if found next to it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from outreach.errors import OutreachError
from outreach.qr_image import qr_matrix

FONT = "OutreachSans"
FONT_BOLD = "OutreachSans-Bold"

_FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)


class FontMissing(OutreachError):
    code = "pdf_font_missing"


def _bold_sibling(regular: Path) -> Path:
    for name in (regular.stem + "-Bold", regular.stem + "bd", regular.stem.replace("Regular", "Bold")):
        candidate = regular.with_name(name + regular.suffix)
        if candidate.exists():
            return candidate
    return regular


def register_fonts() -> None:
    """Register the Vietnamese-capable font once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    choices: list[tuple[Path, Path]] = []
    override = os.environ.get("OUTREACH_PDF_FONT")
    if override:
        choices.append((Path(override), _bold_sibling(Path(override))))
    choices += [(Path(r), Path(b)) for r, b in _FONT_CANDIDATES]
    for regular, bold in choices:
        if regular.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold if bold.exists() else regular)))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
            return
    raise FontMissing(
        "Không tìm thấy phông chữ có dấu tiếng Việt để tạo PDF (DejaVu Sans, Arial, Noto Sans). "
        "Hãy cài một phông này hoặc đặt biến OUTREACH_PDF_FONT trỏ tới tệp .ttf.",
        "No font with Vietnamese letters was found for the PDF (DejaVu Sans, Arial, Noto Sans). "
        "Install one, or set OUTREACH_PDF_FONT to a .ttf file.",
    )


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_right: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
        h2=ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#404040")),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        cell_bold_right=ParagraphStyle("cell_bold_right", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
    )


def format_int(value: int) -> str:
    """1.234 — Vietnamese thousands separator."""
    return f"{value:,}".replace(",", ".")


def format_share(value: float | None) -> str:
    """66,7 % — Vietnamese decimal comma; "–" when there was nothing to divide."""
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def format_float(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


class NumberedCanvas(Canvas):
    """A canvas that knows the page count when it draws footers ("Trang 2/5").

    Pages are kept until ``save`` so the total is known; ``furniture(canvas, page, total)`` set
    by the caller draws header and footer on each.
    """

    furniture: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's private page reset (the "page N of M" recipe); not in types-reportlab

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            if self.furniture is not None:
                self.furniture(self, number, total)
            super().showPage()
        super().save()


def numbered_canvas(furniture: Any) -> type[NumberedCanvas]:
    """A canvas class whose pages get ``furniture(canvas, page, total)``."""
    return type("FurnishedCanvas", (NumberedCanvas,), {"furniture": staticmethod(furniture)})


class QrFlowable(Flowable):
    """A QR code drawn as vector squares from ``outreach.qr_image.qr_matrix``: sharp at any print
    size and scannable from a photocopy, with no image library involved."""

    def __init__(self, data: str, size: float = 30 * mm) -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.matrix = qr_matrix(data, border=4)
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.matrix, 0, 0, self.size)


def draw_qr(canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float) -> None:
    n = len(matrix)
    module = size / n
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                # one rectangle per run of dark modules, slightly overlapping so no hairline gaps
                path.rect(x + start * module, y + size - (r + 1) * module, (c - start) * module, module * 1.02)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def write_atomically(path: Path, build: Any) -> Path:
    """Run ``build(tmp_path)`` then move the file into place: no half-written PDF on failure."""
    tmp = path.with_name(path.name + ".part")
    try:
        build(tmp)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
