"""Which addresses the checker may reach: public ones, and private ones only when configured.

A page under review is untrusted input; without this a link could make CI probe its own
network (cloud metadata at 169.254.169.254, an admin port on localhost). The same check runs
on every redirect hop and on every DNS answer, so neither a redirect nor a hostname that
resolves to 10.0.0.1 gets around it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

FETCHED_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()

    def allows_any_address(self, host: str) -> bool:
        """True when ``host`` may resolve anywhere, private networks included."""
        return self.allow_private or host.lower().strip("[]") in self._allowed_hosts

    @property
    def _allowed_hosts(self) -> frozenset[str]:
        return frozenset(h.lower().strip("[]") for h in self.allow_hosts)

    def refusal(self, host: str, address: str) -> str | None:
        """Why connecting to ``address`` (an answer for ``host``) is refused, or None."""
        if self.allows_any_address(host):
            return None
        kind = non_public_kind(address)
        if kind is None:
            return None
        via = "" if host.strip("[]") == address else f"{host} resolves to "
        return (
            f"{via}{kind} address {address}; allow it with [lint.online] "
            "allow_private or allow_hosts"
        )


def non_public_kind(address: str) -> str | None:
    """'loopback', 'private', 'link-local' … for an address that is not on the internet."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparsable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
