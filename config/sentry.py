"""Error reporting to Sentry (or a compatible service such as GlitchTip) when `SENTRY_DSN`
is set; nothing is sent otherwise.

Privacy first: no request bodies, cookies, users or IP addresses are sent
(`send_default_pii=False`, `max_request_body_size="never"`), and any 16-digit run —
a NIK, a KK number — in a message or an exception is masked before it leaves
(`scrub`), the same way the pages mask a NIK.
"""

from __future__ import annotations

import re
from typing import Any

SIXTEEN_DIGITS = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")


def mask(text: str) -> str:
    return SIXTEEN_DIGITS.sub(r"\1********\2", text)


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Mask every 16-digit run in the event's text, wherever it is."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return mask(value)
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [walk(item) for item in value]
        return value

    scrubbed: dict[str, Any] = walk(event)
    return scrubbed


def init(dsn: str, *, environment: str = "production", release: str | None = None) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0.0,
        before_send=scrub,  # type: ignore[arg-type]
    )
