"""/api/docs in a real browser (Debian's chromium, headless) under the app's own
Content-Security-Policy: Swagger UI starts from the vendored files, lists the API's
operations, and the console shows no error (a CSP violation is reported there)."""

import pytest
from django.conf import settings

from tests.test_browser_menu import open_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_list_the_operations_under_the_csp(browser, live_server, cast):
    context, page = open_page(browser, {"width": 1366, "height": 768})
    errors, outside = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )
    sign_in(page, live_server, "staf.a")
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.headers["content-security-policy"] == settings.CONTENT_SECURITY_POLICY
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert page.locator(".opblock-tag", has_text="training").count() >= 1
    assert page.get_by_text("Jejaring API").first.is_visible()
    assert errors == []
    assert outside == []
    context.close()
