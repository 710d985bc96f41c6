"""Convening a session, the amended-agenda notice, the invitation as a PDF, and calendars."""

import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from members.access import authorise, council_view
from members.confirm import CONFIRM_FIELD, confirm_page, is_confirmed
from members.models import Council

from .. import invitations, mailing, notices
from ..access import get_session_for
from ..calendar import build_calendar, session_event
from ..models import CalendarFeed, InvitationDelivery, Session
from ..pdf import render_pdf

# What secrets.token_urlsafe makes, as long as the token's column allows.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


@council_view
def session_convene(request, council, pk):
    """Who gets the invitation and what it proposes; sent only on the answer "yes" from that page
    (a POST carrying ``confirmed=1``)."""
    session = get_session_for(request.user, council, pk, edit=True)
    if is_confirmed(request):
        try:
            result = invitations.session_convene(session, sent_by=request.user, request=request)
        except mailing.CannotSend as error:
            messages.error(request, str(error))
            return redirect(session)
        _report_convene(request, result)
        if result.sent:
            _warn_if_late(request, session)
        return redirect(session)

    cannot_convene = invitations.cannot_convene_reason(session)
    if not cannot_convene:
        _warn_if_late(request, session)
    recipients = invitations.invitation_recipients(session)
    return render(
        request,
        "meetings/invitation_confirm.html",
        {
            "council": council,
            "session": session,
            "cannot_convene": cannot_convene,
            "recipients": recipients,
            "to_send": [r for r in recipients if not r.already_invited],
            "items": mailing.proposed_agenda(session),
            "confirm_field": CONFIRM_FIELD,
        },
    )


def _report_convene(request, result):
    if result.sent:
        count = len(result.sent)
        messages.success(
            request,
            ngettext(
                "The invitation was sent to %(count)d member.",
                "The invitation was sent to %(count)d members.",
                count,
            )
            % {"count": count},
        )
    if result.failed:
        _report_failures(request, result.failed)
    if not result.sent and not result.failed:
        if result.skipped:
            messages.info(request, _("Every member already has the invitation; nothing was sent."))
        else:
            messages.warning(
                request, _("No member holds a seat on the day of the session; nothing was sent.")
            )


def _report_failures(request, failed):
    count = len(failed)
    names = ", ".join(f"{d.person.full_name} ({d.error})" for d in failed)
    messages.error(
        request,
        ngettext(
            "Could not send to %(count)d member: %(names)s.",
            "Could not send to %(count)d members: %(names)s.",
            count,
        )
        % {"count": count, "names": names},
    )


def _warn_if_late(request, session):
    if invitations.invitation_is_late(session):
        period = session.council.convocation_days
        messages.warning(
            request,
            ngettext(
                "The invitation is late: members should receive it at least %(period)d day "
                "before the session on %(date)s.",
                "The invitation is late: members should receive it at least %(period)d days "
                "before the session on %(date)s.",
                period,
            )
            % {"period": period, "date": date_format(session.date, "SHORT_DATE_FORMAT")},
        )


@council_view
def session_notify_changes(request, council, pk):
    """Send the changes not yet announced to everyone who has the invitation, once asked."""
    session = get_session_for(request.user, council, pk, edit=True)
    if not is_confirmed(request):
        changes = list(notices.pending_changes(session))
        reason = notices.cannot_notify_reason(session, changes)
        if reason:
            messages.warning(request, reason)
            return redirect(session)
        return _confirm_notice(request, council, session, changes)
    try:
        result = notices.session_notify_changes(session, sent_by=request.user, request=request)
    except mailing.CannotSend as error:
        messages.warning(request, str(error))
        return redirect(session)
    report_notice(request, result)
    return redirect(session)


def _confirm_notice(request, council, session, changes):
    return confirm_page(
        request,
        council,
        title=_("Notice to the members: %(session)s") % {"session": session},
        consequences=[notice_reach(session)],
        confirm_label=_("Send the notice"),
        cancel_url=session.get_absolute_url(),
        details_template="meetings/_notice_changes.html",
        extra_context={"notice_changes": changes, "session": session},
    )


def notice_reach(session):
    """What the confirmation of a notice says about who gets it."""
    count = mailing.invited_count(session)
    if not count:
        return _("Nobody has received the invitation, so nobody will be notified.")
    return ngettext(
        "The notice will be sent to %(count)d member.",
        "The notice will be sent to %(count)d members.",
        count,
    ) % {"count": count}


def report_notice(request, result):
    """Say how a notice went: to how many members, and who could not be reached and why."""
    if result.sent:
        count = len(result.sent)
        if result.sent[0].kind == InvitationDelivery.Kind.AMENDMENT:
            sent = ngettext(
                "The amended agenda was sent to %(count)d member.",
                "The amended agenda was sent to %(count)d members.",
                count,
            )
        else:
            sent = ngettext(
                "The notice was sent to %(count)d member.",
                "The notice was sent to %(count)d members.",
                count,
            )
        messages.success(request, sent % {"count": count})
    if result.failed:
        _report_failures(request, result.failed)
        if not result.sent:
            messages.warning(
                request,
                _(
                    "Nobody could be reached, so the changes are still waiting to be announced: "
                    "send the notice again once the mail server is working."
                ),
            )


@council_view
def session_deliveries(request, council, pk):
    """The invitations and notices sent for a session, one row per message and member: the
    secretary opens it from the session page, which does not load them on every view."""
    session = get_session_for(request.user, council, pk)
    authorise(request.user, InvitationDelivery)
    context = {
        "council": council,
        "session": session,
        "deliveries": session.deliveries.select_related("person"),
        "pending_changes": notices.pending_count(session),
    }
    return render(request, "meetings/session_deliveries.html", context)


@council_view
def invitation_pdf(request, council, pk):
    """The invitation as an official letter, for printing or forwarding."""
    session = get_session_for(request.user, council, pk)
    sent_on = session.convened_at and timezone.localtime(session.convened_at).date()
    pdf = render_pdf(
        "meetings/pdf/invitation.html",
        {
            "council": council,
            "session": session,
            "items": mailing.proposed_agenda(session),
            "chair": invitations.chair_of(session),
            "letter_date": sent_on or timezone.localdate(),
            "letter_place": invitations.letter_place(council),
            "session_url": request.build_absolute_uri(session.get_absolute_url()),
        },
        base_url=request.build_absolute_uri("/"),
    )
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"vabilo-{session.number}-seja.pdf"
            )
        },
    )


@council_view
def session_ics(request, council, pk):
    """One session as a calendar file."""
    session = get_session_for(request.user, council, pk)
    if session.date is None:
        raise Http404("The session has no date yet.")
    with translation.override(settings.LANGUAGE_CODE):
        event = session_event(
            session,
            url=request.build_absolute_uri(session.get_absolute_url()),
            items=mailing.proposed_agenda(session),
        )
        content = build_calendar([event])
    return HttpResponse(
        content,
        content_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(True, f"{session.number}-seja.ics")
        },
    )


@council_view
def calendar_page(request, council):
    """The user's private calendar address; POST replaces it with a new one."""
    authorise(request.user, Session)
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST":
        feed.token = secrets.token_urlsafe()
        feed.save(update_fields=["token"])
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old one no longer works: subscribe again "
                "with the new one."
            ),
        )
        return redirect("meetings:calendar", council=council.slug)
    feed_url = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": feed.token}))
    return render(
        request,
        "meetings/calendar.html",
        {
            "council": council,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )


@require_safe
def calendar_feed(request, token):
    """Every dated session of the token owner's councils. A calendar app sends no cookies, so
    the token is the only key: unknown tokens and inactive accounts answer 404."""
    # A token is URL-safe base64; anything else (a NUL byte PostgreSQL would refuse) is unknown.
    if not TOKEN.fullmatch(token):
        raise Http404
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    councils = list(Council.objects.for_user(feed.user))
    if not councils:
        raise Http404
    sessions = mailing.prefetch_agenda(
        Session.objects.filter(mandate__council__in=councils, date__isnull=False)
        .select_related("mandate__council")
        .order_by("date", "time", "pk")
    )
    # What the feed says must not depend on the language of whoever happens to open it.
    with translation.override(settings.LANGUAGE_CODE):
        events = [
            session_event(
                session,
                url=request.build_absolute_uri(session.get_absolute_url()),
                items=session.agenda,
            )
            for session in sessions
        ]
        name = councils[0].name if len(councils) == 1 else _("Security council sessions")
        content = build_calendar(events, name=name)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response
