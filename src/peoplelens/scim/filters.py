"""SCIM filter expressions (RFC 7644 §3.4.2.2) and attribute paths (§3.5.2), parsed into a
small tree: comparisons (``eq ne co sw ew gt ge lt le``), ``pr``, ``and``/``or``/``not``,
parentheses and value paths (``emails[type eq "work"]``). Attribute names are case-insensitive
and may carry their schema URN; :func:`attr_key` folds them to ``name.sub`` in lower case.

Any syntax error is a 400 ``invalidFilter`` (or ``invalidPath`` for a PATCH path).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

from peoplelens.scim.errors import ScimError

COMPARE_OPS: Final = frozenset({"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"})
_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<punct>[()\[\]])|(?P<word>[^\s()\[\]"]+))"""
)
_ATTR = re.compile(
    r"^(?:(?P<urn>urn:[A-Za-z0-9:._-]+):)?(?P<name>\$?[A-Za-z][\w$-]*)(?:\.(?P<sub>\$?[A-Za-z][\w$-]*))?$"
)
MAX_FILTER_LENGTH: Final = 2000


@dataclass(frozen=True, slots=True)
class Compare:
    attr: str  # "name.givenname" (lower case, no URN)
    op: str
    value: Any


@dataclass(frozen=True, slots=True)
class Present:
    attr: str


@dataclass(frozen=True, slots=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Not:
    inner: Node


@dataclass(frozen=True, slots=True)
class ValuePath:
    """``emails[type eq "work"]``: the inner filter's names are sub-attributes of ``attr``."""

    attr: str
    inner: Node


Node = Compare | Present | And | Or | Not | ValuePath


def attr_key(raw: str, *, scim_type: str = "invalidFilter") -> str:
    """``urn:…:User:name.givenName`` → ``name.givenname``."""
    match = _ATTR.match(raw)
    if match is None:
        raise ScimError(f"'{raw}' is not an attribute name.", code=scim_type)
    name = match["name"].lower()
    return f"{name}.{match['sub'].lower()}" if match["sub"] else name


def _tokens(text: str, scim_type: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ScimError(f"Cannot read the filter at '{text[pos : pos + 20]}'.", code=scim_type)
        kind = match.lastgroup or "word"
        out.append((kind, match[kind]))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str, scim_type: str) -> None:
        if len(text) > MAX_FILTER_LENGTH:
            raise ScimError(f"A filter has at most {MAX_FILTER_LENGTH} characters.", code=scim_type)
        self.scim_type = scim_type
        self.tokens = _tokens(text, scim_type)
        self.pos = 0

    def fail(self, why: str) -> ScimError:
        return ScimError(why, code=self.scim_type)

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise self.fail("The filter ends too early.")
        self.pos += 1
        return token

    def keyword(self, *words: str) -> str | None:
        token = self.peek()
        if token and token[0] == "word" and token[1].lower() in words:
            self.pos += 1
            return token[1].lower()
        return None

    def expect(self, punct: str) -> None:
        token = self.take()
        if token != ("punct", punct):
            raise self.fail(f"Expected '{punct}' in the filter, found '{token[1]}'.")

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek() is not None:
            raise self.fail(f"Unexpected '{self.peek()[1]}' in the filter.")  # type: ignore[index]
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.keyword("or"):
            node = Or(node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.keyword("and"):
            node = And(node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        if self.keyword("not"):
            self.expect("(")
            inner = self.or_expr()
            self.expect(")")
            return Not(inner)
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token == ("punct", "("):
            inner = self.or_expr()
            self.expect(")")
            return inner
        if token[0] != "word":
            raise self.fail(f"Expected an attribute name in the filter, found '{token[1]}'.")
        attr = attr_key(token[1], scim_type=self.scim_type)
        nxt = self.peek()
        if nxt == ("punct", "["):
            self.pos += 1
            inner = self.or_expr()
            self.expect("]")
            return ValuePath(attr, inner)
        op = self.keyword("pr", *COMPARE_OPS)
        if op is None:
            found = nxt[1] if nxt else "the end"
            raise self.fail(f"Expected an operator after '{token[1]}', found '{found}'.")
        if op == "pr":
            return Present(attr)
        return Compare(attr, op, self.value())

    def value(self) -> Any:
        kind, text = self.take()
        if kind == "str":
            try:
                decoded = json.loads(text)
            except ValueError:
                raise self.fail(f"{text} is not a valid string.") from None
            if "\x00" in decoded:
                raise self.fail("A filter value must not contain the NUL character.")
            return decoded
        if kind == "word":
            low = text.lower()
            if low in ("true", "false"):
                return low == "true"
            if low == "null":
                return None
            try:
                return json.loads(text)
            except ValueError:
                pass
        raise self.fail(f"'{text}' is not a value: quote strings (\"…\").")


def parse_filter(text: str) -> Node:
    return _Parser(text, "invalidFilter").parse()


@dataclass(frozen=True, slots=True)
class PatchPath:
    """``emails[type eq "work"].value`` → attr ``emails``, filter, sub ``value``."""

    attr: str
    filter: Node | None
    sub: str | None


_PATH = re.compile(r"^(?P<attr>[^\[\]]+?)(?:\[(?P<filter>.*)\](?:\.(?P<sub>[\w$-]+))?)?$", re.S)


def parse_path(text: str) -> PatchPath:
    match = _PATH.match(text.strip())
    if match is None:
        raise ScimError(f"'{text}' is not an attribute path.", code="invalidPath")
    attr = attr_key(match["attr"], scim_type="invalidPath")
    inner = match["filter"]
    node = _Parser(inner, "invalidPath").parse() if inner is not None else None
    sub = match["sub"].lower() if match["sub"] else None
    if node is not None and "." in attr:
        raise ScimError(
            f"'{text}': a value filter applies to a whole attribute.", code="invalidPath"
        )
    return PatchPath(attr, node, sub)


def _fold(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def matches(node: Node, item: dict[str, Any], case_exact: frozenset[str] = frozenset()) -> bool:
    """Evaluates ``node`` on a SCIM object (or a multi-valued attribute's element) whose keys
    are lower case; strings compare case-insensitively unless named in ``case_exact``."""
    if isinstance(node, And):
        return matches(node.left, item, case_exact) and matches(node.right, item, case_exact)
    if isinstance(node, Or):
        return matches(node.left, item, case_exact) or matches(node.right, item, case_exact)
    if isinstance(node, Not):
        return not matches(node.inner, item, case_exact)
    if isinstance(node, ValuePath):
        elements = item.get(node.attr) or []
        return any(matches(node.inner, e, case_exact) for e in elements if isinstance(e, dict))
    values = _values(item, node.attr)
    if isinstance(node, Present):
        return any(v not in (None, "", [], {}) for v in values)
    exact = node.attr in case_exact
    want = node.value if exact else _fold(node.value)
    return any(_compare(v if exact else _fold(v), node.op, want) for v in values)


def _values(item: dict[str, Any], attr: str) -> list[Any]:
    head, _, sub = attr.partition(".")
    value = item.get(head)
    items = value if isinstance(value, list) else [value]
    if not sub:
        # A multi-valued complex attribute compares by its "value" (emails eq "a@b").
        return [i.get("value") if isinstance(i, dict) else i for i in items]
    return [i.get(sub) for i in items if isinstance(i, dict)]


def _compare(have: Any, op: str, want: Any) -> bool:
    if op == "eq":
        return bool(have == want)
    if op == "ne":
        return bool(have != want)
    if have is None or want is None:
        return False
    if op in ("co", "sw", "ew"):
        if not isinstance(have, str) or not isinstance(want, str):
            return False
        return {"co": want in have, "sw": have.startswith(want), "ew": have.endswith(want)}[op]
    try:
        return bool(
            {"gt": have > want, "ge": have >= want, "lt": have < want, "le": have <= want}[op]
        )
    except TypeError:
        return False
