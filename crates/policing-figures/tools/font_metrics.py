#!/usr/bin/env python3
"""Prints the advance-width table of `src/text.rs` (thousandths of an em).

Each printable ASCII character (32 to 126) gets the larger of its advance in
DejaVu Sans and in Liberation Sans (metric-compatible with Arial and Helvetica),
the faces the figures ask for first, so that a box measured with the table holds
the text in any of them. Run with fontTools installed (`pip install fonttools`):

    python3 tools/font_metrics.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
        /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf
"""
import math
import sys

from fontTools.ttLib import TTFont

fonts = [TTFont(p) for p in sys.argv[1:]]
widths = []
for c in range(32, 127):
    w = 0
    for f in fonts:
        upm = f["head"].unitsPerEm
        glyph = f.getBestCmap()[c]
        w = max(w, math.ceil(f["hmtx"][glyph][0] * 1000 / upm))
    widths.append(w)
asc = max(math.ceil(f["hhea"].ascent * 1000 / f["head"].unitsPerEm) for f in fonts)
desc = max(math.ceil(-f["hhea"].descent * 1000 / f["head"].unitsPerEm) for f in fonts)
print(f"// ascent {asc}, descent {desc}")
for i in range(0, len(widths), 16):
    print("    " + ", ".join(str(w) for w in widths[i : i + 16]) + ",")
