"""`make bench`: load 20,000 clinics into a separate database and measure the site under load.

Everything runs on this machine: a benchmark database beside the site's own
(``directory_bench`` on the embedded server, or ``<name>_bench`` on the
DATABASE_URL server), gunicorn in production mode on a free loopback port,
and ``wrk`` driving it with 16 connections for a fixed time per URL.

Four measurements:

1. Fixed URLs with the page cache on, as deployed: a cold and a warm pass. wrk repeats
   one URL, so after the first request these are cache hits.
2. The patient mix, page cache on: every request a different realistic search (a
   condition, a ZIP code around Sacramento, sometimes an insurance plan, a treatment,
   a radius, "taking new patients"), so nearly every request renders a page.
3. The fixed URLs again with the page cache off: what a page costs to render.
4. The scale curve: one search at a time on an idle server (page cache off) at
   several database sizes (``--sizes``; ``<bench>_<size>`` databases beside the
   benchmark database), and gunicorn's memory at each size.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

BENCH_DATABASE = "directory_bench"
SYNTHETIC_SEED = 2026
DOCS_KEEP_MARKER = (
    "<!-- Everything below this line is kept when --write-docs rewrites the file. -->"
)

# (label, path, target kind). The first URL is the ceiling: the cheapest response the
# same stack (gunicorn, middleware, URL routing) can give.
URLS = [
    ("Ceiling: /robots.txt", "/robots.txt", "ceiling"),
    ("Home page", "/", None),
    ("Search: PTSD near 95816, 25 mi", "/clinics/?condition=ptsd&near=95816&radius=25", "search"),
    ("Search: text “ketamine depression”", "/clinics/?q=ketamine+depression", "search"),
    ("Clinic page", "/clinics/riverbend-ketamine-center/", "clinic"),
    ("Condition page", "/conditions/ptsd/", None),
    ("HSDS API: services, 50 a page", "/api/hsds/services?per_page=50", None),
    # Streams every service (tens of MB at 20,000 clinics): expect few requests a second.
    ("HSDS API: ndjson export", "/api/hsds/services?format=ndjson", None),
]
TARGET_RATIOS = {"search": 1 / 3, "clinic": 1 / 2}
TARGET_P99_MS = 100.0
# With the page cache off every public page must still manage a quarter of the ceiling,
# a clinic page a bit more; a realistic mix of distinct searches likewise, within a p99.
UNCACHED_TARGET_RATIOS = {"clinic": 0.35}
UNCACHED_TARGET_RATIO = 0.25
MIX_TARGET_RATIO = 0.25
MIX_TARGET_P99_MS = 150.0
# From the smallest to the largest database a search may at most double in latency,
# and gunicorn (master and workers) must fit in this much memory at the largest.
SCALE_TARGET_GROWTH = 2.0
SCALE_TARGET_PSS_MIB = 600.0

MIX_LABEL = "Patient mix: distinct searches"
# (label, path) for the scale curve; "mix" stands for distinct patient-mix searches.
SCALE_SEARCHES = [
    ("Search: PTSD near 95816, 25 mi", "/clinics/?condition=ptsd&near=95816&radius=25"),
    ("Search: text “ketamine depression”", "/clinics/?q=ketamine+depression"),
    (MIX_LABEL, "mix"),
]
# Counties a Sacramento patient might search from; San Joaquin only north of Stockton.
MIX_COUNTIES = {"Sacramento", "Placer", "El Dorado", "Yolo", "Sutter", "Yuba"}
MIX_NORTH_SAN_JOAQUIN_LATITUDE = 38.1
MIX_LUA = """\
-- The patient mix: each request the next path of a seeded list, threads interleaved,
-- so no path repeats within a run. args[1] is where in the list this run starts.
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end
function init(args)
  position = first + tonumber(args[1] or 0)
end
function request()
  local path = paths[(position %% #paths) + 1]
  position = position + %(threads)d
  return wrk.format("GET", path)
end
"""

WRK_MISSING = (
    "The load generator `wrk` is not installed. Install it and run `make bench` again:\n"
    "  Debian/Ubuntu: sudo apt-get install wrk\n"
    "  macOS (Homebrew): brew install wrk"
)

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Result:
    label: str
    path: str
    kind: str | None
    status: int
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    bad_responses: int = 0
    socket_errors: int = 0
    ratio: float = 0.0


def _to_ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse_wrk(output: str) -> dict:
    """Pull requests/s, p50, p99 and error counts out of `wrk --latency` output."""
    parsed = {"rps": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "requests": 0, "bad": 0, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        parsed["rps"] = float(match.group(1))
    for percent, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if match := re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M):
            parsed[key] = _to_ms(*match.groups())
    if match := re.search(r"(\d+) requests in", output):
        parsed["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        parsed["bad"] = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        parsed["errors"] = sum(int(n) for n in match.groups())
    return parsed


def bench_database_url(suffix: str = "") -> str:
    """A libpq URL for the benchmark database (plus `suffix`), created when missing."""
    site_url = os.environ.get("DATABASE_URL", "").strip()
    if not site_url:
        from config.site import embedded_db

        return embedded_db.uri(database=BENCH_DATABASE + suffix)
    parts = urlsplit(site_url)
    name = parts.path.lstrip("/") or "directory"
    bench_url = urlunsplit(parts._replace(path=f"/{name}_bench{suffix}"))
    _create_database(site_url, f"{name}_bench{suffix}")
    return bench_url


def parse_sizes(text: str) -> list[int]:
    """ "2000,20000" -> [2000, 20000]; an empty text means no scale curve."""
    try:
        sizes = sorted({int(part) for part in text.replace(" ", "").split(",") if part})
    except ValueError as error:
        raise CommandError(f"--sizes takes whole numbers separated by commas: {error}") from error
    if any(size < 1 for size in sizes):
        raise CommandError("--sizes must be at least 1 each.")
    return sizes


def area_zip_codes() -> list[str]:
    """Residential ZIP codes of the counties around Sacramento a patient might search from."""
    import zipcodes

    found = set()
    for row in zipcodes.filter_by(state="CA", zip_code_type="STANDARD", active=True):
        county = row.get("county", "").removesuffix(" County")
        north_san_joaquin = (
            county == "San Joaquin" and float(row["lat"]) >= MIX_NORTH_SAN_JOAQUIN_LATITUDE
        )
        if county in MIX_COUNTIES or north_san_joaquin:
            found.add(row["zip_code"])
    return sorted(found)


def patient_mix(
    count: int,
    seed: int,
    *,
    conditions: list[str],
    treatments: list[str],
    plans: list[str],
    zip_codes: list[str],
) -> list[str]:
    """`count` distinct search paths, each one a patient's search.

    Always a condition and a ZIP code; with some probability an insurance plan (or
    self-pay), a treatment, a radius of 5–50 miles and "taking new patients".
    """
    rng = random.Random(seed)  # noqa: S311 - repeatable load, not secrets
    paths: dict[str, None] = {}
    repeats = 0
    # Stop when new searches have become rare: the choices are exhausted.
    while len(paths) < count and repeats < 10_000:
        params = [("condition", rng.choice(conditions)), ("near", rng.choice(zip_codes))]
        if rng.random() < 0.4:
            params.append(("insurance", rng.choice([*plans, "self-pay"])))
        if rng.random() < 0.3:
            params.append(("treatment", rng.choice(treatments)))
        if rng.random() < 0.5:
            params.append(("radius", str(rng.randint(5, 50))))
        if rng.random() < 0.3:
            params.append(("accepting", "1"))
        path = "/clinics/?" + "&".join(f"{key}={value}" for key, value in params)
        repeats = repeats + 1 if path in paths else 0
        paths[path] = None
    return list(paths)


def _create_database(server_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_database(bench_url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(bench_url)
    name = parts.path.lstrip("/")
    maintenance_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _execute(bench_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(bench_url, autocommit=True) as conn:
        conn.execute(statement)


def _query_one(bench_url: str, query: str):
    import psycopg

    with psycopg.connect(bench_url) as conn:
        return conn.execute(query).fetchone()[0]


def _query_column(bench_url: str, query: str) -> list:
    import psycopg

    with psycopg.connect(bench_url) as conn:
        return [row[0] for row in conn.execute(query).fetchall()]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_info(bench_url: str) -> dict:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    wrk_lines = (wrk.stdout or wrk.stderr).splitlines() or ["wrk"]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": psutil.virtual_memory().total / 2**30,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": _query_one(bench_url, "SHOW server_version"),
        "wrk": wrk_lines[0].split(" [")[0].replace("Copyright", "").strip(),
    }


class Command(BaseCommand):
    help = (
        "Load 20,000 synthetic clinics into a separate benchmark database, start the site "
        "under gunicorn in production mode on loopback and measure requests/s, p50 and p99 "
        "with wrk. Needs `wrk` (Debian package wrk)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--duration", type=int, default=10, help="Seconds of load per URL (default 10)."
        )
        parser.add_argument(
            "--warmup", type=int, default=3, help="Seconds of unmeasured load before each warm run."
        )
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
        parser.add_argument(
            "--workers", type=int, default=5, help="Gunicorn workers (default 5: 2 × 2 cores + 1)."
        )
        parser.add_argument(
            "--clinics", type=int, default=20_000, help="Synthetic clinics to load (default 20000)."
        )
        parser.add_argument(
            "--fresh", action="store_true", help="Drop and reload the benchmark database first."
        )
        parser.add_argument(
            "--sizes",
            default="2000,20000,200000",
            help="Clinic counts for the scale curve, comma-separated (default 2000,20000,200000; "
            "empty for none). Each size other than --clinics has its own database.",
        )
        parser.add_argument(
            "--samples",
            type=int,
            default=9,
            help="Sequential requests per search and size on the scale curve (default 9).",
        )
        parser.add_argument(
            "--mix-paths",
            type=int,
            default=40_000,
            help="Distinct patient-mix searches to draw from (default 40000).",
        )
        parser.add_argument(
            "--write-docs",
            action="store_true",
            help="Rewrite docs/benchmarks.md with these results and the machine.",
        )

    def handle(self, *args, **options):
        if shutil.which("wrk") is None:
            raise CommandError(WRK_MISSING)
        self.options = options
        sizes = parse_sizes(options["sizes"])
        self.base_dir = Path(settings.BASE_DIR)
        self.work_dir = self.base_dir / "var" / "bench"
        self.work_dir.mkdir(parents=True, exist_ok=True)

        bench_url = bench_database_url()
        if options["fresh"]:
            self.say("Dropping the benchmark database…")
            _drop_database(bench_url)
        self.load_data(bench_url, options["clinics"])
        self.mix_paths = self.write_mix(bench_url)

        self.say("Collecting static files…")
        self.manage(
            ["collectstatic", "--noinput", "--verbosity", "0"], self.production_env(bench_url)
        )
        self.say(
            f"\nMeasuring {len(URLS)} URLs, {options['duration']} s each, "
            f"{options['connections']} connections, {options['workers']} gunicorn workers."
        )
        # Each table is printed as soon as it is measured, so nothing is lost to a later error.
        with self.gunicorn(bench_url) as base_url:
            statuses = {path: self.probe(base_url + path) for _, path, _ in URLS}
            cold = self.run_pass("cold", base_url, statuses, warmup=0)
            self.report("Cold (first pass after gunicorn starts)", cold)
            warm = self.run_pass("warm", base_url, statuses, warmup=options["warmup"])
            self.report("Warm (second pass, after a warm-up)", warm)
            mix = self.run_mix(base_url, ceiling=warm[0])
            self.report("Patient mix (page cache on, every request a different search)", [mix])
            memory = self.memory(self.server.pid)
        with self.gunicorn(bench_url, page_cache=False) as base_url:
            uncached = self.run_pass("uncached", base_url, statuses, warmup=options["warmup"])
            self.report("Page cache off (warm pass)", uncached)
        scale = [self.scale_point(size, bench_url) for size in sizes]

        self.say(
            f"\nMemory after the run: gunicorn master + {memory['processes'] - 1} workers "
            f"RSS {memory['rss_mib']:.0f} MiB in total (PSS {memory['pss_mib']:.0f} MiB, "
            "counting shared pages once)."
        )
        if scale:
            self.say("\nScale curve (one request at a time, page cache off, median ms):")
            for line in self.scale_table(scale):
                self.say("  " + line)
        verdicts = self.targets(warm) + self.new_targets(mix, uncached, scale)
        self.say("\nTargets:")
        for line, ok in verdicts:
            style = self.style.SUCCESS if ok else self.style.ERROR
            self.say(style(f"  {'PASS' if ok else 'MISS'}  {line}"))
        if options["write_docs"]:
            path = self.write_docs(bench_url, cold, warm, mix, uncached, scale, memory, verdicts)
            self.say(f"\nWrote {path.relative_to(self.base_dir)}")

    # --- Output ---------------------------------------------------------------

    def say(self, message: str = "") -> None:
        self.stdout.write(message)

    def report(self, title: str, results: list[Result]) -> None:
        self.say(f"\n{title}")
        self.say(f"  {'URL':<40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs ceiling':>10}")
        for r in results:
            note = "" if r.status == 200 else f"  (HTTP {r.status})"
            if not r.requests:
                note += "  (no responses within the timeout)"
            if r.bad_responses or r.socket_errors:
                note += f"  ({r.bad_responses} non-2xx/3xx, {r.socket_errors} socket errors)"
            self.say(
                f"  {r.label:<40} {r.rps:>8.1f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} "
                f"{r.ratio:>10.2f}{note}"
            )

    def targets(self, results: list[Result]) -> list[tuple[str, bool]]:
        verdicts = []
        for r in results:
            if r.kind in TARGET_RATIOS:
                need = TARGET_RATIOS[r.kind]
                verdicts.append(
                    (
                        f"{r.label}: {r.ratio:.2f} of the ceiling (target ≥ {need:.2f})",
                        r.ratio >= need and r.status == 200 and not r.bad_responses,
                    )
                )
        for r in results:
            verdicts.append(
                (
                    f"{r.label}: p99 {r.p99_ms:.1f} ms (target < {TARGET_P99_MS:.0f} ms)",
                    r.requests > 0
                    and r.p99_ms < TARGET_P99_MS
                    and r.status == 200
                    and not r.bad_responses,
                )
            )
        return verdicts

    def new_targets(self, mix: Result, uncached: list[Result], scale: list[dict]):
        """The patient mix, pages with the page cache off, and the scale curve."""
        verdicts = [
            (
                f"{mix.label}: {mix.ratio:.2f} of the ceiling (target ≥ {MIX_TARGET_RATIO:.2f})",
                mix.ratio >= MIX_TARGET_RATIO and not mix.bad_responses,
            ),
            (
                f"{mix.label}: p99 {mix.p99_ms:.1f} ms (target < {MIX_TARGET_P99_MS:.0f} ms)",
                mix.requests > 0 and mix.p99_ms < MIX_TARGET_P99_MS and not mix.bad_responses,
            ),
        ]
        for r in uncached[1:]:
            need = UNCACHED_TARGET_RATIOS.get(r.kind, UNCACHED_TARGET_RATIO)
            verdicts.append(
                (
                    f"Page cache off, {r.label}: {r.ratio:.2f} of the ceiling "
                    f"(target ≥ {need:.2f})",
                    r.ratio >= need and r.status == 200 and not r.bad_responses,
                )
            )
        if len(scale) > 1:
            small, large = scale[0], scale[-1]
            for label, _ in SCALE_SEARCHES:
                growth = large["latency"][label] / max(small["latency"][label], 0.001)
                verdicts.append(
                    (
                        f"Scale, {label}: {growth:.2f}× from {small['size']:,} to "
                        f"{large['size']:,} clinics (target ≤ {SCALE_TARGET_GROWTH:.0f}×)",
                        growth <= SCALE_TARGET_GROWTH,
                    )
                )
        if scale:
            large = scale[-1]
            verdicts.append(
                (
                    f"Gunicorn memory at {large['size']:,} clinics: PSS "
                    f"{large['memory']['pss_mib']:.0f} MiB "
                    f"(target ≤ {SCALE_TARGET_PSS_MIB:.0f} MiB)",
                    large["memory"]["pss_mib"] <= SCALE_TARGET_PSS_MIB,
                )
            )
        return verdicts

    def scale_table(self, scale: list[dict]) -> list[str]:
        """The scale curve as a Markdown table: one row per size."""
        labels = [label for label, _ in SCALE_SEARCHES]
        rows = [
            "| Clinics | " + " | ".join(f"{label} (ms)" for label in labels) + " | PSS (MiB) |",
            "|---:|" + "---:|" * (len(labels) + 1),
        ]
        for point in scale:
            cells = [f"{point['latency'][label]:.1f}" for label in labels]
            rows.append(
                f"| {point['size']:,} | "
                + " | ".join(cells)
                + f" | {point['memory']['pss_mib']:.0f} |"
            )
        return rows

    # --- Data -----------------------------------------------------------------

    def manage(self, arguments: list[str], env: dict, capture: bool = False) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments],
            cwd=self.base_dir,
            env=env,
            capture_output=capture,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            detail = f"\n{result.stdout}\n{result.stderr}" if capture else ""
            raise CommandError(
                f"manage.py {arguments[0]} failed on the benchmark database.{detail}"
            )
        return result.stdout or ""

    def load_data(self, bench_url: str, wanted: int) -> None:
        env = {**os.environ, "DATABASE_URL": bench_url, "DJANGO_ENV": "development"}
        self.say("Migrating the benchmark database…")
        self.manage(["migrate", "--noinput", "--verbosity", "0"], env)
        have = _query_one(
            bench_url, "SELECT count(*) FROM clinics_clinic WHERE slug LIKE 'synthetic-clinic-%'"
        )
        if have < wanted:
            self.say(f"Generating {wanted - have:,} synthetic clinics ({have:,} already loaded)…")
            self.manage(
                ["generate_clinics", "--count", str(wanted - have), "--seed", str(SYNTHETIC_SEED)],
                env,
            )
        else:
            self.say(f"{have:,} synthetic clinics already loaded.")
        has_demo = _query_one(
            bench_url,
            "SELECT count(*) FROM clinics_clinic WHERE slug = 'riverbend-ketamine-center'",
        )
        if not has_demo:
            self.say("Loading the demo clinics…")
            # Output is captured: it lists demo-account passwords nobody needs here.
            self.manage(["seed_demo"], env, capture=True)
        if have < wanted or not has_demo:
            # Planner statistics and tidy indexes, as autovacuum would leave them on a live
            # site: straight after bulk inserts the trigram indexes' pending lists are
            # full, and every text search would read them through.
            _execute(bench_url, "VACUUM ANALYZE")

    # --- Gunicorn -------------------------------------------------------------

    def production_env(self, bench_url: str, page_cache: bool = True) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_DEBUG", "EMBEDDED_DB_STOP_ON_EXIT", "GUNICORN_CMD_ARGS"}
        }
        env.update(
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=bench_url,
            WEB_CONCURRENCY=str(self.options["workers"]),
            DJANGO_STATIC_ROOT=str(self.work_dir / "staticfiles"),
            GUNICORN_ACCESS_LOG=str(self.work_dir / "access.log"),
            DJANGO_LOG_LEVEL="WARNING",
            # The API's per-client limit would answer wrk, one client, with 429s.
            HSDS_RATE_LIMIT="0",
        )
        if not page_cache:
            env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
        return env

    @contextlib.contextmanager
    def gunicorn(self, bench_url: str, page_cache: bool = True):
        """Gunicorn serving `bench_url` on a free port; yields its base URL, stops it after."""
        port = free_port()
        self.server = self.start_gunicorn(self.production_env(bench_url, page_cache), port)
        base_url = f"http://127.0.0.1:{port}"
        try:
            self.wait_until_healthy(self.server, base_url)
            yield base_url
        finally:
            self.stop_gunicorn(self.server)

    def start_gunicorn(self, env: dict, port: int) -> subprocess.Popen:
        (self.work_dir / "access.log").unlink(missing_ok=True)
        self.log_path = self.work_dir / "gunicorn.log"
        self.say(f"Starting gunicorn on 127.0.0.1:{port} (log: var/bench/gunicorn.log)…")
        with self.log_path.open("w") as log:
            return subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "-c",
                    "config/gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                    # No control socket: it would replace the one of a `make run` on this host.
                    "--no-control-socket",
                ],
                cwd=self.base_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: Ctrl-C reaches this command, which then stops gunicorn.
                start_new_session=True,
            )

    def wait_until_healthy(self, server: subprocess.Popen, base_url: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                tail = self.log_path.read_text()[-2000:]
                raise CommandError(f"gunicorn exited during start-up:\n{tail}")
            if self.probe(base_url + "/healthz") == 200:
                return
            time.sleep(0.25)
        raise CommandError("gunicorn did not answer /healthz within 60 seconds.")

    def probe(self, url: str, timeout: float = 10) -> int:
        request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, OSError):
            return 0

    def stop_gunicorn(self, server: subprocess.Popen) -> None:
        if server.poll() is not None:
            return
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        self.say("Gunicorn stopped.")

    def memory(self, pid: int) -> dict:
        import psutil

        master = psutil.Process(pid)
        processes = [master, *master.children(recursive=True)]
        rss = pss = 0
        for process in processes:
            try:
                info = process.memory_full_info()
            except (psutil.Error, AttributeError):
                info = process.memory_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        return {"processes": len(processes), "rss_mib": rss / 2**20, "pss_mib": pss / 2**20}

    # --- Load -----------------------------------------------------------------

    def wrk(self, url: str, seconds: int, script: Path | None = None, start: int = 0) -> str:
        command = [
            "wrk",
            f"-t{self.options['threads']}",
            f"-c{self.options['connections']}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
        ]
        if script is not None:
            command += ["-s", str(script), url, "--", str(start)]
        else:
            command.append(url)
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"wrk failed for {url}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def run_pass(self, name: str, base_url: str, statuses: dict, warmup: int) -> list[Result]:
        results = []
        for label, path, kind in URLS:
            status = statuses[path]
            self.say(f"  {name}: {path}" + ("" if status == 200 else f"  (HTTP {status}!)"))
            if warmup:
                self.wrk(base_url + path, warmup)
                self.settle(base_url)
            parsed = parse_wrk(self.wrk(base_url + path, self.options["duration"]))
            self.settle(base_url)
            results.append(
                Result(
                    label=label,
                    path=path,
                    kind=kind,
                    status=status,
                    rps=parsed["rps"],
                    p50_ms=parsed["p50_ms"],
                    p99_ms=parsed["p99_ms"],
                    requests=parsed["requests"],
                    bad_responses=parsed["bad"],
                    socket_errors=parsed["errors"],
                )
            )
        ceiling = results[0].rps or 1.0
        for result in results:
            result.ratio = result.rps / ceiling
        return results

    def settle(self, base_url: str) -> None:
        """Let gunicorn finish requests wrk abandoned, so they do not slow the next URL."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            started = time.monotonic()
            if self.probe(base_url + "/healthz") == 200 and time.monotonic() - started < 0.05:
                return
            time.sleep(0.2)

    # --- The patient mix ----------------------------------------------------------

    def write_mix(self, bench_url: str) -> list[str]:
        """Draw the patient-mix searches and write them, with wrk's Lua script, to var/bench/."""
        paths = patient_mix(
            self.options["mix_paths"],
            SYNTHETIC_SEED,
            conditions=_query_column(bench_url, "SELECT slug FROM clinics_condition ORDER BY 1"),
            treatments=_query_column(bench_url, "SELECT slug FROM clinics_treatment ORDER BY 1"),
            plans=_query_column(bench_url, "SELECT slug FROM clinics_insuranceplan ORDER BY 1"),
            zip_codes=area_zip_codes(),
        )
        paths_file = self.work_dir / "mix_paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        self.mix_script = self.work_dir / "mix.lua"
        self.mix_script.write_text(
            MIX_LUA % {"paths": paths_file, "threads": self.options["threads"]}
        )
        return paths

    def run_mix(self, base_url: str, ceiling: Result) -> Result:
        """wrk over distinct patient searches: a warm-up slice, then a measured one after it."""
        self.say(f"  mix: {len(self.mix_paths):,} distinct searches")
        warmup, duration = self.options["warmup"], self.options["duration"]
        # The measured run starts past anything the warm-up can have reached.
        start = len(self.mix_paths) // 4
        if warmup:
            self.wrk(base_url + "/", warmup, script=self.mix_script)
            self.settle(base_url)
        parsed = parse_wrk(self.wrk(base_url + "/", duration, script=self.mix_script, start=start))
        self.settle(base_url)
        if parsed["requests"] > len(self.mix_paths) - start:
            self.say(
                self.style.WARNING(
                    f"  The mix ran out of distinct searches ({parsed['requests']:,} requests); "
                    "raise --mix-paths."
                )
            )
        return Result(
            label=MIX_LABEL,
            path="(distinct searches)",
            kind="mix",
            status=200,
            rps=parsed["rps"],
            p50_ms=parsed["p50_ms"],
            p99_ms=parsed["p99_ms"],
            requests=parsed["requests"],
            bad_responses=parsed["bad"],
            socket_errors=parsed["errors"],
            ratio=parsed["rps"] / (ceiling.rps or 1.0),
        )

    # --- The scale curve ----------------------------------------------------------

    def scale_point(self, size: int, bench_url: str) -> dict:
        """Median latency of each scale search with `size` clinics, and gunicorn's memory."""
        url = bench_url if size == self.options["clinics"] else bench_database_url(f"_{size}")
        self.say(f"\nScale curve: {size:,} clinics")
        self.load_data(url, size)
        latency = {}
        with self.gunicorn(url, page_cache=False) as base_url:
            # Every worker answers a few searches first (and builds what it caches).
            self.wrk(base_url + "/", 2, script=self.mix_script, start=len(self.mix_paths) // 2)
            self.settle(base_url)
            mix = iter(self.mix_paths[-self.options["samples"] * len(SCALE_SEARCHES) :])
            for label, path in SCALE_SEARCHES:
                times = []
                for _ in range(self.options["samples"]):
                    target = next(mix) if path == "mix" else path
                    started = time.perf_counter()
                    status = self.probe(base_url + target, timeout=60)
                    times.append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        raise CommandError(f"{target} answered HTTP {status} at {size:,} clinics.")
                latency[label] = statistics.median(times)
                self.say(f"  {label}: {latency[label]:.1f} ms")
            memory = self.memory(self.server.pid)
        self.say(f"  Memory: PSS {memory['pss_mib']:.0f} MiB")
        return {"size": size, "latency": latency, "memory": memory}

    # --- docs/benchmarks.md ---------------------------------------------------

    def write_docs(self, bench_url, cold, warm, mix, uncached, scale, memory, verdicts) -> Path:
        path = self.base_dir / "docs" / "benchmarks.md"
        kept = ""
        if path.exists():
            previous = path.read_text()
            if DOCS_KEEP_MARKER in previous:
                kept = previous.split(DOCS_KEEP_MARKER, 1)[1].lstrip("\n")
        machine = machine_info(bench_url)
        clinics = _query_one(bench_url, "SELECT count(*) FROM clinics_clinic")
        options = self.options
        today = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")

        def table(results: list[Result]) -> list[str]:
            rows = [
                "| URL | Path | Requests/s | p50 (ms) | p99 (ms) | Ratio to ceiling |",
                "|---|---|---:|---:|---:|---:|",
            ]
            for r in results:
                status = "" if r.status == 200 else f" (HTTP {r.status})"
                rows.append(
                    f"| {r.label}{status} | `{r.path}` | {r.rps:,.0f} | {r.p50_ms:.1f} | "
                    f"{r.p99_ms:.1f} | {r.ratio:.2f} |"
                )
            return rows

        scale_section = []
        if scale:
            scale_section = [
                "## Scale curve: one request at a time, page cache off",
                "",
                f"Median of {options['samples']} sequential requests on an otherwise idle server "
                "(after a short warm-up of every worker), with `generate_clinics` databases of "
                "each size; the patient mix uses a different search for each request. PSS is "
                "gunicorn's master and workers together after the requests.",
                "",
                *self.scale_table(scale),
                "",
            ]
        lines = [
            "# Benchmarks",
            "",
            "Measured with `make bench` (`python manage.py run_benchmark --write-docs`), which "
            "rewrites this file. See the README's Benchmarks section for how it works.",
            "",
            f"- **Date:** {today}",
            f"- **Machine:** {machine['cpu']}, {machine['cores']} cores, "
            f"{machine['ram_gib']:.0f} GiB RAM, {machine['os']}",
            f"- **Software:** Python {machine['python']}, Django {machine['django']}, "
            f"PostgreSQL {machine['postgresql']}, {machine['wrk']}",
            f"- **Data:** {clinics:,} clinics in the benchmark database "
            f"({options['clinics']:,} synthetic from `generate_clinics` plus the demo clinics)",
            f"- **Server:** gunicorn, {options['workers']} sync workers, `DJANGO_ENV=production`, "
            "database and load generator on the same machine",
            f"- **Load:** `wrk -t{options['threads']} -c{options['connections']} "
            f"-d{options['duration']}s --latency` per URL over loopback, "
            "header `X-Forwarded-Proto: https`",
            "",
            "## Cold: first pass after gunicorn starts",
            "",
            *table(cold),
            "",
            f"## Warm: second pass, after a {options['warmup']} s warm-up per URL",
            "",
            *table(warm),
            "",
            "## Patient mix: every request a different search, page cache on",
            "",
            f"Each request is the next of {len(self.mix_paths):,} distinct searches drawn with a "
            "fixed seed: a condition and a ZIP code from Sacramento, Placer, El Dorado, Yolo, "
            "Sutter, Yuba or northern San Joaquin county; 40 % add an insurance plan (or "
            "self-pay), 30 % a treatment, 50 % a radius of 5–50 miles, 30 % “taking new "
            "patients”. The ratio is to the warm pass's ceiling.",
            "",
            *table([mix]),
            "",
            f"## Page cache off: warm pass, after a {options['warmup']} s warm-up per URL",
            "",
            "A second gunicorn with `DJANGO_PAGE_CACHE_SECONDS=0`: what each page costs to render.",
            "",
            *table(uncached),
            "",
            *scale_section,
            "## Targets",
            "",
            *[f"- **{'PASS' if ok else 'MISS'}** — {line}" for line, ok in verdicts],
            "",
            "## Memory",
            "",
            f"After the cached passes and the patient mix, gunicorn's master and "
            f"{memory['processes'] - 1} workers used {memory['rss_mib']:.0f} MiB resident in "
            f"total ({memory['pss_mib']:.0f} MiB proportional set size, which counts pages "
            "shared between workers once).",
            "",
            DOCS_KEEP_MARKER,
            "",
        ]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + kept)
        return path
