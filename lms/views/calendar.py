"""Calendar downloads: one session as .ics, the private feed, and the page that manages it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lms import calendar
from lms.models import CalendarFeed, Session

ICS_TYPE = "text/calendar; charset=utf-8"


def _ics_response(cal, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type=ICS_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def session_ics(request, pk):
    """A single session as a calendar file, for the people who may see it."""
    session = get_object_or_404(Session.objects.select_related("cohort"), pk=pk)
    if not calendar.can_download(request.user, session):
        raise PermissionDenied
    return _ics_response(
        calendar.calendar_of([session], session.title),
        f"termin-{session.pk}.ics",
        attachment=True,
    )


def calendar_feed(request, token):
    """The private feed: no login (calendar programs cannot log in); the token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return _ics_response(calendar.feed_for(feed.user), "kokoma.ics", attachment=False)


@login_required
def calendar_settings(request):
    """Shows the person's feed URL; a POST revokes it and creates a new one."""
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST":
        return _revoke(request, feed)
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
    webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "lms/calendar/settings.html",
        {"feed": feed, "feed_url": feed_url, "webcal_url": webcal_url},
    )


def _revoke(request, feed):
    feed.revoke()
    messages.success(
        request,
        _("The old calendar address no longer works. Please subscribe to the new address."),
    )
    return redirect("calendar_settings")
