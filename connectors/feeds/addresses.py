"""Which network addresses the server may connect to for a client: public ones only.

`ipaddress.is_global` alone lets through what the attacks of issue 22 used: Python 3.11 calls
`::127.0.0.1`, `::ffff:0:a9fe:a9fe` and `192.0.0.192` global. So an address must be global
*and* not reserved *and* not one of the special-purpose blocks IANA lists as not globally
reachable that Python's tables miss; and where an IPv6 address carries an IPv4 address
(NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, IPv4-compatible `::a.b.c.d`, SIIT
`::ffff:0:a.b.c.d`), the IPv4 address inside must be public too: a NAT64 gateway or a 6to4
relay would carry the connection on to it. The two translation forms the internet uses
(NAT64's well-known prefix, 6to4) are allowed when what they carry is public, so a server in
an IPv6-only network behind DNS64 still reaches public feeds.
"""

from __future__ import annotations

import ipaddress

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address in the last 32 bits
_SIIT = ipaddress.ip_network("::ffff:0:0:0/96")  # RFC 2765: IPv4-translated
_COMPATIBLE = ipaddress.ip_network("::/96")  # RFC 4291: IPv4-compatible (deprecated)
_SPECIAL = {  # not globally reachable (IANA special-purpose registries), public to Python 3.11
    ipaddress.ip_network("192.0.0.0/24"): "an IETF protocol address",
    ipaddress.ip_network("192.88.99.0/24"): "a 6to4 relay address",
    ipaddress.ip_network("64:ff9b:1::/48"): "a local-use NAT64 address",
    ipaddress.ip_network("fec0::/10"): "a site-local address",
    ipaddress.ip_network("3fff::/20"): "a documentation address",
}


def plain(text: str) -> Address:
    """The address getaddrinfo gave, without an IPv6 zone (fe80::1%eth0); an IPv4-mapped
    address (::ffff:127.0.0.1) is the IPv4 address it maps."""
    address = ipaddress.ip_address(text.partition("%")[0])
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def refusal(address: Address) -> str | None:
    """What the address is, when the server must not connect to it for a client (e.g. "a
    loopback address (127.0.0.1, inside ::7f00:1)"); None when it is public."""
    inner = embedded_ipv4(address)
    if inner is not None:
        kind = _kind(inner)
        if kind:
            return f"{kind} ({inner}, inside {address})"
        if address in _NAT64 or getattr(address, "sixtofour", None) is not None:
            return None  # a public IPv4 address through NAT64 or 6to4: the internet's own forms
    kind = _kind(address)
    return f"{kind} ({address})" if kind else None


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries on to (NAT64, 6to4, SIIT, IPv4-compatible)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.sixtofour is not None:
        return address.sixtofour
    last = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64 or address in _SIIT:
        return last
    if address in _COMPATIBLE and int(address) > 1:  # not :: nor ::1, which are themselves
        return last
    return None


def _kind(address: Address) -> str | None:
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    for network, kind in _SPECIAL.items():
        if address in network:
            return kind
    if not address.is_global or address.is_reserved:
        return "not a public address"
    return None
