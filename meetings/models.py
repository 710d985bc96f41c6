"""Sessions of a council and what hangs on them: agenda, materials, attendance, outcome."""

import datetime
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from members.collation import Slovenian
from members.models import ChecksFieldsSetByCode, Mandate, Membership, Organization, Person

from .record_querysets import MaterialQuerySet, RecordQuerySet


def minutes_upload_to(instance, filename):
    return f"minutes/{instance.pk}/{uuid.uuid4().hex}.pdf"


class SessionQuerySet(RecordQuerySet):
    approval = "minutes_approved_at"

    def of_council(self, council):
        return self.filter(mandate__council=council)

    def upcoming(self, today=None):
        """Sessions not yet held or cancelled, dated today or later, or planned for this month
        or later without a date yet."""
        today = today or timezone.localdate()
        return self.filter(status__in=Session.TO_COME).filter(
            Q(date__gte=today) | Q(date__isnull=True, planned_month__gte=today.replace(day=1))
        )

    def overdue(self, today):
        """Sessions still to come by their status whose day has passed (``Session.is_overdue``)."""
        return self.filter(status__in=Session.TO_COME).filter(
            Q(date__lt=today) | Q(date__isnull=True, planned_month__lt=today.replace(day=1))
        )

    # The life-cycle rules of Session below, as the database asks them of many sessions at once.

    def held(self):
        return self.filter(status=Session.Status.HELD)

    def locked(self):
        """Sessions whose minutes are approved (``Session.is_locked``)."""
        return self.filter(minutes_approved_at__isnull=False)

    def awaiting_approval(self):
        """Held sessions whose minutes are not approved yet (``Session.may_approve_minutes``)."""
        return self.held().filter(minutes_approved_at__isnull=True)

    def in_year(self, year):
        return self.filter(Q(date__year=year) | Q(date__isnull=True, planned_month__year=year))


class Session(models.Model):
    """A numbered session (seja) of the council within a mandate: "2. seja"."""

    class Kind(models.TextChoices):
        CONSTITUTIVE = "constitutive", _("constitutive")
        REGULAR = "regular", _("regular")
        EXTRAORDINARY = "extraordinary", _("extraordinary")
        CORRESPONDENCE = "correspondence", _("by correspondence")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CONVENED = "convened", _("convened")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("mandate")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    planned_month = models.DateField(
        _("planned month"),
        null=True,
        blank=True,
        help_text=_("When only the month is known so far; the first day of that month."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    convened_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at"),
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    # Rendered once, at approval, and served from then on (like an adopted annual report).
    minutes_pdf = models.FileField(
        _("approved minutes (PDF)"), upload_to=minutes_upload_to, blank=True, editable=False
    )
    minutes_pdf_sha256 = models.CharField(
        _("SHA-256 of the minutes PDF"), max_length=64, blank=True, editable=False
    )
    minutes_introduction = models.TextField(_("minutes: introduction"), blank=True)
    # The annual report drafts what the record holds of the session (reports/drafting_sessions);
    # this is the secretary's own word after it.
    report_summary = models.TextField(
        _("addition for the annual report"),
        blank=True,
        help_text=_(
            "Under 1.3 Seje the annual report writes what the record holds: the agenda items "
            "with their presenters and the resolutions. This is added after it, for what the "
            "record does not say."
        ),
    )

    # Raised by every save through a form, so a second secretary cannot overwrite the first.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # The calendar event's SEQUENCE: raised when a convened session moves or is cancelled, so
    # calendar apps replace the event they took from the invitation.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["mandate__starts_on", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "number"],
                name="session_unique_number_per_mandate",
                violation_error_message=_("This mandate already has a session with that number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="session_number_positive",
                violation_error_message=_("Sessions are numbered from 1."),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="session_date")]

    def __str__(self):
        return _("Session %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "meetings:session", kwargs={"council": self.mandate.council.slug, "pk": self.pk}
        )

    @property
    def council(self):
        return self.mandate.council

    # When and where, as pages, e-mails and documents say it, in the language in use.

    @property
    def when(self):
        """ "7. 4. 2023 ob 10.00", "7. 4. 2023", "načrtovana za marec 2024" or "datum še ni
        določen"."""
        if self.date and self.time:
            return _("%(date)s at %(time)s") % {
                "date": date_format(self.date, "SHORT_DATE_FORMAT"),
                "time": time_format(self.time, "TIME_FORMAT"),
            }
        if self.date:
            return date_format(self.date, "SHORT_DATE_FORMAT")
        if self.planned_month:
            month = date_format(self.planned_month, "YEAR_MONTH_FORMAT")
            return _("planned for %(month)s") % {"month": month}
        return _("date not set")

    @property
    def when_and_where(self):
        """ "7. 4. 2023 ob 10.00, sejna soba": the place, if known, after a comma."""
        return ", ".join(part for part in (self.when, self.place) if part)

    @property
    def shown_date(self):
        """The date as an invitation gives it: "petek, 7. 4. 2023", or "še ni določen"."""
        if not self.date:
            return pgettext("date", "to be set")
        return f"{date_format(self.date, 'l')}, {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    @property
    def shown_time(self):
        """ "10.00", or "še ni določena" (ura, feminine)."""
        return time_format(self.time, "TIME_FORMAT") if self.time else pgettext("time", "to be set")

    @property
    def shown_place(self):
        return self.place or pgettext("place", "to be set")

    # The life-cycle rules of the record, asked by views, forms, templates, the admin and
    # services alike (meetings/records.py enforces them below all of those).

    # What may still be written on a session after its minutes are approved: the addition the
    # annual report quotes is written when the report is drafted, months later.
    OPEN_AFTER_APPROVAL = ("report_summary",)

    # Planned or convened: the session is still to come.
    TO_COME = (Status.PLANNED, Status.CONVENED)

    @property
    def is_to_come(self):
        return self.status in self.TO_COME

    @property
    def is_planned(self):
        """Not convened yet: the agenda is only proposed."""
        return self.status == self.Status.PLANNED

    @property
    def is_convened(self):
        """The invitation is out and the session still to come: changes are announced."""
        return self.status == self.Status.CONVENED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_locked(self):
        """The minutes are approved: nothing of the session changes any more, by any path."""
        return self.minutes_approved_at_id is not None

    @property
    def is_record(self):
        """Held (or approved): the session is part of the council's record, never deleted.
        (``sessions_in_the_record()`` asks the same of the database.)"""
        return self.is_held or self.is_locked

    @property
    def agenda_is_public(self):
        """After the invitation, agenda changes are kept in the trail."""
        return self.is_convened or self.is_held

    @property
    def agenda_was_sent(self):
        """Members have had the agenda: its items and materials are withdrawn, not deleted."""
        return self.agenda_is_public or self.convened_at is not None or self.is_locked

    @property
    def announces_changes(self):
        """Changes are announced to the members while the session is convened, and its
        cancellation once it is cancelled."""
        return self.is_convened or self.is_cancelled

    def may_change_agenda(self):
        """Items, their order and materials change only before the session is held."""
        return self.is_to_come and not self.is_locked

    def may_take_proposals(self):
        """A member's proposal can only add to a session that is still to come."""
        return self.may_change_agenda()

    def may_take_answers(self, today=None):
        """Members answer the invitation until the session day."""
        today = today or timezone.localdate()
        return self.is_to_come and not (self.date and self.date < today)

    def may_record_outcome(self):
        """Minutes and resolutions are written, and corrected, from holding until approval."""
        return self.is_held and not self.is_locked

    def may_record_attendance(self):
        return self.date is not None and not self.is_cancelled and not self.is_locked

    def may_approve_minutes(self):
        return self.is_held and not self.is_locked

    def may_become(self, status):
        """Whether the life cycle lets the session go from its status to ``status``."""
        return status in SESSION_TRANSITIONS[self.status]

    def may_be_marked_held(self, today=None):
        """Only a session whose date has come can be marked as held."""
        return self.date is not None and self.date <= (today or timezone.localdate())

    def next_statuses(self):
        """The status changes open to this session now, as (status, button label); convening
        is not among them, since it is its own step that sends the invitations."""
        actions = {
            self.Status.HELD: _("Mark as held"),
            self.Status.CANCELLED: _("Cancel the session"),
            self.Status.PLANNED: _("Plan it again"),
        }
        return [(status, actions[status]) for status in SESSION_TRANSITIONS[self.status]]

    @property
    def can_be_convened(self):
        return self.is_to_come and self.date is not None

    def is_overdue(self, today=None):
        """Still to come by its status, but its date (or its planned month) has passed: it is
        to be marked as held or cancelled."""
        today = today or timezone.localdate()
        if not self.is_to_come:
            return False
        if self.date:
            return self.date < today
        return self.planned_month is not None and self.planned_month < today.replace(day=1)

    @property
    def convocation_deadline(self):
        """The last day the invitation may go out: the council's convocation period
        (``Council.convocation_days``) before the session's date; None without a date."""
        if self.date is None:
            return None
        return self.date - datetime.timedelta(days=self.council.convocation_days)

    def clean(self):
        if not self.mandate_id:
            return
        mandate = self.mandate
        # A planned month counts if any of it lies in the mandate; a date must lie in it.
        first_day = {"date": mandate.starts_on, "planned_month": mandate.starts_on.replace(day=1)}
        for field in ("date", "planned_month"):
            day = getattr(self, field)
            if day and not first_day[field] <= day <= mandate.ends_on:
                raise ValidationError({field: self._outside_mandate(field, day)})
        if (self.is_convened or self.is_held) and not self.date:
            raise ValidationError({"date": _("A convened or held session needs a date.")})

    def _outside_mandate(self, field, day):
        """What to do about a date outside the chosen mandate: choose the mandate that covers it,
        or change the date, or enter the next mandate first."""
        mandate = self.mandate
        last_day = day if field == "date" else _month_end(day)
        other = (
            mandate.council.mandates.exclude(pk=mandate.pk)
            .filter(starts_on__lte=last_day, ends_on__gte=day)
            .first()
        )
        names = {"mandate": mandate, "period": mandate.period, "other": other}
        if other is not None:
            message = _(
                "The date is outside the mandate %(mandate)s (%(period)s); it falls in the "
                "mandate %(other)s. Choose that mandate."
            )
        elif field == "planned_month":
            message = _(
                "The month is outside the mandate %(mandate)s (%(period)s). Choose a month in "
                "the mandate or enter the new mandate first."
            )
        else:
            message = _(
                "The date is outside the mandate %(mandate)s (%(period)s). Choose a date in the "
                "mandate or enter the new mandate first."
            )
        return ValidationError(message, params=names, code="outside_mandate")

    def members_invited(self):
        """Seats with a named person that cover the session's date, in the order of the
        people's names (as attendance is listed)."""
        day = self.date or self.planned_month
        if day is None:
            return Membership.objects.none()
        return (
            self.mandate.memberships.on(day)
            .filter(person__isnull=False)
            .select_related("person", "organization")
            .order_by(Slovenian("person__last_name"), Slovenian("person__first_name"), "pk")
        )


def sessions_in_the_record(prefix=""):
    """``Session.is_record`` as a condition on sessions (``prefix`` reaches them from a related
    model, "session__")."""
    return Q(**{f"{prefix}status": Session.Status.HELD}) | Q(
        **{f"{prefix}minutes_approved_at__isnull": False}
    )


def _month_end(first_day):
    next_month = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


# The life cycle of a session: which status may follow which (convening is done by sending).
SESSION_TRANSITIONS = {
    Session.Status.PLANNED: [Session.Status.HELD, Session.Status.CANCELLED],
    Session.Status.CONVENED: [Session.Status.HELD, Session.Status.CANCELLED],
    Session.Status.CANCELLED: [Session.Status.PLANNED],
    Session.Status.HELD: [],
}


class Withdrawable(models.Model):
    """Once the agenda is sent, an item or a material is withdrawn rather than deleted: the row
    (and the file) stay in the record, with who withdrew it and when."""

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        abstract = True


class AgendaItem(Withdrawable):
    """An item on a session's agenda (točka dnevnega reda)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenter_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (member)"),
    )
    presenter_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (organization)"),
    )
    presenter_text = models.CharField(
        _("presented by (guest)"),
        max_length=200,
        blank=True,
        help_text=_("For a guest, for example: Načelnik PP Ptuj mag. Aleksander LUBEJ."),
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def presenter(self):
        if self.presenter_text:
            return self.presenter_text
        return self.presenter_person or self.presenter_organization or ""


def material_upload_to(instance, filename):
    # Stored under a generated name: what the user called the file never becomes a path.
    suffix = PurePath(filename).suffix.lower()
    return f"materials/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Material(Withdrawable):
    """A file attached to an agenda item, downloaded only by those who may see the session."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="materials", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to=material_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.original_name

    @property
    def withdrawn(self):
        return self.withdrawn_at is not None


class AgendaProposal(models.Model):
    """A member's proposal to add an item to the agenda (dopolnitev dnevnega reda)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("session")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self):
        return self.title


class AgendaChange(models.Model):
    """One entry of the trail of agenda changes made after the invitation went out."""

    class Kind(models.TextChoices):
        # Said of the agenda item (točka, feminine): "dodana", "umaknjena".
        ADDED = "added", pgettext_lazy("agenda item", "added")
        CHANGED = "changed", pgettext_lazy("agenda item", "changed")
        WITHDRAWN = "withdrawn", pgettext_lazy("agenda item", "withdrawn")
        REORDERED = "reordered", pgettext_lazy("agenda item", "reordered")
        MOVED = "moved", _("date, time or place changed")
        CANCELLED = "cancelled", _("session cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="agenda_changes", verbose_name=_("session")
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    summary = models.CharField(_("what changed"), max_length=400)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    notified = models.BooleanField(_("members notified"), default=False)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("agenda change")
        verbose_name_plural = _("agenda changes")

    def __str__(self):
        return self.summary


class InvitationDelivery(models.Model):
    """The record of one invitation (or amended-agenda notice) sent to one member."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        AMENDMENT = "amendment", _("amended agenda")
        MOVED = "moved", _("notice of a new date, time or place")
        CANCELLED = "cancelled", _("notice of cancellation")

    class Status(models.TextChoices):
        # Claimed in the transaction that decides to send, sent once it has committed.
        QUEUED = "queued", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("invitation delivery")
        verbose_name_plural = _("invitation deliveries")
        constraints = [
            # Sending the invitation twice must not invite anyone twice.
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(kind="invitation", status="sent"),
                name="delivery_one_invitation_per_person",
            )
        ]

    def __str__(self):
        return f"{self.session} → {self.person}: {self.get_status_display()}"


class Attendance(models.Model):
    """A member's answer to the invitation and whether they were there.

    Both are said of a person, so Slovenian agrees with them: "navzoč" of a man, "navzoča" of a
    woman. The labels below are the masculine; ``get_presence_display()``,
    ``get_response_display()`` and the ``*_choices(person)`` agree with the person.
    """

    class Response(models.TextChoices):
        ATTENDING = "yes", _("will attend")
        NOT_ATTENDING = "no", _("cannot attend")

    class Presence(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    response = models.CharField(_("answer"), max_length=3, choices=Response.choices, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    presence = models.CharField(_("presence"), max_length=8, choices=Presence.choices, blank=True)

    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", Slovenian("person__last_name"), Slovenian("person__first_name")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="attendance_one_per_person_and_session"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_presence_display() or self.get_response_display()}"

    def get_presence_display(self):
        """Present, excused or absent, as said of the person ("navzoča"); "" if not recorded."""
        return _of_person(self.person, self.presence, self.Presence, FEMININE_PRESENCE)

    def get_response_display(self):
        """The answer as the attendance list says it of the person ("udeležila se bo")."""
        return _of_person(self.person, self.response, self.Response, FEMININE_RESPONSE)

    @property
    def own_answer(self):
        """The answer in the member's own words ("udeležila se bom"), as they gave it."""
        if not self.response:
            return ""
        return self.person.agrees(*OWN_ANSWERS[self.response])

    @classmethod
    def presence_choices(cls, person):
        """The presences to record for ``person``, each as said of them."""
        return [(value, _of_person(person, value, cls.Presence, FEMININE_PRESENCE))
                for value in cls.Presence.values]  # fmt: skip

    @classmethod
    def answer_choices(cls, person):
        """The answers ``person`` can give, in their own words."""
        return [(value, person.agrees(*OWN_ANSWERS[value])) for value in cls.Response.values]


def _of_person(person, value, choices, feminine):
    if not value:
        return ""
    return person.agrees(choices(value).label, feminine[value])


FEMININE_PRESENCE = {
    Attendance.Presence.PRESENT: pgettext_lazy("woman", "present"),
    Attendance.Presence.EXCUSED: pgettext_lazy("woman", "excused"),
    Attendance.Presence.ABSENT: pgettext_lazy("woman", "absent"),
}
FEMININE_RESPONSE = {
    Attendance.Response.ATTENDING: pgettext_lazy("woman", "will attend"),
    Attendance.Response.NOT_ATTENDING: pgettext_lazy("woman", "cannot attend"),
}
# The member's own answer to "Will you attend?": (masculine, feminine).
OWN_ANSWERS = {
    Attendance.Response.ATTENDING: (_("I will attend"), pgettext_lazy("woman", "I will attend")),
    Attendance.Response.NOT_ATTENDING: (
        _("I cannot attend"),
        pgettext_lazy("woman", "I cannot attend"),
    ),
}


class ResolutionQuerySet(RecordQuerySet):
    def open(self):
        """The follow-ups still to be carried out (``Resolution.is_open``)."""
        return self.filter(
            outcome=Resolution.Outcome.ADOPTED, responsible__isnull=False, done_on__isnull=True
        )


class Resolution(ChecksFieldsSetByCode, models.Model):
    """A decision (sklep) taken under an agenda item, numbered within the session: "1. sklep"."""

    # Set from the item, so the number's uniqueness in the session is checked on the form.
    SET_BY_CODE = ("session",)

    class Outcome(models.TextChoices):
        # "Sklep je sprejet": the outcome agrees with the resolution (sklep, masculine).
        ADOPTED = "adopted", pgettext_lazy("resolution", "adopted")
        REJECTED = "rejected", pgettext_lazy("resolution", "rejected")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("session")
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("item")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.ADOPTED
    )
    responsible = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("responsible organization"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done_on = models.DateField(_("carried out on"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords()

    # The follow-up, noted as it happens, after the minutes are approved. What the council
    # decided (text, outcome, who is responsible and by when) is frozen with the minutes.
    OPEN_AFTER_APPROVAL = ("done_on",)

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                name="resolution_unique_number_per_session",
                violation_error_message=_("This session already has a resolution of that number."),
            )
        ]
        indexes = [
            # The open follow-ups (the dashboard's count, the register's "open" filter): a few
            # rows a session, however many resolutions the council has taken over the years.
            models.Index(
                fields=["session"],
                condition=Q(outcome="adopted", responsible__isnull=False, done_on__isnull=True),
                name="resolution_open_follow_up",
            )
        ]

    def __str__(self):
        return _("Resolution %(number)s") % {"number": self.number}

    @property
    def is_open(self):
        """Adopted with someone responsible, and not yet carried out (``.open()`` of many)."""
        return self.outcome == self.Outcome.ADOPTED and self.responsible_id and not self.done_on


class CalendarFeed(models.Model):
    """A private address from which a user's calendar app reads their councils' sessions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class SessionSeen(models.Model):
    """When a login last opened a session's page: materials added after it are new to them.

    One row per login and session, written with one upsert each time the page is shown.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("login"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    seen_at = models.DateTimeField(_("last opened"))

    class Meta:
        verbose_name = _("session last opened")
        verbose_name_plural = _("sessions last opened")
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="session_seen_once_per_login")
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"

    @classmethod
    def record(cls, user, session):
        """Note that the login has just opened the session's page: one query, whether or not it
        had opened it before."""
        cls.objects.bulk_create(
            [cls(user=user, session=session, seen_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["user", "session"],
            update_fields=["seen_at"],
        )


# Reminders by e-mail live in a module of their own; imported here so that Django finds them.
from .reminder_models import ReminderKind, ReminderPreference, ReminderSent  # noqa: E402, F401
