"""Draws Ties' icon: two overlapping rings, a tie between two people, on a violet tile.

The build runs this to write the favicon (SVG) and the web app manifest's PNG icons, so no binary
image is committed and the vector and raster versions cannot drift apart. Pure Python (zlib only):
each pixel's coverage comes from signed distances, which gives clean anti-aliased edges.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

# Geometry on a 512-unit tile.
CORNER = 112
RINGS = [((200, 256), 100, 1.0), ((312, 256), 100, 0.75)]  # centre, radius, opacity
STROKE = 36
TOP, BOTTOM = (0x63, 0x66, 0xF1), (0x8B, 0x5C, 0xF6)      # gradient, top-left to bottom-right


def svg() -> str:
    rings = "".join(
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#fff" stroke-opacity="{a}" '
        f'stroke-width="{STROKE}"/>' for (cx, cy), r, a in RINGS)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
            '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
            f'<stop offset="0" stop-color="#{bytes(TOP).hex()}"/>'
            f'<stop offset="1" stop-color="#{bytes(BOTTOM).hex()}"/></linearGradient></defs>'
            f'<rect width="512" height="512" rx="{CORNER}" fill="url(#g)"/>{rings}</svg>\n')


def coverage(distance: float, pixel: float) -> float:
    """Fraction of a pixel inside a shape, given the signed distance (negative inside)."""
    return min(1.0, max(0.0, 0.5 - distance / pixel))


def rounded_rect_distance(x: float, y: float) -> float:
    qx = abs(x - 256) - (256 - CORNER)
    qy = abs(y - 256) - (256 - CORNER)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - CORNER


def png(size: int) -> bytes:
    unit = 512 / size
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        y = (j + 0.5) * unit
        for i in range(size):
            x = (i + 0.5) * unit
            alpha = coverage(rounded_rect_distance(x, y), unit)
            t = (x + y) / 1024
            color = [TOP[k] + (BOTTOM[k] - TOP[k]) * t for k in range(3)]
            for (cx, cy), r, opacity in RINGS:
                ring = coverage(abs(math.hypot(x - cx, y - cy) - r) - STROKE / 2, unit) * opacity
                color = [c + (255 - c) * ring for c in color]
            rows += bytes(round(c) for c in color) + bytes([round(alpha * 255)])

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def write_all(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "icon.svg").write_text(svg())
    names = ["icon.svg"]
    for size in (180, 192, 512):
        name = f"icon-{size}.png"
        (out / name).write_bytes(png(size))
        names.append(name)
    return names


if __name__ == "__main__":
    print("\n".join(write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "."))))
