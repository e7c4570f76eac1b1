"""PATCH (RFC 7644 §3.5.2) applied to a resource's SCIM document: ``add``, ``replace`` and
``remove`` (op names in any case, as Entra ID capitalises them), with a path — ``active``,
``name.givenName``, ``emails[type eq "work"].value``, ``members[value eq "…"]`` — or without
one, whose value is an object of attributes (Entra ID's ``{"op": "Replace", "value":
{"active": false}}``). The service maps the patched document back to our fields."""

from __future__ import annotations

from typing import Any

from peoplelens.scim import filters as f
from peoplelens.scim.errors import ScimError
from peoplelens.scim.schemas import Attr, attribute

# Derived from other attributes: a write to them is accepted and has no effect (Entra ID
# sends displayName with every change).
DERIVED = frozenset({"displayname"})
OPS = frozenset({"add", "replace", "remove"})
# Read-only attributes a client may echo in a path-less value: skipped, not refused.
_ECHOED = frozenset({"id", "meta", "schemas"})
# Attributes of RFC 7643's User that PeopleLens does not keep, and every extension schema
# (Entra ID's default mappings send the enterprise extension's department, manager… and
# phoneNumbers with every update): accepted and ignored, as POST and PUT ignore them.
IGNORED = frozenset(
    {
        "nickname",
        "profileurl",
        "usertype",
        "preferredlanguage",
        "locale",
        "timezone",
        "phonenumbers",
        "addresses",
        "ims",
        "photos",
        "entitlements",
        "roles",
        "x509certificates",
        "password",
    }
)
_EXTENSION = "urn:ietf:params:scim:schemas:extension:"


def _ignored(path: str) -> bool:
    """An extension schema's attribute (or the extension itself), or a User attribute we do
    not keep."""
    lowered = path.strip().lower()
    if lowered.startswith(_EXTENSION):
        return True
    head = lowered.split("[", 1)[0].split(".", 1)[0]
    return head in IGNORED


def _lower_keys(item: Any) -> Any:
    return {k.lower(): v for k, v in item.items()} if isinstance(item, dict) else item


def _canonical(attr: Attr, value: Any) -> Any:
    """A complex value's keys in the schema's spelling; unknown and read-only ones dropped."""
    if not attr.sub or not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        child = attr.child(str(key).lower())
        if child is not None and child.mutability != "readOnly":
            out[child.name] = item
    return out


def _seed(node: f.Node) -> dict[str, Any]:
    """The element an ``add``/``replace`` through an unmatched value filter creates:
    ``emails[type eq "work"].value`` → ``{"type": "work", "value": …}``."""
    if isinstance(node, f.Compare) and node.op == "eq":
        return {node.attr: node.value}
    if isinstance(node, f.And):
        return {**_seed(node.left), **_seed(node.right)}
    return {}


def apply(doc: dict[str, Any], body: Any, attrs: tuple[Attr, ...]) -> set[str]:
    """Applies the PatchOp ``body`` to ``doc``; the names (schema spelling) it touched."""
    if not isinstance(body, dict) or not isinstance(body.get("Operations"), list):
        raise ScimError(
            "A PATCH body is a PatchOp with a list of 'Operations'.", code="invalidSyntax"
        )
    touched: set[str] = set()
    for operation in body["Operations"]:
        if not isinstance(operation, dict):
            raise ScimError("Each operation is an object.", code="invalidSyntax")
        op = str(operation.get("op", "")).lower()
        if op not in OPS:
            raise ScimError(
                f"'{operation.get('op')}' is not a PATCH operation: use add, replace or remove.",
                code="invalidSyntax",
            )
        path = operation.get("path")
        value = operation.get("value")
        if path is None or path == "":
            if op == "remove":
                raise ScimError("A remove operation needs a 'path'.", code="noTarget")
            if not isinstance(value, dict):
                raise ScimError(
                    "An operation without a 'path' takes an object of attributes as its value.",
                    code="invalidSyntax",
                )
            for key, item in value.items():
                if str(key).lower() in _ECHOED or _ignored(str(key)):
                    continue  # Okta echoes the group's id in a path-less replace
                touched |= _apply(doc, f.parse_path(str(key)), op, item, attrs)
            continue
        if not isinstance(path, str):
            raise ScimError("'path' is a string.", code="invalidPath")
        if _ignored(path):
            continue
        touched |= _apply(doc, f.parse_path(path), op, value, attrs)
    return touched


def _apply(
    doc: dict[str, Any], path: f.PatchPath, op: str, value: Any, attrs: tuple[Attr, ...]
) -> set[str]:
    head, _, dotted = path.attr.partition(".")
    attr = attribute(attrs, head)
    if attr is None:
        raise ScimError(f"There is no attribute '{head}' here.", code="invalidPath")
    if attr.mutability == "readOnly" and head in DERIVED:
        return set()
    if attr.mutability == "readOnly":
        raise ScimError(f"'{attr.name}' is read-only.", code="mutability")
    sub_key = dotted or path.sub
    sub: Attr | None = None
    if sub_key:
        sub = attr.child(sub_key)
        if sub is None:
            raise ScimError(f"'{attr.name}' has no sub-attribute '{sub_key}'.", code="invalidPath")
        if sub.mutability == "readOnly":
            return set()
    if op != "remove" and value is None:
        raise ScimError(f"'{op}' on '{attr.name}' needs a value.", code="invalidValue")
    name = attr.name
    if attr.multi:
        _multi(doc, attr, path.filter, sub, op, value)
    elif sub is not None:
        current = doc.get(name) if isinstance(doc.get(name), dict) else {}
        current = dict(current or {})
        if op == "remove":
            current.pop(sub.name, None)
        else:
            current[sub.name] = value
        doc[name] = current
    elif op == "remove":
        if attr.required:
            raise ScimError(f"'{name}' is required: replace it instead.", code="mutability")
        doc.pop(name, None)
    elif attr.sub:
        if not isinstance(value, dict):
            raise ScimError(f"'{name}' takes an object.", code="invalidValue")
        merged = dict(doc.get(name) or {}) if op == "add" or op == "replace" else {}
        merged.update(_canonical(attr, value))
        doc[name] = merged
    else:
        doc[name] = value
    return {name}


def _multi(
    doc: dict[str, Any],
    attr: Attr,
    node: f.Node | None,
    sub: Attr | None,
    op: str,
    value: Any,
) -> None:
    name = attr.name
    elements: list[Any] = list(doc.get(name) or [])
    if node is not None:
        hit = [f.matches(node, _lower_keys(e)) for e in elements]
        if op == "remove":
            if sub is None:
                elements = [e for e, h in zip(elements, hit, strict=True) if not h]
            else:
                for e, h in zip(elements, hit, strict=True):
                    if h and isinstance(e, dict):
                        e.pop(sub.name, None)
        elif not any(hit):
            seed = _canonical(attr, {**_seed(node)})
            seed.update({sub.name: value} if sub else _canonical(attr, value))
            elements.append(seed)
        else:
            for i, h in enumerate(hit):
                if h:
                    if sub is not None:
                        elements[i] = {**elements[i], sub.name: value}
                    else:
                        elements[i] = {**elements[i], **_canonical(attr, value)}
    elif sub is not None:
        for i, e in enumerate(elements):
            if isinstance(e, dict):
                rest = {k: v for k, v in e.items() if k != sub.name}
                elements[i] = rest if op == "remove" else {**rest, sub.name: value}
    elif op == "remove":
        # Entra ID removes members as {"op": "Remove", "path": "members", "value": [{"value":
        # "<id>"}]}: only those; without a value, all of them (RFC 7644 §3.5.2.2).
        given = value if isinstance(value, list) else [value] if value is not None else []
        drop = {str(_lower_keys(v).get("value")) for v in given if isinstance(v, dict)}
        elements = (
            [e for e in elements if str(_lower_keys(e).get("value")) not in drop] if drop else []
        )
    else:
        given = value if isinstance(value, list) else [value]
        new = [_canonical(attr, v) for v in given]
        if op == "replace":
            elements = new
        else:
            seen = {str(_lower_keys(e).get("value")) for e in elements if isinstance(e, dict)}
            elements += [v for v in new if str(_lower_keys(v).get("value")) not in seen]
    if elements:
        doc[name] = elements
    else:
        doc.pop(name, None)
