import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.forms import DateInput, GuardedModelForm
from members.models import mandate_in_force_or_latest

from .models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    Material,
    Resolution,
    Session,
    Vote,
)
from .uploads import check_material


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MonthField(forms.DateField):
    """A month as the browser's month picker sends it ("2024-03"), kept as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return datetime.datetime.strptime(value.strip(), "%Y-%m").date()
            except ValueError:
                raise ValidationError(
                    _("Enter a month as year and month, for example 2024-03."), code="invalid"
                ) from None
        return super().to_python(value)


class SessionForm(GuardedModelForm):
    planned_month = MonthField(
        label=_("Planned month"),
        required=False,
        help_text=_("When only the month is known so far."),
    )

    class Meta:
        model = Session
        fields = [
            "mandate",
            "number",
            "kind",
            "planned_month",
            "date",
            "time",
            "place",
            "invitation_number",
            "notes",
            "report_summary",
            "public",
        ]
        help_texts = {
            "time": _(
                "At a session by correspondence, the date and time are the deadline for votes."
            )
        }
        widgets = {
            "date": DateInput,
            "time": TimeInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "report_summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, council, mandate=None, **kwargs):
        """``mandate``: the one a new session is suggested in; else the one in force today."""
        super().__init__(*args, **kwargs)
        mandates = council.mandates.all()
        self.fields["mandate"].queryset = mandates
        if not self.instance.pk:
            mandate = mandate or mandate_in_force_or_latest(council)
            if mandate:
                number = next_session_number(mandate)
                self.initial.setdefault("mandate", mandate.pk)
                self.initial.setdefault("number", number)
                if number == 1:
                    # The first session of a mandate constitutes the council for it.
                    self.initial.setdefault("kind", Session.Kind.CONSTITUTIVE)
            self.fields["number"].help_text = _("The next free number is suggested.")
        if not self.instance.may_change_invitation_number():
            # Members have the letter with this number (meetings/records.py holds it too).
            self.fields["invitation_number"].disabled = True
            self.fields["invitation_number"].help_text = _("Fixed: the invitation has been sent.")
        if self.instance.is_locked:
            for name, field in self.fields.items():
                if name not in Session.OPEN_AFTER_APPROVAL and name != "seen_version":
                    field.help_text = _("Locked: the minutes of this session are approved.")

    def clean(self):
        cleaned = super().clean()
        # The same rule meetings/records.py enforces on save, said here in the user's words
        # (and before GuardedModelForm.save claims a version).
        frozen = [
            str(self.fields[name].label)
            for name in self.changed_data
            if self.instance.is_locked
            and name not in (*Session.OPEN_AFTER_APPROVAL, "seen_version")
        ]
        if (
            "kind" in self.changed_data
            and self.instance.convened_at
            and (Session.Kind.CORRESPONDENCE in (self.instance.kind, cleaned.get("kind")))
        ):
            raise ValidationError(
                {
                    "kind": _(
                        "The session has been sent; whether it is held by correspondence "
                        "can no longer change."
                    )
                },
                code="kind_fixed",
            )
        if frozen:
            raise ValidationError(
                _(
                    "The minutes of this session are approved, so these can no longer change: "
                    "%(fields)s."
                ),
                params={"fields": ", ".join(frozen)},
                code="locked",
            )
        return cleaned


def next_session_number(mandate):
    return (mandate.sessions.aggregate(last=Max("number"))["last"] or 0) + 1


class AgendaItemForm(GuardedModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "description",
            "presenter_person",
            "presenter_organization",
            "presenter_text",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session
        council = session.mandate.council
        self.fields["presenter_person"].queryset = council.people.all()
        self.fields["presenter_organization"].queryset = council.organizations.all()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.session.may_change_agenda():
            raise ValidationError(
                _("The agenda of a held or cancelled session cannot change."), code="locked"
            )
        return cleaned


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"))
    public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=Material._meta.get_field("public").help_text,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = check_material(upload)
        return upload


class ProposalForm(forms.ModelForm):
    class Meta:
        model = AgendaProposal
        fields = ["title", "description"]
        labels = {"title": _("Proposed agenda item")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("decline", _("decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note to the proposer"), max_length=300, required=False)


class ResponseForm(forms.Form):
    response = forms.ChoiceField(choices=Attendance.Response.choices, widget=forms.RadioSelect)
    deputy_name = forms.CharField(max_length=200, required=False)


class DeputyForm(forms.Form):
    """Who stands in for one member: a person of the council, or a name typed."""

    deputy = forms.ModelChoiceField(
        label=_("Deputy: a person of the council"), queryset=None, required=False
    )
    deputy_name = forms.CharField(
        label=_("or the deputy's name, when they are not in the portal"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, session, attendance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputy_candidates(session)
        if attendance is not None:
            self.initial.setdefault("deputy", attendance.deputy_id)
            self.initial.setdefault("deputy_name", attendance.deputy_name)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("deputy") and cleaned.get("deputy_name", "").strip():
            raise ValidationError(
                _("Choose a person of the council or type a name, not both."), code="two_deputies"
            )
        return cleaned


def deputy_candidates(session):
    """Who may stand in for a member: the council's people who hold no seat of their own at the
    session (a member cannot sit twice)."""
    seated = session.members_invited().values("person")
    return session.mandate.council.people.exclude(pk__in=seated)


class ResolutionForm(GuardedModelForm):
    class Meta:
        model = Resolution
        fields = [
            "number",
            "text",
            "outcome",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "responsible",
            "deadline",
            "done_on",
            "public",
        ]
        labels = {
            "votes_for": _("Votes for"),
            "votes_against": _("Votes against"),
            "votes_abstained": _("Abstained"),
        }
        help_texts = {
            "votes_for": _("When the vote was counted: all three numbers, else none."),
        }
        widgets = {
            "deadline": DateInput,
            "done_on": DateInput,
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.instance.session = item.session
        self.fields["responsible"].queryset = item.session.mandate.council.organizations.all()
        if not self.instance.pk:
            last = item.session.resolutions.aggregate(last=Max("number"))["last"] or 0
            self.initial.setdefault("number", last + 1)
        if item.session.is_correspondence:
            # Proposed to the members, who vote on it; its outcome and vote are the tally's.
            for name in ("outcome", *Resolution.VOTE_FIELDS):
                del self.fields[name]
            if not self.instance.pk:
                self.instance.outcome = Resolution.Outcome.PROPOSED
        else:
            self.fields["outcome"].choices = [
                choice
                for choice in self.fields["outcome"].choices
                if choice[0] != Resolution.Outcome.PROPOSED
            ]
        if self.instance.pk and not item.session.may_write_resolutions():
            # Approved minutes are the record, and what was sent for a vote is what was voted
            # on: only the follow-up can still be noted.
            for name in self.fields:
                if name not in (*Resolution.OPEN_AFTER_APPROVAL, "seen_version"):
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        counts = [cleaned.get(name) for name in Resolution.VOTE_FIELDS]
        votes_field = self.fields.get("votes_for")
        if None not in counts and votes_field and not votes_field.disabled:
            # A deputy votes in a member's place, so no vote has more voters than seats.
            seats = self.instance.session.members_invited().count()
            if seats and sum(counts) > seats:
                raise ValidationError(
                    _(
                        "The votes add up to more than the members invited to the session "
                        "(%(votes)s votes, %(seats)s members)."
                    ),
                    params={"votes": sum(counts), "seats": seats},
                    code="too_many_votes",
                )
        return cleaned


class BallotForm(forms.Form):
    """A member's vote on each resolution proposed at a correspondence session."""

    CHOICES = [
        (Vote.Choice.FOR, _("I vote for")),
        (Vote.Choice.AGAINST, _("I vote against")),
        (Vote.Choice.ABSTAIN, _("I abstain")),
    ]

    def __init__(self, *args, resolutions, ballot, closed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolutions = resolutions
        for resolution in resolutions:
            self.fields[f"resolution-{resolution.pk}"] = forms.ChoiceField(
                label=_("%(resolution)s: %(text)s")
                % {"resolution": resolution, "text": resolution.text},
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                initial=ballot.get(resolution.pk),
                disabled=closed,
                error_messages={"required": _("Choose for, against or abstain.")},
            )

    def choices(self):
        return {r: self.cleaned_data[f"resolution-{r.pk}"] for r in self.resolutions}


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        """ "2. seja, 14. 3. 2024": the number alone repeats from mandate to mandate."""
        if session.date is None:
            return str(session)
        return _("%(session)s, %(date)s") % {
            "session": session,
            "date": date_format(session.date, "SHORT_DATE_FORMAT"),
        }


class MinutesApprovalForm(forms.Form):
    approved_at = SessionChoiceField(label=_("Approved at the session"), queryset=None)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Session.objects.of_council(session.mandate.council)
            .exclude(pk=session.pk)
            .held()
            .order_by("-date", "-number")
        )


class YearForm(forms.Form):
    """``?leto=`` of the session list's export: the year whose sessions are listed."""

    leto = forms.IntegerField(label=_("Year"), min_value=1, max_value=9999, required=False)

    def year(self):
        """The year asked for, this one when none was; None when the value is no year."""
        if not self.is_valid():
            return None
        return self.cleaned_data["leto"] or timezone.localdate().year


class RegisterFilterForm(forms.Form):
    """The register's filters, as GET parameters; a value that cannot be read is named on the
    form, and the other filters still apply."""

    STATUSES = {
        "sprejet": ("adopted", Resolution.Outcome.ADOPTED.label),
        "zavrnjen": ("rejected", Resolution.Outcome.REJECTED.label),
        "odprt": ("open", _("open (to be carried out)")),
        "izveden": ("carried_out", _("carried out")),
    }

    leto = forms.IntegerField(
        label=_("Year of the session"), min_value=1, max_value=9999, required=False
    )
    stanje = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any"))] + [(key, label) for key, (_m, label) in STATUSES.items()],
    )
    organizacija = forms.ModelChoiceField(
        label=_("Responsible organization"), queryset=None, required=False, empty_label=_("any")
    )
    zapadli = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, data, *, council):
        data = data.copy()
        if data.get("odprti") == "1" and not data.get("stanje"):  # the overview's older link
            data["stanje"] = "odprt"
        super().__init__(data)
        self.fields["organizacija"].queryset = council.organizations.all()

    def filter(self, resolutions):
        """``resolutions`` narrowed by every filter whose value could be read."""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        chosen = self.cleaned_data
        if year := chosen.get("leto"):
            resolutions = resolutions.filter(session__in=Session.objects.in_year(year))
        if status := chosen.get("stanje"):
            method = self.STATUSES[status][0]
            resolutions = getattr(resolutions, method)()
        if organization := chosen.get("organizacija"):
            resolutions = resolutions.filter(responsible=organization)
        if chosen.get("zapadli"):
            resolutions = resolutions.overdue()
        return resolutions

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
