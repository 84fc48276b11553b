"""A DNS resolver that refuses answers the address policy does not allow.

aiohttp asks its resolver for every hostname it connects to (IP literals excepted: those are
checked before the request), so a name that resolves to a private address is refused at the
moment of connecting, on the first request and on every redirect hop alike.
"""

from __future__ import annotations

import socket

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from qsync.lint.online.policy import AddressPolicy


class BlockedAddress(OSError):
    """A DNS answer the policy refuses; aiohttp wraps it in ClientConnectorDNSError."""


class PolicyResolver(AbstractResolver):
    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self._policy = policy
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._inner.resolve(host, port, family)
        # One refused answer refuses the name: a mix of public and private answers is how
        # DNS rebinding slips a private address past a check.
        for answer in answers:
            refusal = self._policy.refusal(host, answer["host"])
            if refusal is not None:
                raise BlockedAddress(refusal)
        return answers

    async def close(self) -> None:
        await self._inner.close()
