"""URL validation and normalisation.

``normalize_url`` is the identity the store and the feed de-duplication use, so that the
same article shared with tracking parameters, a fragment or a trailing slash is one article.
It never raises: text that is not an http(s) URL comes back stripped and otherwise unchanged.
"""

from __future__ import annotations

from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Query parameters that only say where a click came from (never which article it is).
_TRACKING_EXACT = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid"}
)


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter is click tracking (``utm_*``, ``fbclid``, ``gclid``, ...)."""
    key = name.strip().lower()
    return key.startswith("utm_") or key in _TRACKING_EXACT


def looks_like_url(text: str) -> bool:
    """Whether a CLI argument or upload field is meant as a web address rather than a path."""
    head = text.strip().lower()
    return head.startswith(("http://", "https://")) or "://" in head[:20]


def _split(text: str) -> SplitResult | None:
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return parts


def _clean_query(query: str) -> str:
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        name = unquote(piece.split("=", 1)[0])
        if not is_tracking_param(name):
            kept.append(piece)
    return "&".join(kept)


def _normalize_once(text: str) -> str:
    stripped = text.strip()
    parts = _split(stripped)
    if parts is None:
        return stripped
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, _clean_query(parts.query), ""))


def normalize_url(text: str) -> str:
    """The canonical form of a URL: lower-case scheme and host, no fragment, no tracking
    parameters, no default port, no trailing slash, no user name or password.

    Idempotent and never raises."""
    current = _normalize_once(text)
    # Re-assembling can, for odd inputs, give a URL that parses a little differently:
    # settle on the fixed point so that normalising twice changes nothing.
    for _ in range(3):
        again = _normalize_once(current)
        if again == current:
            break
        current = again
    return current


__all__ = ["WEB_SCHEMES", "is_tracking_param", "looks_like_url", "normalize_url"]
