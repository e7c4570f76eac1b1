"""The OpenID Connect relying party: discovery, the authorization request (code + PKCE S256),
the code exchange, the ID token's checks and the userinfo call.

Every back-channel call goes out with httpx, a short timeout and no redirects followed. The
discovery document and the key set are cached briefly per process (a provider's keys rotate
rarely; an ID token signed with a key we do not know yet makes us fetch the set once more).
The ID token is checked with joserfc against the provider's JWKS: signature (asymmetric
algorithms only — never ``none``, never an HMAC keyed by the client secret), ``iss``, ``aud``
(our client id), ``azp`` when present (and required with several audiences), ``exp``/``iat``
with a minute of leeway, ``sub`` and the ``nonce`` of this round trip.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, urlencode, urlsplit

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

log = logging.getLogger("peoplelens.sso")

TIMEOUT: Final = httpx.Timeout(5.0)
CACHE_SECONDS: Final = 300.0
# An unknown key id refetches the set, but not more often than this (a forged token must not
# make us hammer the provider).
JWKS_REFRESH_SECONDS: Final = 10.0
LEEWAY_SECONDS: Final = 60
SCOPE: Final = "openid email profile"
ASYMMETRIC: Final = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
# The token endpoint's client authentication methods we speak (names, not secrets).
BASIC: Final = "client_secret_basic"
POST: Final = "client_secret_post"
_LOOPBACK_NAMES: Final = frozenset({"localhost", "127.0.0.1", "::1"})


class ProviderUnavailable(Exception):
    """The provider could not be reached, or answered something that is not OpenID Connect."""


class SignInRejected(Exception):
    """The provider's answer does not sign anyone in; ``reason`` is the audit's code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Discovery:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    # How we authenticate at the token endpoint: client_secret_basic (the default of the
    # spec) when offered, else client_secret_post.
    token_auth: str
    algorithms: tuple[str, ...]


def issuer_problem(issuer: str, *, allow_http_loopback: bool) -> str | None:
    """Why ``issuer`` cannot be an issuer URL, or None. https only; http just for a provider
    on this machine (127.0.0.1, localhost, ::1) where the operator allows it."""
    try:
        parts = urlsplit(issuer)
        host = (parts.hostname or "").lower()
        _ = parts.port
    except ValueError:
        return "The issuer is not a valid URL."
    if parts.query or parts.fragment or parts.username or parts.password:
        return "The issuer URL must not carry a query, a fragment or credentials."
    if not host:
        return "The issuer URL has no host."
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and _is_loopback(host):
        if allow_http_loopback:
            return None
        return (
            "An http:// issuer is accepted only for a provider on this machine and outside "
            "production (or with PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS=true); use https://."
        )
    return "The issuer must be an https:// URL."


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _endpoint(url: object, name: str, *, https: bool) -> str:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ProviderUnavailable(f"The discovery document has no valid '{name}'.")
    if https and not url.startswith("https://"):
        raise ProviderUnavailable(f"The discovery document's '{name}' is not https.")
    return url


def parse_discovery(doc: object, issuer: str) -> Discovery:
    """The parts of a discovery document we use, checked (OpenID Connect Discovery §4.3: its
    ``issuer`` must be exactly the one we asked)."""
    if not isinstance(doc, Mapping):
        raise ProviderUnavailable("The discovery document is not a JSON object.")
    if doc.get("issuer") != issuer:
        raise ProviderUnavailable(
            "The discovery document names another issuer than the one configured "
            f"(it says {str(doc.get('issuer'))[:200]!r}); copy the issuer exactly."
        )
    https = issuer.startswith("https://")
    authorization = _endpoint(
        doc.get("authorization_endpoint"), "authorization_endpoint", https=https
    )
    token = _endpoint(doc.get("token_endpoint"), "token_endpoint", https=https)
    jwks_uri = _endpoint(doc.get("jwks_uri"), "jwks_uri", https=https)
    userinfo = doc.get("userinfo_endpoint")
    userinfo_url = _endpoint(userinfo, "userinfo_endpoint", https=https) if userinfo else None
    response_types = doc.get("response_types_supported") or ["code"]
    if "code" not in response_types:
        raise ProviderUnavailable("The provider does not offer the authorization code flow.")
    methods = doc.get("code_challenge_methods_supported")
    if methods is not None and "S256" not in methods:
        raise ProviderUnavailable("The provider does not offer PKCE with S256.")
    auth_methods = doc.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if BASIC in auth_methods:
        token_auth = BASIC
    elif POST in auth_methods:
        token_auth = POST
    else:
        raise ProviderUnavailable(
            "The provider accepts neither client_secret_basic nor client_secret_post at its "
            "token endpoint."
        )
    offered = doc.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = tuple(a for a in offered if a in ASYMMETRIC)
    if not algorithms:
        raise ProviderUnavailable("The provider signs ID tokens with no algorithm we accept.")
    return Discovery(
        issuer=issuer,
        authorization_endpoint=authorization,
        token_endpoint=token,
        jwks_uri=jwks_uri,
        userinfo_endpoint=userinfo_url,
        token_auth=token_auth,
        algorithms=algorithms,
    )


def new_verifier() -> str:
    """A PKCE code verifier (RFC 7636: 43–128 characters of the unreserved set)."""
    return secrets.token_urlsafe(48)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(
    disc: Discovery, *, client_id: str, redirect_uri: str, state: str, nonce: str, verifier: str
) -> str:
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": SCOPE,
            "state": state,
            "nonce": nonce,
            "code_challenge": code_challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    joiner = "&" if "?" in disc.authorization_endpoint else "?"
    return disc.authorization_endpoint + joiner + query


def _basic(client_id: str, secret: str) -> str:
    # RFC 6749 §2.3.1: each part form-encoded before the base64.
    raw = f"{quote(client_id, safe='')}:{quote(secret, safe='')}"
    return "Basic " + base64.b64encode(raw.encode()).decode()


class OidcClient:
    """Back-channel calls to providers, with the process's short-lived caches."""

    def __init__(self, timeout: httpx.Timeout = TIMEOUT) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._discovery: dict[str, tuple[float, Discovery]] = {}
        self._keys: dict[str, tuple[float, KeySet]] = {}

    def _get_json(self, url: str, headers: dict[str, str] | None = None) -> Any:
        try:
            response = httpx.get(url, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            log.warning("oidc.unreachable", extra={"url": url, "error": type(exc).__name__})
            raise ProviderUnavailable("The identity provider could not be reached.") from None
        if response.status_code != 200:
            log.warning("oidc.bad_status", extra={"url": url, "status": response.status_code})
            raise ProviderUnavailable(
                f"The identity provider answered {response.status_code} at {url[:200]}."
            )
        try:
            return response.json()
        except ValueError:
            raise ProviderUnavailable(f"The identity provider's {url[:200]} is not JSON.") from None

    def discover(self, issuer: str, *, fresh: bool = False) -> Discovery:
        """``<issuer>/.well-known/openid-configuration``, checked; cached for 5 minutes."""
        now = time.monotonic()
        with self._lock:
            cached = self._discovery.get(issuer)
        if cached is not None and not fresh and cached[0] > now:
            return cached[1]
        doc = self._get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
        disc = parse_discovery(doc, issuer)
        with self._lock:
            self._discovery[issuer] = (now + CACHE_SECONDS, disc)
        return disc

    def key_set(self, jwks_uri: str, *, refresh: bool = False) -> KeySet:
        now = time.monotonic()
        with self._lock:
            cached = self._keys.get(jwks_uri)
        if cached is not None:
            fetched_at = cached[0] - CACHE_SECONDS
            if not refresh and cached[0] > now:
                return cached[1]
            if refresh and now - fetched_at < JWKS_REFRESH_SECONDS:
                return cached[1]
        doc = self._get_json(jwks_uri)
        try:
            keys = KeySet.import_key_set(doc)
        except (JoseError, ValueError, TypeError, KeyError):
            raise ProviderUnavailable("The identity provider's key set is not valid.") from None
        with self._lock:
            self._keys[jwks_uri] = (now + CACHE_SECONDS, keys)
        return keys

    def exchange_code(
        self,
        disc: Discovery,
        *,
        code: str,
        redirect_uri: str,
        client_id: str,
        client_secret: str,
        verifier: str,
    ) -> dict[str, Any]:
        """The token endpoint's answer for ``code`` (with the PKCE verifier)."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        }
        headers = {"Accept": "application/json"}
        if disc.token_auth == BASIC:
            headers["Authorization"] = _basic(client_id, client_secret)
        else:
            form |= {"client_id": client_id, "client_secret": client_secret}
        try:
            response = httpx.post(
                disc.token_endpoint, data=form, headers=headers, timeout=self.timeout
            )
        except httpx.HTTPError as exc:
            log.warning(
                "oidc.unreachable", extra={"url": disc.token_endpoint, "error": type(exc).__name__}
            )
            raise ProviderUnavailable("The identity provider could not be reached.") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code in (400, 401) and isinstance(body, dict):
            # invalid_grant: a spent, expired or foreign code; invalid_client: our credentials.
            error = str(body.get("error", "unknown"))[:64]
            log.warning("oidc.code_rejected", extra={"error": error})
            raise SignInRejected(
                "client_rejected" if error == "invalid_client" else "code_rejected"
            )
        if response.status_code != 200 or not isinstance(body, dict):
            log.warning(
                "oidc.bad_status",
                extra={"url": disc.token_endpoint, "status": response.status_code},
            )
            raise ProviderUnavailable(
                f"The identity provider's token endpoint answered {response.status_code}."
            )
        if not isinstance(body.get("id_token"), str):
            raise SignInRejected("no_id_token")
        return body

    def verify_id_token(
        self, disc: Discovery, id_token: str, *, client_id: str, nonce: str
    ) -> dict[str, Any]:
        """The ID token's claims, once every check of the module docstring passed."""
        keys = self.key_set(disc.jwks_uri)
        try:
            token = jwt.decode(id_token, keys, algorithms=list(disc.algorithms))
        except (JoseError, ValueError):
            # Perhaps a rotated key we have not seen: fetch the set again (bounded), retry.
            keys = self.key_set(disc.jwks_uri, refresh=True)
            try:
                token = jwt.decode(id_token, keys, algorithms=list(disc.algorithms))
            except (JoseError, ValueError):
                raise SignInRejected("id_token_signature") from None
        claims: dict[str, Any] = dict(token.claims)
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": disc.issuer},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
        )
        try:
            registry.validate(claims)
        except (JoseError, ValueError) as exc:
            raise SignInRejected("id_token_claims", str(exc)) from None
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        if not isinstance(audiences, list) or client_id not in audiences:
            raise SignInRejected("id_token_audience")
        azp = claims.get("azp")
        if (azp is not None or len(audiences) > 1) and azp != client_id:
            raise SignInRejected("id_token_audience")
        given = claims.get("nonce")
        if not isinstance(given, str) or not hmac.compare_digest(given, nonce):
            raise SignInRejected("id_token_nonce")
        return claims

    def userinfo(self, disc: Discovery, access_token: str, subject: str) -> dict[str, Any]:
        """The userinfo claims (providers that keep e-mail out of the ID token), for the same
        subject (OpenID Connect Core §5.3.2)."""
        if disc.userinfo_endpoint is None:
            return {}
        info = self._get_json(
            disc.userinfo_endpoint,
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        )
        if not isinstance(info, dict) or info.get("sub") != subject:
            raise SignInRejected("userinfo_subject")
        return info


# One per process: the caches are worth sharing between requests and tenants.
client = OidcClient()
