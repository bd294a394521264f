"""Fail when a catalogue is incomplete, fuzzy, stale, or out of step with the code."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE_LANGUAGE = "en"


def catalogue_paths() -> dict[str, Path]:
    root = Path(settings.LOCALE_PATHS[0])
    return {
        code: root / code / "LC_MESSAGES" / "django.po"
        for code, _ in settings.LANGUAGES
    }


def catalogue_problems(language: str, po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{language}: fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"{language}: untranslated: {entry.msgid!r}")
    return problems


def source_msgids() -> set[str]:
    """Extract messages from a copy of the code; the real catalogues stay untouched."""
    package = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "kamrat"
        shutil.copytree(
            package,
            copy,
            ignore=shutil.ignore_patterns("locale", "__pycache__", "static", "tests"),
        )
        (copy / "locale").mkdir()
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                SOURCE_LANGUAGE,
                "--no-location",
                "--verbosity",
                "0",
            ],
            cwd=copy,
            env=env,
            check=True,
        )
        extracted = polib.pofile(
            str(copy / "locale" / SOURCE_LANGUAGE / "LC_MESSAGES" / "django.po")
        )
        return {entry.msgid for entry in extracted}


class Command(BaseCommand):
    help = "Check that the sv, da and en catalogues are complete and compiled."

    def add_arguments(self, parser):
        parser.add_argument(
            "--compile",
            action="store_true",
            help="Fill English from the source text and write the .mo files.",
        )
        parser.add_argument(
            "--skip-source",
            action="store_true",
            help="Do not compare against the code (needs GNU gettext).",
        )

    def handle(self, *args, **options) -> None:
        problems: list[str] = []
        wanted = set() if options["skip_source"] else source_msgids()
        for language, path in catalogue_paths().items():
            if not path.exists():
                problems.append(f"{language}: no catalogue at {path}")
                continue
            po = polib.pofile(str(path))
            if options["compile"] and language == SOURCE_LANGUAGE:
                for entry in po:
                    # English is the source: a guessed match is never better.
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                        entry.msgstr = ""
                        entry.msgstr_plural = {}
                        entry.previous_msgid = entry.previous_msgid_plural = None
                    if not entry.msgstr and not entry.msgid_plural:
                        entry.msgstr = entry.msgid
                    elif entry.msgid_plural and not any(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                po.save()
            problems += catalogue_problems(language, po)
            known = {entry.msgid for entry in po if not entry.obsolete}
            problems += [
                f"{language}: missing from catalogue: {m!r}"
                for m in sorted(wanted - known)
            ]
            mo_path = path.with_suffix(".mo")
            if options["compile"]:
                po.save_as_mofile(str(mo_path))
            elif not mo_path.exists() or mo_path.read_bytes() != _compiled(po):
                problems.append(
                    f"{language}: {mo_path.name} is stale; run make messages"
                )
        if problems:
            raise CommandError("Translations are not complete:\n" + "\n".join(problems))
        self.stdout.write("Translations complete: " + ", ".join(catalogue_paths()))


def _compiled(po: polib.POFile) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".mo") as tmp:
        po.save_as_mofile(tmp.name)
        return Path(tmp.name).read_bytes()
