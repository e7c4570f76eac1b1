"""A client's file name, made safe to show, to put in ``file_path`` and in a download's
``Content-Disposition``. The stored file never has it: storage keys are random."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_NAME = 200
_UNSAFE_IN_PATH = re.compile(r"[^A-Za-z0-9._()\- ]+")
_SPACES = re.compile(r"\s+")

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt", "rtf": ".rtf", "odt": ".odt"}


def display_name(raw: str | None, format_: str) -> str:
    """The name a person sees: the last path part of what the client sent, NFC, without
    control or bidi-override characters, at most ``MAX_NAME`` characters, ending in the
    extension of the format judged from the content (``cv.html`` holding text is saved as
    ``cv.html.txt``: a downloaded file never opens as something it is not); ``resume.<ext>``
    when nothing usable is left."""
    return _with_extension(_cleaned(raw), format_)


def _with_extension(name: str, format_: str) -> str:
    ext = EXTENSIONS.get(format_, "")
    if not name:
        return f"resume{ext}"
    if ext and not name.lower().endswith(ext):
        name = name[: MAX_NAME - len(ext)].rstrip(" .") + ext
    return name


def _cleaned(raw: str | None) -> str:
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _SPACES.sub(" ", name).strip(" .")
    if len(name) > MAX_NAME:
        _, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        name = name[: MAX_NAME - len(keep) - 1].rstrip() + (f".{keep}" if keep else "")
    return name


def path_name(display: str) -> str:
    """``display`` in ASCII letters, digits and ``._()-``: the last part of ``file_path``."""
    ascii_name = unicodedata.normalize("NFKD", display).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE_IN_PATH.sub("_", ascii_name).replace(" ", "_").strip("._")
    return cleaned[:MAX_NAME] or "file"


def content_disposition(display: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987)."""
    fallback = path_name(display).replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(display, safe='')}"
