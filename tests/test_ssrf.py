"""The SSRF guard refuses every way of naming the bot's own network, also after redirects."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from bot.core.ingest.errors import BlockedURLError, FetchError
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.ssrf import (
    AddrInfo,
    GetAddrInfo,
    SSRFGuard,
    address_problem,
    guarded_session,
    host_address,
    parse_legacy_ipv4,
)
from bot.settings import Settings
from tests.fixtures.ingest.support import LOCAL, Site, fixture_bytes, serve

STRICT = Settings(fetch_timeout=5.0)
PUBLIC = "93.184.216.34"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
        ("http://127.0.0.1:8080/admin", "127.0.0.1 is a loopback address"),
        ("http://localhost/", "localhost resolves to"),
        ("http://LOCALHOST:9/", "loopback address"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "loopback address"),
        ("http://[::ffff:10.0.0.1]/", "private address"),
        ("http://2130706433/", "refused: 2130706433 means 127.0.0.1, a loopback address"),
        ("http://0177.0.0.1/", "0177.0.0.1 means 127.0.0.1, a loopback address"),
        ("http://0x7f000001/", "means 127.0.0.1, a loopback address"),
        ("http://0x7f.1/", "means 127.0.0.1, a loopback address"),
        ("http://127.1/", "127.1 means 127.0.0.1, a loopback address"),
        ("http://127.0.0.2/", "loopback address"),
        ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
        ("http://172.16.5.4/", "private address"),
        ("http://192.168.1.1/", "private address"),
        ("http://100.64.0.1/", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[fe80::1]/", "link-local address"),
        ("http://[fc00::1]/", "private address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://0/", "unspecified address"),
        ("http://[::]/", "unspecified address"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
        ("http://[ff02::1]/", "multicast address"),
        ("http://240.0.0.1/", "reserved address"),
        ("http://[64:ff9b::7f00:1]/", "loopback address"),
        ("http://[2002:7f00:1::1]/", "loopback address"),
    ],
)
async def test_private_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(BlockedURLError) as caught:
        await SSRFGuard(STRICT).check_url(url)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https links are fetched, not file:"),
        ("ftp://example.com/feed.xml", "not ftp:"),
        ("gopher://example.com/", "not gopher:"),
        ("javascript:alert(1)", "not javascript:"),
        ("www.example.com/news", "no http:// or https://"),
        ("http:///news", "no host"),
    ],
)
async def test_only_web_urls_are_fetched(url: str, reason: str) -> None:
    with pytest.raises(BlockedURLError) as caught:
        await SSRFGuard(STRICT).check_url(url)
    assert reason in str(caught.value)


async def test_allow_list_opens_exactly_the_listed_host() -> None:
    guard = SSRFGuard(LOCAL)
    await guard.check_url("http://127.0.0.1:1234/")  # listed: no error
    for other in ("http://127.0.0.2/", "http://127.1/", "http://2130706433/", "http://localhost/"):
        with pytest.raises(BlockedURLError):
            await guard.check_url(other)


def _fake_dns(answers: dict[str, list[list[str]]]) -> GetAddrInfo:
    """getaddrinfo stand-in: each call for a name returns the next list of addresses."""
    calls: dict[str, int] = {}

    async def getaddrinfo(host: str, port: int, family: int) -> AddrInfo:
        del family
        n = calls.get(host, 0)
        calls[host] = n + 1
        addresses = answers[host][min(n, len(answers[host]) - 1)]
        infos: AddrInfo = []
        for address in addresses:
            fam = socket.AF_INET6 if ":" in address else socket.AF_INET
            infos.append((fam, socket.SOCK_STREAM, 6, "", (address, port)))
        return infos

    return getaddrinfo


async def test_every_resolved_address_is_checked() -> None:
    guard = SSRFGuard(STRICT, getaddrinfo=_fake_dns({"mixed.test": [[PUBLIC, "10.1.2.3"]]}))
    with pytest.raises(BlockedURLError) as caught:
        await guard.check_url("http://mixed.test/")
    assert str(caught.value) == "refused: mixed.test resolves to 10.1.2.3, a private address"


async def test_public_name_passes_the_check() -> None:
    guard = SSRFGuard(STRICT, getaddrinfo=_fake_dns({"news.test": [[PUBLIC]]}))
    url = await guard.check_url("https://news.test/story")
    assert url.host == "news.test"


async def test_unresolvable_name_is_a_clear_error() -> None:
    async def fail(host: str, port: int, family: int) -> AddrInfo:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchError) as caught:
        await SSRFGuard(STRICT, getaddrinfo=fail).check_url("http://nowhere.invalid/")
    assert str(caught.value) == "could not resolve nowhere.invalid (name or service not known)"


async def test_dns_rebinding_between_check_and_connect_is_refused() -> None:
    """The name is public for the check and loopback for the connection: the connector's
    resolver checks again, so the request never reaches the (real, listening) server."""
    site = Site()
    site.page("/", fixture_bytes("library.html"))
    async with serve(site):
        dns = _fake_dns({"rebind.test": [[PUBLIC], ["127.0.0.1"]]})
        guard = SSRFGuard(STRICT, getaddrinfo=dns)
        async with guarded_session(STRICT, guard) as session:
            fetcher = Fetcher(STRICT, session, guard=guard)
            with pytest.raises(BlockedURLError) as caught:
                await fetcher.fetch(f"http://rebind.test:{site.port}/")
    assert "rebind.test resolves to 127.0.0.1, a loopback address" in str(caught.value)
    assert site.hits["/"] == 0


@pytest.mark.parametrize("target_host", ["localhost", "127.0.0.2", "[::ffff:127.0.0.1]"])
async def test_redirect_to_a_private_host_is_refused(target_host: str) -> None:
    site = Site()

    async def hop(request: web.Request) -> web.Response:
        port = request.url.port
        raise web.HTTPFound(f"http://{target_host}:{port}/secret")

    site.route("/go", hop)
    site.page("/secret", "<html><body><p>internal</p></body></html>")
    async with serve(site), Fetcher(LOCAL) as fetcher:
        with pytest.raises(BlockedURLError) as caught:
            await fetcher.fetch(site.url("/go"))
    assert "loopback address" in str(caught.value)
    assert site.hits["/go"] == 1
    assert site.hits["/secret"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("10.1.258", "10.1.1.2"),
        ("1.2.3.4.", "1.2.3.4"),
        ("example.com", None),
        ("256.1.1.1", None),
        ("1.2.3.4.5", None),
        ("08.1.1.1", None),
        ("", None),
    ],
)
def test_legacy_ipv4_forms(text: str, expected: str | None) -> None:
    result = parse_legacy_ipv4(text)
    assert (str(result) if result else None) == expected


@given(st.text())
def test_host_address_never_raises(text: str) -> None:
    result = host_address(text)
    if result is not None:
        assert address_problem(result) is None or isinstance(address_problem(result), str)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_classifier_never_raises_on_ipv4(n: int) -> None:
    problem = address_problem(ipaddress.IPv4Address(n))
    assert problem is None or problem


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_classifier_never_raises_on_ipv6(n: int) -> None:
    problem = address_problem(ipaddress.IPv6Address(n))
    assert problem is None or problem


@given(st.integers(min_value=0, max_value=2**24 - 1))
def test_every_loopback_spelling_is_refused(low: int) -> None:
    ip = ipaddress.IPv4Address((127 << 24) | low)
    octets = str(ip).split(".")
    spellings = [
        str(ip),
        str(int(ip)),
        hex(int(ip)),
        ".".join("0" + format(int(o), "o") for o in octets),
        f"127.{low}",
        f"[::ffff:{ip}]",
    ]
    guard = SSRFGuard(STRICT)
    for spelling in spellings:
        address = host_address(spelling)
        assert address is not None, spelling
        assert address_problem(address) == "a loopback address", spelling
        with pytest.raises(BlockedURLError):
            guard.check_literal(spelling)
