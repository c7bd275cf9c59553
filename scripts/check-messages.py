"""Checks the translation catalogues in locale/ and locale_overrides/
(``make check-messages``).

Every ``.po`` file must compile with ``msgfmt --check`` (syntax, matching
format placeholders), and the committed ``.mo`` next to it must hold exactly
the translations of the ``.po``: the running platform reads only the ``.mo``,
so an edited but uncompiled ``.po`` would silently not apply. Fix with
``make messages`` and commit both files.
"""

import gettext
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Our own catalogue and the hand-kept overrides of third-party German (allauth).
LOCALE_DIRS = ("locale", "locale_overrides")


def catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def main() -> int:
    po_files = sorted(
        po for directory in LOCALE_DIRS for po in (ROOT / directory).glob("*/LC_MESSAGES/*.po")
    )
    if not po_files:
        print("check-messages: no catalogues in locale/ or locale_overrides/ yet, nothing to check")
        return 0
    problems = []
    for po in po_files:
        name = po.relative_to(ROOT)
        with tempfile.TemporaryDirectory() as tmp:
            compiled = Path(tmp) / "compiled.mo"
            result = subprocess.run(
                ["msgfmt", "--check", "-o", str(compiled), str(po)],
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                problems.append(f"{name}: msgfmt --check failed:\n{result.stderr.strip()}")
                continue
            mo = po.with_suffix(".mo")
            if not mo.exists():
                problems.append(f"{mo.relative_to(ROOT)} is missing")
            elif catalog(mo) != catalog(compiled):
                problems.append(f"{mo.relative_to(ROOT)} does not match {name}")
    for problem in problems:
        print(f"check-messages: {problem}", file=sys.stderr)
    if problems:
        print(
            "check-messages: run `make messages` and commit locale/ and locale_overrides/",
            file=sys.stderr,
        )
        return 1
    print(f"check-messages: {len(po_files)} catalogue(s) compile and match their .mo files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
