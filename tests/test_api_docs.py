"""/api/docs is served from our own origin (issue 18): Swagger UI is vendored under
static/vendor/, started by a static script, so it works under the app's CSP and offline;
and the production static storage collects every vendored file."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
#: Every URL the page names in an attribute.
ATTRIBUTE_URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def test_the_docs_page_names_only_our_own_static_files(client, cast):
    client.force_login(cast.staff_a)
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]", html, re.IGNORECASE), html
    urls = ATTRIBUTE_URL.findall(html)
    assert f"{settings.STATIC_URL}vendor/swagger-ui-bundle.js" in urls
    assert f"{settings.STATIC_URL}vendor/swagger-ui.css" in urls
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    # No inline script: the only <script> without src is the JSON settings.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' id="swagger-settings" type="application/json"'], inline
    assert '"url": "/api/openapi.json"' in html


def test_no_vendored_file_names_a_source_map():
    named = [
        path.name
        for path in VENDOR.iterdir()
        if path.suffix in {".js", ".css"} and "sourceMappingURL" in path.read_text()
    ]
    assert named == []


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    production = {
        "default": settings.STORAGES["default"],
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    hashed = {path.name for path in (tmp_path / "vendor").iterdir()}
    assert any(re.fullmatch(r"swagger-ui-bundle\.[0-9a-f]{12}\.js", name) for name in hashed)
    assert any(re.fullmatch(r"chart\.umd\.min\.[0-9a-f]{12}\.js", name) for name in hashed)
