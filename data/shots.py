"""The demo's papers as pictures for docs/shots/: `python -m data.shots [docs/shots]`.

Runs the demo morning (data/demo_day.py), writes the report workbook, the Word
biên bản, the sign-in sheet and the ký nhận list through the CLI, renders them
with LibreOffice to PDF and each page to PNG (poppler's pdftoppm), so what is
in the repository is what LibreOffice shows. Needs soffice and pdftoppm.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PAPERS = {  # file written → CLI arguments after the folder
    "bao-cao.xlsx": ("report", "--out"),
    "bien-ban.docx": ("minutes", "--out"),
    "danh-sach-ky-ten.xlsx": ("paper", "signin", "--out"),
    "danh-sach-ky-nhan.xlsx": ("paper", "receipts", "--out"),
}


def main(argv: list[str]) -> int:
    from console.cli import main as cli
    from data.demo_day import main as demo_day

    out = Path(argv[0] if argv else "docs/shots")
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            print(f"Thiếu {tool}: cài LibreOffice và poppler-utils rồi chạy lại.", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        demo_day([str(base / "su-kien")])
        for name, args in PAPERS.items():
            code = cli([args[0], str(base / "su-kien"), *args[1:], str(base / name)])
            if code:
                return code
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(base),
                        *(str(base / n) for n in PAPERS)], check=True, capture_output=True, timeout=300)
        for old in out.glob("paper-*.png"):
            old.unlink()
        for name in PAPERS:
            stem = Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(base / f"{stem}.pdf"), str(out / f"paper-{stem}")],
                           check=True, timeout=300)
    for png in out.glob("paper-*.png"):
        png.chmod(0o644)
    print(f"Đã ghi {len(list(out.glob('paper-*.png')))} ảnh trang vào {out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
