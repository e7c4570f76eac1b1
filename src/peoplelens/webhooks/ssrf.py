"""Where webhooks may go (SSRF guard).

Production accepts only ``https``. Every address the host resolves to must be public: no
private, loopback, link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast or
reserved ranges — checked when the URL is saved, and at every delivery on the addresses the
sender actually connects to (``sending.PublicOnlyResolver``): a name that resolved to a public
address at the check and to 169.254.169.254 a moment later (DNS rebinding) gets no connection.
``PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS=true`` lifts the address check (local
development, tests, receivers on a private network the operator trusts).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    pass


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        return [literal]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise UnsafeUrl(f"the host '{host}' does not resolve") from None
    return [ipaddress.ip_address(info[4][0]) for info in infos]


def is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


def check_url(url: str, *, https_only: bool, allow_private: bool, resolve: bool = True) -> None:
    """Refuses a URL webhooks may not go to. ``resolve=False`` (at delivery: the sender's
    resolver checks what it connects to) checks everything but the host name's addresses."""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        _ = parts.port  # raises for a port that is not a number in range
    except ValueError as exc:  # e.g. "https://[f0fD7]": not an IPv6 address (found by fuzzing)
        raise UnsafeUrl(f"the URL is malformed ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("the URL must start with https:// (or http:// outside production)")
    if https_only and parts.scheme != "https":
        raise UnsafeUrl("only https:// webhook URLs are accepted in production")
    if not hostname:
        raise UnsafeUrl("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeUrl("credentials in the URL are not accepted; use the signing secret")
    if allow_private:
        return
    try:
        literal = [ipaddress.ip_address(hostname.strip("[]"))]
    except ValueError:
        literal = []
    for addr in _addresses(hostname) if resolve else literal:
        if not is_public(addr):
            raise UnsafeUrl(
                f"the host resolves to {addr}, a private, loopback, link-local or reserved "
                "address; webhooks go to public addresses only"
            )
