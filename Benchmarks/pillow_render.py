"""Reference for the render benchmark: Pillow's ImageDraw.text on the same font, size, lines and
panel, in 1-bit mode (no anti-aliasing), each line drawn at its top (y = line × line height,
anchor "la": left, ascender), as lobbyd places them.

Arguments: FONT SIZE WIDTH HEIGHT LINE-HEIGHT OUT LINE...
Reads round sizes from stdin, one per line: for each, draws the page that many times and prints
the microseconds per page, so that the benchmark can alternate its rounds with ours (on a shared,
noisy machine both then see the same conditions). At the end of input, writes the picture to OUT
as packed rows (Pillow's mode "1" bytes: 8 dots per byte, first dot in the high bit, 1 = lit),
so that the benchmark can check both pictures are the same."""
import sys
import time

from PIL import Image, ImageDraw, ImageFont

font_path, size, width, height, line_height, out = sys.argv[1:7]
lines = sys.argv[7:]
font = ImageFont.truetype(font_path, int(size))
size = (int(width), int(height))
pitch = int(line_height)


def page():
    image = Image.new("1", size, 0)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"
    for number, line in enumerate(lines):
        draw.text((0, number * pitch), line, fill=1, font=font, anchor="la")
    return image


image = page()
print("ready", flush=True)
for request in sys.stdin:
    iterations = int(request)
    start = time.perf_counter()
    for _ in range(iterations):
        image = page()
    print(f"{(time.perf_counter() - start) / iterations * 1e6:.3f}", flush=True)
with open(out, "wb") as picture:
    picture.write(image.tobytes())
