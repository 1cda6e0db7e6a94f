"""What every console response gets, whatever the route: the real client behind trusted proxies, security
headers, no caching of pages, and a 400 for a path no browser sends.

``X-Forwarded-For`` and ``X-Forwarded-Proto`` are read only when the peer is one of ``CARBONBOT_TRUSTED_PROXIES``
(addresses or networks); otherwise the peer itself is the client and the scheme is the connection's. The client
is the rightmost address in the chain that is not a trusted proxy, so a client cannot name itself.
"""

from __future__ import annotations

import ipaddress
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY"),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin")]
BAD_PATH = re.compile(r"[\x00-\x1f\x7f\\]")
MAX_HOPS = 20


def networks(spec: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """``"10.0.0.0/8, 127.0.0.1"`` as networks; a ValueError names the entry that is not one."""
    out = []
    for item in (part.strip() for part in spec.split(",")):
        if item:
            try:
                out.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ValueError(f"CARBONBOT_TRUSTED_PROXIES: {item!r} is not an address or network") from None
    return out


def _trusted(address: str, trusted) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    """Every line of a header, joined as one list (a proxy may add its own line rather than extend the last)."""
    return ",".join(v.decode("latin-1") for k, v in headers if k.lower() == name)[:4000]


def real_client(peer: str, scheme: str, headers: list[tuple[bytes, bytes]], trusted) -> tuple[str, bool]:
    """(the client's address, whether it reached us over HTTPS). The proxy's own hop is the rightmost value."""
    if not trusted or not _trusted(peer, trusted):
        return peer, scheme in ("https", "wss")
    chain = [a.strip() for a in _header(headers, b"x-forwarded-for").split(",")][-MAX_HOPS:]
    client = next((a for a in reversed(chain) if a and not _trusted(a, trusted)), peer)
    proto = _header(headers, b"x-forwarded-proto").split(",")[-1].strip().lower()
    return client, (proto == "https") if proto else scheme == "https"


class ConsoleMiddleware:
    """Pure ASGI (no body buffering): sets ``scope['state']`` client/https, adds the headers. It wraps the whole
    app, error pages included (see ``bot.review.app``)."""

    def __init__(self, app: ASGIApp, trusted_proxies: str = "") -> None:
        self.app = app
        self.trusted = networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or ("?", 0))[0]
        client, https = real_client(peer, scope.get("scheme", "http"), list(scope.get("headers") or []), self.trusted)
        state = scope.setdefault("state", {})
        state["client_ip"], state["https"] = client, https
        if https and scope.get("scheme") == "http":  # behind a TLS proxy: URLs we build (Slack's redirect) say https
            scope = {**scope, "scheme": "https"}
        path = scope.get("path", "")
        static = path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(HEADERS)
                extra.append((b"cache-control", b"public, max-age=300" if static else b"no-store"))
                if https:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [(k, v) for k, v in extra if k not in names]
            await send(message)

        if BAD_PATH.search(path) or len(path) > 2000:
            await send_with_headers({"type": "http.response.start", "status": 400,
                                     "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"400: malformed path"})
            return
        await self.app(scope, receive, send_with_headers)
