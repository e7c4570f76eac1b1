"""CSV import of candidates: rows/s and peak memory, 10,000 rows vs 100,000.

    .venv/bin/python bench/csv_import.py [--rows 10000 100000] [--database-url URL]

For each size: a CSV file written to disk (UTF-8 with BOM, a phone column starting with
``+``), then a fresh process that migrates a fresh SQLite database (or uses the PostgreSQL URL
given, a new tenant each run), judges the file (``parsing.inspect``) and runs the import
in-process (``runner.run_import``, what the worker's task and the CLI run) — candidates,
``candidate.created`` events, audit entries and report lines included. It prints rows/s
and the process's peak resident memory above its baseline (``ru_maxrss``): flat memory means
the 100,000-row peak is about the 10,000-row one. Then the CSV export of those candidates:
rows/s, and its peak traced memory (tracemalloc). Target: ≥ 5,000 rows/s imported on SQLite.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("First Name,Last Name,E-mail,Phone,LinkedIn\r\n")
        for i in range(rows):
            out.write(
                f"First{i},Last{i},p{i}@bench.example.com,+44 20 7946 {i % 10000:04d},"
                f"https://www.linkedin.com/in/p{i}\r\n"
            )


def child(path: Path, database_url: str | None) -> dict[str, float]:
    """Runs in its own process, so its peak memory is its own."""
    from tests.factories import make_tenant

    from peoplelens.auth.principal import Principal
    from peoplelens.candidates import export
    from peoplelens.candidates.imports import parsing, runner, service
    from peoplelens.db import Database
    from peoplelens.migrate import upgrade

    logging.disable(logging.INFO)
    workdir = Path(tempfile.mkdtemp(prefix="plbench-import-"))
    url = database_url or f"sqlite:///{workdir / 'bench.db'}"
    upgrade(url)
    db = Database.connect(url)
    tenant = make_tenant(db)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    with path.open("rb") as stream:
        inspection = parsing.inspect(stream)
    judged = time.perf_counter()
    with db.write_session() as session:
        imp = service.create_import(
            session,
            Principal.system(tenant.id),
            inspection,
            file_name=path.name,
            file_size=path.stat().st_size,
            job_id=None,
            all_or_nothing=False,
            storage_key=None,
        )
        import_id = imp.id
        session.commit()
    final = runner.run_import(db, tenant.id, import_id, lambda: path.open("rb"))
    ended = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert final is not None and final.created == inspection.total, final
    # The export of what was imported: its speed, then its peak Python memory (tracemalloc,
    # in a second pass: tracing slows it down).
    principal = Principal.system(tenant.id)
    exported = time.perf_counter()
    written = sum(len(chunk) for chunk in export.lines(db, principal, "csv"))
    export_s = time.perf_counter() - exported
    tracemalloc.start()
    for _ in export.lines(db, principal, "csv"):
        pass
    export_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    db.dispose()
    assert written > 0
    return {
        "export_rows_per_s": inspection.total / export_s,
        "export_peak_mib": export_peak / 2**20,
        "rows": inspection.total,
        "judge_s": judged - began,
        "import_s": ended - judged,
        "rows_per_s": inspection.total / (ended - began),
        "peak_above_baseline_mib": (peak - baseline) / 1024,
        "peak_mib": peak / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.database_url)))
        return
    where = "PostgreSQL" if args.database_url else "SQLite"
    print(f"CSV import on {where} (events, audit and report lines included)")
    print(
        f"{'rows':>8} {'file MB':>8} {'judge s':>8} {'import s':>9} {'rows/s':>8} "
        f"{'peak+ MiB':>10} {'peak MiB':>9} {'export rows/s':>14} {'export peak MiB':>16}"
    )
    with tempfile.TemporaryDirectory(prefix="plbench-csv-") as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"candidates-{rows}.csv"
            write_file(path, rows)
            command = [sys.executable, __file__, "--child", str(path)]
            if args.database_url:
                command += ["--database-url", args.database_url]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{r['rows']:>8} {path.stat().st_size / 1e6:>8.1f} {r['judge_s']:>8.2f} "
                f"{r['import_s']:>9.2f} {r['rows_per_s']:>8.0f} "
                f"{r['peak_above_baseline_mib']:>10.1f} {r['peak_mib']:>9.1f} "
                f"{r['export_rows_per_s']:>14.0f} {r['export_peak_mib']:>16.1f}"
            )


if __name__ == "__main__":
    main()
