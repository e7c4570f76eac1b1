"""The first invite's signature, kept while ``service.py`` moves to :mod:`.calendar`."""

from __future__ import annotations

from datetime import datetime

from peoplelens.interviews.scheduling.calendar import Attendee, InviteEvent, invite_ics

# iTIP wants an ORGANIZER; until the caller names the tenant's sender, a placeholder on a
# reserved domain (RFC 2606) that no client can mistake for a real mailbox.
PLACEHOLDER_ORGANIZER = Attendee(name="PeopleLens", email="no-reply@peoplelens.invalid")


def build_ics(
    uid: str, start: datetime, end: datetime, title: str, description: str, url: str, attendee: str
) -> str:
    return invite_ics(
        InviteEvent(
            uid=uid,
            sequence=0,
            start=start,
            end=end,
            title=title,
            description=description,
            meeting_url=url,
            organizer=PLACEHOLDER_ORGANIZER,
            attendees=(Attendee(name="", email=attendee),),
        )
    )
