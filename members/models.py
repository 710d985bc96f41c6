"""The council, the people who sit on it, the organizations they represent and their terms."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from . import sql
from .collation import Slovenian
from .records import KeptInRecord
from .roles import Role

# A council's slug is the first segment of its pages' addresses, so it must not take a segment
# the site itself uses.
RESERVED_SLUGS = {
    "admin",
    "racun",
    "i18n",
    "static",
    "media",
    "javne",
    "healthz",
    "koledar",
    "dostopnost",
    "iskanje",
}


class ChecksFieldsSetByCode:
    """Keeps the constraints on fields that code sets, never a form, checked in validation.

    A model form validates only the fields it shows, and skips every constraint that names
    another ("one organization of that name per council": the council is set by the view). The
    fields named in ``SET_BY_CODE`` stay in, so such an error shows on the form instead of
    failing in the database.
    """

    SET_BY_CODE = ()

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - set(self.SET_BY_CODE))


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved by the portal; choose another."))


# The numbers a municipality's records system gives its documents ("0110-1/2024-3": class,
# case, year, document) are digits and letters with these separators, nothing else.
validate_document_number = RegexValidator(
    r"^[0-9A-Za-zČčŠšŽžĆćĐđ]+(?:[-/. ]+[0-9A-Za-zČčŠšŽžĆćĐđ]+)*$",
    _(
        "A document number may contain only digits, letters, hyphens (-), slashes (/), full "
        "stops (.) and spaces, for example 0110-1/2024-3."
    ),
    code="document_number",
)


def crest_upload_to(instance, filename):
    # A generated name with the checked type's extension (members/crest.py); what the secretary
    # called the file never becomes a path.
    suffix = PurePath(filename).suffix.lower()
    return f"crests/{uuid.uuid4().hex}{suffix}"


def town_in(municipality):
    """The town a municipality is named after: "Ptuj" for "Mestna občina Ptuj", else "".

    Official municipality names start with "Občina" or "Mestna občina", so the rest is the town.
    Anything else is left out rather than guessed.
    """
    for prefix in ("Mestna občina ", "Občina "):
        if municipality.startswith(prefix):
            return municipality.removeprefix(prefix)
    return ""


class CouncilQuerySet(models.QuerySet):
    def for_user(self, user):
        """The councils where the login holds a role. The installation administrator (superuser)
        works in the admin; in a council's pages they have only a role they hold there."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(accesses__user=user)


class Council(models.Model):
    """A municipal (or inter-municipal) security council: everything else belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"), max_length=60, unique=True, validators=[validate_not_reserved]
    )
    name_genitive = models.CharField(
        _("name in the genitive"),
        max_length=200,
        blank=True,
        help_text=_("As documents say it: poročilo o delu Varnostnega sosveta Mestne občine Ptuj."),
    )
    municipality = models.CharField(_("municipality"), max_length=200)
    # The letterhead of every document: invitations, minutes, the annual report.
    place = models.CharField(
        _("place on documents"),
        max_length=100,
        blank=True,
        help_text=_(
            "Documents are dated from it: Ptuj, 14. 3. 2024. Left empty, the town in the "
            "municipality's name is taken (Mestna občina Ptuj: Ptuj)."
        ),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("For example: Mestni trg 1, 2250 Ptuj."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    crest = models.FileField(
        _("crest or logo"),
        upload_to=crest_upload_to,
        blank=True,
        help_text=_("The municipality's crest or logo for the letterhead: PNG or SVG, up to 1 MB."),
    )
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    convocation_days = models.PositiveSmallIntegerField(
        _("convocation period in days"),
        default=7,
        help_text=_("How many days before a session the invitation should go out."),
    )
    # Raised by every save through a form, so a second secretary cannot overwrite the first
    # (members.forms.GuardedModelForm).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = [Slovenian("name")]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:roster", kwargs={"council": self.slug})

    @property
    def dated_from(self):
        """The place the council's documents are dated from: "Ptuj" in "Ptuj, 14. 3. 2024"."""
        return self.place or town_in(self.municipality)

    def person_of(self, user):
        """The person of this council that the login is, if any."""
        if not user.is_authenticated:
            return None
        return self.people.filter(user=user).first()


class CouncilAccessQuerySet(models.QuerySet):
    def secretaries(self):
        return self.filter(role=Role.SECRETARY)


LAST_SECRETARY_MESSAGE = _(
    "This is the council's last secretary: give another login the secretary role first, then "
    "change or remove this one."
)


def ensure_a_secretary_remains(council_id, leaving):
    """Refuse (ValidationError) a change after which the council would have no secretary.

    ``leaving`` are the accesses (pks) about to be removed or to lose the secretary role. The one
    rule behind the access pages, the admin and ``CouncilAccess.save()``/``delete()``: a council
    without a secretary has nobody left who could give anyone a role.
    """
    secretaries = CouncilAccess.objects.secretaries().filter(council_id=council_id)
    if not secretaries.exclude(pk__in=leaving).exists():
        raise ValidationError(LAST_SECRETARY_MESSAGE, code="last_secretary")


class CouncilAccess(models.Model):
    """A login's role in one council: what it may see and do there, and nothing elsewhere.

    The role is separate from the seat: the chair sits as a member of the council (Membership)
    and has the member role here unless given another.
    """

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("council")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="council_accesses",
        verbose_name=_("login"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    objects = CouncilAccessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "role"]
        verbose_name = _("access to a council")
        verbose_name_plural = _("accesses to councils")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="access_one_role_per_council",
                violation_error_message=_("This login already has a role in this council."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.council}: {self.get_role_display()}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk and self.role != Role.SECRETARY and self._stored_role() == Role.SECRETARY:
                self._lock_council()
                ensure_a_secretary_remains(self.council_id, leaving=[self.pk])
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if self._stored_role() == Role.SECRETARY:
                self._lock_council()
                ensure_a_secretary_remains(self.council_id, leaving=[self.pk])
            return super().delete(*args, **kwargs)

    def _stored_role(self):
        return CouncilAccess.objects.filter(pk=self.pk).values_list("role", flat=True).first()

    def _lock_council(self):
        # Two secretaries removing each other at once: the second waits, then sees the first.
        Council.objects.select_for_update().filter(pk=self.council_id).first()


class Organization(ChecksFieldsSetByCode, KeptInRecord, models.Model):
    """A body that holds a seat on the council: the police station, a service, an association."""

    SET_BY_CODE = ("council",)

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="organizations", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("For example: PP Ptuj.")
    )
    # Whom the members represent, as the annual report's 1.2 says it (reports/drafting_membership).
    report_group = models.CharField(
        _("group in the annual report"),
        max_length=200,
        blank=True,
        help_text=_(
            "How the annual report names this organization's group after “Člani varnostnega "
            "sosveta so predstavniki”, in the genitive: policije, občinske uprave, krajevnih "
            "skupnosti. Organizations with the same words are named once, together; left empty, "
            "the organization is named by its own name."
        ),
    )
    report_order = models.PositiveSmallIntegerField(
        _("order in the annual report"),
        default=0,
        help_text=_("Groups and organizations are named from the smallest number up."),
    )
    # Raised by every save through a form, so a second secretary cannot overwrite the first
    # (members.forms.GuardedModelForm).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = [Slovenian("name")]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="organization_unique_name_per_council",
                violation_error_message=_("This council already has an organization of that name."),
            )
        ]

    def __str__(self):
        return self.name


class Person(ChecksFieldsSetByCode, KeptInRecord, models.Model):
    """Someone who sits, or sat, on the council."""

    SET_BY_CODE = ("council",)

    class Gender(models.TextChoices):
        # Slovenian agrees with the person: "Pripravil" / "Pripravila", "predsednica".
        MALE = "m", _("male")
        FEMALE = "f", _("female")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="people", verbose_name=_("council")
    )
    honorific = models.CharField(
        pgettext_lazy("honorific", "title"),
        max_length=30,
        blank=True,
        help_text=_("For example: mag., dr."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    gender = models.CharField(
        _("grammatical gender"),
        max_length=1,
        choices=Gender.choices,
        help_text=_("Used for Slovenian agreement: Pripravil / Pripravila."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # One login may be the person of several councils (the police commander on three of them),
    # but of each council only once.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("user account"),
    )
    # Raised by every save through a form, so a second secretary cannot overwrite the first
    # (members.forms.GuardedModelForm).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = [Slovenian("last_name"), Slovenian("first_name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="person_one_per_login_and_council",
                violation_error_message=_("This login is already a person of this council."),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return person_name(self.honorific, self.first_name, self.last_name)

    def agrees(self, masculine, feminine):
        """Of a word's two forms, the one Slovenian uses of this person: "navzoč" or "navzoča".

        A word said of a person is translated twice: the English as it is, for the masculine,
        and the same English under the context "woman" (``pgettext_lazy("woman", ...)``).
        """
        return agreeing(self.gender, masculine, feminine)

    def sits_now_or_later(self):
        """Whether the person holds a seat today or one that starts later."""
        return self.memberships.now_or_later().exists()


def person_name(honorific, first_name, last_name):
    """``Person.full_name`` of its parts, for lists that read people as rows."""
    return " ".join(part for part in (honorific, first_name, last_name) if part)


def agreeing(gender, masculine, feminine):
    """``Person.agrees`` for a person's gender alone, for lists that read people as rows."""
    return feminine if gender == Person.Gender.FEMALE else masculine


def full_name_expression(prefix=""):
    """Person.full_name in the database, for annotations (without the honorific)."""
    return Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name")


class MandateQuerySet(models.QuerySet):
    def covering(self, day):
        """Mandates in force on ``day``, by the rule the roster's SQL asks too
        (``members.sql.mandate_covers``), written there once."""
        return self.filter(sql.condition(sql.covers_the_day, day=sql.a_date(day)))

    def current(self):
        """Mandates in force today."""
        return self.covering(timezone.localdate())


class Mandate(KeptInRecord, models.Model):
    """A council's term, following the municipal council's: "2022 – 2026"."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("council")
    )
    label = models.CharField(
        _("label"), max_length=40, blank=True, help_text=_("Left empty, it reads like 2022 – 2026.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # Raised by every save through a form, so a second secretary cannot overwrite the first
    # (members.forms.GuardedModelForm).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = MandateQuerySet.as_manager()
    history = HistoricalRecords()

    # Mandates latest first, as the rollover, the overview's SQL and the roster ask for "the last
    # mandate": mandates never overlap (``clean``), so the latest is the one that ends last.
    LATEST_FIRST = "-ends_on"

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="mandate_ends_after_start",
                violation_error_message=_("A mandate must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.label:
            self.label = self.default_label()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:mandate", kwargs={"council": self.council.slug, "pk": self.pk})

    def default_label(self):
        return f"{self.starts_on.year} – {self.ends_on.year}"

    @property
    def period(self):
        """Its dates as messages name them: "1. 12. 2022 – 30. 11. 2026"."""
        return _mandate_span(self)

    # Checks other apps add (in their AppConfig.ready) for what they keep inside a mandate's dates,
    # such as sessions; each takes the mandate as edited and raises ValidationError.
    date_checks = []

    def clean(self):
        if self.pk and self.starts_on and self.ends_on:
            outside = self.memberships.filter(
                Q(starts_on__lt=self.starts_on)
                | Q(starts_on__gt=self.ends_on)
                | Q(ends_on__gt=self.ends_on)
            )
            if outside.exists():
                raise ValidationError(
                    _("Seats of this mandate lie outside these dates; change them first.")
                )
            for check in self.date_checks:
                check(self)
        if self.starts_on and self.ends_on and self.council_id:
            overlapping = Mandate.objects.filter(
                council_id=self.council_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
            ).exclude(pk=self.pk)
            if overlapping.exists():
                other = overlapping.first()
                raise ValidationError(
                    _("This mandate overlaps the mandate %(other)s (%(period)s)."),
                    params={"other": other, "period": other.period},
                )

    def roster_day(self):
        """The day the roster is shown for: today within the mandate, else its last day."""
        today = timezone.localdate()
        return min(max(today, self.starts_on), self.ends_on)


def mandate_in_force_or_latest(council):
    """The council's mandate in force today, else the latest; None if it has none: the one the
    roster shows, its export and a new session start from. One query, written as SQL (the ORM
    took ten times as long to compose it on the roster), asking the one rule of a mandate in
    force (``members.sql.mandate_covers``)."""
    fields = [field.attname for field in Mandate._meta.concrete_fields]
    rows = sql.read_rows(
        [("md", Mandate, fields)],
        f"""FROM {sql.table(Mandate)} md WHERE md.council_id = %s
        ORDER BY CASE WHEN {sql.mandate_covers("md", "%s")} THEN 0 ELSE 1 END,
        {sql.order("md", Mandate.LATEST_FIRST)}
        LIMIT 1""",
        [council.pk, *[timezone.localdate()] * 2],
    )
    if not rows:
        return None
    mandate = Mandate.from_db(connection.alias, fields, [rows[0][f"md.{name}"] for name in fields])
    mandate.council = council
    return mandate


class MembershipQuerySet(models.QuerySet):
    def now_or_later(self):
        """Seats held today or starting later: their holders are current members."""
        today = timezone.localdate()
        open_ended = Q(ends_on__isnull=True, mandate__ends_on__gte=today)
        return self.filter(open_ended | Q(ends_on__gte=today))

    def on(self, day):
        """Seats held on a given day (a date, or a column: ``OuterRef("date")``), by the rule
        the overview's SQL asks too (``members.sql.seat_on``), written there once."""
        return self.filter(sql.condition(sql.held_on_day, day=sql.a_date(day)))


class Membership(KeptInRecord, models.Model):
    """A person's seat on the council within one mandate, for the organization they represent."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY_CHAIR = "deputy", _("deputy chair")
        MEMBER = "member", _("member")
        SECRETARY = "secretary", _("secretary")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("mandate")
    )
    # Empty when the organization holds the seat but its representative is not recorded.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("person"),
        help_text=_("Leave empty if the organization has not named its representative yet."),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organization represented"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    function_title = models.CharField(
        _("function"), max_length=200, blank=True, help_text=_("For example: načelnik PP Ptuj.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Left empty: until the end of the mandate.")
    )
    # Raised by every save through a form, so a second secretary cannot overwrite the first
    # (members.forms.GuardedModelForm).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [Slovenian("organization__name"), "starts_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            # The database holds what it can of "one seat at a time" and "one chair at a time":
            # at most one open-ended seat; overlapping dated seats are caught by clean().
            models.UniqueConstraint(
                fields=["mandate", "person"],
                condition=Q(ends_on__isnull=True),
                name="membership_one_open_seat_per_person",
                violation_error_message=_("This person already holds a seat in this mandate."),
            ),
            models.UniqueConstraint(
                fields=["mandate"],
                condition=Q(ends_on__isnull=True, role="chair"),
                name="membership_one_open_chair",
                violation_error_message=_("The council already has a chair at that time."),
            ),
        ]
        indexes = [models.Index(fields=["mandate", "starts_on"], name="membership_mandate_start")]

    def __str__(self):
        return f"{self.person or _('representative not named')} ({self.organization})"

    def get_absolute_url(self):
        return self.mandate.get_absolute_url()

    @property
    def role_title(self):
        """The role as Slovenian says it of this person: "predsednik" or "predsednica"."""
        return role_title(self.role, self.person.gender if self.person else None)

    @property
    def last_day(self):
        return self.ends_on or self.mandate.ends_on

    def is_active_on(self, day):
        return self.starts_on <= day <= self.last_day

    def clean(self):
        errors = {}
        if self.mandate_id and self.starts_on:
            mandate = self.mandate
            if not mandate.starts_on <= self.starts_on <= mandate.ends_on:
                errors["starts_on"] = _("The membership must begin within the mandate (%(m)s).")
            elif self.ends_on and self.ends_on < self.starts_on:
                # Also held by a constraint; said here for forms that edit only the end date.
                raise ValidationError({"ends_on": _("A membership cannot end before it starts.")})
            elif self.ends_on and self.ends_on > mandate.ends_on:
                errors["ends_on"] = _("The membership must end within the mandate (%(m)s).")
            if errors:
                raise ValidationError(
                    {
                        field: ValidationError(message, params={"m": _mandate_span(mandate)})
                        for field, message in errors.items()
                    }
                )
            overlapping = self._overlapping()
            if self.person_id and overlapping.filter(person_id=self.person_id).exists():
                raise ValidationError(
                    {"person": _("This person already holds a seat in this mandate at that time.")}
                )
            if self.role == self.Role.CHAIR and overlapping.filter(role=self.Role.CHAIR).exists():
                raise ValidationError({"role": _("The council already has a chair at that time.")})

    def _overlapping(self):
        """Other seats of the same mandate whose dates overlap this one's."""
        last_day = self.ends_on or self.mandate.ends_on
        return (
            Membership.objects.filter(mandate_id=self.mandate_id, starts_on__lte=last_day)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
            .exclude(pk=self.pk)
        )


FEMALE_ROLE_TITLES = {
    Membership.Role.CHAIR: pgettext_lazy("woman", "chair"),
    Membership.Role.DEPUTY_CHAIR: pgettext_lazy("woman", "deputy chair"),
    Membership.Role.MEMBER: pgettext_lazy("woman", "member"),
    Membership.Role.SECRETARY: pgettext_lazy("woman", "secretary"),
}


def role_title(role, gender):
    """A role as Slovenian says it of a person of ``gender``: "predsednik" or "predsednica";
    of a seat without a person (``gender`` None), the role's name. For lists that read seats as
    rows (the roster), without a Membership to ask."""
    if gender == Person.Gender.FEMALE:
        return str(FEMALE_ROLE_TITLES[role])
    return str(Membership.Role(role).label)


def _mandate_span(mandate):
    start = date_format(mandate.starts_on, "SHORT_DATE_FORMAT")
    return f"{start} – {date_format(mandate.ends_on, 'SHORT_DATE_FORMAT')}"


class SecondFactorReset(models.Model):
    """A login's second factor removed: by a council's secretary, the installation
    administrator, or the login itself (turned off where it was not required).

    A row per event rather than a history of a device: the devices are deleted, and what matters
    later is who removed whose second factor, where and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="second_factor_resets",
        verbose_name=_("login"),
    )
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reset by"),
    )
    # Empty when the installation administrator reset it in the admin, or the login itself.
    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="second_factor_resets",
        verbose_name=_("council"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("second factor reset")
        verbose_name_plural = _("second factor resets")

    def __str__(self):
        return f"{self.user} ({date_format(timezone.localtime(self.at), 'SHORT_DATETIME_FORMAT')})"
