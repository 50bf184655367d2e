"""The SSRF guard: links that people paste must never reach the bot's own network.

A URL is refused when its host is, or resolves to, a loopback, private, link-local,
multicast, reserved or unspecified address, in any spelling (``127.1``, ``2130706433``,
``0x7f.1``, ``0177.0.0.1``, ``[::ffff:127.0.0.1]``). Every resolved address is checked,
and the connection is made only to checked addresses: :class:`GuardedResolver` is the
resolver of the session's connector, so a name that resolves to a public address for the
check and to a private one for the connection (DNS rebinding) is still refused. Hosts in
``Settings.fetch_allow_hosts`` skip the check (tests reach their own 127.0.0.1 server).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.core.ingest.errors import BlockedURLError, FetchError
from bot.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``getaddrinfo``-shaped coroutine: (host, port, family) -> the addrinfo tuples.
AddrInfo = list[tuple[Any, Any, int, str, tuple[Any, ...]]]
GetAddrInfo = Callable[[str, int, int], Awaitable[AddrInfo]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")


def _parse_ipv4_part(part: str) -> int | None:
    if not part or not part.isascii():
        return None
    try:
        if part[:2].lower() == "0x":
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part[0] == "0":
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read the IPv4 spellings that ``inet_aton`` and browsers accept (``127.1``,
    ``2130706433``, ``0x7f.0.0.1``, ``0177.0.0.1``); None when ``host`` is not one."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_parse_ipv4_part(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    result = values[-1]
    for index, n in enumerate(values[:-1]):
        result += n << (8 * (3 - index))
    return ipaddress.IPv4Address(result)


def host_address(host: str) -> IPAddress | None:
    """The address a URL host names literally (any IPv4 spelling, IPv6 with or without
    brackets), or None when it is a name that needs DNS. Never raises."""
    text = host.strip().strip("[]")
    if not text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if ":" in text:
        return None
    return parse_legacy_ipv4(text)


def address_problem(ip: IPAddress) -> str | None:
    """Why the guard refuses ``ip`` ("a loopback address", ...), or None for a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_problem(ip.ipv4_mapped)
        if ip in _NAT64:
            return address_problem(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None:
            inner = address_problem(ip.sixtofour)
            if inner:
                return inner
        if ip.teredo is not None:
            return "a reserved address (Teredo tunnel)"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:
        return "a reserved address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return "a private address (carrier-grade NAT)"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


def describe_refusal(host: str, ip: IPAddress, problem: str, resolved: bool) -> str:
    """The sentence a person sees: which host, which address, what is wrong with it."""
    if resolved:
        return f"refused: {host} resolves to {ip}, {problem}"
    if host.strip("[]").lower() == str(ip):
        return f"refused: {ip} is {problem}"
    return f"refused: {host} means {ip}, {problem}"


async def _loop_getaddrinfo(host: str, port: int, family: int) -> AddrInfo:
    # No AI_ADDRCONFIG: every address a name has is checked, configured here or not.
    loop = asyncio.get_running_loop()
    return await loop.getaddrinfo(host, port, family=family, type=socket.SOCK_STREAM)


class SSRFGuard:
    """Checks URLs and resolves hosts to checked addresses only."""

    def __init__(self, settings: Settings, getaddrinfo: GetAddrInfo | None = None) -> None:
        self._settings = settings
        self._getaddrinfo = getaddrinfo or _loop_getaddrinfo

    def allowed(self, host: str) -> bool:
        """Whether the operator allow-listed ``host`` (then nothing is checked)."""
        return self._settings.allows_private(host)

    def parse(self, url: str | URL) -> URL:
        """The URL as aiohttp will see it, refused unless http(s) with a host."""
        try:
            parsed = url if isinstance(url, URL) else URL(url.strip())
        except (ValueError, TypeError):
            raise BlockedURLError(f"not a valid web address: {str(url)[:80]}") from None
        scheme = (parsed.scheme or "").lower()
        if not scheme:
            raise BlockedURLError(f"not a web address (no http:// or https://): {str(url)[:80]}")
        if scheme not in {"http", "https"}:
            raise BlockedURLError(f"refused: only http and https links are fetched, not {scheme}:")
        if not parsed.raw_host:
            raise BlockedURLError(f"not a valid web address (no host): {str(url)[:80]}")
        return parsed

    def check_literal(self, host: str) -> IPAddress | None:
        """Refuse a host that spells a bad address; the address when it is a literal."""
        ip = host_address(host)
        if ip is not None and not self.allowed(host):
            problem = address_problem(ip)
            if problem:
                raise BlockedURLError(describe_refusal(host, ip, problem, resolved=False))
        return ip

    async def resolve(self, host: str, port: int, family: int = socket.AF_UNSPEC) -> AddrInfo:
        """Resolve ``host`` and refuse it if ANY of its addresses is not public."""
        literal = self.check_literal(host)
        if literal is not None:
            fam = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
            return [(fam, socket.SOCK_STREAM, 6, "", (str(literal), port))]
        try:
            infos = await self._getaddrinfo(host, port, family)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"could not resolve {host} ({_short_os_error(exc)})") from None
        if not infos:
            raise FetchError(f"could not resolve {host}")
        if not self.allowed(host):
            for info in infos:
                raw = str(info[4][0])
                ip = host_address(raw.split("%", 1)[0])
                if ip is None:
                    raise BlockedURLError(f"refused: {host} resolves to {raw}, not an IP address")
                problem = address_problem(ip)
                if problem:
                    raise BlockedURLError(describe_refusal(host, ip, problem, resolved=True))
        return infos

    async def check_url(self, url: str | URL) -> URL:
        """Refuse ``url`` unless it is http(s) and its host is (or resolves to) public only."""
        parsed = self.parse(url)
        host = parsed.raw_host or ""
        await self.resolve(host, parsed.port or 0)
        return parsed


def _short_os_error(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror) and exc.args and len(exc.args) > 1:
        return str(exc.args[1]).lower()
    return str(exc) or type(exc).__name__


class GuardedResolver(AbstractResolver):
    """aiohttp resolver that hands the connector checked addresses only."""

    def __init__(self, guard: SSRFGuard) -> None:
        self._guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        infos = await self._guard.resolve(host, port, int(family))
        results: list[ResolveResult] = []
        for fam, _type, proto, _canon, address in infos:
            if fam not in (socket.AF_INET, socket.AF_INET6):
                continue
            results.append(
                ResolveResult(
                    hostname=host,
                    host=str(address[0]),
                    port=int(address[1]),
                    family=fam,
                    proto=proto,
                    flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
                )
            )
        if not results:
            raise FetchError(f"could not resolve {host}")
        return results

    async def close(self) -> None:
        """Nothing to release: resolution goes through the event loop."""


def guarded_session(
    settings: Settings, guard: SSRFGuard | None = None, **kwargs: Any
) -> aiohttp.ClientSession:
    """A ClientSession whose connector only ever connects to addresses the guard checked.

    Environment proxies are ignored (``trust_env=False``): a proxy would connect for us.
    """
    connector = aiohttp.TCPConnector(
        resolver=GuardedResolver(guard or SSRFGuard(settings)), use_dns_cache=False
    )
    return aiohttp.ClientSession(connector=connector, trust_env=False, **kwargs)


__all__ = [
    "GuardedResolver",
    "SSRFGuard",
    "address_problem",
    "describe_refusal",
    "guarded_session",
    "host_address",
    "parse_legacy_ipv4",
]
