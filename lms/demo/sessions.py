"""Demo sessions (Termine) of the cohort, its supervision group and attendance (illustrative).

The in-person workshops follow the cohort's story in :mod:`lms.demo.people`:
each took place on the module's date (``MODULE_DATES``), and the participants
who completed a module attended its workshop, so the attendance rule and the
stored module completions agree. The online deepenings and the supervision
sessions are dated relative to the day the demo is created, so that the demo
always has sessions ahead (dashboard, calendar, reminders) and behind.

People are named by e-mail address; ``lms.demo.seed`` looks them up.
"""

import datetime

from lms.demo.people import MODULE_DATES

PRESENT = "present"
LATE = "late"
PARTIAL = "partial"
EXCUSED = "excused"
UNEXCUSED = "unexcused"

#: One workshop per in-person module: number, venue, days (1.5 days end at 13:00 on day 2).
WORKSHOPS = [
    {"module": "1", "place": "Bamberg, Rathaus am Maxplatz, Sitzungssaal", "days": 2},
    {"module": "2", "place": "Eisenach, Landratsamt Wartburgkreis, Raum 112", "days": 1},
    {"module": "3", "place": "Neubrandenburg, Haus der Kultur und Bildung, Saal 2", "days": 2},
    {"module": "4", "place": "Bamberg, Rathaus am Maxplatz, Sitzungssaal", "days": 1},
    {"module": "5", "place": "Eisenach, Landratsamt Wartburgkreis, Raum 112", "days": 1},
    {"module": "7", "place": "Neubrandenburg, Haus der Kultur und Bildung, Saal 2", "days": 1},
    {"module": "8", "place": "Bamberg, Rathaus am Maxplatz, Sitzungssaal", "days": 1},
]


def workshop_times(module_number, days):
    """(start, end) as naive local datetimes (Europe/Berlin)."""
    day = MODULE_DATES[module_number]
    start = datetime.datetime.combine(day, datetime.time(9, 30))
    if days == 2:
        return start, datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(13, 0)
        )
    return start, datetime.datetime.combine(day, datetime.time(16, 30))


#: Who did not simply attend a workshop: (status, UE for partial attendance).
#: Only people who had not completed the module anyway, so no completion changes.
WORKSHOP_EXCEPTIONS = {
    "1": {
        "birgit.krause@example.org": (EXCUSED, None),
        "lea.moeller@example.org": (PARTIAL, "6"),
    },
    "2": {
        "sven.peters@example.org": (UNEXCUSED, None),
    },
    "3": {
        "katharina.wolf@example.org": (EXCUSED, None),
        "petra.guenther@example.org": (LATE, None),
    },
    "4": {
        "petra.guenther@example.org": (PARTIAL, "4"),
        "birgit.krause@example.org": (UNEXCUSED, None),
    },
    "5": {
        "lea.moeller@example.org": (EXCUSED, None),
    },
    "7": {
        "julia.schaefer@example.org": (EXCUSED, None),
    },
    "8": {
        "birgit.krause@example.org": (EXCUSED, None),
    },
}

#: Online deepenings (3 hours = 4 UE each): days relative to the day of seeding.
DEEPENINGS = [
    {
        "title": "Online-Vertiefung 1: Eskalation erkennen und ansprechen",
        "days_from_today": -24,
        "url": "https://konferenz.example.org/kokoma-vertiefung-1",
    },
    {
        "title": "Online-Vertiefung 2: Schwierige Sitzungen moderieren",
        "days_from_today": 9,
        "url": "https://konferenz.example.org/kokoma-vertiefung-2",
    },
    {
        "title": "Online-Vertiefung 3: Konfliktmanagement in der Verwaltung verankern",
        "days_from_today": 37,
        "url": "https://konferenz.example.org/kokoma-vertiefung-3",
    },
]
DEEPENING_TIME = (datetime.time(17, 0), datetime.time(20, 0))
#: Who attended the past deepening besides those listed as excused.
DEEPENING_EXCEPTIONS = {
    "birgit.krause@example.org": (EXCUSED, None),
    "sven.peters@example.org": (UNEXCUSED, None),
}

SUPERVISION_GROUP = {
    "name": "Tandem Bamberg",
    "kind": "tandem",
    "municipality": "Bamberg",
    "members": [
        "lukas.hofmann@example.org",
        "sarah.wagner@example.org",
        "teilnehmende@example.org",
    ],
}
#: Four monthly sessions of 90 minutes (two held, two ahead), relative to the day of seeding.
SUPERVISION_SESSIONS = [
    {"number": 1, "days_from_today": -50},
    {"number": 2, "days_from_today": -22},
    {"number": 3, "days_from_today": 6},
    {"number": 4, "days_from_today": 34},
]
SUPERVISION_TIME = (datetime.time(16, 0), datetime.time(17, 30))
SUPERVISION_URL = "https://konferenz.example.org/kokoma-supervision-bamberg"
#: Attendance of the held supervision sessions, by session number.
SUPERVISION_EXCEPTIONS = {
    1: {},
    2: {"sarah.wagner@example.org": (EXCUSED, None)},
}


def supervision_title(number) -> str:
    return f"Supervision Tandem Bamberg ({number}/4)"
