"""E-mail outbox throughput to a local SMTP server (aiosmtpd on 127.0.0.1).

    .venv/bin/python bench/emails.py [--messages 1000] [--concurrency 4] [--database-url URL]

Builds a fresh SQLite database (or uses the PostgreSQL URL given), queues N candidate
invitations through ``queue_email`` (the outbox write, sealed bodies), then runs the real
worker service (claim with a lease, compose, one SMTP connection per message, record) until
every message is sent, and prints messages/s for both halves.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import SecretStr
from sqlalchemy import func, select
from tests.emails.smtp import SmtpServer
from tests.factories import make_tenant

from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.emails import messages
from peoplelens.emails.service import queue_email
from peoplelens.emails.tasks import Mailer
from peoplelens.kit.time import utcnow
from peoplelens.migrate import upgrade
from peoplelens.models import Email

SECRET = b"bench-" + b"x" * 40


def queue_all(db: Database, n: int) -> float:
    tenant = make_tenant(db)
    started = time.perf_counter()
    for start in range(0, n, 100):
        with db.write_session() as session:
            for i in range(start, min(n, start + 100)):
                message = messages.candidate_invitation(
                    company="Bench Co",
                    candidate_first_name=f"Candidate {i}",
                    candidate_email=f"cand{i}@bench.example.com",
                    job_title="Go Engineer",
                    booking_url=f"http://127.0.0.1:8000/book/{i:032d}",
                    expires_at=utcnow() + timedelta(days=7),
                    has_ai_step=True,
                )
                queue_email(session, Principal.system(tenant.id), message, secret=SECRET)
            session.commit()
    return time.perf_counter() - started


def finished(db: Database) -> int:
    """Messages sent or given up (a bench that failed says so below)."""
    with db.read_session() as session:
        stmt = select(func.count()).select_from(Email).where(Email.status.in_(("sent", "failed")))
        return int(session.scalar(stmt) or 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    upgrade(url)
    logging.getLogger("peoplelens").setLevel(logging.WARNING)  # a line per message is noise
    server = SmtpServer()
    settings = Settings(
        database_url=url,
        secret_key=SECRET.decode(),
        env="test",
        embedded_worker=False,
        secret_key_file=tmp / "secret",
        smtp_url=SecretStr(server.url),
        mail_concurrency=args.concurrency,
    )
    db = Database.connect(url)
    try:
        queued_in = queue_all(db, args.messages)
        mailer = Mailer(db, settings, SECRET)
        started = time.perf_counter()
        while True:
            if not mailer.run_round():
                if mailer.idle() and finished(db) >= args.messages:
                    break
                time.sleep(0.5)  # the worker's poll interval when a round finds nothing
        elapsed = time.perf_counter() - started
        mailer.close()
    finally:
        server.close()
        db.dispose()
    received = len(server.inbox.received)
    print(f"database: {'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}")
    print(
        f"queued {args.messages} messages in {queued_in:.2f} s: {args.messages / queued_in:,.0f}/s"
    )
    print(
        f"sent {received} messages in {elapsed:.2f} s with {args.concurrency} senders: "
        f"{received / elapsed:,.0f} messages/s"
    )


if __name__ == "__main__":
    main()
