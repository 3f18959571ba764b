"""The client's address, as the trusted reverse proxies in front of Jejaring saw it.

Behind reverse proxies the connecting address (REMOTE_ADDR) is the nearest proxy's, the
same for everyone. Each proxy appends the address that connected to it to
X-Forwarded-For, so with `JEJARING_TRUSTED_PROXY_COUNT = N` the client is the N-th entry
from the right. Everything further left was sent by the client and is never believed:
a spoofed left-most entry changes nothing. A request whose header is shorter than the
chain did not come through every proxy, so nothing in it can be trusted and the
connecting address is used. With no proxy (N = 0, the default) the header is ignored.

Login throttling (django-axes, `AXES_CLIENT_IP_CALLABLE`), the registration limit and
audit events all use this one function, so they agree on who the client is.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def trusted_proxy_count() -> int:
    """How many reverse proxies in front of the application append to X-Forwarded-For."""
    return int(getattr(settings, "JEJARING_TRUSTED_PROXY_COUNT", 0))


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request carries no usable one."""
    proxies = trusted_proxy_count()
    if proxies > 0:
        # python-ipware counts the proxies listed in the header after the client; the
        # nearest proxy is REMOTE_ADDR, not in the header, hence one fewer. Non-strict:
        # a longer header only means the client wrote entries of its own to the left.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
            algorithm="modern",
        )
        if address is not None:
            return address
    address, _routable = get_client_ip(
        request, request_header_order=["REMOTE_ADDR"], algorithm="modern"
    )
    return address
