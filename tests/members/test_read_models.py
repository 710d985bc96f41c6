"""``members.sql.read_models`` reads rows as the ORM's raw queries do: the same instances, their
fields converted (dates, times, datetimes), the other columns as attributes."""

import datetime

from meetings.models import Session
from members.sql import read_models

SQL = """
    SELECT s.id, s.number, s.date, s.time, s.planned_month, s.votes_counted_at, s.status,
      (SELECT COUNT(*) FROM meetings_agendaitem i WHERE i.session_id = s.id) AS item_count
    FROM meetings_session s WHERE s.mandate_id = %(mandate)s ORDER BY s.number"""


def test_rows_as_the_raw_queryset_reads_them(mandate):
    Session.objects.create(
        mandate=mandate,
        number=1,
        date=datetime.date(2025, 3, 4),
        time=datetime.time(17, 30),
        votes_counted_at=datetime.datetime(2025, 3, 5, 9, tzinfo=datetime.UTC),
        status=Session.Status.HELD,
    )
    Session.objects.create(mandate=mandate, number=2, planned_month=datetime.date(2025, 6, 1))
    found = read_models(Session, SQL, {"mandate": mandate.pk})
    expected = list(Session.objects.raw(SQL, {"mandate": mandate.pk}))
    fields = ("pk", "number", "date", "time", "planned_month", "votes_counted_at", "status")
    fields += ("item_count",)
    assert [[getattr(s, name) for name in fields] for s in found] == [
        [getattr(s, name) for name in fields] for s in expected
    ]
    assert isinstance(found[0].date, datetime.date) and found[0].votes_counted_at.tzinfo
    assert found[1].date is None and found == expected
