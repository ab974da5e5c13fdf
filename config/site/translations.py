"""The Spanish catalogue, kept in step with the code in pure Python (no GNU gettext).

Django's own ``makemessages`` and ``compilemessages`` run GNU gettext's programs, which
``make run`` must not need. Instead:

- `extract()` reads every translatable string from the sources as makemessages would:
  templates through Django's own `templatize` (which turns {% translate %},
  {% blocktranslate %} and ``_("…")`` into gettext calls), Python files through `ast`
  (gettext, gettext_lazy, ngettext, pgettext, ``_``… with literal arguments);
- `update_catalogue()` rewrites locale/<lang>/LC_MESSAGES/django.po to hold exactly those
  strings, keeping every translation already made (new ones are left empty);
- `compile_catalogue()` turns the .po into the .mo Django reads, with polib.

The admin keeps Django's own English: its templates (any ``admin`` folder) are not read.
`problems()` lists what keeps the catalogue from being complete; a test runs it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

LANGUAGE = "es"
DOMAIN = "django"
# Where the translatable strings live, from the project root.
PYTHON_PACKAGES = ("config", "clinics", "articles")
TEMPLATE_DIRS = ("templates", "clinics/templates", "articles/templates")
SKIPPED_DIRS = frozenset({"migrations", "admin", "__pycache__"})
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# Python calls that mark a string: name -> (has a context, has a plural).
MARKERS = {
    "gettext": (False, False),
    "gettext_lazy": (False, False),
    "gettext_noop": (False, False),
    "_": (False, False),
    "ngettext": (False, True),
    "ngettext_lazy": (False, True),
    "pgettext": (True, False),
    "pgettext_lazy": (True, False),
    "npgettext": (True, True),
    "npgettext_lazy": (True, True),
}

_STRING = r"""[rRuU]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
# What templatize writes: ` gettext('…') `, ` ngettext('…', '…', count) `, ` _("…") `.
_TEMPLATE_CALL = re.compile(
    r"(?<![\w.])(?P<name>n?p?gettext|_)\(\s*(?P<args>" + _STRING + r"(?:\s*,\s*" + _STRING + r")*)"
)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@dataclass
class Message:
    msgid: str
    context: str = ""
    plural: str = ""
    places: list[str] = field(default_factory=list)
    # Used both with and without a plural: gettext would miss the plural entry.
    mixed: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)


def root() -> Path:
    return Path(settings.BASE_DIR)


def catalogue_path(language: str = LANGUAGE) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _files(base: Path, top: str, suffixes: tuple[str, ...]) -> Iterator[Path]:
    start = base / top
    if not start.is_dir():
        return
    for path in sorted(start.rglob("*")):
        relative = path.relative_to(base)
        if path.suffix in suffixes and not SKIPPED_DIRS & set(relative.parts[:-1]):
            yield path


def _message(name: str, args: list[str]) -> Message | None:
    has_context, has_plural = MARKERS[name]
    needed = 1 + has_context + has_plural
    if len(args) < needed:
        return None
    context = args[0] if has_context else ""
    rest = args[1:] if has_context else args
    return Message(msgid=rest[0], context=context, plural=rest[1] if has_plural else "")


def python_messages(source: str) -> Iterator[tuple[int, Message]]:
    """(line, message) for each marked string with literal arguments in Python source."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in MARKERS:
            continue
        args = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            args.append(arg.value)
        if (message := _message(name, args)) is not None:
            yield node.lineno, message


def template_messages(source: str, origin: str = "") -> Iterator[tuple[int, Message]]:
    """(line, message) for each translatable string in a template, read as makemessages does."""
    text = templatize(source, origin=origin)
    for match in _TEMPLATE_CALL.finditer(text):
        args = [ast.literal_eval(part) for part in re.findall(_STRING, match["args"])]
        if (message := _message(match["name"], args)) is not None:
            yield text.count("\n", 0, match.start()) + 1, message


def extract(base: Path | None = None) -> dict[tuple[str, str], Message]:
    """Every translatable string of the project, by (context, msgid), in source order."""
    base = base or root()
    found: dict[tuple[str, str], Message] = {}

    def add(path: Path, messages: Iterable[tuple[int, Message]]) -> None:
        place = path.relative_to(base).as_posix()
        for _line, message in sorted(messages, key=lambda item: item[0]):
            known = found.setdefault(message.key, message)
            if bool(known.plural) != bool(message.plural):
                known.mixed = True
            known.plural = known.plural or message.plural
            if place not in known.places:
                known.places.append(place)

    for package in PYTHON_PACKAGES:
        for path in _files(base, package, (".py",)):
            add(path, python_messages(path.read_text(encoding="utf-8")))
    for top in TEMPLATE_DIRS:
        for path in _files(base, top, (".html", ".txt")):
            source = path.read_text(encoding="utf-8")
            add(path, template_messages(source, origin=str(path)))
    return found


# --- The .po and .mo files ----------------------------------------------------------------


def _polib():
    # A development tool (pinned in the dev extras): the site itself only reads the .mo.
    import polib

    return polib


HEADER = (
    "Spanish (as used in California, with usted) for the public site.\nREADME: English and Spanish."
)


def _new_catalogue(language: str):
    po = _polib().POFile(wrapwidth=100)
    po.header = HEADER
    po.metadata = {
        "Project-Id-Version": "sacramento-ketamine-directory",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return po


def load_catalogue(language: str = LANGUAGE):
    path = catalogue_path(language)
    if not path.exists():
        return _new_catalogue(language)
    return _polib().pofile(str(path), wrapwidth=100)


def _flags(message: Message) -> list[str]:
    text = message.msgid + message.plural
    return ["python-format"] if re.search(r"%\(\w+\)[sd]", text) else []


def update_catalogue(
    language: str = LANGUAGE, messages: dict[tuple[str, str], Message] | None = None
) -> dict[str, int]:
    """Make the .po hold exactly the strings in the sources (or `messages`), keeping
    existing translations. Returns how many entries were kept, added and dropped.
    """
    polib = _polib()
    old = load_catalogue(language)
    previous = {(entry.msgctxt or "", entry.msgid): entry for entry in old if not entry.obsolete}
    po = _new_catalogue(language)
    po.header = old.header or HEADER
    po.metadata.update({k: v for k, v in old.metadata.items() if k in ("Last-Translator",)})
    counts = {"kept": 0, "added": 0, "dropped": 0}
    messages = extract() if messages is None else messages
    for key, message in messages.items():
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.context or None,
            occurrences=[(place, "") for place in message.places],
            flags=_flags(message),
        )
        if message.plural:
            entry.msgid_plural = message.plural
            entry.msgstr_plural = {0: "", 1: ""}
        known = previous.get(key)
        if known is not None:
            counts["kept"] += 1
            entry.tcomment = known.tcomment
            if "fuzzy" in known.flags:
                entry.flags.append("fuzzy")
            if message.plural:
                entry.msgstr_plural = dict(known.msgstr_plural) or {0: known.msgstr, 1: ""}
            else:
                entry.msgstr = known.msgstr or (known.msgstr_plural or {}).get(0, "")
        else:
            counts["added"] += 1
        po.append(entry)
    counts["dropped"] = len(set(previous) - set(messages))
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return counts


def compiled(language: str = LANGUAGE) -> bytes:
    """The .mo that the .po compiles to."""
    return load_catalogue(language).to_binary()


def compile_catalogue(language: str = LANGUAGE) -> Path:
    path = catalogue_path(language).with_suffix(".mo")
    path.write_bytes(compiled(language))
    return path


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(language: str = LANGUAGE) -> list[str]:
    """What keeps the catalogue from matching the sources and being fully translated."""
    po = load_catalogue(language)
    entries = {(entry.msgctxt or "", entry.msgid): entry for entry in po if not entry.obsolete}
    messages = extract()
    found = []
    for message in messages.values():
        if message.mixed:
            found.append(f"used both with and without a plural: {message.msgid!r}")
    for key in messages.keys() - entries.keys():
        found.append(f"not in the catalogue (run update_translations): {key[1]!r}")
    for key in entries.keys() - messages.keys():
        found.append(f"in the catalogue but no longer in the sources: {key[1]!r}")
    for key, entry in entries.items():
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            translations = [entry.msgstr_plural.get(i, "") for i in (0, 1)]
            wanted = [_placeholders(entry.msgid), _placeholders(entry.msgid_plural)]
        else:
            translations, wanted = [entry.msgstr], [_placeholders(entry.msgid)]
        if not all(translations):
            found.append(f"untranslated: {entry.msgid!r}")
            continue
        for translation, places in zip(translations, wanted, strict=True):
            used = set(_placeholders(translation))
            # A plural form may leave out the count ("una clínica"), never add a name.
            fits = (
                used <= set(places) | set(wanted[-1])
                if entry.msgid_plural
                else (used == set(places))
            )
            if not fits:
                found.append(f"placeholders differ: {entry.msgid!r} -> {translation!r}")
        if key in messages and messages[key].plural != (entry.msgid_plural or ""):
            found.append(f"plural changed (run update_translations): {entry.msgid!r}")
    mo = catalogue_path(language).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != po.to_binary():
        found.append(f"{mo.name} is not the compiled {catalogue_path(language).name}")
    return sorted(found)
