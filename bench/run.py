"""Benchmark: the portal under load, Ptuj alone beside Ptuj and the other councils (make bench).

For SQLite, and PostgreSQL when it answers, it builds both datasets (bench/dataset.py), serves
each with gunicorn (2 sync workers, debug off, persistent database connections) on 127.0.0.1
and loads the two servers in turn with wrk, page by page as the persona who opens it, with
``/healthz`` in the same rounds. The machine is shared and noisy, so what is judged is ratios
taken side by side: a page's req/s against ``/healthz``, the large dataset against the small
one, p99 against p50. The "floor" page is "ok" behind the login and the role check
(``council_view``): the cheapest council page there can be, added in the bench's processes only.
In-process (Django's test client) it counts each page's queries and the time spent in them, and
times the draft report's PDF view against WeasyPrint alone on the same HTML.

    .venv/bin/python -m bench.run [--backends sqlite] [--councils 20] [--markdown bench/RESULTS.md]

A measurement, not a test: it prints PASS or FAIL per target and exits 0 if it could run.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# page: (label, persona, URL name, the least share of /healthz's req/s it should reach)
PAGES = {
    "floor": ("floor: empty page behind login and role", "member", "bench-floor", None),
    "dashboard": ("overview", "member", "dashboard", 0.10),
    "session": ("session page", "member", "meetings:session", 0.10),
    "roster": ("roster", "member", "members:roster", 0.12),
    "reports": ("reports list", "mayors_office", "reports:report_list", 0.12),
}
MAX_TAIL, MIN_SCALE = 4.0, 0.8  # p99 against p50; the large dataset's req/s against the small's
WRK_LUA = """done = function(s, latency, requests)
  io.write(string.format('BENCH-WRK {"requests": %d, "us": %d, "errors": %d, "p50": %d, '
    .. '"p99": %d}\\n', s.requests, s.duration, s.errors.connect + s.errors.read + s.errors.write
    + s.errors.status + s.errors.timeout, latency:percentile(50), latency:percentile(99)))
end"""


def log(message):
    print(message, file=sys.stderr, flush=True)


# In the gunicorn workers and the probe, where Django runs on one dataset.


def add_floor():
    from django.http import HttpResponse
    from django.urls import path

    import sosvet.urls
    from members.access import council_view

    floor = council_view(lambda request, council: HttpResponse("ok"))
    # First, before "<slug:council>/" (members.urls) answers 404 to the address.
    floor_url = path("<slug:council>/bench-floor/", floor, name="bench-floor")
    sosvet.urls.urlpatterns.insert(0, floor_url)


def floor_application():
    """What gunicorn serves (``bench.run:floor_application()``): the portal and the floor."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    add_floor()
    return application


def log_in(user):
    """The key of a session as a password login leaves it. A second factor, once a persona's
    role needs one, is one more key here; the personas that open pages are not secretaries."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that checks passwords, the last (axes' before it only refuses a locked login).
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def probe(pdf_rounds, rounds=10):
    """Print each page's address, cookies, queries and median in-process ms (and in queries)."""
    import django

    django.setup()
    add_floor()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench.dataset import USERNAMES
    from meetings.models import Session
    from reports.models import AnnualReport

    held = Session.objects.filter(mandate__council__slug="ptuj", status="held").latest("date")
    about = f"{held.items.count()} agenda items, {held.attendances.count()} attendance rows"
    clients, result = {}, {"about": f"Session page: {held} of {held.date}, {about}", "pages": {}}
    for persona in ("member", "mayors_office"):
        user = get_user_model().objects.get(username=USERNAMES[persona])
        # What a browser holds after its first page: the session and a CSRF cookie.
        clients[persona] = Client(HTTP_HOST="127.0.0.1")
        clients[persona].cookies.load(
            {settings.SESSION_COOKIE_NAME: log_in(user), settings.CSRF_COOKIE_NAME: "0" * 32}
        )
    for page, (_label, persona, name, _share) in PAGES.items():
        client, queries, times = clients[persona], [], []
        kwargs = {"council": "ptuj", "pk": held.pk} if page == "session" else {"council": "ptuj"}
        path = reverse(name, kwargs=kwargs)

        def timed(execute, *args, queries=queries):
            started = time.perf_counter()
            try:
                return execute(*args)
            finally:
                queries[-1].append(time.perf_counter() - started)

        client.get(path)  # what a process does once: translations, templates, content types
        for _ in range(rounds):
            queries.append([])
            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                status = client.get(path).status_code
            times.append(time.perf_counter() - started)
            assert status == 200, f"{path} answered {status}"
        result["pages"][page] = {
            "path": path,
            "cookie": "; ".join(f"{c.key}={c.value}" for c in client.cookies.values()),
            "queries": max(len(samples) for samples in queries),
            "ms": statistics.median(times) * 1000,
            "db_ms": statistics.median(sum(samples) for samples in queries) * 1000,
        }
    if pdf_rounds:
        draft = AnnualReport.objects.get(council__slug="ptuj", status="draft")
        result["pdf"] = time_pdf(clients["mayors_office"], draft, pdf_rounds)
    print("BENCH-PROBE " + json.dumps(result))


def time_pdf(client, draft, rounds):
    """Median ms of the draft's PDF view and of WeasyPrint alone on its HTML, interleaved."""
    from django.urls import reverse

    # WeasyPrint and the PDF/UA finish (meetings/pdf_ua.py), as the view renders, nothing more
    from meetings.pdf import html_to_pdf
    from reports.rendering import render_html

    url = reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": draft.pk})
    html = render_html(draft, standalone=True)
    contenders = {
        "view": lambda: client.get(url).content,
        "WeasyPrint": lambda: html_to_pdf(html, base_url="http://127.0.0.1/"),
    }
    times = {name: [] for name in contenders}
    for round_ in range(rounds + 1):  # the first round warms up
        for name, run in sorted(contenders.items(), reverse=round_ % 2 == 1):
            started = time.perf_counter()
            assert run().startswith(b"%PDF"), name
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(samples[1:]) * 1000 for name, samples in times.items()}


# The driver: databases, servers and wrk.


def run_json(arguments, env, prefix):
    """Run ``python -m <arguments>`` on a dataset; the JSON it prints after ``prefix``."""
    command = [sys.executable, "-m", *arguments]
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True)
    for line in result.stdout.splitlines():
        if line.startswith(prefix):
            return json.loads(line.removeprefix(prefix))
    raise RuntimeError(f"{arguments} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def postgres(url, statement):
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True, connect_timeout=3) as db:
        cursor = db.execute(statement)
        return cursor.fetchone() if cursor.description else None


class Dataset:
    """One dataset's database: a SQLite file, or a PostgreSQL database of the bench's own."""

    def __init__(self, backend, name, councils, args):
        self.name, self.councils, self.args = name, councils, args
        self.file = None if backend != "sqlite" else Path(args.workdir, f"{name}.sqlite3")
        self.database = f"sosvet_bench_{name}"
        server = args.postgres.rstrip("/")
        self.url = f"sqlite:///{self.file}" if self.file else f"{server}/{self.database}"

    def prepare(self, env):
        """Build it (unless ``--reuse`` finds it kept), then probe its pages."""
        exists = f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'"
        built = None
        if not self.args.reuse or not (self.file.exists() if self.file else self.sql(exists)):
            self.drop()
            if not self.file:
                self.sql(f"CREATE DATABASE {self.database}")
            log(f"  {self.name}: building {self.councils} council(s)")
            arguments = ["bench.dataset", "--councils", str(self.councils)]
            built = run_json(arguments, env, "BENCH-BUILD ")
        log(f"  {self.name}: probing the pages")
        arguments = ["bench.run", "--probe", "--pdf-rounds", str(self.args.pdf_rounds)]
        return {"built": built, **run_json(arguments, env, "BENCH-PROBE ")}

    def sql(self, statement):
        return postgres(self.args.postgres, statement)

    def drop(self):
        if self.file:
            self.file.unlink(missing_ok=True)
        else:
            self.sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")


def get(port, path, cookie=""):
    """The status of one GET, following no redirect: a login page is no answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        return connection.getresponse().status
    finally:
        connection.close()


def serve(env, port, log_path):
    """gunicorn on 127.0.0.1:``port``, once it answers /healthz."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    usage = subprocess.run([gunicorn, "--help"], capture_output=True, text=True).stdout
    # gunicorn 25+ opens a control socket at one fixed path, which two servers would share.
    control = ["--no-control-socket"] if "--no-control-socket" in usage else []
    command = [gunicorn, "bench.run:floor_application()", "--workers", "2", "--worker-class"]
    command += ["sync", "--bind", f"127.0.0.1:{port}", *control]
    output = log_path.open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if get(port, "/healthz") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer; see {log_path}")


def check(port, pages):
    """Every page answers 200 as its persona (or the figures would measure something else),
    several times, so that both workers have drawn it once before the load."""
    for page in pages.values():
        for _ in range(6):
            status = get(port, page["path"], page["cookie"])
            assert status == 200, f"{page['path']} answered {status}"


def wrk(port, path, cookie, args):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_LUA)
        script.flush()
        command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "-s", script.name]
        command += ["-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"]
        output = subprocess.run(command, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-WRK "))
    return json.loads(line.removeprefix("BENCH-WRK "))


def load(ports, probes, args):
    """Each page on both servers in turn (who goes first alternates by round), /healthz at the
    start and the end of each round; per server and page: req/s, median p50 and p99, errors."""
    runs = {name: {page: [] for page in ["healthz", *PAGES]} for name in ports}
    for round_ in range(args.rounds):
        for page in ["healthz", *PAGES, "healthz"]:
            for name in sorted(ports, reverse=round_ % 2 == 0):  # "small" first, then "large"
                info = probes[name]["pages"].get(page, {"path": "/healthz", "cookie": ""})
                log(f"  round {round_ + 1}: {name} {page}")
                runs[name][page].append(wrk(ports[name], info["path"], info["cookie"], args))
    return {
        name: {
            page: {
                "rps": sum(r["requests"] for r in rs) / sum(r["us"] for r in rs) * 1e6,
                "p50": statistics.median(r["p50"] for r in rs) / 1000,
                "p99": statistics.median(r["p99"] for r in rs) / 1000,
                "errors": sum(r["errors"] for r in rs),
            }
            for page, rs in pages.items()
        }
        for name, pages in runs.items()
    }


def bench(backend, base_env, args):
    datasets = {"small": Dataset(backend, "small", 1, args)}
    datasets["large"] = Dataset(backend, "large", args.councils, args)
    envs = {name: {**base_env, "DATABASE_URL": data.url} for name, data in datasets.items()}
    probes = {name: data.prepare(envs[name]) for name, data in datasets.items()}
    ports = {"small": args.port, "large": args.port + 1}
    logs = {name: Path(args.workdir, f"{name}.log") for name in ports}
    servers = [serve(envs[name], port, logs[name]) for name, port in ports.items()]
    try:
        for name, port in ports.items():
            check(port, probes[name]["pages"])
        loads = load(ports, probes, args)
        for name, port in ports.items():
            check(port, probes[name]["pages"])  # and still after the load
    finally:
        for server in servers:
            server.terminate()
            server.wait(30)
    for data in datasets.values():
        if not args.keep:
            data.drop()
    return probes, loads


def table(backend, probes, loads, args):
    """The backend's Markdown table, and its targets as (text, passed)."""
    small, large = probes["small"], probes["large"]
    out, targets = [f"\n## {backend}\n"], []
    for label, probe_ in (("Ptuj", small), (f"{args.councils} councils", large)):
        if probe_["built"]:
            rows, seconds = probe_["built"]["rows"], probe_["built"]["seconds"]
            out.append(f"- {label}: {sum(rows.values()):,} rows built in {seconds:.0f} s")
    out.append(
        f"- {small['about']}\n\nEach cell: Ptuj / {args.councils} councils. In-process: the "
        "test client, median of 10 requests.\n\n| page | persona | queries | in-process ms (in "
        "queries) | req/s | of /healthz | large / small | p50 ms | p99 / p50 | errors |"
    )
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")

    def pair(values, form):
        return " / ".join(form.format(value) for value in values)

    for page in ["healthz", *PAGES]:
        label, persona, _name, share = PAGES.get(page, ("/healthz", "—", "", None))
        load_ = [loads["small"][page], loads["large"][page]]
        info = [small["pages"].get(page), large["pages"].get(page)]
        of_healthz = [load_[i]["rps"] / loads[n]["healthz"]["rps"] for i, n in enumerate(loads)]
        scale, tails = load_[1]["rps"] / load_[0]["rps"], [f["p99"] / f["p50"] for f in load_]
        queries = pair([i["queries"] for i in info], "{}") if info[0] else "0"
        inside = [f"{i['ms']:.1f} ({i['db_ms']:.1f})" for i in info] if info[0] else []
        persona = persona.replace("mayors_office", "mayor's office")
        out.append(
            f"| {label} | {persona} | {queries} | {' / '.join(inside)} "
            f"| {pair([f['rps'] for f in load_], '{:.0f}')} | {pair(of_healthz, '{:.2f}')} "
            f"| {scale:.2f} | {pair([f['p50'] for f in load_], '{:.1f}')} "
            f"| {pair(tails, '{:.1f}')} | {pair([f['errors'] for f in load_], '{}')} |"
        )
        targets.append((f"{label}: no errors, only 200", not any(f["errors"] for f in load_)))
        if page == "healthz":
            continue
        text = f"{label}: p99 ≤ {MAX_TAIL:.0f} × p50 ({pair(tails, '{:.1f}')})"
        targets.append((text, max(tails) <= MAX_TAIL))
        targets.append((f"{label}: large ≥ {MIN_SCALE} × small ({scale:.2f})", scale >= MIN_SCALE))
        same = info[0]["queries"] == info[1]["queries"]
        targets.append((f"{label}: same query count on both datasets ({queries})", same))
        if share:
            text = f"{label}: ≥ {share:.2f} of /healthz ({pair(of_healthz, '{:.2f}')})"
            targets.append((text, min(of_healthz) >= share))
    if "pdf" in small:
        out.append(
            "\nThe draft report's PDF: the view against WeasyPrint alone on the same HTML, "
            f"in-process, median of {args.pdf_rounds} interleaved rounds\n"
        )
        out.append("| dataset | view ms | WeasyPrint ms | view / WeasyPrint |\n|---|--:|--:|--:|")
        for label, probe_ in (("Ptuj", small), (f"{args.councils} councils", large)):
            view, alone = probe_["pdf"]["view"], probe_["pdf"]["WeasyPrint"]
            out.append(f"| {label} | {view:.0f} | {alone:.0f} | {view / alone:.2f} |")
    return out, [(f"{backend}: {text}", ok) for text, ok in targets]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--councils", type=int, default=212, help="in the large dataset")
    parser.add_argument("--seconds", type=int, default=8, help="of wrk per page and dataset")
    parser.add_argument("--rounds", type=int, default=2, help="of all pages, order alternating")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--pdf-rounds", type=int, default=10, help="0: no PDF figure")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--port", type=int, default=8701, help="and the next one")
    parser.add_argument("--workdir", help="for SQLite files, media and logs (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="use kept databases, no rebuild")
    parser.add_argument("--markdown", help="also write the results to this file")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        return probe(args.pdf_rounds)
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: sudo apt-get install wrk")
    temporary = not args.workdir
    args.workdir = str(Path(args.workdir or tempfile.mkdtemp(prefix="sosvet-bench-")).resolve())
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sosvet.settings",
        "SOSVET_DEBUG": "0",
        "SOSVET_SECRET_KEY": secrets.token_urlsafe(50),
        "SOSVET_ALLOWED_HOSTS": "127.0.0.1",
        "SOSVET_SSL_REDIRECT": "0",
        "SOSVET_MEDIA_ROOT": f"{args.workdir}/media",
        "SOSVET_STATIC_ROOT": f"{args.workdir}/static",
        "SOSVET_LOG_LEVEL": "WARNING",
        "SOSVET_DB_CONN_MAX_AGE": "600",  # persistent connections, as a deployment keeps them
    }
    static_env = {**base_env, "DATABASE_URL": f"sqlite:///{args.workdir}/static.sqlite3"}
    collect = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=static_env, check=True)
    version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    out = [
        f"# Benchmark results ({datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC)\n",
        f"- {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start; Python "
        f"{platform.python_version()}; {(version.stdout + version.stderr).split(' Copyright')[0]}",
        "- gunicorn: 2 sync workers, debug off, persistent database connections; wrk: 1 thread, "
        f"{args.connections} connections, {args.seconds} s per page and dataset, {args.rounds} "
        "round(s), /healthz at the start and the end of each",
    ]
    targets = []
    try:
        for backend in args.backends.split(","):
            label = "SQLite"
            if backend == "postgresql":
                try:
                    version = postgres(args.postgres, "SHOW server_version")[0]
                    label = f"PostgreSQL {version.split()[0]}"
                except Exception as error:  # noqa: BLE001 (whatever it is, there is no PostgreSQL)
                    log(f"PostgreSQL at {args.postgres} does not answer ({error}); skipped.")
                    continue
            log(label)
            lines, backend_targets = table(label, *bench(backend, base_env, args), args)
            out, targets = out + lines, targets + backend_targets
    finally:
        if temporary and not args.keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
    out += ["\n## Targets\n"] + [f"- {'PASS' if ok else 'FAIL'} {text}" for text, ok in targets]
    print("\n".join(out))
    if args.markdown:
        Path(args.markdown).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
