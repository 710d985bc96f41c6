"""Serving the portal with gunicorn and loading it with wrk, on 127.0.0.1 only.

No Django here: run.py imports this to start servers and drive wrk, each run bounded in time.
"""

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
INSTALL_WRK = (
    "The benchmark loads the portal with wrk, which is not installed.\n"
    "On Debian or Ubuntu: sudo apt-get install wrk"
)

# wrk calls done() once at the end; it prints the summary as one JSON line for run.py.
SUMMARY_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-WRK {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""
# The same, counting answers by status class (2xx, 3xx, 4xx, 5xx), for the error check. The
# response() hook costs wrk some speed, so the page table runs without it.
STATUS_LUA = """
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) classes = {0, 0, 0, 0, 0} end
response = function(status, headers, body)
  local class = math.floor(status / 100)
  if class >= 1 and class <= 5 then classes[class] = classes[class] + 1 end
end
done = function(summary, latency, requests)
  local totals = {0, 0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    local counted = thread:get("classes")
    for i = 1, 5 do totals[i] = totals[i] + counted[i] end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-WRK {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max,
    totals[2], totals[3], totals[4], totals[5]))
end
"""


def require_wrk():
    if shutil.which("wrk") is None:
        sys.exit(INSTALL_WRK)


def wrk_version():
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (result.stdout + result.stderr).splitlines()[0].strip()


def no_control_socket():
    """gunicorn 25+ opens a control socket at one fixed path; two servers would share it."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    usage = subprocess.run([str(gunicorn), "--help"], capture_output=True, text=True).stdout
    return ["--no-control-socket"] if "--no-control-socket" in usage else []


class Server:
    """gunicorn with two sync workers on 127.0.0.1:``port``, for the duration of a ``with``."""

    def __init__(self, env, port, log_path):
        self.env = env
        self.port = port
        self.log_path = log_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "sosvet.wsgi:application",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--error-logfile",
                "-",
                *no_control_socket(),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def get(self, path, cookie=None):
        """(status, content type, first bytes) of one GET, following no redirect."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        request = urllib.request.Request(self.base_url + path)
        if cookie:
            request.add_header("Cookie", cookie)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read(200)
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read(200)


def wrk(url, *, cookie=None, seconds=10, connections=4, threads=1, count_statuses=False):
    """Load ``url`` for ``seconds`` with wrk; returns the summary as a dict."""
    script = STATUS_LUA if count_statuses else SUMMARY_LUA
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["-s", file.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        result = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=seconds + 60
        )
    finally:
        Path(file.name).unlink()
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-WRK "):
            summary = json.loads(line.removeprefix("BENCH-WRK "))
            summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
            summary["errors"] = sum(
                summary[key] for key in ("connect", "read", "write", "status", "timeout")
            )
            return summary
    raise RuntimeError(f"wrk gave no summary for {url}:\n{result.stdout}\n{result.stderr}")
