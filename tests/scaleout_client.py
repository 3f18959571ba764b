"""The scale-out test's client: a person at a browser, run on the load balancer's host.

    python tests/scaleout_client.py CERT COMMAND ARGS_JSON

It talks HTTPS to https://jejaring.example.go.id/ (the load balancer's own loopback, by
the host's /etc/hosts), verifying the lab's certificate, and prints one JSON object:

- `register`: a person registers publicly for an open batch, with a KTP scan;
- `staff`: the office logs in, opens the registrant's KTP scan, imports spreadsheets of
  participants (upload, wait for the check, confirm, wait for the write) and closes and
  allocates a round;
- `load`: logged-in clients read pages for a while; each request that fails (no answer,
  502, 503 or 504) is tried once more, as a person would press reload.

Only the standard library and `requests` (both in the project's environment): this runs
outside Django.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

SITE = "https://jejaring.example.go.id"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IMPORT_STATUS = re.compile(r"<strong>Status:</strong>\s*([^<]+?)\s*</p>")
STATUS_NAMES = {
    "Menunggu": "pending",
    "Memeriksa": "validating",
    "Ditolak": "rejected",
    "Siap diimpor": "validated",
    "Mengimpor": "importing",
    "Selesai": "done",
    "Gagal": "failed",
}
RETRYABLE = {502, 503, 504}
ERROR_ROW = re.compile(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")


class Browser:
    """A session with cookies, CSRF and a retry on a failed answer, counting both."""

    def __init__(self, cert: str) -> None:
        self.session = requests.Session()
        # Not session.verify: requests lets REQUESTS_CA_BUNDLE override that.
        self.cert = cert
        self.session.headers["Accept-Language"] = "id"
        self.retried = 0
        self.failed: list[str] = []

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        kwargs.setdefault("timeout", 60)
        kwargs["verify"] = self.cert
        kwargs.setdefault("allow_redirects", False)
        headers = kwargs.setdefault("headers", {})
        headers.setdefault("Referer", SITE + path)
        last = ""
        for attempt in range(2):
            try:
                response = self.session.request(method, SITE + path, **kwargs)
            except requests.RequestException as error:
                last = f"{method} {path}: {type(error).__name__}"
            else:
                if response.status_code not in RETRYABLE:
                    if attempt:
                        self.retried += 1
                    return response
                last = f"{method} {path}: {response.status_code}"
            for value in kwargs.get("files", {}).values():
                value[1].seek(0)
        self.failed.append(last)
        return None

    def get(self, path: str, **kwargs: Any) -> requests.Response | None:
        return self.request("GET", path, **kwargs)

    def post_form(self, page: str, action: str, data: dict[str, Any], **kwargs: Any) -> Any:
        """Opens `page`, takes its CSRF token and posts `data` to `action`."""
        form = self.get(page)
        if form is None or form.status_code != 200:
            raise RuntimeError(f"GET {page}: {form and form.status_code}")
        token = CSRF.search(form.text)
        if token is None:
            raise RuntimeError(f"GET {page}: no CSRF token")
        return self.request(
            "POST", action, data={"csrfmiddlewaretoken": token[1], **data}, **kwargs
        )

    def login(self, username: str, password: str) -> None:
        response = self.post_form(
            "/akun/masuk/", "/akun/masuk/", {"username": username, "password": password}
        )
        if response is None or response.status_code != 302:
            raise RuntimeError(f"login of {username}: {response and response.status_code}")


def register(cert: str, args: dict[str, Any]) -> dict[str, Any]:
    browser = Browser(cert)
    listing = browser.get("/daftar/")
    assert listing is not None and listing.status_code == 200, listing
    batch = args["batch"]
    page = f"/daftar/{batch}/formulir/"
    with open(args["document"], "rb") as scan:
        response = browser.post_form(
            page, page, args["fields"], files={"document_ktp": ("ktp.png", scan, "image/png")}
        )
    return {
        "status": response and response.status_code,
        "location": response and response.headers.get("Location", ""),
        "retried": browser.retried,
        "failed": browser.failed,
    }


def _import_status(browser: Browser, job_path: str) -> str:
    response = browser.get(job_path)
    if response is None or response.status_code != 200:
        return "unreachable"
    found = IMPORT_STATUS.search(response.text)
    return STATUS_NAMES.get(found[1], found[1]) if found else "unknown"


def _wait_import(browser: Browser, job_path: str, until: set[str], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    status = "unknown"
    while time.monotonic() < deadline:
        status = _import_status(browser, job_path)
        if status in until:
            return status
        time.sleep(0.5)
    return status


def _import_one(browser: Browser, batch: int, path: str, out: dict[str, Any]) -> None:
    page = f"/pelatihan/impor/paket/{batch}/"
    started = time.monotonic()
    with open(path, "rb") as book:
        response = browser.post_form(
            page, page, {}, files={"file": (Path(path).name, book, "application/octet-stream")}
        )
    if response is None or response.status_code != 302:
        out["status"] = f"upload answered {response and response.status_code}"
        return
    job_path = response.headers["Location"]
    out["job"] = int(job_path.rstrip("/").rsplit("/", 1)[1])
    checked = _wait_import(browser, job_path, {"validated", "rejected", "failed"}, 180)
    out["checked"] = checked
    if checked != "validated":
        out["status"] = checked
        page = browser.get(job_path)
        out["errors"] = ERROR_ROW.findall(page.text)[:3] if page is not None else []
        return
    confirm = browser.post_form(job_path, f"{job_path}impor/", {})
    if confirm is None or confirm.status_code != 302:
        out["status"] = f"confirm answered {confirm and confirm.status_code}"
        return
    out["status"] = _wait_import(browser, job_path, {"done", "failed"}, 240)
    out["seconds"] = round(time.monotonic() - started, 1)


def _run_imports(
    cert: str, browser: Browser, args: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[Browser]]:
    """Imports every file of `args["files"]` into `args["batch"]` at once, each in a tab
    of its own with the staff member's login, as several people at the office would."""
    imports: list[dict[str, Any]] = [{"file": Path(f).name} for f in args["files"]]
    tabs = []
    for _ in imports:
        tab = Browser(cert)
        tab.session.cookies.update(browser.session.cookies)
        tabs.append(tab)
    threads = [
        threading.Thread(target=_import_one, args=(tab, args["batch"], f, out), daemon=True)
        for tab, f, out in zip(tabs, args["files"], imports, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return imports, tabs


def imports(cert: str, args: dict[str, Any]) -> dict[str, Any]:
    browser = Browser(cert)
    browser.login(args["username"], args["password"])
    done, tabs = _run_imports(cert, browser, args)
    return {
        "imports": done,
        "retried": browser.retried + sum(tab.retried for tab in tabs),
        "failed": browser.failed + [f for tab in tabs for f in tab.failed],
    }


def ping(cert: str, args: dict[str, Any]) -> dict[str, Any]:
    response = requests.get(SITE + "/healthz", timeout=5, verify=cert)
    return {"status": response.status_code}


def staff(cert: str, args: dict[str, Any]) -> dict[str, Any]:
    browser = Browser(cert)
    browser.login(args["username"], args["password"])
    result: dict[str, Any] = {}
    # The registrant's KTP scan, stored by whichever app host took the registration, read
    # through both app hosts (the balancer alternates between them).
    scans = [browser.get(args["document_path"]) for _ in range(4)]
    result["document"] = [(r.status_code, len(r.content)) if r is not None else None for r in scans]
    result["imports"], tabs = _run_imports(cert, browser, args)
    round_path = f"/penyaluran/putaran/{args['round']}/"
    for step in ("tutup", "hitung"):
        response = browser.post_form(round_path, f"{round_path}{step}/", {"confirm": "1"})
        result[step] = response and response.status_code
    detail = browser.get(round_path)
    result["round_page"] = detail.text if detail is not None else ""
    result["retried"] = browser.retried + sum(tab.retried for tab in tabs)
    result["failed"] = browser.failed + [f for tab in tabs for f in tab.failed]
    return result


def load(cert: str, args: dict[str, Any]) -> dict[str, Any]:
    """`clients` sessions read `paths` in turn for `seconds`."""
    seconds, paths = float(args["seconds"]), args["paths"]
    browsers = []
    for _ in range(args["clients"]):
        browser = Browser(cert)
        browser.login(args["username"], args["password"])
        browsers.append(browser)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    start = time.monotonic()

    def run(browser: Browser, offset: int) -> None:
        i = offset
        while time.monotonic() - start < seconds:
            path = paths[i % len(paths)]
            i += 1
            began = time.monotonic()
            response = browser.get(path)
            took = time.monotonic() - began
            key = str(response.status_code) if response is not None else "failed"
            with lock:
                latencies.append(took)
                statuses[key] = statuses.get(key, 0) + 1

    threads = [
        threading.Thread(target=run, args=(b, n), daemon=True) for n, b in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)

    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 1),
        "per_second": round(len(latencies) / elapsed, 1),
        "statuses": statuses,
        "retried": sum(b.retried for b in browsers),
        "failed": [f for b in browsers for f in b.failed],
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


COMMANDS = {"register": register, "staff": staff, "imports": imports, "load": load, "ping": ping}

if __name__ == "__main__":
    cert, command, raw = sys.argv[1:4]
    print(json.dumps(COMMANDS[command](cert, json.loads(raw))))
