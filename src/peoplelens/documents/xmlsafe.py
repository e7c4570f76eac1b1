"""XML from uploaded packages (DOCX, ODT), read as a stream of events by expat with every DTD
refused.

Office XML never carries a document type declaration, so a part that declares one (or an
entity) is refused outright: no entity is ever expanded (billion laughs, quadratic blow-up) and
nothing external is ever fetched. Events go to a handler instead of a tree, so a large
``document.xml`` costs the text it holds, not a tree of every element. The standard library's
expat is used rather than lxml: it is typed, and with DTDs refused it needs no further defence
(defusedxml is not installed; lxml comes only as python-docx's dependency).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NoReturn, Protocol
from xml.parsers import expat

CHUNK = 64 * 1024


class XMLRefused(ValueError):
    """Not well-formed, or declares a DTD or an entity."""


class Source(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Handler(Protocol):
    def start(self, tag: str, attrs: dict[str, str], /) -> object: ...

    def end(self, tag: str, /) -> object: ...

    def data(self, text: str, /) -> object: ...


def _qualified(name: str) -> str:
    # expat with a separator reports "uri}local"; ElementTree's spelling is "{uri}local".
    return "{" + name if "}" in name else name


def _refuse(*_: object) -> NoReturn:
    raise XMLRefused("the XML declares a DTD or an entity")


def feed(source: Source | bytes, handler: Handler) -> None:
    """Parse ``source`` into ``handler``'s start/end/data calls; raises :class:`XMLRefused`."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = lambda name, attrs: handler.start(
        _qualified(name), {_qualified(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: handler.end(_qualified(name))
    parser.CharacterDataHandler = handler.data
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        if isinstance(source, bytes):
            parser.Parse(source, True)
            return
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise XMLRefused(f"the XML is not well-formed ({exc})") from exc


def tree(source: Source | bytes) -> ET.Element:
    """A small part (content types, relationships, manifest) as an ElementTree element."""
    builder = ET.TreeBuilder()
    feed(source, builder)
    return builder.close()
