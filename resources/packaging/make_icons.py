"""Draw memberpack's app icon (a briefing page with a bar chart) as PNG, ICO and ICNS.

Run by hand when the icon changes (needs Pillow): ``python resources/packaging/make_icons.py``.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "icons"
NAVY, WHITE, TEAL, AMBER = (31, 58, 96), (255, 255, 255), (0, 128, 128), (214, 137, 16)


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 64
    d.rounded_rectangle((2 * s, 2 * s, 62 * s, 62 * s), radius=12 * s, fill=NAVY)
    d.rounded_rectangle((14 * s, 9 * s, 50 * s, 55 * s), radius=3 * s, fill=WHITE)
    for i, (height, colour) in enumerate(((12, TEAL), (20, TEAL), (9, AMBER), (16, TEAL))):
        left = (19 + i * 7.5) * s
        d.rectangle((left, (49 - height) * s, left + 5 * s, 49 * s), fill=colour)
    for y in (14, 18):
        d.rectangle((19 * s, y * s, 45 * s, (y + 1.6) * s), fill=NAVY)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(OUT / "memberpack.png")
    big.save(OUT / "memberpack.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(OUT / "memberpack.icns")


if __name__ == "__main__":
    main()
