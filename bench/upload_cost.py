"""What one large PNG upload costs a worker: time and peak memory.

    .venv/bin/python bench/upload_cost.py [--megapixels 40] [--runs 1]

Builds a PNG of the given size that stays under the 15 MB upload cap (a
gradient with structure, like a screenshot or a chart: what PNG uploads
are), then, in a fresh subprocess per run so peak RSS is that of one
upload, runs what the admin does on save: pressroom.imaging.clean_upload
(validate, decode, re-encode) and imaging.renditions (the scaled copies).
Prints seconds and peak RSS (MiB) for each step and the encoded size.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_png(path: Path, megapixels: float) -> None:
    from PIL import Image, ImageDraw

    width = int((megapixels * 1_000_000 * 4 / 3) ** 0.5)
    height = int(megapixels * 1_000_000 / width)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for n in range(0, width, 97):  # lines and boxes: a chart, not a flat fill
        draw.line([(n, 0), (width - n, height)], fill=(n % 255, 80, 160), width=3)
    for n in range(0, height, 211):
        draw.rectangle([n, n, n + 150, n + 90], outline=(200, n % 255, 40), width=4)
    image.save(path, "PNG")


def measure(path: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter_site.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pressroom import imaging

    data = Path(path).read_bytes()
    started = time.perf_counter()
    clean = imaging.clean_upload(SimpleUploadedFile("gross.png", data, "image/png"))
    cleaned = time.perf_counter()
    content = clean.file.read()
    imaging.renditions(content)
    done = time.perf_counter()
    return {
        "pixels": clean.width * clean.height,
        "upload_bytes": len(data),
        "stored_bytes": len(content),
        "clean_upload_s": round(cleaned - started, 2),
        "renditions_s": round(done - cleaned, 2),
        "total_s": round(done - started, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megapixels", type=float, default=40)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "gross.png"
        make_png(png, args.megapixels)
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(png)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            print(out.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
