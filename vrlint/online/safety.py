"""Which hosts vrlint may contact.

vrlint runs in CI on pull requests from strangers, so a README decides
which URLs it requests.  A link to ``http://169.254.169.254/`` (a cloud
metadata service), ``http://localhost:8080/admin`` or ``http://10.0.0.5/``
must not make the CI machine talk to its own network.  By default every
address a host name resolves to is checked (an attacker controls DNS for
their own domain and can answer with a private address), the connection
is then made to one of those vetted addresses, never by name a second time
(no DNS rebinding between the check and the request), and every redirect
hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

__all__ = ["Address", "Resolver", "forbidden_reason", "resolve", "system_resolver"]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses``; raises :class:`socket.gaierror` when the name does not resolve
Resolver = Callable[[str, int], list[str]]

#: instance metadata services of the big clouds (AWS, GCP, Azure, OpenStack,
#: Alibaba, Oracle, AWS IPv6); most are link-local and caught anyway
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.teredo is not None:
        return address.teredo[1]
    return None


def forbidden_reason(address: Address) -> str | None:
    """Why vrlint must not connect to ``address`` (a few words), or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            reason = forbidden_reason(inner)
            if reason is not None:
                return reason
    if address in _METADATA:
        return "a cloud metadata address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "a non-public address"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]).split("%", 1)[0], None)
    return list(seen)


def resolve(host: str, port: int, resolver: Resolver | None = None) -> list[Address]:
    """``host``'s addresses; an IP literal is its own answer (no DNS).

    Raises :class:`socket.gaierror` when the name does not resolve.
    """
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return [ipaddress.ip_address(bare)]
    except ValueError:
        pass
    found = (resolver or system_resolver)(bare, port)
    addresses: list[Address] = []
    for text in found:
        try:
            addresses.append(ipaddress.ip_address(text))
        except ValueError:
            continue
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, "no usable address")
    return addresses
