"""Draw the application icon once: ``resources/icons/outreach.png`` (256 px) and ``outreach.ico``.

The icon is a white house with a check mark on the red of the ward's signage: "we came to your
home and it got done". It is drawn here rather than kept as a design file so that anyone can
change it and regenerate both files (``.venv/bin/python scripts/make_icon.py``); the outputs
are committed, the window uses the PNG and the Windows bundle the ICO (build.spec).
Pillow comes with reportlab, so nothing extra is installed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
RED = (200, 16, 46, 255)
GOLD = (255, 205, 0, 255)
WHITE = (255, 255, 255, 255)
#: Drawn large and scaled down, which anti-aliases the edges.
CANVAS = 1024
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = CANVAS) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 1024
    d.rounded_rectangle((32 * s, 32 * s, 992 * s, 992 * s), radius=190 * s, fill=RED)
    # the house: a roof triangle over a body, in white
    d.polygon([(512 * s, 170 * s), (850 * s, 470 * s), (174 * s, 470 * s)], fill=WHITE)
    d.rectangle((250 * s, 440 * s, 774 * s, 830 * s), fill=WHITE)
    # the check mark, in gold with a red outline so it reads at 16 px
    check = [(340 * s, 620 * s), (470 * s, 740 * s), (700 * s, 500 * s)]
    d.line(check, fill=RED, width=int(120 * s), joint="curve")
    d.line(check, fill=GOLD, width=int(74 * s), joint="curve")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "outreach.png", optimize=True)
    big.save(OUT / "outreach.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'outreach.png'} and {OUT / 'outreach.ico'}")


if __name__ == "__main__":
    main()
