"""Reference for the render benchmark: Pillow's ImageDraw.text on the same font, size, text and
panel, in 1-bit mode (no anti-aliasing). Prints microseconds per page (median of rounds)."""
import statistics
import sys
import time

from PIL import Image, ImageDraw, ImageFont

font_path, size, width, height, text, iterations = sys.argv[1:7]
font = ImageFont.truetype(font_path, int(size))
rounds = []
for _ in range(5):
    start = time.perf_counter()
    for _ in range(int(iterations)):
        image = Image.new("1", (int(width), int(height)), 0)
        draw = ImageDraw.Draw(image)
        draw.fontmode = "1"
        draw.multiline_text((0, 0), text, fill=1, font=font, spacing=0)
    rounds.append((time.perf_counter() - start) / int(iterations) * 1e6)
print(f"{statistics.median(rounds):.3f}")
