"""Where the fetcher may go: public addresses of allowed hosts only.

A source, a link found in a feed or a redirect could point at the machine itself or the network
behind it (127.0.0.1, 10.0.0.0/8, 169.254.169.254 ...). Every request is checked twice: the host's
resolved addresses before connecting, and the address actually connected to before the body is
read (so a name that re-resolves to a private address between the two is caught).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

from narrascope.collect.sources import IpNetwork

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(ValueError):
    """A host or address the fetcher is not allowed to reach."""


def is_public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_address(address: IpAddress, allowed: Iterable[IpNetwork]) -> None:
    if is_public(address) or any(address in network for network in allowed):
        return
    raise AddressRefused(
        f"{address} is a private, loopback or reserved address (allow it with allow_private)"
    )


async def check_host(host: str, port: int, allowed: Iterable[IpNetwork]) -> None:
    """Resolve the host and refuse it if any of its addresses is not public and not allowed."""
    allowed = tuple(allowed)
    try:
        addresses = {ipaddress.ip_address(host.strip("[]"))}
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except OSError as error:
            raise AddressRefused(f"cannot resolve {host}: {error}") from error
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    for address in addresses:
        try:
            check_address(address, allowed)
        except AddressRefused as error:
            raise AddressRefused(f"{host}: {error}") from None


def host_allowed(host: str, allowed_hosts: Iterable[str]) -> bool:
    """The host is an allowed one or a subdomain of its site (www. dropped): news.inform.kz
    is allowed when www.inform.kz is."""
    host = host.lower().rstrip(".")
    for allowed in allowed_hosts:
        site = allowed.lower().removeprefix("www.")
        if host in (allowed, site) or host.endswith("." + site):
            return True
    return False
