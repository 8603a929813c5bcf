"""Start Debian nginx with the shipped configuration on a free loopback port, for the serving tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def have_nginx() -> bool:
    """Whether nginx and the brotli static module are installed."""
    return Path(NGINX).exists() and Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so").exists()


@contextmanager
def nginx(root: Path, workdir: Path) -> Iterator[str]:
    """nginx serving `root` with deploy/*.conf (placeholders filled in); yields the base URL."""
    port = free_port()
    conf = workdir / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    values = {"@PORT@": str(port), "@ROOT@": str(root), "@PREFIX@": str(workdir), "@DEPLOY@": str(conf)}
    for name in ("nginx.conf", "kompetanseinnsyn.conf", "security-headers.conf"):
        text = (DEPLOY / name).read_text("utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        (conf / name).write_text(text, "utf-8")
    log = workdir / "nginx.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(log.read_text("utf-8", errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
