"""Sessions (Termine), supervision groups and attendance.

The rules (who is expected, how many UE count, when a module counts as
attended, supervision hours against the requirement) live in
``lms/attendance.py`` and ``lms/supervision.py``; recording goes through their
service functions, which keep the history of every change.
"""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import MINUTES_PER_UE
from lms.models.cohorts import Cohort, Municipality


class SessionKind(models.TextChoices):
    WORKSHOP = "workshop", _("In-person module session")
    DEEPENING = "deepening", _("Online deepening")
    SUPERVISION = "supervision", _("Supervision")
    PEER_CONSULTATION = "peer_consultation", _("Peer case consultation")
    STEERING_GROUP = "steering_group", _("Steering group meeting")
    ADVISORY_BOARD = "advisory_board", _("Advisory board meeting")

    @classmethod
    def qualification_kinds(cls):
        """Kinds that belong to the qualification (count for certificates)."""
        return [cls.WORKSHOP, cls.DEEPENING, cls.SUPERVISION, cls.PEER_CONSULTATION]

    @classmethod
    def municipal_body_kinds(cls):
        """Meetings of the municipalities' own bodies (counted for the funder)."""
        return [cls.STEERING_GROUP, cls.ADVISORY_BOARD]


class Audience(models.TextChoices):
    COHORT = "cohort", _("The whole cohort")
    TANDEM = "tandem", _("The facilitation tandem of a municipality")
    STEERING_GROUP = "steering_group", _("The steering group of a municipality")
    SUPERVISION_GROUP = "supervision_group", _("A supervision group")
    SELECTED = "selected", _("Selected people")


class SupervisionGroup(models.Model):
    """A group in process-accompanying supervision, with its supervisor."""

    class Kind(models.TextChoices):
        TANDEM = "tandem", _("Facilitation tandem of a municipality")
        STEERING_GROUP = "steering_group", _("Steering group of a municipality")
        NAMED = "named", _("Named group")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NAMED)
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="supervision_groups",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_groups",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="supervised_groups",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="supervision_groups",
        help_text=_("Members need an account, not an enrolment (e.g. steering-group members)."),
    )

    class Meta:
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


def new_checkin_code() -> str:
    """Six characters that are easy to read aloud and type (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def ue_for_minutes(minutes) -> Decimal:
    """Teaching units for a duration: 45 minutes are one UE, rounded to quarters."""
    units = Decimal(minutes) / MINUTES_PER_UE
    return (units * 4).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 4


def credited_ue(starts_at, ends_at, ue) -> Decimal:
    """UE a session credits when attended in full: its UE if set, else its length in UE
    (:attr:`Session.credited_ue`, for rows read as values)."""
    if ue is not None:
        return ue
    return ue_for_minutes(int((ends_at - starts_at).total_seconds() // 60))


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now(), cancelled=False).order_by(
            "starts_at"
        )

    def held(self, now=None):
        return self.filter(starts_at__lte=now or timezone.now(), cancelled=False)

    def scheduled(self):
        """All sessions not cancelled, past and future (requirements count against these)."""
        return self.filter(cancelled=False)


class Session(models.Model):
    """A dated session: workshop, online deepening, supervision, a body's meeting."""

    kind = models.CharField(_("kind"), max_length=30, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=250)
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        verbose_name=_("module"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    supervision_group = models.ForeignKey(
        SupervisionGroup,
        verbose_name=_("supervision group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    audience = models.CharField(
        _("who is expected"), max_length=20, choices=Audience.choices, default=Audience.COHORT
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("selected people"),
        blank=True,
        related_name="selected_sessions",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    ue = models.DecimalField(
        _("teaching units (UE) credited"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it from the duration (45 minutes = 1 UE)."),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_sessions",
    )
    is_makeup = models.BooleanField(
        _("make-up session"),
        default=False,
        help_text=_("Open to people from other groups or cohorts to make up an excused absence."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    checkin_code = models.CharField(
        _("check-in code"), max_length=12, default=new_checkin_code, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="lms_session_ends_after_start",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title} ({local:%d.%m.%Y %H:%M})"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def credited_ue(self) -> Decimal:
        """UE this session credits when attended in full."""
        return credited_ue(self.starts_at, self.ends_at, self.ue)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    PARTIAL = "partial", _("Partly present")
    EXCUSED = "excused", _("Excused")
    UNEXCUSED = "unexcused", _("Absent without excuse")

    @classmethod
    def attended(cls):
        return [cls.PRESENT, cls.LATE, cls.PARTIAL]


class Attendance(models.Model):
    """Whether a person attended a session, and the UE credited for it."""

    class Source(models.TextChoices):
        RECORDED = "recorded", _("Recorded by the facilitator")
        CHECK_IN = "check_in", _("Self check-in")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=20, choices=AttendanceStatus.choices)
    ue_credited = models.DecimalField(_("UE credited"), max_digits=5, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.RECORDED
    )
    makeup_for = models.ForeignKey(
        "self",
        verbose_name=_("makes up for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="made_up_by",
        help_text=_("The excused absence this make-up session replaces."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "user"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="lms_attendance_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.session}: {self.get_status_display()}"


class AttendanceChange(models.Model):
    """History of an attendance record: every recording and correction."""

    attendance = models.ForeignKey(
        Attendance, verbose_name=_("attendance"), on_delete=models.CASCADE, related_name="changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=AttendanceStatus.choices)
    ue_credited = models.DecimalField(_("UE credited"), max_digits=5, decimal_places=2)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.attendance_id}: {self.status} ({self.changed_at:%Y-%m-%d %H:%M})"


class Notice(models.Model):
    """An e-mail that must go out once: attendance warnings, session reminders."""

    class Kind(models.TextChoices):
        ATTENDANCE_BELOW_REQUIREMENT = "attendance_low", _("Attendance below requirement")
        SESSION_REMINDER = "session_reminder", _("Session reminder")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    key = models.CharField(
        _("subject key"), max_length=100, help_text=_("E.g. the session or enrolment it is about.")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        constraints = [
            models.UniqueConstraint(fields=["kind", "user", "key"], name="lms_notice_once"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.user_id} ({self.key})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private, revocable iCalendar feed URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def revoke(self):
        """Replace the token: the old feed URL stops working."""
        self.token = new_feed_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
