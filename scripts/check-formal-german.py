"""Checks that the German the platform shows addresses people formally ("Sie").

django-allauth's German catalogue says "du"; ``locale_overrides/de`` replaces
every such string with a formal one (``LOCALE_PATHS`` puts it first). This
script fails (exit 1) when

(a) an allauth msgid has an informal German msgstr and no translation in
    ``locale_overrides/de/LC_MESSAGES/django.po`` (typically after an allauth
    upgrade added or reworded a string), or
(b) a msgstr in ``locale_overrides/de`` or ``locale/de`` is itself informal.

It also warns (without failing) about overrides whose msgid allauth no longer
has, and about placeholders that differ between msgid and override.

    .venv/bin/python scripts/check-formal-german.py            # check
    .venv/bin/python scripts/check-formal-german.py --missing  # print stubs

``--missing`` prints the missing entries as .po stubs (allauth's informal text
as a comment) to paste into the override catalogue and translate; then run
``manage.py compilemessages -l de`` and ``scripts/check-messages.py``.
"""

import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "locale_overrides" / "de" / "LC_MESSAGES" / "django.po"
OWN = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"

# Informal pronouns and 2nd-person-singular verb forms: never right in the
# platform's German. (``dein`` only as a whole word, not ``deinstallieren``.)
INFORMAL_WORDS = re.compile(
    r"\b(?:du|dich|dir|dein(?:e|er|em|en|es|s)?|euch|euer|eure(?:m|n|r|s)?"
    r"|bist|hast|kannst|musst|möchtest|willst|solltest|wirst|darfst|erhältst"
    r"|sendest|hättest|würdest)\b",
    re.IGNORECASE,
)
# Informal imperatives ("Bitte gib ... ein", "Versuche es später"): lower case
# after "bitte"/"dann"/"und"/a comma, capitalised at the start of a sentence.
# Case-sensitive, so that nouns such as "Folge" or "Klick" do not count.
_IMPERATIVES = (
    "aktiviere|ändere|bestätige|deaktiviere|entferne|erstelle|folge|fordere|füge|gehe|gib"
    "|habe|klick|klicke|kontaktiere|kopiere|lass|lies|logge|melde|nutze|öffne|prüfe|rufe"
    "|scanne|schau|schicke|sende|sieh|speichere|trage|überprüfe|verwende|versuche|wähle"
    "|warte|wende"
)
INFORMAL_IMPERATIVE = re.compile(
    rf"(?:(?:\b[Bb]itte|\b[Dd]ann|\bund|,)\s+(?:{_IMPERATIVES})"
    rf"|(?:^|[.!?:>]\s*)(?:{_IMPERATIVES.title()}))\b"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def allauth_catalogue() -> Path:
    import allauth

    return Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


def msgstrs(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_informal(text: str) -> bool:
    return bool(INFORMAL_WORDS.search(text) or INFORMAL_IMPERATIVE.search(text))


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def live(entries: polib.POFile) -> list[polib.POEntry]:
    return [e for e in entries if not e.obsolete and "fuzzy" not in e.flags and e.msgid]


def informal_allauth_entries(allauth_po: Path | None = None) -> list[polib.POEntry]:
    """The allauth entries whose German translation addresses people informally."""
    catalogue = polib.pofile(str(allauth_po or allauth_catalogue()))
    return [e for e in live(catalogue) if any(is_informal(s) for s in msgstrs(e))]


def translated(entry: polib.POEntry) -> bool:
    return all(s.strip() for s in msgstrs(entry))


def find_problems(
    allauth_po: Path | None = None,
    overrides_po: Path = OVERRIDES,
    own_po: Path = OWN,
) -> tuple[list[str], list[str], list[polib.POEntry]]:
    """Returns (problems, warnings, informal allauth entries not overridden)."""
    problems: list[str] = []
    warnings: list[str] = []
    allauth_po = allauth_po or allauth_catalogue()
    allauth_keys = {key(e) for e in live(polib.pofile(str(allauth_po)))}
    overrides = polib.pofile(str(overrides_po)) if overrides_po.exists() else []
    overridden = {key(e): e for e in live(overrides) if translated(e)}

    missing = [e for e in informal_allauth_entries(allauth_po) if key(e) not in overridden]
    for entry in missing:
        context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
        problems.append(f"allauth's informal {entry.msgid!r}{context} is not overridden")

    for path in (overrides_po, own_po):
        if not path.exists():
            continue
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for entry in live(polib.pofile(str(path))):
            for text in msgstrs(entry):
                if is_informal(text):
                    problems.append(f"{name}: informal msgstr for {entry.msgid!r}: {text!r}")

    for entry in live(overrides):
        if key(entry) not in allauth_keys:
            warnings.append(f"override of {entry.msgid!r} is stale: allauth no longer has it")
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in msgstrs(entry):
            if text and sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append(
                    f"override of {entry.msgid!r}: placeholders {wanted} differ in {text!r}"
                )
    return problems, warnings, missing


def stub(entry: polib.POEntry) -> str:
    """A .po stub for ``entry`` to translate, allauth's text as a comment."""
    copy = polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr="",
        msgstr_plural=dict.fromkeys(entry.msgstr_plural, "") if entry.msgid_plural else {},
        flags=[f for f in entry.flags if f != "fuzzy"],
        tcomment="allauth: " + " | ".join(msgstrs(entry)),
    )
    return str(copy)


def main(argv: list[str]) -> int:
    problems, warnings, missing = find_problems()
    if "--missing" in argv:
        if missing:
            print("\n".join(stub(entry) for entry in missing))
            return 1
        print("check-formal-german: nothing missing", file=sys.stderr)
        return 0
    for warning in warnings:
        print(f"check-formal-german: warning: {warning}", file=sys.stderr)
    for problem in problems:
        print(f"check-formal-german: {problem}", file=sys.stderr)
    if problems:
        print(
            "check-formal-german: translate formally (Sie/Ihr/Ihnen) in "
            "locale_overrides/de/LC_MESSAGES/django.po (stubs: --missing), then run "
            "manage.py compilemessages -l de",
            file=sys.stderr,
        )
        return 1
    print("check-formal-german: no informal German left (allauth overridden, own catalogue formal)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
