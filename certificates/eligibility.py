"""Who may receive which certificate: the requirements of a programme, met or missing.

The requirements come from the programme's settings (``ProgrammePage``), never
from code; a requirement whose threshold is zero (or, for the Praxisprojekt,
switched off) is not listed:

- ``modules``: every required (live) module of the programme completed
  (:class:`~lms.models.ModuleCompletion`, stored by ``lms.progress``); met on
  the date of the last completion.
- ``attendance``: of the UE of the in-person modules' sessions that concern
  the person (``lms.attendance.module_sessions_for``: the cohort's sessions
  and those for selected people that include them, past and future, not
  cancelled), the share attended reaches ``required_attendance_percent``.
  Attended UE are the UE credited on the attendance rows (partial absence
  credits less); make-up sessions of the same module count, a module never
  counts for more than its sessions. Met on the date of the session that
  reached the share. No in-person sessions: met.
- ``supervision``: attended supervision hours (``lms.supervision``) reach
  ``required_supervision_hours``; met on the date of the session that
  reached them.
- ``deepenings``: online deepenings of the programme attended reach
  ``required_deepenings``; met on the date of the last one needed.
- ``praxisprojekt``: the Praxisprojekt accepted (when the programme requires
  one); met on the date of the decision.

Those who meet everything receive the Zertifikat; those who do not, but
completed a module or attended a session, a Teilnahmebescheinigung
(:attr:`Eligibility.kind`).

:func:`evaluate_many` reads a whole cohort in a constant number of queries;
the facts it gathers (:class:`Facts`) also feed the certificate's snapshot
(``certificates.issuing.build_snapshot``), so what is checked and what is
printed are the same numbers.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import CertificateKind
from curriculum.models import ModuleFormat, ModulePage, ue_to_clock_hours
from lms.attendance import format_ue
from lms.models import (
    AttendanceStatus,
    Audience,
    Enrolment,
    ModuleCompletion,
    Praxisprojekt,
    PraxisprojektStatus,
    Session,
    SessionKind,
    credited_ue,
)
from lms.supervision import SupervisionStatus, qualification_attendance, supervision_statuses

MODULES = "modules"
ATTENDANCE = "attendance"
SUPERVISION = "supervision"
DEEPENINGS = "deepenings"
PRAXISPROJEKT = "praxisprojekt"


@dataclass
class Requirement:
    """One requirement of the certificate for one enrolment."""

    key: str
    label: str
    met: bool
    met_on: date | None
    detail: str


@dataclass
class AttendedSession:
    """A qualification session the person attended, with the UE credited."""

    session_id: int
    date: date
    title: str
    kind: str
    module_id: int | None
    ue: Decimal


@dataclass
class Facts:
    """What the requirements and the certificate's snapshot are computed from."""

    modules: list[ModulePage]  # the programme's live modules in tree order
    completed: dict[int, object]  # module pk → completed_at (datetime)
    scheduled_ue: dict[int, Decimal]  # in-person module pk → UE of its sessions for the person
    attended_ue: dict[int, Decimal]  # in-person module pk → UE credited, at most scheduled
    attended_sessions: list[AttendedSession]  # in date order
    supervision: SupervisionStatus
    praxisprojekt: Praxisprojekt | None
    # The counted attendance rows (values) in date order, and the person's in-person
    # session ids: to date when a requirement became met.
    rows: list[dict] = field(default_factory=list, repr=False)
    expected_session_ids: set[int] = field(default_factory=set, repr=False)

    def credited_ue(self, module) -> Decimal:
        """UE a completed module counts for: attended UE for in-person modules with
        sessions, the module's full UE otherwise."""
        if module.pk in self.scheduled_ue:
            return self.attended_ue.get(module.pk, Decimal("0"))
        return Decimal(module.ue)


@dataclass
class Eligibility:
    """The requirements of one enrolment and what follows from them."""

    enrolment: Enrolment
    requirements: list[Requirement]
    took_part: bool = field(default=False, repr=False)
    facts: Facts | None = field(default=None, repr=False)

    @property
    def eligible(self) -> bool:
        return all(requirement.met for requirement in self.requirements)

    @property
    def kind(self) -> CertificateKind | None:
        """Zertifikat when everything is met; else a Teilnahmebescheinigung for those
        who took part (a module completed or a session attended); else nothing."""
        if self.eligible:
            return CertificateKind.CERTIFICATE
        if self.took_part:
            return CertificateKind.ATTENDANCE
        return None

    @property
    def missing(self) -> list[Requirement]:
        return [requirement for requirement in self.requirements if not requirement.met]


def evaluate(
    enrolment: Enrolment, *, supervision=None, modules=None, completed=None, attendance=None
) -> Eligibility:
    """The :class:`Eligibility` of one enrolment.

    ``supervision``: its :class:`~lms.supervision.SupervisionStatus` where the
    caller has it already (the dashboard), which saves two or three queries.
    ``modules`` (the programme's live modules in tree order, pages or
    :class:`curriculum.structure.ModuleEntry`) and ``completed`` (module pk →
    completed_at), where the caller has them too: then ``enrolment`` (with
    ``cohort__programme`` loaded) is taken as it is, which saves three more.
    ``attendance``: the person's :func:`lms.supervision.qualification_attendance`,
    where the caller has read it for the supervision status (one more).
    """
    known = {enrolment.pk: supervision} if supervision is not None else None
    if modules is not None and completed is not None:
        facts = collect_facts(
            [enrolment],
            supervision=known,
            modules={enrolment.cohort.programme_id: list(modules)},
            completed={enrolment.pk: completed},
            attendance=attendance,
        )
        return _eligibility(*facts[enrolment.pk])
    return evaluate_many([enrolment], supervision=known)[enrolment.pk]


def evaluate_many(enrolments, *, supervision=None) -> dict[int, Eligibility]:
    """:class:`Eligibility` per enrolment pk, in a constant number of queries.

    Nine or ten (one more when sessions for selected people are scheduled),
    whatever the number of enrolments, sessions and attendance records; two or
    three fewer with ``supervision``, the supervision status per enrolment pk.
    """
    facts = collect_facts(enrolments, supervision=supervision)
    return {pk: _eligibility(enrolment, item) for pk, (enrolment, item) in facts.items()}


# --- Gathering the facts ------------------------------------------------------------------


def _local_date(moment) -> date:
    return timezone.localdate(moment)


def collect_facts(
    enrolments, *, supervision=None, modules=None, completed=None, attendance=None
) -> dict[int, tuple[Enrolment, Facts]]:
    """``(enrolment, facts)`` per enrolment pk, read in a constant number of queries.

    ``supervision``: the supervision status per enrolment pk, if known.
    ``attendance``: the people's :func:`lms.supervision.qualification_attendance`, if read.
    ``modules`` (the live modules per programme pk) and ``completed`` (module
    pk → completed_at per enrolment pk), if known: then the enrolments, with
    ``cohort__programme`` loaded, are taken as they are.
    """
    if modules is not None and completed is not None:
        loaded = list(enrolments)
    else:
        ids = [e.pk for e in enrolments]
        loaded = list(
            Enrolment.objects.filter(pk__in=ids).select_related("user", "cohort__programme")
        )
    if not loaded:
        return {}
    ids = [e.pk for e in loaded]
    programmes = {e.cohort.programme_id: e.cohort.programme for e in loaded}
    cohort_ids = {e.cohort_id for e in loaded}
    user_ids = {e.user_id for e in loaded}

    if modules is not None:
        modules_of = modules
        all_modules = [m for pk in programmes for m in modules_of[pk]]
    else:
        all_modules = list(
            ModulePage.objects.live()
            .filter(
                functools.reduce(
                    operator.or_,
                    (Q(path__startswith=p.path, depth=p.depth + 1) for p in programmes.values()),
                )
            )
            .order_by("path")
        )
        modules_of = {
            pk: [m for m in all_modules if m.path.startswith(p.path)]
            for pk, p in programmes.items()
        }
    in_person_ids = {m.pk for m in all_modules if m.format == ModuleFormat.IN_PERSON}

    if completed is None:
        module_ids = {m.pk for m in all_modules}
        completed = defaultdict(dict)
        for enrolment_id, module_id, completed_at in ModuleCompletion.objects.filter(
            enrolment_id__in=ids, module_id__in=module_ids
        ).values_list("enrolment_id", "module_id", "completed_at"):
            completed[enrolment_id][module_id] = completed_at

    # The in-person sessions that concern someone (lms.attendance.module_sessions_for).
    sessions = list(
        Session.objects.scheduled()
        .filter(
            cohort_id__in=cohort_ids,
            module_id__in=in_person_ids,
            audience__in=[Audience.COHORT, Audience.SELECTED],
        )
        .values("pk", "cohort_id", "module_id", "audience", "starts_at", "ends_at", "ue")
    )
    selected = defaultdict(set)
    selected_ids = [s["pk"] for s in sessions if s["audience"] == Audience.SELECTED]
    if selected_ids:
        for session_id, user_id in Session.participants.through.objects.filter(
            session_id__in=selected_ids, user_id__in=user_ids
        ).values_list("session_id", "user_id"):
            selected[session_id].add(user_id)

    # Attended qualification sessions of the cohort, make-up sessions and supervision
    # count; the supervision status reads the same rows (every status).
    if attendance is None:
        attendance = qualification_attendance(user_ids)
    attended = AttendanceStatus.attended()
    attendances = [
        row
        for row in attendance
        if row["status"] in attended
        and (
            row["session__cohort_id"] in cohort_ids
            or row["session__is_makeup"]
            or row["session__kind"] == SessionKind.SUPERVISION
        )
    ]
    by_user = defaultdict(list)
    for row in attendances:
        by_user[row["user_id"]].append(row)

    if supervision is None:
        supervision = supervision_statuses(loaded, attendance=attendance)

    if all(Enrolment.praxisprojekt.is_cached(e) for e in loaded):  # select_related by the caller
        projects = {e.pk: getattr(e, "praxisprojekt", None) for e in loaded}
    else:
        projects = {p.enrolment_id: p for p in Praxisprojekt.objects.filter(enrolment_id__in=ids)}

    result = {}
    for enrolment in loaded:
        programme_id = enrolment.cohort.programme_id
        own_modules = modules_of[programme_id]
        own_module_ids = {m.pk for m in own_modules}
        scheduled: dict[int, Decimal] = defaultdict(Decimal)
        expected_ids = set()
        for s in sessions:
            if s["cohort_id"] != enrolment.cohort_id or s["module_id"] not in own_module_ids:
                continue
            if s["audience"] == Audience.SELECTED and enrolment.user_id not in selected[s["pk"]]:
                continue
            expected_ids.add(s["pk"])
            scheduled[s["module_id"]] += credited_ue(s["starts_at"], s["ends_at"], s["ue"])
        attended: dict[int, Decimal] = defaultdict(Decimal)
        attended_sessions = []
        rows = []
        for row in by_user[enrolment.user_id]:
            if not _counts_for(row, enrolment, programme_id, own_module_ids):
                continue
            rows.append(row)
            module_id = row["session__module_id"]
            in_person = module_id in scheduled and (
                row["session_id"] in expected_ids or row["session__is_makeup"]
            )
            if in_person:
                attended[module_id] = min(
                    attended[module_id] + row["ue_credited"], scheduled[module_id]
                )
            attended_sessions.append(
                AttendedSession(
                    session_id=row["session_id"],
                    date=_local_date(row["session__starts_at"]),
                    title=row["session__title"],
                    kind=row["session__kind"],
                    module_id=module_id,
                    ue=row["ue_credited"],
                )
            )
        facts = Facts(
            modules=own_modules,
            completed=completed[enrolment.pk],
            scheduled_ue=dict(scheduled),
            attended_ue=dict(attended),
            attended_sessions=attended_sessions,
            supervision=supervision[enrolment.pk],
            praxisprojekt=projects.get(enrolment.pk),
            rows=rows,
            expected_session_ids=expected_ids,
        )
        result[enrolment.pk] = (enrolment, facts)
    return result


def _counts_for(row, enrolment, programme_id, module_ids) -> bool:
    """Whether an attended session counts for this enrolment's qualification."""
    if row["session__kind"] == SessionKind.SUPERVISION:
        session_programme = (
            row["session__cohort__programme_id"]
            or row["session__supervision_group__cohort__programme_id"]
        )
        return session_programme in (None, programme_id)
    if row["session__cohort_id"] == enrolment.cohort_id:
        return True
    # A make-up session of another cohort: of one of the programme's modules, or a
    # deepening of the same programme.
    return row["session__is_makeup"] and (
        row["session__module_id"] in module_ids
        or row["session__cohort__programme_id"] == programme_id
    )


# --- The requirements ---------------------------------------------------------------------


def _eligibility(enrolment: Enrolment, facts: Facts) -> Eligibility:
    programme = enrolment.cohort.programme
    requirements = [_modules_requirement(facts)]
    if programme.required_attendance_percent:
        requirements.append(_attendance_requirement(facts, programme.required_attendance_percent))
    if programme.required_supervision_hours:
        requirements.append(_supervision_requirement(facts))
    if programme.required_deepenings:
        requirements.append(_deepenings_requirement(facts, programme.required_deepenings))
    if programme.requires_praxisprojekt:
        requirements.append(_praxisprojekt_requirement(facts))
    took_part = bool(facts.completed) or bool(facts.attended_sessions)
    return Eligibility(enrolment, requirements, took_part=took_part, facts=facts)


def _modules_requirement(facts: Facts) -> Requirement:
    required = [m for m in facts.modules if m.is_required]
    done = [facts.completed[m.pk] for m in required if m.pk in facts.completed]
    met = len(done) == len(required)
    return Requirement(
        key=MODULES,
        label=_("All required modules completed"),
        met=met,
        met_on=_local_date(max(done)) if met and done else None,
        detail=ngettext(
            "%(done)s of %(total)s module",
            "%(done)s of %(total)s modules",
            len(required),
        )
        % {"done": len(done), "total": len(required)},
    )


def _attendance_requirement(facts: Facts, percent: int) -> Requirement:
    label = _("At least %(percent)s %% of the in-person UE attended") % {"percent": percent}
    total = sum(facts.scheduled_ue.values(), Decimal("0"))
    if total <= 0:
        return Requirement(
            key=ATTENDANCE,
            label=label,
            met=True,
            met_on=None,
            detail=_("No in-person sessions scheduled"),
        )
    attended = sum(facts.attended_ue.values(), Decimal("0"))
    met = attended * 100 >= total * percent
    met_on = None
    if met:
        # Replay the attendance in date order: the session that reached the share.
        running: dict[int, Decimal] = defaultdict(Decimal)
        for row in facts.rows:
            module_id = row["session__module_id"]
            if module_id not in facts.scheduled_ue or not (
                row["session_id"] in facts.expected_session_ids or row["session__is_makeup"]
            ):
                continue
            running[module_id] = min(
                running[module_id] + row["ue_credited"], facts.scheduled_ue[module_id]
            )
            if sum(running.values(), Decimal("0")) * 100 >= total * percent:
                met_on = _local_date(row["session__starts_at"])
                break
    return Requirement(
        key=ATTENDANCE,
        label=label,
        met=met,
        met_on=met_on,
        detail=_("%(attended)s of %(total)s UE (%(share)s %%)")
        % {
            "attended": format_ue(attended),
            "total": format_ue(total),
            "share": int(attended * 100 / total),
        },
    )


def _supervision_requirement(facts: Facts) -> Requirement:
    status = facts.supervision
    met = status.attended_hours >= status.required_hours
    met_on = None
    if met:
        running = Decimal("0")
        for row in facts.rows:
            if row["session__kind"] != SessionKind.SUPERVISION:
                continue
            running += row["ue_credited"]
            if ue_to_clock_hours(running) >= status.required_hours:
                met_on = _local_date(row["session__starts_at"])
                break
    return Requirement(
        key=SUPERVISION,
        label=_("At least %(hours)s hours of supervision")
        % {"hours": format_ue(status.required_hours)},
        met=met,
        met_on=met_on,
        detail=_("%(attended)s of %(required)s hours")
        % {
            "attended": format_ue(status.attended_hours),
            "required": format_ue(status.required_hours),
        },
    )


def _deepenings_requirement(facts: Facts, required: int) -> Requirement:
    dates = [s.date for s in facts.attended_sessions if s.kind == SessionKind.DEEPENING]
    met = len(dates) >= required
    return Requirement(
        key=DEEPENINGS,
        label=ngettext(
            "At least %(count)s online deepening attended",
            "At least %(count)s online deepenings attended",
            required,
        )
        % {"count": required},
        met=met,
        met_on=dates[required - 1] if met else None,
        detail=_("%(attended)s of %(required)s attended")
        % {"attended": len(dates), "required": required},
    )


def _praxisprojekt_requirement(facts: Facts) -> Requirement:
    project = facts.praxisprojekt
    met = project is not None and project.status == PraxisprojektStatus.ACCEPTED
    if project is None:
        detail = _("Not yet started")
    elif project.status == PraxisprojektStatus.SUBMITTED:
        detail = _("“%(title)s”: submitted, awaiting the decision") % {"title": project.title}
    else:
        detail = f"“{project.title}”: {project.get_status_display()}"
    return Requirement(
        key=PRAXISPROJEKT,
        label=_("Practice project accepted"),
        met=met,
        met_on=_local_date(project.decided_at) if met and project.decided_at else None,
        detail=detail,
    )
