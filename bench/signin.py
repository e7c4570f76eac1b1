"""Sign-in latency with the default Argon2id parameters (64 MiB, t=3, p=2).

    .venv/bin/python bench/signin.py [--rounds 20]
    PEOPLELENS_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/signin.py

Prints the median and p95 of: one Argon2id hash, one verification, and ``POST /login`` end
to end through the app (right password → 303, wrong password and unknown e-mail → 401), on a
throwaway database (SQLite, or one created and dropped on that PostgreSQL server). The
throttle is set out of the way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.databases import throwaway_database
from tests.factories import make_tenant
from tests.users.people import PASSWORD, browser, form_csrf, make_person

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.users import passwords


def _timed(rounds: int, work: Callable[[], object]) -> tuple[float, float]:
    work()  # warm-up
    spent = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return statistics.median(spent), spent[max(0, round(0.95 * len(spent)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    with throwaway_database(tmp) as url:
        run(url, tmp, args.rounds)


def run(url: str, tmp: Path, rounds: int) -> None:
    settings = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 40,
        env="test",
        embedded_worker=False,
        ai_encoder="lexical",
        rate_limit_per_minute=10**9,
        sign_in_failures_per_address=10**9,
        sign_in_failures_per_account=10**9,
        secret_key_file=tmp / "secret",
    )
    app = create_app(settings)
    ph = passwords.hasher(
        settings.argon2_memory_kib, settings.argon2_time_cost, settings.argon2_parallelism
    )
    stored = passwords.hash_password(ph, PASSWORD)
    tenant = make_tenant(app.state.runtime.db)
    person = make_person(app, tenant.id)
    b = browser(app)
    token = form_csrf(b)

    def login(email: str, password: str, status: int) -> Callable[[], object]:
        def post() -> object:
            fields = {"workspace": tenant.slug, "email": email, "password": password}
            r = b.post("/login", data={**fields, "csrf_token": token})
            assert r.status_code == status, r.text
            b.cookies.delete("pl_session")
            return r

        return post

    print(
        f"Argon2id m={settings.argon2_memory_kib} KiB, t={settings.argon2_time_cost}, "
        f"p={settings.argon2_parallelism}; {rounds} rounds; "
        f"{'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}"
    )
    print(f"{'case':<34} {'median ms':>10} {'p95 ms':>8}")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("argon2id hash", lambda: passwords.hash_password(ph, PASSWORD)),
        ("argon2id verify", lambda: passwords.verify_password(ph, stored, PASSWORD)),
        ("POST /login, right password (303)", login(person.email, PASSWORD, 303)),
        ("POST /login, wrong password (401)", login(person.email, "wrong password!", 401)),
        ("POST /login, unknown e-mail (401)", login("nobody@example.com", PASSWORD, 401)),
    ]
    for name, work in cases:
        median, p95 = _timed(rounds, work)
        print(f"{name:<34} {median:>10.1f} {p95:>8.1f}")
    app.state.runtime.db.dispose()


if __name__ == "__main__":
    main()
