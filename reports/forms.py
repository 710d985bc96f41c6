from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from meetings import forms as meetings_forms
from meetings.models import Session
from meetings.statistics import CHART_CHOICES
from members.forms import DateInput, GuardedModelForm

from .models import AnnualReport
from .services import require_signatures

TEXT_AREA = forms.Textarea(attrs={"rows": 6})
PLAIN_TEXT_HELP = _(
    "Plain text: a blank line starts a paragraph, a line beginning with - is a bullet."
)


class ReportCreateForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["report_year", "plan_year"]

    def __init__(self, *args, council, initial_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.initial.setdefault("report_year", initial_year)
        self.initial.setdefault("plan_year", initial_year + 1)


class ReportForm(GuardedModelForm):
    charts = forms.MultipleChoiceField(
        label=_("Charts from the statistics"),
        choices=CHART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Shown at the end of 1.3 with the table of their numbers, for the report year; "
            "their numbers are fixed when the report is adopted."
        ),
    )

    class Meta:
        model = AnnualReport
        fields = [
            "subject",
            "salutation",
            "introduction",
            "report_heading",
            "background",
            "membership",
            "sessions",
            "charts",
            "conclusion",
            "plan_heading",
            "schedule",
            "schedule_note",
            "topics",
            "projects",
            "preparer",
            "signatory",
        ]
        widgets = {
            name: TEXT_AREA
            for name in [
                "introduction",
                "background",
                "membership",
                "sessions",
                "conclusion",
                "schedule",
                "schedule_note",
                "topics",
                "projects",
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.instance.council.people.all()
        self.fields["preparer"].queryset = people
        self.fields["signatory"].queryset = people
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.help_text = PLAIN_TEXT_HELP


class SessionSelect(forms.Select):
    """Each session's date rides on its option, for the script that fills the date field."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        session = getattr(value, "instance", None)
        if session is not None and session.date:
            option["attrs"]["data-date"] = session.date.isoformat()
        return option


class SessionChoiceField(meetings_forms.SessionChoiceField):
    """Sessions named as the minutes-approval form names them, each with its date attached."""

    widget = SessionSelect


class AdoptionForm(forms.Form):
    """At which held session, on which day; the date follows the session when left empty."""

    adopted_at = SessionChoiceField(label=_("Adopted at the session"), queryset=None)
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=DateInput(attrs={"data-session-date": ""}),
        required=False,
        help_text=_("If left empty, the date of the session is used."),
    )
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.unusual = False
        self.fields["seen_version"].initial = report.lock_version
        self.fields["adopted_at"].queryset = (
            Session.objects.of_council(report.council)
            .held()
            .order_by(F("date").desc(nulls_last=True), "-number")
        )
        self.fields["adopted_at"].help_text = _(
            "Normally a session in %(plan_year)s, the year after the one reported on; a session "
            "in %(report_year)s is unusual but allowed."
        ) % {"plan_year": report.plan_year, "report_year": report.report_year}

    def clean(self):
        cleaned = super().clean()
        try:
            require_signatures(self.report)
        except ValidationError as error:
            self.add_error(None, error)
        session, day = cleaned.get("adopted_at"), cleaned.get("adopted_on")
        if session is None:
            return cleaned
        if day is None and "adopted_on" not in self.errors:
            day = cleaned["adopted_on"] = session.date
            if day is None:
                self.add_error("adopted_on", _("Enter the day the session adopted the report."))
        if session.date and day and day != session.date:
            self.add_error("adopted_on", _("The date must be the day of that session."))
        held_on = session.date or day
        if held_on and held_on.year < self.report.report_year:
            self.add_error(
                "adopted_at",
                _(
                    "%(session)s was held before %(year)s began, so it cannot have adopted the "
                    "report on %(year)s. Choose a later session."
                )
                % {
                    "session": self.fields["adopted_at"].label_from_instance(session),
                    "year": self.report.report_year,
                },
            )
        self.unusual = bool(held_on) and held_on.year == self.report.report_year
        return cleaned

    def session_label(self):
        return self.fields["adopted_at"].label_from_instance(self.cleaned_data["adopted_at"])
