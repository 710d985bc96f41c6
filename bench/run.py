"""Benchmark: the portal under load, on a small and a large dataset side by side (``make bench``).

For each database (SQLite, and PostgreSQL when it answers) it builds two datasets, Ptuj alone and
all 212 councils (Ptuj's rows identical in both, see dataset.py), serves each with gunicorn (two
sync workers, debug off) on 127.0.0.1, and loads the two servers in turn with wrk, page by page:
the member's dashboard, a session page with its agenda, the roster, the reports list and the draft
report PDF, each as the persona that opens it, beside ``/healthz`` (a plain "ok", the ceiling of
what the process can answer). Every figure is a ratio taken in one run or a count, because the
machine is shared and noisy: requests per second against the ceiling, the large dataset against
the small one, p99 against p50, the PDF view against WeasyPrint alone on the same HTML. A last
check loads two pages for a minute at 32 connections and counts errors and 5xx answers.

    .venv/bin/python -m bench.run [--councils 212] [--seconds 10] [--markdown bench/RESULTS.md]

It is a measurement, not a test: it prints PASS or FAIL per target and exits 0 unless it could
not run. It needs wrk (``sudo apt-get install wrk``).
"""

import argparse
import datetime
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

from bench.load import Server, require_wrk, wrk, wrk_version
from bench.probe import KEPT

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = ["dashboard", "session", "roster", "reports", "report_pdf"]
REFERENCE = ["mandates"]  # measured and shown, but no target of the issue
LABELS = {
    "healthz": "/healthz (ceiling)",
    "dashboard": "member's dashboard",
    "session": "session page",
    "roster": "roster",
    "reports": "reports list",
    "report_pdf": "report PDF (draft)",
    "mandates": "mandates list (reference)",
}
PERSONAS = {"member": "member", "mayors_office": "mayor's office"}
# The targets of the issue.
MIN_SCALE = 0.80  # large-dataset throughput against the small one
MIN_OF_CEILING = 0.20  # for the pages below
CEILING_PAGES = ["dashboard", "session"]
MAX_TAIL = 4.0  # p99 against p50
MAX_PDF = 1.15  # the PDF view against WeasyPrint alone


def log(message):
    print(message, file=sys.stderr, flush=True)


def shell(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, shell=True).stdout.strip()
    except OSError:
        return "?"


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    memory = shell('free -h | awk \'/^Mem:/ {print $2 " total, " $7 " available"}\'')
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, {os.cpu_count()} cores (nproc: {shell('nproc')})",
        "memory": memory,
        "system": shell(". /etc/os-release && echo $PRETTY_NAME") or platform.platform(),
        "python": platform.python_version(),
        "wrk": wrk_version(),
        "load": "load average at the start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


class Database:
    """One dataset's database: a SQLite file or a PostgreSQL database of the benchmark's own."""

    def __init__(self, backend, name, workdir, postgres_url):
        self.backend = backend
        self.name = name
        if backend == "sqlite":
            self.path = Path(workdir) / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.database = f"sosvet_bench_{name}"
            self.url = f"{postgres_url.rstrip('/')}/{self.database}"
            self.admin_url = f"{postgres_url.rstrip('/')}/postgres"

    def exists(self):
        if self.backend == "sqlite":
            return self.path.exists()
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.database]
            ).fetchone()
        return found is not None

    def create(self):
        if self.backend == "sqlite":
            self.path.unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def drop(self):
        if self.backend == "sqlite":
            self.path.unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def postgres_version(url):
    try:
        import psycopg

        with psycopg.connect(f"{url.rstrip('/')}/postgres", connect_timeout=3) as connection:
            return connection.execute("SHOW server_version").fetchone()[0].split()[0]
    except Exception as error:  # noqa: BLE001 (any failure means: no PostgreSQL to bench)
        log(f"PostgreSQL at {url} does not answer ({error}); skipping it.")
        return None


def django_env(base, database_url):
    """The portal's production configuration, on 127.0.0.1, with the bench's own folders."""
    env = dict(base)
    env["DATABASE_URL"] = database_url
    return env


def run_json(command, env, prefix, timeout):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    for line in result.stdout.splitlines():
        if line.startswith(prefix):
            return json.loads(line.removeprefix(prefix))
    raise RuntimeError(
        f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
        f"{result.stderr[-5000:]}"
    )


def prepare(database, councils, env, args):
    """Build (unless reused), then probe: addresses, cookies, query counts, PDF timing."""
    built = None
    if args.reuse and database.exists():
        log(f"  {database.name}: reusing the existing database")
    else:
        database.create()
        log(f"  {database.name}: migrating")
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        log(f"  {database.name}: building {councils} council(s)")
        started = time.perf_counter()
        built = run_json(
            [PYTHON, "-m", "bench.dataset", "--councils", str(councils)],
            env,
            "BENCH-BUILD ",
            timeout=3600,
        )
        built["wall_seconds"] = time.perf_counter() - started
        log(f"  {database.name}: built in {built['wall_seconds']:.0f} s")
    log(f"  {database.name}: probing pages and timing the PDF")
    rounds = ["--pdf-rounds", str(args.pdf_rounds), "--view-rounds", str(args.view_rounds)]
    probe = run_json(
        [PYTHON, "-m", "bench.probe", *rounds],
        env,
        "BENCH-PROBE ",
        timeout=1800,
    )
    probe["built"] = built
    return probe


def preflight(server, probe):
    """Every page answers 200 with the right kind of content, or the numbers would be lies."""
    status, content_type, body = server.get("/healthz")
    assert status == 200 and body == b"ok", f"/healthz answered {status} {body!r}"
    for page, info in probe["pages"].items():
        status, content_type, body = server.get(info["path"], info["cookie"])
        expected = "application/pdf" if page == "report_pdf" else "text/html"
        if status != 200 or not (content_type or "").startswith(expected):
            raise RuntimeError(f"{page} {info['path']} answered {status} {content_type}")


def merge(runs):
    """One figure from several runs of wrk: rates summed over time, latencies as medians."""
    requests = sum(run["requests"] for run in runs)
    seconds = sum(run["duration_us"] for run in runs) / 1e6
    return {
        "rps": requests / seconds,
        "requests": requests,
        "errors": sum(run["errors"] for run in runs),
        "p50_ms": statistics.median(run["p50_us"] for run in runs) / 1000,
        "p99_ms": statistics.median(run["p99_us"] for run in runs) / 1000,
    }


def load_side_by_side(servers, probes, args):
    """Each page on the small then the large server (the order alternating by round), with the
    ceiling measured at the start and the end of every round."""
    runs = {name: {page: [] for page in ["healthz", *PAGES, *REFERENCE]} for name in servers}
    for round_ in range(args.rounds):
        names = list(servers) if round_ % 2 == 0 else list(reversed(servers))
        for page in ["healthz", *PAGES, *REFERENCE, "healthz"]:
            for name in names:
                server = servers[name]
                info = probes[name]["pages"].get(page)
                path = info["path"] if info else "/healthz"
                cookie = info["cookie"] if info else None
                log(f"  round {round_ + 1}: {name:5} {page}")
                runs[name][page].append(
                    wrk(
                        server.base_url + path,
                        cookie=cookie,
                        seconds=args.seconds,
                        connections=args.connections,
                    )
                )
    return {
        name: {page: merge(page_runs) for page, page_runs in pages.items()}
        for name, pages in runs.items()
    }


def stress(server, probe, args):
    results = {}
    for page in args.stress_pages:
        info = probe["pages"][page]
        log(f"  error check: {page}, {args.stress_seconds} s at {args.stress_connections} conn.")
        results[page] = wrk(
            server.base_url + info["path"],
            cookie=info["cookie"],
            seconds=args.stress_seconds,
            connections=args.stress_connections,
            threads=2,
            count_statuses=True,
        )
    return results


def bench_backend(backend, args, base_env, workdir, postgres_url):
    log(f"{backend}:")
    sizes = {"small": 1, "large": args.councils}
    databases = {name: Database(backend, name, workdir, postgres_url) for name in sizes}
    envs = {name: django_env(base_env, databases[name].url) for name in sizes}
    probes = {name: prepare(databases[name], sizes[name], envs[name], args) for name in sizes}
    ports = {"small": args.port, "large": args.port + 1}
    logs = {name: Path(workdir) / f"gunicorn-{backend}-{name}.log" for name in sizes}
    with (
        Server(envs["small"], ports["small"], logs["small"]) as small,
        Server(envs["large"], ports["large"], logs["large"]) as large,
    ):
        servers = {"small": small, "large": large}
        for name, server in servers.items():
            preflight(server, probes[name])
        loads = load_side_by_side(servers, probes, args)
        stressed = stress(large, probes["large"], args) if args.stress_seconds > 0 else {}
        for name, server in servers.items():
            preflight(server, probes[name])  # still answering after the load
    if not args.keep:
        for database in databases.values():
            database.drop()
    return {"probes": probes, "loads": loads, "stress": stressed}


# Output: Markdown, readable in a terminal too.


def verdict(ok):
    return "PASS" if ok else "FAIL"


def query_counts(info):
    return (info["queries"], info["repeat_queries"]) if info else (0, 0)


def query_cell(info):
    """The table's cell: "15", or "15 first, 3 repeat" for a page that keeps repeat views."""
    first, repeat = query_counts(info)
    return str(first) if first == repeat else f"{first} first, {repeat} repeat"


def report(results, info, args):
    out = []
    out.append(f"# Benchmark results ({info['date']})\n")
    out.append(
        f"- Machine: {info['cpu']}; memory {info['memory']}; {info['system']}; {info['load']}"
    )
    out.append(f"- Python {info['python']}; {info['wrk']}; gunicorn, 2 sync workers, debug off")
    out.append(
        f"- Load: wrk, 1 thread, {args.connections} connections, {args.seconds} s per page and "
        f"dataset, {args.rounds} round(s), pages in turn on the two servers; error check "
        f"{args.stress_seconds} s at {args.stress_connections} connections (2 threads) on the "
        "large dataset"
    )
    out.append(
        f'- Datasets: "Ptuj" = the Ptuj council alone; "{args.councils} councils" = Ptuj and '
        f"{args.councils - 1} more, Ptuj's rows identical in both (bench/dataset.py)"
    )
    targets = []
    for backend, result in results.items():
        probes, loads = result["probes"], result["loads"]
        names = {"small": "Ptuj", "large": f"{args.councils} councils"}
        out.append(f"\n## {backend}\n")
        for name, probe in probes.items():
            built = probe["built"]
            if built:
                rows = sum(built["rows"].values())
                out.append(
                    f"- {names[name]}: {rows:,} rows built in {built['wall_seconds']:.0f} s "
                    f"({built['rows'].get('Session', 0):,} sessions, "
                    f"{built['rows'].get('AgendaItem', 0):,} agenda items, "
                    f"{built['rows'].get('Attendance', 0):,} attendance rows)"
                )
        out.append(f"- Session page: {probes['small']['about']['session']}")
        out.append("")
        out.append(
            "| page | persona | dataset | queries | req/s | of ceiling | large / small "
            "| p50 ms | p99 ms | p99 / p50 |"
        )
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|")
        for page in ["healthz", *PAGES, *REFERENCE]:
            for name in ("small", "large"):
                figures = loads[name][page]
                ceiling = loads[name]["healthz"]["rps"]
                info_ = probes[name]["pages"].get(page)
                scale = figures["rps"] / loads["small"][page]["rps"]
                tail = figures["p99_ms"] / figures["p50_ms"] if figures["p50_ms"] else float("nan")
                out.append(
                    f"| {LABELS[page]} | {PERSONAS[info_['persona']] if info_ else '—'} "
                    f"| {names[name]} | {query_cell(info_)} "
                    f"| {figures['rps']:.0f} | {figures['rps'] / ceiling:.1%} "
                    f"| {'' if name == 'small' else f'{scale:.2f}'} "
                    f"| {figures['p50_ms']:.1f} | {figures['p99_ms']:.1f} | {tail:.1f} |"
                )
                if page == "healthz" or page in REFERENCE:
                    continue
                if name == "large":
                    small = probes["small"]["pages"][page]
                    same = query_counts(info_) == query_counts(small)
                    targets.append(
                        (backend, f"{LABELS[page]}: same query count on both datasets", same)
                    )
                    targets.append(
                        (
                            backend,
                            f"{LABELS[page]}: large ≥ {MIN_SCALE:.0%} of small (req/s {scale:.2f})",
                            scale >= MIN_SCALE,
                        )
                    )
                if page in CEILING_PAGES:
                    share = figures["rps"] / ceiling
                    targets.append(
                        (
                            backend,
                            f"{LABELS[page]} ({names[name]}): ≥ {MIN_OF_CEILING:.0%} of the "
                            f"ceiling ({share:.1%})",
                            share >= MIN_OF_CEILING,
                        )
                    )
                targets.append(
                    (
                        backend,
                        f"{LABELS[page]} ({names[name]}): p99 ≤ {MAX_TAIL:.0f} × p50 ({tail:.1f})",
                        tail <= MAX_TAIL,
                    )
                )
        if KEPT:
            out.append(
                "\nFirst and repeat views of the pages that keep a user's repeat views (wrk's "
                "load above is repeat views): the test client, in-process, median of "
                f"{args.view_rounds} rounds, first and repeat view interleaved\n"
            )
            out.append("| page | dataset | first view ms | repeat view ms | first / repeat |")
            out.append("|---|---|--:|--:|--:|")
        for page in KEPT:
            for name, probe in probes.items():
                views = probe["pages"][page]["views"]
                out.append(
                    f"| {LABELS[page]} | {names[name]} | {views['first_ms']:.1f} "
                    f"| {views['repeat_ms']:.1f} | {views['first_ms'] / views['repeat_ms']:.1f} |"
                )
        out.append(
            "\nReport PDF of the draft: the view (test client, as the mayor's office) "
            "against WeasyPrint alone on the same HTML, interleaved\n"
        )
        out.append(
            "| dataset | rounds | view median ms | WeasyPrint median ms | view / WeasyPrint |"
        )
        out.append("|---|--:|--:|--:|--:|")
        for name, probe in probes.items():
            pdf = probe["pdf"]
            ratio = pdf["view"]["median_ms"] / pdf["WeasyPrint alone"]["median_ms"]
            out.append(
                f"| {names[name]} | {pdf['rounds']} | {pdf['view']['median_ms']:.0f} "
                f"| {pdf['WeasyPrint alone']['median_ms']:.0f} | {ratio:.3f} |"
            )
            targets.append(
                (
                    backend,
                    f"report PDF ({names[name]}): view ≤ {MAX_PDF} × WeasyPrint alone "
                    f"({ratio:.3f})",
                    ratio <= MAX_PDF,
                )
            )
        if result["stress"]:
            out.append(
                f"\nError check on the {args.councils}-council dataset: {args.stress_seconds} s "
                f"at {args.stress_connections} connections\n"
            )
            out.append(
                "| page | requests | req/s | p50 ms | p99 ms | 2xx | 3xx | 4xx | 5xx "
                "| socket errors / timeouts |"
            )
            out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
            for page, run in result["stress"].items():
                socket_errors = run["connect"] + run["read"] + run["write"] + run["timeout"]
                out.append(
                    f"| {LABELS[page]} | {run['requests']} | {run['rps']:.0f} "
                    f"| {run['p50_us'] / 1000:.0f} | {run['p99_us'] / 1000:.0f} | {run['2xx']} "
                    f"| {run['3xx']} | {run['4xx']} | {run['5xx']} | {socket_errors} |"
                )
                clean = run["errors"] == 0 and run["5xx"] == 0 and run["2xx"] == run["requests"]
                targets.append(
                    (
                        backend,
                        f"{LABELS[page]}: no errors, no 5xx under "
                        f"{args.stress_seconds} s × {args.stress_connections} connections",
                        clean,
                    )
                )
    out.append("\n## Targets\n")
    for backend, text, ok in targets:
        out.append(f"- {verdict(ok)} {backend}: {text}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--councils", type=int, default=212, help="the large dataset (212)")
    parser.add_argument("--seconds", type=int, default=8, help="of load per page and dataset")
    parser.add_argument("--rounds", type=int, default=2, help="each page twice, order alternating")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--stress-seconds", type=int, default=60, help="0 to skip the check")
    parser.add_argument("--stress-connections", type=int, default=32)
    parser.add_argument("--stress-pages", default="dashboard,session")
    parser.add_argument("--pdf-rounds", type=int, default=20)
    parser.add_argument("--view-rounds", type=int, default=30, help="first and repeat views")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without a database; the bench creates sosvet_bench_small/_large",
    )
    parser.add_argument("--port", type=int, default=8701, help="and the next one")
    parser.add_argument("--workdir", help="keep the SQLite files, media and logs here")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse kept databases, no rebuild")
    parser.add_argument("--markdown", help="also write the results to this file")
    parser.add_argument("--from-json", help="only print the tables of a run's saved figures")
    args = parser.parse_args()
    args.stress_pages = [page for page in args.stress_pages.split(",") if page]
    if args.from_json:
        saved = json.loads(Path(args.from_json).read_text())
        print(report(saved["results"], saved["info"], argparse.Namespace(**saved["args"])))
        return
    require_wrk()

    workdir = args.workdir or tempfile.mkdtemp(prefix="sosvet-bench-")
    Path(workdir).mkdir(parents=True, exist_ok=True)
    base_env = dict(os.environ)
    base_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sosvet.settings",
            "PYTHONPATH": str(ROOT),
            "SOSVET_DEBUG": "0",
            "SOSVET_SECRET_KEY": secrets.token_urlsafe(50),
            "SOSVET_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SOSVET_SSL_REDIRECT": "0",
            "SOSVET_MEDIA_ROOT": str(Path(workdir) / "media"),
            "SOSVET_STATIC_ROOT": str(Path(workdir) / "static"),
            "SOSVET_LOG_LEVEL": "WARNING",
            # Persistent connections, as a gunicorn deployment would run: without them every
            # request would open a new PostgreSQL connection.
            "SOSVET_DB_CONN_MAX_AGE": base_env.get("SOSVET_DB_CONN_MAX_AGE", "600"),
        }
    )
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env={**base_env, "DATABASE_URL": f"sqlite:///{workdir}/collectstatic.sqlite3"},
        check=True,
    )
    info = machine()
    results = {}
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                results["SQLite"] = bench_backend("sqlite", args, base_env, workdir, None)
            elif backend == "postgresql":
                version = postgres_version(args.postgres)
                if version:
                    results[f"PostgreSQL {version}"] = bench_backend(
                        "postgresql", args, base_env, workdir, args.postgres
                    )
            else:
                sys.exit(f"Unknown backend {backend!r}: sqlite or postgresql.")
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    raw = Path(args.workdir or tempfile.gettempdir()) / "sosvet-bench-results.json"
    raw.write_text(json.dumps({"info": info, "args": vars(args), "results": results}))
    log(f"raw figures: {raw}")
    text = report(results, info, args)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)


if __name__ == "__main__":
    main()
