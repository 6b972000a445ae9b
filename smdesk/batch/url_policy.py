"""Where the API key may travel over plain http: this machine and private networks only.

One policy for the client, the CLI and the app. It decides on the real address: host literals
are read the way the operating system reads them (``134744072`` and ``0x08080808`` are 8.8.8.8,
``[::ffff:8.8.8.8]`` too), and host names are resolved and every address they resolve to must be
local. Everything else over http is refused unless the caller opts in explicitly
(``ConnectionConfig(allow_insecure_http=True)``, ``--allow-insecure-http``).

Stdlib only (no aiohttp), so ``smdesk.core.endpoints`` can share it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

__all__ = [
    "InsecureURLError",
    "check_resolved_host",
    "host_address",
    "insecure_http_reason",
    "is_local_address",
    "is_loopback_name",
    "needs_resolution",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class InsecureURLError(ValueError):
    """Plain http to an address outside this machine and its private networks."""


def is_loopback_name(host: str) -> bool:
    """localhost and its sub-names (RFC 6761: they always resolve to this machine)."""
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def host_address(host: str) -> IPAddress | None:
    """The address a host literal denotes as the OS reads it, or None for a host name.

    Accepts IPv6 (bracketed, with a zone id) and every IPv4 spelling ``inet_aton`` takes:
    dotted, integer (``134744072``), hex (``0x8080808``), octal and short (``8.8``) forms.
    """
    name = host.strip().strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    if not name or not all(c in "0123456789abcdefxABCDEFX." for c in name):
        return None  # a name (inet_aton would not take it anyway)
    try:
        return ipaddress.IPv4Address(socket.inet_aton(name))
    except OSError:
        return None


def is_local_address(address: IPAddress) -> bool:
    """Loopback, private (RFC 1918, ULA), link-local: not reachable from the internet."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_local_address(mapped)
    return address.is_loopback or address.is_private or address.is_link_local


def _describe(host: str, address: IPAddress) -> str:
    shown = str(address)
    return shown if host.strip("[]").lower() == shown else f"{host} (that is {shown})"


def insecure_http_reason(url: str) -> str | None:
    """Why sending the key to `url` would be unsafe, judged without the network; else None.

    Only literal addresses can be judged here; a host name over http is judged by
    `check_resolved_host` once it is resolved (see `needs_resolution`).
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http" or not parts.hostname:
        return None
    host = parts.hostname
    if is_loopback_name(host):
        return None
    address = host_address(host)
    if address is None or is_local_address(address):
        return None
    return (
        f"{url.strip()} would send your API key unencrypted (plain http) to "
        f"{_describe(host, address)}, which is not on this computer or a private network"
    )


def needs_resolution(url: str) -> str | None:
    """The host name to resolve and check before sending to `url` over http, if any."""
    parts = urlsplit(url.strip())
    host = parts.hostname
    if parts.scheme.lower() != "http" or not host or is_loopback_name(host):
        return None
    return host if host_address(host) is None else None


async def check_resolved_host(host: str, port: int | None) -> str | None:
    """Resolve `host`; the reason to refuse when any of its addresses is public, else None.

    A name that does not resolve is left to the connection attempt (it fails there anyway).
    """
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except OSError:
        return None
    for info in infos:
        address = host_address(str(info[4][0]))
        if address is not None and not is_local_address(address):
            return (
                f"http://{host} would send your API key unencrypted (plain http) to "
                f"{host} (that is {address}), which is not on this computer or a private network"
            )
    return None
