"""A small network of separate hosts on one machine, for the scale-out test.

Each host is a Linux network namespace (its own interface, address and loopback) and each
process in it gets its own hostname (a UTS namespace), so a worker names itself `work1`
as it would on a machine of its own. The hosts are joined by a bridge that lives in a
switch namespace of its own: nothing is added to the machine's own network, and the root
namespace cannot reach the hosts (every request goes in through the load balancer host).
`ip netns exec` mounts `/etc/netns/<namespace>/hosts` over `/etc/hosts`, which gives each
host the site's name. Needs root and iproute2.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

SUBNET = "10.213.0"
PREFIX = 24


def missing_requirements(*tools: str) -> str | None:
    """Why this machine cannot build the lab, or None when it can."""
    if os.geteuid() != 0:
        return "needs root (network namespaces)"
    for tool in ("ip", "unshare", "runuser", *tools):
        if shutil.which(tool) is None:
            return f"needs {tool}"
    probe = f"jjprobe{os.getpid()}"
    made = subprocess.run(  # noqa: S603 - iproute2 on a name of our own
        ["ip", "netns", "add", probe],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        return f"cannot create a network namespace: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "delete", probe], check=False)  # noqa: S603, S607
    return None


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=30)  # noqa: S603, S607


@dataclass
class Host:
    """One machine of the lab: a network namespace with one address."""

    lab: Lab
    name: str
    address: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def namespace(self) -> str:
        return f"{self.lab.tag}-{self.name}"

    def command(self, argv: Sequence[str]) -> list[str]:
        """`argv` as run on this host: in its namespace, under its hostname."""
        return [
            "ip", "netns", "exec", self.namespace,
            "unshare", "--uts", "sh", "-c", 'hostname "$0" && exec "$@"', self.name, *argv,
        ]  # fmt: skip

    def start(
        self, argv: Sequence[str], *, env: dict[str, str], log: Path, cwd: Path | None = None
    ) -> subprocess.Popen[bytes]:
        """Starts a long-running process on this host, its output appended to `log`."""
        out: IO[bytes] = log.open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own commands
            self.command(argv),
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        out.close()
        self.processes.append(process)
        self.lab.processes.append(process)
        return process

    def run(
        self,
        argv: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 300,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(  # noqa: S603 - our own commands
            self.command(argv),
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"{self.name}: {' '.join(argv)} exited {result.returncode}\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return result


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, wait: float = 40) -> None:
    """Sends `sig` to the process's group and waits; kills it if it does not go."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Lab:
    """The hosts and the switch; `close()` removes every trace."""

    def __init__(self) -> None:
        self.tag = f"jj{secrets.token_hex(2)}"
        self.hosts: dict[str, Host] = {}
        self.processes: list[subprocess.Popen[bytes]] = []
        self.switch = f"{self.tag}-sw"
        _ip("netns", "add", self.switch)
        _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.switch, "link", "set", "br0", "up")

    def add_host(self, name: str, octet: int, *, names: dict[str, int] | None = None) -> Host:
        host = Host(self, name, f"{SUBNET}.{octet}")
        outside, inside = f"{self.tag}{octet}a", f"{self.tag}{octet}b"
        _ip("netns", "add", host.namespace)
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", outside, "netns", self.switch)
        _ip("link", "set", inside, "netns", host.namespace)
        _ip("-n", self.switch, "link", "set", outside, "master", "br0", "up")
        _ip("-n", host.namespace, "link", "set", inside, "name", "eth0")
        _ip("-n", host.namespace, "addr", "add", f"{host.address}/{PREFIX}", "dev", "eth0")
        _ip("-n", host.namespace, "link", "set", "eth0", "up")
        _ip("-n", host.namespace, "link", "set", "lo", "up")
        hosts_file = Path("/etc/netns") / host.namespace / "hosts"
        hosts_file.parent.mkdir(parents=True, exist_ok=True)
        lines = ["127.0.0.1 localhost", f"{host.address} {name}"]
        lines += [f"{SUBNET}.{other} {alias}" for alias, other in (names or {}).items()]
        hosts_file.write_text("\n".join(lines) + "\n")
        self.hosts[name] = host
        return host

    def close(self) -> None:
        for process in reversed(self.processes):
            stop(process, signal.SIGKILL, wait=10)
        for host in self.hosts.values():
            subprocess.run(  # noqa: S603
                ["ip", "netns", "delete", host.namespace],  # noqa: S607
                check=False,
                capture_output=True,
            )
            shutil.rmtree(Path("/etc/netns") / host.namespace, ignore_errors=True)
        subprocess.run(  # noqa: S603
            ["ip", "netns", "delete", self.switch],  # noqa: S607
            check=False,
            capture_output=True,
        )


def wait_until(
    predicate: Callable[[], Any], *, seconds: float, what: str, every: float = 0.25
) -> Any:
    """Polls `predicate` until it returns something true; fails saying `what` was awaited."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(every)
