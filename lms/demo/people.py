"""Demo municipalities, the demo cohort's details and its participants (illustrative).

The municipalities are real participants of the programme; everything said
about them here (partners, dates, milestone states) is invented for the demo
and editable by SPI staff. The people are fictitious; their addresses use the
reserved domain example.org.
"""

import datetime

# --- Municipalities ------------------------------------------------------------------

BAMBERG = "Bamberg"
WARTBURGKREIS = "Wartburgkreis"
NEUBRANDENBURG = "Neubrandenburg"

MUNICIPALITIES = [
    {
        "name": BAMBERG,
        "kind": "town",
        "federal_state": "BY",
        "pfd_name": "Partnerschaft für Demokratie Bamberg",
        "local_partner": "Koordinierungs- und Fachstelle der Partnerschaft für Demokratie Bamberg",
        "project_start": datetime.date(2025, 9, 1),
        "project_end": datetime.date(2027, 12, 31),
        "milestones": [
            {
                "kind": "conflict_analysis",
                "status": "reached",
                "due_date": datetime.date(2025, 12, 15),
                "reached_on": datetime.date(2025, 12, 10),
                "note": "Analyse mit 14 Gesprächen in drei Stadtteilen abgeschlossen.",
            },
            {
                "kind": "steering_group",
                "status": "reached",
                "due_date": datetime.date(2026, 2, 28),
                "reached_on": datetime.date(2026, 2, 20),
                "note": "Steuerungsgruppe mit Verwaltung, Jugendhilfe und Stadtteilvereinen.",
            },
            {
                "kind": "concept",
                "status": "in_progress",
                "due_date": datetime.date(2026, 12, 31),
                "note": "Entwurf liegt der Steuerungsgruppe vor.",
            },
            {"kind": "transfer", "status": "open", "due_date": datetime.date(2027, 9, 30)},
        ],
    },
    {
        "name": WARTBURGKREIS,
        "kind": "district",
        "federal_state": "TH",
        "pfd_name": "Partnerschaft für Demokratie im Wartburgkreis",
        "local_partner": (
            "Koordinierungs- und Fachstelle der Partnerschaft für Demokratie im Wartburgkreis"
        ),
        "project_start": datetime.date(2025, 11, 1),
        "project_end": datetime.date(2027, 12, 31),
        "milestones": [
            {
                "kind": "conflict_analysis",
                "status": "reached",
                "due_date": datetime.date(2026, 3, 31),
                "reached_on": datetime.date(2026, 3, 10),
                "note": (
                    "Schwerpunkt: Konflikte um Unterbringung und Nahversorgung im ländlichen Raum."
                ),
            },
            {
                "kind": "steering_group",
                "status": "in_progress",
                "due_date": datetime.date(2026, 12, 15),
                "note": "Zwei Gemeinden fehlen noch in der Steuerungsgruppe.",
            },
            {"kind": "concept", "status": "open", "due_date": datetime.date(2027, 3, 31)},
            {"kind": "transfer", "status": "open", "due_date": datetime.date(2027, 10, 31)},
        ],
    },
    {
        "name": NEUBRANDENBURG,
        "kind": "town",
        "federal_state": "MV",
        "pfd_name": "Partnerschaft für Demokratie Neubrandenburg",
        "local_partner": (
            "Koordinierungs- und Fachstelle der Partnerschaft für Demokratie Neubrandenburg"
        ),
        "project_start": datetime.date(2026, 1, 15),
        "project_end": datetime.date(2027, 12, 31),
        "milestones": [
            {
                "kind": "conflict_analysis",
                "status": "in_progress",
                "due_date": datetime.date(2026, 12, 31),
                "note": "Interviews laufen; Auswertung im Dezember.",
            },
            {"kind": "steering_group", "status": "open", "due_date": datetime.date(2027, 2, 28)},
            {"kind": "concept", "status": "open", "due_date": datetime.date(2027, 6, 30)},
            {"kind": "transfer", "status": "open", "due_date": datetime.date(2027, 11, 30)},
        ],
    },
]

# --- The cohort ------------------------------------------------------------------------

COHORT_DETAILS = {
    "places": "Bamberg, Eisenach und Neubrandenburg (Präsenzmodule); online (Vertiefungen)",
    "capacity": 24,
    "enrolment_open": True,
}
COHORT_MUNICIPALITIES = [BAMBERG, WARTBURGKREIS, NEUBRANDENBURG]

#: When each module's in-person workshop took place; lessons are done in the
#: week before it (self-study to prepare).
MODULE_DATES = {
    "1": datetime.date(2026, 2, 2),
    "2": datetime.date(2026, 3, 9),
    "3": datetime.date(2026, 4, 20),
    "4": datetime.date(2026, 5, 18),
    "5": datetime.date(2026, 6, 22),
    "6": datetime.date(2026, 9, 7),
    "7": datetime.date(2026, 10, 12),
    "8": datetime.date(2026, 11, 16),
}
APPLICATIONS_FROM = datetime.date(2025, 11, 3)
DECISIONS_ON = datetime.date(2026, 1, 12)
SIGN_OFF_ON = datetime.date(2026, 11, 24)

# --- People -------------------------------------------------------------------------------
#
# ``progress``: (modules completed in order, lessons done in the next module);
# ``failed``: module numbers whose knowledge check failed at the first try;
# ``reflections``: how many reflection prompts of the done lessons are answered;
# ``sign_off``: the trainer signs off module 8 (the Praxisprojekt).
# The demo trainee teilnehmende@example.org (Jana Becker) is listed too: she
# already has an account (lms.demo.seed.DEMO_ACCOUNTS).

ADMITTED = "admitted"
APPLIED = "applied"
WAITLISTED = "waitlisted"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

DEMO_TRAINEE = {
    "municipality": BAMBERG,
    "function": "administration",
    "organisation": "Stadt Bamberg, Stabsstelle Bürgerbeteiligung",
    "status": ADMITTED,
    "progress": (3, 2),
    "failed": {2},
    "reflections": 2,
}

PARTICIPANTS = [
    {
        "first_name": "Lukas",
        "last_name": "Hofmann",
        "municipality": BAMBERG,
        "function": "local_facilitation",
        "organisation": "Stadt Bamberg, Amt für Jugend und Familie",
        "status": ADMITTED,
        "progress": (8, 0),
        "failed": {2},
        "reflections": 4,
        "sign_off": (
            "Praxisprojekt „Dialogreihe Bahnhofsumfeld“ im Kolloquium vorgestellt und angenommen."
        ),
    },
    {
        "first_name": "Sarah",
        "last_name": "Wagner",
        "municipality": BAMBERG,
        "function": "steering_group",
        "organisation": "Nachbarschaftsverein Am Hain e. V.",
        "status": ADMITTED,
        "progress": (7, 2),  # all lessons of module 8: waits for the sign-off
        "reflections": 3,
    },
    {
        "first_name": "Mehmet",
        "last_name": "Demir",
        "municipality": BAMBERG,
        "function": "civil_society",
        "organisation": "Interkultureller Elternverein Bamberg e. V.",
        "status": ADMITTED,
        "progress": (7, 1),
        "failed": {3, 5},
        "reflections": 1,
    },
    {
        "first_name": "Claudia",
        "last_name": "Schmitt",
        "municipality": BAMBERG,
        "function": "politics",
        "organisation": "Stadtrat Bamberg",
        "status": ADMITTED,
        "progress": (6, 0),
        "reflections": 2,
    },
    {
        "first_name": "Felix",
        "last_name": "Krüger",
        "municipality": BAMBERG,
        "function": "administration",
        "organisation": "Stadt Bamberg, Ordnungsamt",
        "status": WITHDRAWN,
        "progress": (1, 0),
        "note": "Stellenwechsel, kann die Präsenzmodule nicht mehr wahrnehmen.",
    },
    {
        "first_name": "Aylin",
        "last_name": "Kaya",
        "municipality": BAMBERG,
        "function": "civil_society",
        "organisation": "Jugendtreff Gartenstadt",
        "status": APPLIED,
        "motivation": "Ich begleite Jugendliche, die im Stadtteil oft als Störung gelten.",
    },
    {
        "first_name": "Thomas",
        "last_name": "Richter",
        "municipality": WARTBURGKREIS,
        "function": "administration",
        "organisation": "Landratsamt Wartburgkreis, Fachdienst Jugend",
        "status": ADMITTED,
        "progress": (6, 1),
        "failed": {6},
    },
    {
        "first_name": "Anja",
        "last_name": "Vogel",
        "municipality": WARTBURGKREIS,
        "function": "external_facilitation",
        "organisation": "Stiftung SPI, Servicestelle Kommunales Konfliktmanagement",
        "status": ADMITTED,
        "progress": (5, 1),
        "reflections": 2,
    },
    {
        "first_name": "Stefan",
        "last_name": "Lange",
        "municipality": WARTBURGKREIS,
        "function": "politics",
        "organisation": "Gemeinderat Gerstungen",
        "status": ADMITTED,
        "progress": (5, 0),
        "failed": {4},
    },
    {
        "first_name": "Julia",
        "last_name": "Schäfer",
        "municipality": WARTBURGKREIS,
        "function": "local_facilitation",
        "organisation": "Kreisjugendring Wartburgkreis e. V.",
        "status": ADMITTED,
        "progress": (4, 1),
        "reflections": 1,
    },
    {
        "first_name": "Petra",
        "last_name": "Günther",
        "municipality": WARTBURGKREIS,
        "function": "steering_group",
        "organisation": "Landfrauenverein Werratal e. V.",
        "status": ADMITTED,
        "progress": (3, 1),
    },
    {
        "first_name": "Marco",
        "last_name": "Heinrich",
        "municipality": WARTBURGKREIS,
        "function": "civil_society",
        "organisation": "Sportverein Eintracht Bad Salzungen e. V.",
        "status": REJECTED,
        "note": (
            "Keine Mitwirkung in der kommunalen Konfliktbearbeitung angegeben; "
            "auf die offenen Angebote der Partnerschaft für Demokratie hingewiesen."
        ),
    },
    {
        "first_name": "Nadine",
        "last_name": "Koch",
        "municipality": WARTBURGKREIS,
        "function": "civil_society",
        "organisation": "Tafel Eisenach e. V.",
        "status": WAITLISTED,
        "note": "Die Plätze für den Wartburgkreis sind vergeben.",
    },
    {
        "first_name": "Martin",
        "last_name": "Schulz",
        "municipality": NEUBRANDENBURG,
        "function": "administration",
        "organisation": "Stadt Neubrandenburg, Büro des Oberbürgermeisters",
        "status": ADMITTED,
        "progress": (6, 2),
        "reflections": 1,
    },
    {
        "first_name": "Katharina",
        "last_name": "Wolf",
        "municipality": NEUBRANDENBURG,
        "function": "local_facilitation",
        "organisation": "Stadt Neubrandenburg, Präventionsrat",
        "status": ADMITTED,
        "progress": (2, 2),
        "failed": {3},
    },
    {
        "first_name": "Sven",
        "last_name": "Peters",
        "municipality": NEUBRANDENBURG,
        "function": "steering_group",
        "organisation": "Wohnungsgenossenschaft Oststadt eG",
        "status": ADMITTED,
        "progress": (1, 2),
    },
    {
        "first_name": "Lea",
        "last_name": "Möller",
        "municipality": NEUBRANDENBURG,
        "function": "civil_society",
        "organisation": "Bündnis für Vielfalt Neubrandenburg",
        "status": ADMITTED,
        "progress": (0, 1),
    },
    {
        "first_name": "Birgit",
        "last_name": "Krause",
        "municipality": NEUBRANDENBURG,
        "function": "politics",
        "organisation": "Stadtvertretung Neubrandenburg",
        "status": ADMITTED,
        "progress": (0, 0),
    },
    {
        "first_name": "Ole",
        "last_name": "Jansen",
        "municipality": NEUBRANDENBURG,
        "function": "civil_society",
        "organisation": "Kulturzentrum Latücht",
        "status": APPLIED,
        "motivation": "Wir erleben bei Veranstaltungen zunehmend Anfeindungen.",
    },
    {
        "first_name": "Dirk",
        "last_name": "Zimmermann",
        "municipality": NEUBRANDENBURG,
        "function": "politics",
        "organisation": "Ortsteilvertretung Reitbahnviertel",
        "status": WAITLISTED,
        "note": "Die Plätze für Neubrandenburg sind vergeben.",
    },
]

# --- Reflection answers, by lesson slug ---------------------------------------------------

REFLECTIONS = {
    "konflikte-in-der-kommune": [
        "<p>Am meisten beschäftigt mich der Streit um den Jugendtreff am Marktplatz. "
        "Anwohnende beschweren sich über Lärm, die Jugendlichen fühlen sich vertrieben.</p>"
        "<p>Man merkt es an den Leserbriefen und daran, dass die Sitzungen des "
        "Ortsbeirats plötzlich voll sind.</p>",
        "<p>Die geplante Gemeinschaftsunterkunft im Ortsteil. In der "
        "Einwohnerversammlung wurde laut, und seitdem reden viele Nachbar:innen nicht "
        "mehr miteinander.</p>",
    ],
    "rollen-und-haltung": [
        "<p>Ich bin <strong>beruflich</strong> mit dem Konflikt befasst, im Sportverein "
        "aktiv und wohne selbst im betroffenen Viertel.</p>"
        "<ul><li>Im Verein werde ich als Teil der Stadt wahrgenommen.</li>"
        "<li>Im Viertel bin ich Nachbar:in und damit auch Partei.</li></ul>",
        "<p>Als Stadtrat werde ich oft als Entscheider gesehen, auch wenn ich gerade "
        "nur zuhören will. Ich brauche eine Vertretung, wenn es um meinen Wahlkreis geht.</p>",
    ],
    "das-eisbergmodell": [
        "<p>Unter der Wasserlinie vermute ich bei den Anwohnenden die Sorge, dass ihr "
        "Viertel abgehängt wird, und bei den Jugendlichen das Gefühl, nirgends "
        "willkommen zu sein.</p>",
        "<p>Möglicherweise geht es auch um Anerkennung: Die Ehrenamtlichen haben den "
        "Platz jahrelang gepflegt und fühlen sich übergangen.</p>",
    ],
    "akteurslandkarte-erstellen": [
        "<p>Es fehlen die Gewerbetreibenden am Platz und die Eltern der Jugendlichen. "
        "Wenn sie mitreden, wird der Konflikt weniger zu einem Generationenstreit.</p>",
    ],
    "systemische-fragen": [
        "<ul><li>Zirkulär: Was glauben Sie, wie die Jugendlichen den Abend am Platz "
        "erleben?</li><li>Skalierend: Wie laut ist es auf einer Skala von 1 bis 10?</li>"
        "<li>Hypothetisch: Angenommen, der Platz wäre in einem Jahr ein Ort für alle – "
        "was hätte sich verändert?</li></ul>",
    ],
    "schwierige-veranstaltungen-moderieren": [
        "<p>Bei der Einwohnerversammlung hätte eine klare Redeliste und eine zweite "
        "Moderatorin geholfen. Eine Vorabsprache mit der Polizei hätte uns Sicherheit "
        "gegeben.</p>",
    ],
    "verstetigung": [
        "<p>Erstens ein Beschluss des Stadtrats, der die Koordinierung dauerhaft "
        "verankert. Zweitens eine feste Ansprechperson im Bürgeramt.</p>",
    ],
    "bedrohungslagen-einschaetzen": [
        "<p>Ja: die Mobile Beratung im Land und die Ansprechperson der Polizei. Die "
        "Kontakte hängen jetzt im Team-Ordner.</p>",
    ],
    "das-praxisprojekt": [
        "<p>Eine <strong>Dialogreihe</strong> zum Bahnhofsumfeld mit Anwohnenden, "
        "Gewerbe, Sozialarbeit und Polizei. Der Bauausschuss sollte davon erfahren.</p>",
    ],
}
