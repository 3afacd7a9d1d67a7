"""Rewrites a CFF-flavoured OpenType font (cubic outlines, .otf) with TrueType outlines (quadratic,
.ttf). Dear ImGui rasterises its font atlas with stb_truetype when the page starts; with TrueType
outlines that takes about a third fewer instructions than with CFF charstrings (callgrind, the
app's three Inter fonts), for a few kilobytes more to download. Used by the build (CMakeLists.txt)
on fonts it has just subset.

    python3 tools/otf_to_ttf.py IN.otf OUT.ttf
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERROR = 1.0  # font units (Inter has 2816 per em): far below a pixel at any size the app uses


def convert(source: str, target: str) -> None:
    font = TTFont(source)
    if "CFF " not in font:
        raise SystemExit(f"{source}: has no CFF outlines to convert")
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # TrueType contours run the other way round from PostScript ones.
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].glyphDataFormat = 0
    maxp = newTable("maxp")  # version 1.0, the one TrueType outlines need; compiled from glyf
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names: nothing reads them
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    convert(sys.argv[1], sys.argv[2])
