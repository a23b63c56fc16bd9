"""Headless Chromium for the tests: Debian's `chromium`, offline-minded flags, bounded runs.

A missing browser is a failure with a clear message, never a skip (.ci/run installs it).
Every run starts in its own process group, which is killed afterwards whatever happened.
"""
from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]


def chromium_binary() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not path:
        raise AssertionError("Chromium is required for this test: install Debian's `chromium` "
                             "(apt-get install chromium; .ci/run does it) or set CHROMIUM=/path/to/chromium")
    return path


def run_chromium(url: str, *, action: list[str], window: tuple[int, int] = (1280, 2000),
                 virtual_time_ms: int = 5000, timeout: float = 120) -> subprocess.CompletedProcess:
    """One headless Chromium run (dump-dom or screenshot) in a throwaway profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        args = [chromium_binary(), *FLAGS, f"--user-data-dir={profile}",
                f"--window-size={window[0]},{window[1]}", f"--virtual-time-budget={virtual_time_ms}",
                *action, url]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            out, err = proc.communicate()
            raise AssertionError(f"chromium did not finish within {timeout} s on {url}:\n{err[-2000:]}")
        finally:
            _kill_group(proc.pid)  # renderer and helper processes left behind, if any
    if proc.returncode != 0:
        raise AssertionError(f"chromium failed ({proc.returncode}) on {url}:\n{err[-2000:]}")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def dump_dom(url: str, **kwargs) -> str:
    """The page's DOM after its scripts ran (plotly's SVG, the Dagster UI's React tree)."""
    return run_chromium(url, action=["--dump-dom"], **kwargs).stdout


def screenshot(url: str, png: Path, **kwargs) -> tuple[int, int]:
    """A PNG of the page; returns its width and height."""
    run_chromium(url, action=[f"--screenshot={png}"], **kwargs)
    if not png.is_file():
        raise AssertionError(f"chromium wrote no screenshot for {url}")
    return png_size(png)


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{png} is not a PNG")
    return struct.unpack(">II", data[16:24])


def visible_text(dom: str) -> str:
    """Text of a dumped DOM, scripts and styles left out, whitespace collapsed."""
    import re

    text = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
