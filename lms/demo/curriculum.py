"""The demo qualification: programme, eight modules and their lessons, as data.

Follows the illustrative demo curriculum of the domain brief (8 modules, 86 UE
with the online deepenings and peer case consultation). The texts are
real teaching material in German (with the programme's colon form); SPI staff
and trainers can change everything in the Wagtail admin after seeding.
"""

from lms.demo.streams import (
    ACTOR_MAP_TEMPLATE,
    callout,
    document,
    heading,
    paragraph,
    question,
    quiz,
    reflection,
)

PROGRAMME = {
    "title": "Qualifizierung zur:zum kommunalen Konfliktmanager:in",
    "slug": "qualifizierung",
    "total_ue": 86,
    "intro": """
<p>Die Qualifizierung vermittelt Mitarbeitenden aus Verwaltung, Zivilgesellschaft und Politik
das Handwerkszeug, um Konflikte in ihrer Kommune früh zu erkennen, systematisch zu analysieren
und konstruktiv zu bearbeiten. Sie verbindet acht Module in Präsenz und online mit drei
Online-Vertiefungen, Kollegialer Fallberatung und begleitender Supervision.</p>
<p>Insgesamt umfasst die Qualifizierung 86 Unterrichtseinheiten (UE) zu je 45 Minuten: 68 UE in
den acht Modulen, 12 UE in drei Online-Vertiefungen (V1 bis V3) und 6 UE Kollegiale
Fallberatung. Zwischen den Modulen vertiefen Sie die Inhalte in Selbstlernphasen auf dieser
Plattform und wenden sie in Ihrem Praxisprojekt an.</p>
""",
    "target_groups": """
<ul>
<li>Mitarbeitende der Kommunalverwaltung, zum Beispiel aus Ordnungsamt, Sozial- und
Jugendverwaltung, Integrationsbüro oder Bürgerbeteiligung</li>
<li>Mitglieder der lokalen Steuerungsgruppen im Kommunalen Konfliktmanagement</li>
<li>Engagierte aus der Zivilgesellschaft: Vereine, Initiativen, Kirchengemeinden und
Partnerschaften für Demokratie</li>
<li>kommunalpolitisch Aktive aus Rat, Kreistag und Ortsbeiräten</li>
<li>lokale und externe Prozessbegleiter:innen der Prozessbegleitungs-Tandems</li>
</ul>
""",
    "certificate_requirements": """
<p>Das Zertifikat „Kommunale:r Konfliktmanager:in“ erhält, wer</p>
<ul>
<li>mindestens 80 % der Unterrichtseinheiten in Präsenz besucht hat,</li>
<li>an mindestens einer Online-Vertiefung teilgenommen hat,</li>
<li>ein Praxisprojekt eingereicht hat, das im Kolloquium angenommen wurde, und</li>
<li>die für den Durchgang festgelegten Stunden begleitender Supervision wahrgenommen hat.</li>
</ul>
<p>Wer nicht alle Voraussetzungen erfüllt, erhält eine Teilnahmebescheinigung, in der die
besuchten Module mit Datum, Format und Unterrichtseinheiten aufgeführt sind. Die genauen
Schwellenwerte legt die Servicestelle Kommunales Konfliktmanagement für jeden Durchgang fest.
Bei teilweiser Abwesenheit verringern sich die ausgewiesenen Stunden entsprechend.</p>
""",
}

# Title of the demo document and its file, used by a lesson of module 3.
ACTOR_MAP_DOCUMENT = {
    "placeholder": ACTOR_MAP_TEMPLATE,
    "title": "Vorlage Akteurslandkarte",
    "filename": "vorlage-akteurslandkarte.pdf",
    "html": """
<html lang="de"><head><meta charset="utf-8"><style>
@page { size: A4 landscape; margin: 15mm; }
body { font-family: sans-serif; font-size: 10.5pt; color: #1b1b1b; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin-top: 4mm; }
th, td { border: 1px solid #555; padding: 2mm; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
td { height: 9mm; }
.hinweis { font-size: 9pt; color: #444; }
</style></head><body>
<h1>Vorlage Akteurslandkarte</h1>
<p>Konflikt: ______________________________________ &nbsp; Kommune: ____________________
&nbsp; Stand: ____________</p>
<p class="hinweis">Tragen Sie alle Akteur:innen ein, die den Konflikt beeinflussen oder von ihm
betroffen sind. Zeichnen Sie die Beziehungen anschließend auf einem großen Bogen: durchgezogene
Linie = enge Beziehung, gezackte Linie = Konflikt, gestrichelte Linie = lose Beziehung,
durchgestrichene Linie = abgebrochener Kontakt. Die Größe des Kreises zeigt den Einfluss.</p>
<table>
<tr><th>Akteur:in / Gruppe</th><th>Interessen und Anliegen</th><th>Einfluss (1–5)</th>
<th>Betroffenheit (1–5)</th><th>Beziehungen zu anderen</th><th>Mögliche Rolle im Prozess</th></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td></tr>
</table>
<p class="hinweis">Datenschutz: Halten Sie in der Akteurslandkarte Rollen und Gruppen fest, keine
persönlichen Einschätzungen über einzelne Privatpersonen. Bewahren Sie ausgefüllte Karten nur
im geschützten Arbeitsbereich der Steuerungsgruppe auf.</p>
<p class="hinweis">Qualifizierung Kommunales Konfliktmanagement · Stiftung SPI · Servicestelle
Kommunales Konfliktmanagement · Demo-Material</p>
</body></html>
""",
}


MODULE_1 = {
    "number": "1",
    "slug": "modul-1-auftakt",
    "title": "Auftakt: Konflikte in der Kommune, Rollen und Haltung",
    "ue": 12,
    "format": "praesenz",
    "prerequisites": [],
    "summary": (
        "Zum Auftakt lernen sich die Teilnehmenden kennen, klären ihre Erwartungen und "
        "schauen gemeinsam auf die Konflikte in ihren Kommunen. Im Mittelpunkt stehen ein "
        "gemeinsames Verständnis von Konflikt sowie Rolle und Haltung von "
        "Konfliktmanager:innen (Präsenz, 1,5 Tage)."
    ),
    "learning_outcomes": """
<ul>
<li>Sie beschreiben typische Konfliktfelder in Kommunen und ihre Hintergründe.</li>
<li>Sie unterscheiden Allparteilichkeit von Neutralität und begründen, wo Allparteilichkeit
ihre Grenzen hat.</li>
<li>Sie klären Ihre eigene Rolle im lokalen Konfliktmanagement und erkennen mögliche
Rollenkonflikte.</li>
<li>Sie kennen die Bausteine des Programms: Prozessbegleitungs-Tandem, Steuerungsgruppe,
Beratungsgremien und Supervision.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "konflikte-in-der-kommune",
            "title": "Konflikte in der Kommune: Worum es geht",
            "estimated_minutes": 30,
            "summary": (
                "Was ist ein Konflikt, welche Konflikte prägen Kommunen heute und warum "
                "lohnt es sich, sie früh und systematisch zu bearbeiten?"
            ),
            "body": [
                heading("Konflikte gehören zur Demokratie"),
                paragraph("""
<p>Wo Menschen zusammenleben, gibt es unterschiedliche Interessen, Werte und Vorstellungen
davon, wie das Gemeinwesen aussehen soll. Konflikte sind deshalb kein Zeichen dafür, dass in
einer Kommune etwas schiefläuft. Sie sind Ausdruck einer lebendigen Demokratie, in der
Menschen sich einmischen. Problematisch werden Konflikte erst dann, wenn sie nicht mehr
bearbeitet werden, wenn Gesprächskanäle abreißen und sich Fronten verhärten.</p>
<p>Der Konfliktforscher Friedrich Glasl beschreibt einen sozialen Konflikt als eine
Interaktion, in der mindestens eine Seite Unvereinbarkeiten im Denken, Fühlen oder Wollen
erlebt und sich dadurch von der anderen Seite beeinträchtigt fühlt. Entscheidend ist also
nicht allein der sachliche Gegensatz, sondern das Erleben der Beteiligten: Ein Konflikt
besteht, sobald eine Partei ihn so empfindet.</p>
"""),
                heading("Typische Konfliktfelder"),
                paragraph("""
<p>In den Kommunen des Programms zeigen sich immer wieder ähnliche Themen:</p>
<ul>
<li><b>Zuwanderung und Unterbringung:</b> Streit um Standorte von Gemeinschaftsunterkünften,
Sorgen um Schulen und Kitas, aber auch Erfahrungen von Ausgrenzung.</li>
<li><b>Öffentlicher Raum:</b> Nutzungskonflikte an Plätzen, Bahnhöfen und Jugendtreffs,
Lärm, Sauberkeit und Sicherheitsempfinden.</li>
<li><b>Infrastruktur und Planung:</b> Windkraft, Gewerbegebiete, Schulschließungen oder die
Verteilung knapper Mittel zwischen Ortsteilen.</li>
<li><b>Demokratiefeindlichkeit:</b> Anfeindungen gegen Engagierte, Mandatsträger:innen und
Verwaltungsmitarbeitende, organisierte Störungen von Veranstaltungen.</li>
</ul>
<p>Oft überlagern sich diese Themen. Ein Streit um einen Jugendclub kann zugleich ein
Generationenkonflikt, ein Konflikt zwischen Ortsteilen und ein Konflikt um Anerkennung
sein.</p>
"""),
                callout(
                    "info",
                    "Kommunales Konfliktmanagement",
                    """
<p>Kommunales Konfliktmanagement heißt: Konflikte früh wahrnehmen, systematisch analysieren,
die Beteiligten ins Gespräch bringen und tragfähige Verfahren in der Kommune verankern. Es
ersetzt weder politische Entscheidungen noch Polizei und Justiz, sondern schafft Räume, in
denen Konflikte fair ausgetragen werden können.</p>
""",
                ),
                paragraph("""
<p>Konflikte haben auch eine produktive Seite. Sie machen auf Probleme aufmerksam, die sonst
übersehen würden, und bringen Menschen dazu, sich zu beteiligen. Ziel ist deshalb nicht,
Konflikte zu vermeiden oder zu „befrieden“, sondern sie so zu bearbeiten, dass die
Beteiligten handlungsfähig bleiben und das Vertrauen in demokratische Verfahren wächst.</p>
"""),
                reflection(
                    "Welcher Konflikt in Ihrer Kommune beschäftigt Sie zurzeit am meisten, und "
                    "woran merken Sie, dass er Menschen bewegt?",
                    "Beschreiben Sie den Konflikt in drei bis fünf Sätzen, ohne ihn zu bewerten. "
                    "Sie können im Lauf der Qualifizierung immer wieder darauf zurückkommen.",
                ),
            ],
        },
        {
            "slug": "rollen-und-haltung",
            "title": "Rollen und Haltung von Konfliktmanager:innen",
            "estimated_minutes": 35,
            "summary": (
                "Allparteilich, aber nicht beliebig: wie Konfliktmanager:innen ihre Rolle "
                "klären und welche Haltung sie tragen."
            ),
            "body": [
                heading("Allparteilichkeit statt Neutralität"),
                paragraph("""
<p>Wer Konflikte begleitet, wird schnell gefragt: „Auf welcher Seite stehen Sie?“
Konfliktmanager:innen antworten darauf nicht mit Neutralität im Sinne von
Gleichgültigkeit, sondern mit <b>Allparteilichkeit</b>. Allparteilich zu sein bedeutet, sich
für die Anliegen aller Beteiligten gleichermaßen zu interessieren, jede Seite ernst zu
nehmen und für ein faires Verfahren zu sorgen.</p>
<p>Allparteilichkeit heißt aber nicht, jede Position für gleich berechtigt zu halten. Die
Grundlage der Arbeit sind die Menschenwürde und die Grundrechte. Wo Menschen abgewertet,
bedroht oder ausgegrenzt werden, endet die Allparteilichkeit. Konfliktmanager:innen sind
dem Verfahren gegenüber unparteiisch, den Werten der Demokratie gegenüber nicht.</p>
"""),
                callout(
                    "warning",
                    "Grenzen der Allparteilichkeit",
                    """
<p>Rassistische, antisemitische oder andere menschenfeindliche Äußerungen werden nicht als
„eine Meinung unter vielen“ moderiert. Benennen Sie die Grenze klar und schützen Sie
Betroffene. Wie das in schwierigen Veranstaltungen gelingt, ist Thema in Modul 5 und
Modul 7.</p>
""",
                ),
                heading("Rollen klären"),
                paragraph("""
<p>Viele Teilnehmende bringen mehrere Rollen mit: Die Mitarbeiterin des Ordnungsamts ist
zugleich Anwohnerin, der Stadtrat engagiert sich in einem Sportverein, die
Prozessbegleiterin ist bei der Verwaltung angestellt. Solche Doppelrollen sind normal, sie
müssen aber offen liegen. Hilfreich sind drei Fragen:</p>
<ol>
<li><b>Auftrag:</b> Wer hat mich beauftragt, und was ist das Ziel dieses Auftrags?</li>
<li><b>Zuständigkeit:</b> Was darf und kann ich entscheiden, was nicht?</li>
<li><b>Interessen:</b> Wo bin ich selbst betroffen oder parteiisch, und wer kann dann
übernehmen?</li>
</ol>
<p>Eine sorgfältige Auftragsklärung zu Beginn schützt vor Enttäuschungen. Wer von der
Bürgermeisterin den Auftrag erhält, „den Streit um den Jugendclub zu lösen“, sollte
nachfragen: Ist eine ergebnisoffene Beteiligung gewollt? Welche Entscheidungen sind schon
gefallen? Wer entscheidet am Ende?</p>
"""),
                heading("Haltung und Selbstfürsorge", "h3"),
                paragraph("""
<p>Konfliktarbeit ist anspruchsvoll. Neugier, Respekt und Geduld gehören ebenso zur
Haltung wie die Fähigkeit, eigene Grenzen zu erkennen. Die begleitende Supervision und die
Kollegiale Fallberatung bieten einen geschützten Rahmen, um schwierige Situationen zu
reflektieren. Was dort besprochen wird, bleibt vertraulich; die Plattform hält nur fest,
wann Sie teilgenommen haben.</p>
"""),
                reflection(
                    "In welchen Rollen sind Sie in Ihrer Kommune unterwegs, und wo könnten sich "
                    "diese Rollen in einem Konflikt in die Quere kommen?",
                    "Notieren Sie Ihre Rollen (beruflich, ehrenamtlich, privat) und markieren Sie "
                    "die Stellen, an denen Sie Unterstützung oder eine Vertretung bräuchten.",
                ),
            ],
        },
        {
            "slug": "tandem-steuerungsgruppe-meilensteine",
            "title": "Das Programm: Tandem, Steuerungsgruppe und Meilensteine",
            "estimated_minutes": 25,
            "summary": (
                "Wie das Kommunale Konfliktmanagement vor Ort aufgebaut ist und in welchen "
                "Schritten die Arbeit verläuft."
            ),
            "body": [
                heading("Die Bausteine vor Ort"),
                paragraph("""
<p>Jede teilnehmende Kommune baut eine eigene Struktur für das Konfliktmanagement auf. Sie
wird als lokale Partnerschaft für Demokratie im Bundesprogramm „Demokratie leben!“
gefördert und von der Servicestelle Kommunales Konfliktmanagement der Stiftung SPI
begleitet.</p>
<ul>
<li><b>Prozessbegleitungs-Tandem:</b> Eine lokale Prozessbegleiterin oder ein lokaler
Prozessbegleiter arbeitet mit einer externen Fachkraft der Stiftung SPI zusammen. Die
lokale Person kennt die Kommune, die externe bringt den Blick von außen und Erfahrung aus
anderen Kommunen mit.</li>
<li><b>Steuerungsgruppe:</b> Vertreter:innen aus Verwaltung, Politik und Zivilgesellschaft
steuern die Konfliktarbeit, setzen Schwerpunkte und tragen Ergebnisse in ihre Bereiche.</li>
<li><b>Beratungsgremien:</b> Auf lokaler und kommunenübergreifender Ebene beraten
Fachleute die Arbeit und sorgen für Austausch zwischen den Kommunen.</li>
<li><b>Supervision:</b> Tandem und Mitglieder der Steuerungsgruppe reflektieren ihre Arbeit
regelmäßig in prozessbegleitender Gruppensupervision.</li>
</ul>
"""),
                heading("Die Meilensteine"),
                paragraph("""
<p>Die Arbeit folgt in allen Kommunen fünf Meilensteinen, deren Zeitpunkte jede Kommune
selbst festlegt:</p>
<ol>
<li>Analyse der lokalen Konflikte</li>
<li>Aufbau der Steuerungsgruppe</li>
<li>Qualifizierung und Prozessbegleitung</li>
<li>ein lokales Konzept für den Umgang mit Konflikten</li>
<li>Transfer und Verstetigung</li>
</ol>
<p>Am Ende stehen „praxiswirksame Modelle für den Transfer“: Beschreibungen von Verfahren,
die sich bewährt haben und die andere Kommunen übernehmen können. Beispiele finden Sie im
Bereich „Modelle für den Transfer“ dieser Plattform.</p>
"""),
                callout(
                    "tip",
                    "Tipp aus der Praxis",
                    """
<p>Laden Sie früh jemanden aus der Verwaltungsspitze in die Steuerungsgruppe ein. Ohne
Rückendeckung der Leitung bleiben gute Ideen oft liegen, sobald das Projekt endet.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Was bedeutet Allparteilichkeit im Kommunalen Konfliktmanagement?",
                            [
                                ("Sich aus dem Konflikt vollständig herauszuhalten", False),
                                (
                                    "Die Anliegen aller Beteiligten ernst zu nehmen und für ein "
                                    "faires Verfahren zu sorgen",
                                    True,
                                ),
                                (
                                    "Jede geäußerte Position als gleich berechtigt zu behandeln",
                                    False,
                                ),
                            ],
                            "Allparteilichkeit ist aktives Interesse an allen Seiten. Sie endet "
                            "dort, wo Menschenwürde und Grundrechte verletzt werden.",
                        ),
                        question(
                            "Wer bildet das Prozessbegleitungs-Tandem?",
                            [
                                ("Bürgermeister:in und Landrät:in", False),
                                (
                                    "Eine lokale Prozessbegleitung und eine externe Fachkraft der "
                                    "Stiftung SPI",
                                    True,
                                ),
                                ("Zwei Mitglieder der Steuerungsgruppe", False),
                            ],
                            "Das Tandem verbindet Ortskenntnis mit dem Blick von außen.",
                        ),
                        question(
                            "Welche Fragen gehören zu einer guten Auftragsklärung? "
                            "(Mehrere Antworten sind richtig.)",
                            [
                                ("Wer hat mich beauftragt und mit welchem Ziel?", True),
                                ("Welche Entscheidungen sind schon gefallen?", True),
                                ("Welche Partei hat im Konflikt recht?", False),
                            ],
                            "Die Auftragsklärung fragt nach Ziel, Spielraum und Zuständigkeit, "
                            "nicht nach Schuld oder Recht.",
                        ),
                    ],
                    intro="Drei Fragen zu den Inhalten von Modul 1.",
                    pass_percentage=60,
                ),
            ],
        },
    ],
}


MODULE_2 = {
    "number": "2",
    "slug": "modul-2-konflikttheorie",
    "title": "Konflikttheorie und Eskalationsdynamik",
    "ue": 8,
    "format": "praesenz",
    "prerequisites": [],
    "summary": (
        "Das Modul führt in zentrale Modelle der Konflikttheorie ein: das Eisbergmodell, "
        "die neun Eskalationsstufen nach Friedrich Glasl und die Mechanismen, die Konflikte "
        "verschärfen. Die Teilnehmenden wenden die Modelle auf Konflikte aus ihren Kommunen an."
    ),
    "learning_outcomes": """
<ul>
<li>Sie unterscheiden die sichtbare Sachebene eines Konflikts von Interessen, Bedürfnissen
und Gefühlen unter der Oberfläche.</li>
<li>Sie ordnen einen Konflikt einer Eskalationsstufe nach Glasl zu und begründen Ihre
Einschätzung.</li>
<li>Sie erkennen typische Eskalationsmechanismen und leiten passende Interventionen ab.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "das-eisbergmodell",
            "title": "Das Eisbergmodell",
            "estimated_minutes": 25,
            "summary": "Warum der sichtbare Streitpunkt selten der ganze Konflikt ist.",
            "body": [
                heading("Was über und unter der Wasserlinie liegt"),
                paragraph("""
<p>Das Eisbergmodell ist ein verbreitetes Bild aus der Kommunikationspsychologie. Wie bei
einem Eisberg ragt nur ein kleiner Teil eines Konflikts sichtbar aus dem Wasser: die
<b>Sachebene</b>. Dazu gehören Zahlen, Fakten, Forderungen und Positionen, also etwa „Die
Unterkunft darf nicht neben die Grundschule“ oder „Der Jugendclub muss um 22 Uhr
schließen“.</p>
<p>Der weitaus größere Teil liegt unter der Wasserlinie, auf der <b>Beziehungsebene</b>:
Interessen und Bedürfnisse, Gefühle wie Angst, Ärger oder Kränkung, Werte, Erfahrungen aus
früheren Konflikten und das Verhältnis der Beteiligten zueinander. Dieser Teil bestimmt, wie
heftig ein Konflikt geführt wird, auch wenn er selten offen ausgesprochen wird.</p>
"""),
                heading("Was das für die Praxis bedeutet", "h3"),
                paragraph("""
<p>Wer nur auf der Sachebene verhandelt, stößt oft auf Widerstand, der sachlich nicht zu
erklären ist. Ein Beispiel: Bei einer Einwohnerversammlung zur Erweiterung eines
Gewerbegebiets wird über Lärmgutachten gestritten. Unter der Oberfläche geht es vielen
Anwohnenden aber um etwas anderes: das Gefühl, dass über ihren Ortsteil seit Jahren
hinweg entschieden wird. Ein weiteres Gutachten wird diesen Konflikt nicht beruhigen;
ernst gemeinte Beteiligung vielleicht schon.</p>
<p>Konfliktmanager:innen fragen deshalb hinter Positionen nach Interessen: „Was ist Ihnen
daran wichtig?“, „Was befürchten Sie, wenn es so kommt?“ Aus Positionen, die sich
ausschließen, werden so oft Interessen, die sich miteinander vereinbaren lassen.</p>
"""),
                callout(
                    "tip",
                    "Position oder Interesse?",
                    """
<p>Eine <b>Position</b> ist eine Lösung, die jemand fordert. Ein <b>Interesse</b> ist der
Grund, warum er sie fordert. Für ein Interesse gibt es meist mehrere mögliche Lösungen.</p>
""",
                ),
                reflection(
                    "Denken Sie an den Konflikt, den Sie in Modul 1 beschrieben haben: Was liegt "
                    "bei den Beteiligten vermutlich unter der Wasserlinie?",
                    "Formulieren Sie Ihre Vermutungen als Hypothesen („Möglicherweise geht es "
                    "den Anwohnenden auch um …“) und prüfen Sie sie später im Gespräch.",
                ),
            ],
        },
        {
            "slug": "eskalationsstufen-nach-glasl",
            "title": "Die neun Eskalationsstufen nach Glasl",
            "estimated_minutes": 40,
            "summary": (
                "Friedrich Glasls Stufenmodell beschreibt, wie Konflikte eskalieren und "
                "welche Form der Unterstützung auf welcher Stufe hilft."
            ),
            "body": [
                heading("Ein Weg nach unten"),
                paragraph("""
<p>Der österreichische Konfliktforscher Friedrich Glasl hat beschrieben, wie Konflikte in
typischen Stufen eskalieren. Er zeichnet diese Stufen bewusst als Treppe, die nach
<i>unten</i> führt: Mit jeder Stufe verlieren die Beteiligten an Handlungsspielraum, und der
Weg zurück wird schwerer. Die neun Stufen gliedern sich in drei Phasen.</p>
"""),
                heading("Phase 1: Beide können gewinnen", "h3"),
                paragraph("""
<ol>
<li><b>Verhärtung:</b> Standpunkte prallen aufeinander, man glaubt aber noch, den Konflikt im
Gespräch lösen zu können.</li>
<li><b>Debatte und Polemik:</b> Die Auseinandersetzung wird grundsätzlicher, es geht
zunehmend ums Rechthaben. Argumente werden zugespitzt.</li>
<li><b>Taten statt Worte:</b> Reden hilft aus Sicht der Beteiligten nicht mehr, man schafft
Fakten. Das Einfühlungsvermögen nimmt ab.</li>
</ol>
"""),
                heading("Phase 2: Eine Seite gewinnt, die andere verliert", "h3"),
                paragraph("""
<ol start="4">
<li><b>Images und Koalitionen:</b> Die Parteien bilden feste Bilder voneinander und suchen
Verbündete. Gerüchte und Zuschreibungen nehmen zu.</li>
<li><b>Gesichtsverlust:</b> Die andere Seite soll öffentlich bloßgestellt werden. Vertrauen
geht grundlegend verloren.</li>
<li><b>Drohstrategien:</b> Drohungen und Ultimaten sollen die andere Seite zum Einlenken
zwingen. Der Druck und die Geschwindigkeit steigen.</li>
</ol>
"""),
                heading("Phase 3: Beide verlieren", "h3"),
                paragraph("""
<ol start="7">
<li><b>Begrenzte Vernichtungsschläge:</b> Der anderen Seite soll geschadet werden, eigene
Verluste werden in Kauf genommen.</li>
<li><b>Zersplitterung:</b> Ziel ist, die Gegenseite und ihr Umfeld zu zerstören.</li>
<li><b>Gemeinsam in den Abgrund:</b> Der eigene Untergang wird akzeptiert, wenn nur die
andere Seite ebenfalls untergeht.</li>
</ol>
"""),
                callout(
                    "info",
                    "Welche Unterstützung auf welcher Stufe?",
                    """
<p>Glasl ordnet den Stufen Formen der Intervention zu, die sich überschneiden:</p>
<ul>
<li>Stufen 1 bis 3: Moderation, die die Beteiligten selbst ins Gespräch bringt</li>
<li>Stufen 2 bis 5: Prozessbegleitung, auch mit Blick auf Beziehungen</li>
<li>Stufen 4 bis 7: Vermittlung durch Dritte, zum Beispiel Mediation</li>
<li>Stufen 5 bis 7: Schieds- und Gerichtsverfahren</li>
<li>Stufen 7 bis 9: Machteingriff, etwa durch Aufsichtsbehörden oder Polizei</li>
</ul>
""",
                ),
                paragraph("""
<p>Für Kommunen ist das Modell vor allem ein Frühwarnsystem. Die meisten kommunalen
Konflikte bewegen sich auf den Stufen 2 bis 5. Wer erkennt, dass aus einer Debatte gerade
Koalitionsbildung wird, kann mit Gesprächsangeboten und Beteiligungsformaten noch viel
erreichen. Ab Stufe 6 braucht es klare Grenzen und häufig Unterstützung von außen.</p>
"""),
            ],
        },
        {
            "slug": "eskalationsmechanismen",
            "title": "Eskalationsmechanismen erkennen",
            "estimated_minutes": 30,
            "summary": (
                "Welche Kräfte einen Konflikt verschärfen und wie Konfliktmanager:innen "
                "gegensteuern können."
            ),
            "body": [
                heading("Was Konflikte antreibt"),
                paragraph("""
<p>Eskalation folgt wiederkehrenden Mustern. Wer sie kennt, kann sie früher erkennen und
ansprechen:</p>
<ul>
<li><b>Selektive Wahrnehmung:</b> Man sieht vor allem, was das eigene Bild bestätigt.</li>
<li><b>Personifizierung:</b> Aus einem Sachproblem wird ein Problem mit „denen“ oder mit
einer bestimmten Person.</li>
<li><b>Ausweitung:</b> Immer mehr Themen und Personen werden in den Konflikt
hineingezogen.</li>
<li><b>Vereinfachung:</b> Komplexe Zusammenhänge werden auf Schuldfragen verkürzt.</li>
<li><b>Beschleunigung:</b> Soziale Medien und Gerüchte verbreiten Zuspitzungen schneller,
als Verwaltungen antworten können.</li>
</ul>
"""),
                heading("Gegensteuern", "h3"),
                paragraph("""
<p>Deeskalation setzt an diesen Mechanismen an: Sie macht Zusammenhänge wieder sichtbar,
trennt Personen von Sachfragen, begrenzt das Thema und verlangsamt das Tempo. Praktisch
heißt das zum Beispiel, Gerüchte schnell mit überprüfbaren Informationen zu beantworten,
Gesprächsräume anzubieten, bevor Entscheidungen fallen, und Vermittelnde einzubeziehen,
denen beide Seiten vertrauen.</p>
"""),
                callout(
                    "warning",
                    "Nicht beschleunigen",
                    """
<p>Reagieren Sie in einer angespannten Lage nicht öffentlich im Affekt, etwa mit einem
spontanen Social-Media-Beitrag. Stimmen Sie sich ab und antworten Sie lieber mit etwas
Verzögerung, aber klar und überprüfbar.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Welche Ebene liegt im Eisbergmodell unter der Wasserlinie?",
                            [
                                ("Zahlen, Daten und Gutachten", False),
                                ("Interessen, Bedürfnisse, Gefühle und Werte", True),
                                ("Die Tagesordnung der Sitzung", False),
                            ],
                            "Die Sachebene ist sichtbar; Interessen, Gefühle und Beziehungen "
                            "liegen meist verborgen und prägen die Dynamik.",
                        ),
                        question(
                            "Ab welcher Eskalationsstufe nach Glasl geht es nicht mehr um eine "
                            "Lösung, bei der beide gewinnen können?",
                            [
                                ("Ab Stufe 2: Debatte und Polemik", False),
                                ("Ab Stufe 4: Images und Koalitionen", True),
                                ("Erst ab Stufe 9: Gemeinsam in den Abgrund", False),
                            ],
                            "Mit Stufe 4 beginnt die Phase, in der eine Seite gewinnen und die "
                            "andere verlieren soll.",
                        ),
                        question(
                            "Welche Intervention passt nach Glasl am ehesten zu den "
                            "Stufen 1 bis 3?",
                            [
                                ("Moderation", True),
                                ("Machteingriff", False),
                                ("Schiedsverfahren", False),
                            ],
                            "In den ersten Stufen können die Beteiligten mit Moderation noch "
                            "selbst zu Lösungen finden.",
                        ),
                        question(
                            "Welche der folgenden Vorgänge sind typische Eskalationsmechanismen? "
                            "(Mehrere Antworten sind richtig.)",
                            [
                                ("Personifizierung", True),
                                ("Ausweitung auf immer neue Themen", True),
                                ("Gemeinsame Faktenklärung", False),
                            ],
                            "Gemeinsame Faktenklärung wirkt deeskalierend.",
                        ),
                    ],
                    intro="Vier Fragen zu Eisbergmodell und Eskalationsstufen.",
                    pass_percentage=75,
                ),
            ],
        },
    ],
}


MODULE_3 = {
    "number": "3",
    "slug": "modul-3-konfliktanalyse",
    "title": "Systemische Konfliktanalyse und Akteurslandkarte",
    "ue": 12,
    "format": "praesenz",
    "prerequisites": ["2"],
    "summary": (
        "Die Teilnehmenden analysieren einen Konflikt aus ihrer Kommune mit systemischem Blick: "
        "Sie erstellen eine Akteurslandkarte, bilden Hypothesen und leiten daraus erste "
        "Ansatzpunkte für die Konfliktbearbeitung ab (Präsenz, 1,5 Tage)."
    ),
    "learning_outcomes": """
<ul>
<li>Sie beschreiben einen kommunalen Konflikt anhand eines Analyserasters.</li>
<li>Sie erstellen eine Akteurslandkarte mit Einfluss, Betroffenheit und Beziehungen.</li>
<li>Sie formulieren Hypothesen und leiten daraus Ansatzpunkte für Interventionen ab.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "systemisch-auf-konflikte-schauen",
            "title": "Systemisch auf Konflikte schauen",
            "estimated_minutes": 35,
            "summary": "Wechselwirkungen statt Schuldige: Grundlagen der systemischen Analyse.",
            "body": [
                heading("Der systemische Blick"),
                paragraph("""
<p>Systemisch zu denken bedeutet, einen Konflikt nicht als Fehlverhalten einzelner zu
verstehen, sondern als Ergebnis von Wechselwirkungen. Das Verhalten der einen Seite ist
immer auch eine Reaktion auf das Verhalten der anderen. Statt „Wer hat angefangen?“ fragen
Konfliktmanager:innen: „Was hält den Konflikt in Gang, und wer ist wie daran beteiligt?“</p>
<p>Ein Beispiel: Anwohnende beschweren sich über Jugendliche am Marktplatz, das Ordnungsamt
kontrolliert häufiger, die Jugendlichen fühlen sich vertrieben und weichen an Orte aus, an
denen es neue Beschwerden gibt. Jede Seite handelt aus ihrer Sicht folgerichtig, zusammen
entsteht ein Kreislauf, den niemand allein durchbrechen kann.</p>
"""),
                heading("Ein Raster für die Analyse", "h3"),
                paragraph("""
<p>Die folgenden Fragen helfen, einen Konflikt umfassend zu beschreiben. Beantworten Sie sie
möglichst gemeinsam mit Menschen, die den Konflikt aus unterschiedlichen Perspektiven
kennen:</p>
<ul>
<li><b>Gegenstand:</b> Worum geht es aus Sicht der verschiedenen Beteiligten?</li>
<li><b>Beteiligte:</b> Wer ist direkt beteiligt, wer betroffen, wer hat Einfluss?</li>
<li><b>Geschichte:</b> Wie ist der Konflikt entstanden, welche Ereignisse waren
Wendepunkte?</li>
<li><b>Eskalationsgrad:</b> Auf welcher Stufe nach Glasl steht der Konflikt?</li>
<li><b>Interessen und Bedürfnisse:</b> Was ist den Beteiligten wirklich wichtig?</li>
<li><b>Macht und Ressourcen:</b> Wer kann entscheiden, wer mobilisieren, wer blockieren?</li>
<li><b>Bisherige Lösungsversuche:</b> Was wurde schon versucht, und was hat es bewirkt?</li>
<li><b>Kontext:</b> Welche Rolle spielen Wahlen, Medien, Landes- oder Bundespolitik?</li>
</ul>
"""),
                callout(
                    "tip",
                    "Hypothesen statt Gewissheiten",
                    """
<p>Formulieren Sie Ihre Ergebnisse als Hypothesen, die Sie überprüfen können. Gute
Hypothesen sind nützlich, nicht „wahr“: Sie eröffnen neue Handlungsmöglichkeiten.</p>
""",
                ),
            ],
        },
        {
            "slug": "akteurslandkarte-erstellen",
            "title": "Die Akteurslandkarte erstellen",
            "estimated_minutes": 45,
            "summary": (
                "Schritt für Schritt zur Akteurslandkarte, mit einer Vorlage zum Herunterladen."
            ),
            "body": [
                heading("Wozu eine Akteurslandkarte?"),
                paragraph("""
<p>Die Akteurslandkarte macht sichtbar, wer an einem Konflikt beteiligt ist und wie die
Akteur:innen zueinander stehen. Sie zeigt Bündnisse und Brüche, einflussreiche und
übersehene Gruppen und Personen, die Brücken bauen könnten. Besonders wertvoll ist sie,
wenn die Steuerungsgruppe sie gemeinsam erstellt: Schon das Gespräch darüber, wer wo
steht, bringt unterschiedliche Wahrnehmungen ans Licht.</p>
"""),
                heading("In fünf Schritten", "h3"),
                paragraph("""
<ol>
<li><b>Akteur:innen sammeln:</b> Notieren Sie alle Gruppen, Organisationen und Funktionen,
die den Konflikt beeinflussen oder von ihm betroffen sind, auch die, die bisher nicht
mitreden.</li>
<li><b>Einfluss und Betroffenheit einschätzen:</b> Zeichnen Sie jede Akteurin und jeden
Akteur als Kreis; die Größe zeigt den Einfluss, die Nähe zur Mitte die Betroffenheit.</li>
<li><b>Beziehungen einzeichnen:</b> Verbinden Sie die Kreise mit Linien: durchgezogen für
enge Beziehungen, gezackt für Konflikte, gestrichelt für lose Kontakte, durchgestrichen für
abgebrochene Beziehungen.</li>
<li><b>Interessen ergänzen:</b> Schreiben Sie zu jeder Akteurin und jedem Akteur das
wichtigste Anliegen.</li>
<li><b>Auswerten:</b> Wo sind Allianzen, wo fehlen Verbindungen, wer könnte vermitteln?</li>
</ol>
"""),
                document(
                    ACTOR_MAP_TEMPLATE,
                    "Vorlage Akteurslandkarte (PDF)",
                    "Eine Tabelle zum Ausdrucken für die Sammlung der Akteur:innen, mit Legende "
                    "für die Beziehungslinien.",
                ),
                callout(
                    "warning",
                    "Datenschutz beachten",
                    """
<p>Halten Sie in Akteurslandkarten Rollen und Gruppen fest, keine persönlichen
Einschätzungen über einzelne Privatpersonen. Bewahren Sie ausgefüllte Karten nur im
geschützten Arbeitsbereich der Steuerungsgruppe auf und geben Sie sie nicht weiter.</p>
""",
                ),
                reflection(
                    "Welche Akteur:innen fehlen bisher in den Gesprächen über Ihren Konflikt, und "
                    "was würde sich ändern, wenn sie mitreden?",
                    "Denken Sie besonders an Gruppen, die selten öffentlich sprechen: Jugendliche, "
                    "Zugewanderte, ältere Menschen, Gewerbetreibende.",
                ),
            ],
        },
        {
            "slug": "von-der-analyse-zur-intervention",
            "title": "Von der Analyse zur Interventionsplanung",
            "estimated_minutes": 30,
            "summary": "Wie aus Analyse und Hypothesen konkrete nächste Schritte werden.",
            "body": [
                heading("Ansatzpunkte finden"),
                paragraph("""
<p>Eine Analyse ist kein Selbstzweck. Sie soll helfen zu entscheiden, wo die Bearbeitung
eines Konflikts sinnvoll ansetzen kann. Drei Fragen leiten die Planung:</p>
<ul>
<li><b>Wer muss mit wem sprechen?</b> Oft fehlt nicht der große Runde Tisch, sondern ein
vertrauliches Gespräch zwischen zwei Schlüsselpersonen.</li>
<li><b>Was lässt sich verändern?</b> Nicht jeder Konflikt lässt sich lösen, aber fast immer
lässt sich der Umgang damit verbessern.</li>
<li><b>Wer ist für welchen Schritt die richtige Person?</b> Die Verwaltung kann Räume öffnen,
die Zivilgesellschaft Vertrauen herstellen, die Politik Entscheidungen treffen.</li>
</ul>
<p>Halten Sie die geplanten Schritte mit Zuständigkeit und Zeitpunkt fest und überprüfen
Sie sie regelmäßig in der Steuerungsgruppe. So entsteht ein einfaches Konfliktmonitoring,
das zeigt, ob sich die Lage beruhigt oder verschärft.</p>
"""),
                callout(
                    "info",
                    "Kleine Schritte zählen",
                    """
<p>Schon ein gemeinsamer Ortstermin, eine verlässliche Ansprechperson oder eine
regelmäßige Information über den Stand eines Verfahrens kann Spannungen spürbar senken.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Was zeigt die Größe eines Kreises in der Akteurslandkarte?",
                            [
                                ("Die Zahl der Mitglieder einer Gruppe", False),
                                ("Den Einfluss der Akteurin oder des Akteurs", True),
                                ("Wie sympathisch die Gruppe der Steuerungsgruppe ist", False),
                            ],
                            "Die Größe steht für den Einfluss, die Nähe zur Mitte für die "
                            "Betroffenheit.",
                        ),
                        question(
                            "Welche Frage entspricht dem systemischen Blick auf einen Konflikt?",
                            [
                                ("Wer hat angefangen?", False),
                                ("Was hält den Konflikt in Gang, und wer ist wie beteiligt?", True),
                                ("Wer ist schuld an der Eskalation?", False),
                            ],
                            "Systemisch betrachtet entsteht ein Konflikt aus Wechselwirkungen, "
                            "nicht aus der Schuld einer Seite.",
                        ),
                        question(
                            "Wie sollten personenbezogene Einschätzungen in einer "
                            "Akteurslandkarte behandelt werden?",
                            [
                                ("Möglichst ausführlich, damit nichts vergessen wird", False),
                                (
                                    "Gar nicht: Festgehalten werden Rollen und Gruppen, keine "
                                    "Urteile über Privatpersonen",
                                    True,
                                ),
                                ("Sie werden im Amtsblatt veröffentlicht", False),
                            ],
                            "Datensparsamkeit schützt die Beteiligten und das Vertrauen in den "
                            "Prozess.",
                        ),
                    ],
                    intro="Drei Fragen zur Konfliktanalyse.",
                    pass_percentage=60,
                ),
            ],
        },
    ],
}


MODULE_4 = {
    "number": "4",
    "slug": "modul-4-gespraechsfuehrung",
    "title": "Gesprächsführung: systemische Fragen, gewaltfreie Kommunikation",
    "ue": 8,
    "format": "praesenz",
    "prerequisites": ["1"],
    "summary": (
        "Gute Fragen öffnen Gespräche, in denen sich Konfliktparteien wieder zuhören. Das Modul "
        "übt systemische Fragetechniken und die gewaltfreie Kommunikation nach Marshall B. "
        "Rosenberg an Fällen aus der kommunalen Praxis."
    ),
    "learning_outcomes": """
<ul>
<li>Sie setzen zirkuläre, hypothetische und skalierende Fragen gezielt ein.</li>
<li>Sie formulieren Anliegen in den vier Schritten der gewaltfreien Kommunikation.</li>
<li>Sie hören aktiv zu und gehen mit starken Emotionen im Gespräch sicher um.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "systemische-fragen",
            "title": "Systemische Fragen",
            "estimated_minutes": 30,
            "summary": "Fragen, die neue Perspektiven eröffnen statt Antworten abzufragen.",
            "body": [
                heading("Fragen als Intervention"),
                paragraph("""
<p>In der systemischen Gesprächsführung sind Fragen mehr als ein Mittel, Informationen zu
sammeln. Eine gute Frage regt an, eine Situation anders zu sehen, und sie macht Unterschiede
sichtbar. Wer fragt, statt zu bewerten, gibt dem Gegenüber die Verantwortung für seine
Antwort und damit auch für mögliche Lösungen.</p>
"""),
                heading("Fragetypen und Beispiele", "h3"),
                paragraph("""
<ul>
<li><b>Zirkuläre Fragen</b> laden ein, die Perspektive anderer einzunehmen: „Was glauben
Sie, wie die Jugendlichen die Kontrollen am Marktplatz erleben?“</li>
<li><b>Skalierungsfragen</b> machen Einschätzungen vergleichbar: „Auf einer Skala von 1 bis
10: Wie zufrieden sind Sie mit der jetzigen Lösung? Was müsste passieren, damit es einen
Punkt mehr wird?“</li>
<li><b>Hypothetische Fragen</b> öffnen Möglichkeitsräume: „Angenommen, die Unterkunft wird
gebaut: Was würde Ihnen helfen, damit gut umzugehen?“</li>
<li><b>Unterschiedsfragen</b> zeigen Veränderungen: „Was war anders in der Zeit, als der
Streit noch nicht so heftig war?“</li>
<li><b>Ressourcenorientierte Fragen</b> stärken Handlungsfähigkeit: „Was hat Ihnen in
früheren Konflikten im Ort geholfen?“</li>
</ul>
"""),
                callout(
                    "tip",
                    "Die Wunderfrage",
                    """
<p>„Stellen Sie sich vor, über Nacht geschieht ein Wunder, und der Konflikt ist gelöst. Woran
würden Sie das morgen früh als Erstes merken?“ Die Frage aus der lösungsorientierten
Kurzzeittherapie lenkt den Blick vom Problem auf das Ziel.</p>
""",
                ),
                reflection(
                    "Formulieren Sie für Ihren Konflikt je eine zirkuläre, eine skalierende "
                    "und eine hypothetische Frage.",
                    "Stellen Sie sich vor, an wen Sie die Fragen richten würden und wann im "
                    "Gespräch der richtige Moment dafür wäre.",
                ),
            ],
        },
        {
            "slug": "gewaltfreie-kommunikation",
            "title": "Gewaltfreie Kommunikation",
            "estimated_minutes": 35,
            "summary": (
                "Beobachtung, Gefühl, Bedürfnis und Bitte: Anliegen klar und wertschätzend "
                "ausdrücken."
            ),
            "body": [
                heading("Vier Schritte nach Rosenberg"),
                paragraph("""
<p>Der US-amerikanische Psychologe Marshall B. Rosenberg hat die gewaltfreie Kommunikation
entwickelt. Sie geht davon aus, dass hinter jedem Vorwurf ein unerfülltes Bedürfnis steht.
Wer dieses Bedürfnis ausspricht, statt anzuklagen, erhöht die Chance, gehört zu werden. Die
Methode besteht aus vier Schritten:</p>
<ol>
<li><b>Beobachtung:</b> Was ist konkret geschehen, ohne Bewertung?</li>
<li><b>Gefühl:</b> Wie geht es mir damit?</li>
<li><b>Bedürfnis:</b> Was brauche ich, was ist mir wichtig?</li>
<li><b>Bitte:</b> Was wünsche ich mir konkret vom Gegenüber?</li>
</ol>
"""),
                heading("Ein Beispiel aus der Kommune", "h3"),
                paragraph("""
<p>Statt „Sie lassen uns mit dem Lärm allein, die Verwaltung interessiert sich nicht für
uns!“ könnte ein Anwohner sagen: „In den letzten drei Wochen war es an vier Abenden nach
23 Uhr laut vor meinem Fenster (Beobachtung). Ich bin erschöpft und ärgere mich
(Gefühl), weil ich Ruhe und Schlaf brauche (Bedürfnis). Ich bitte Sie, mit mir und den
Jugendlichen gemeinsam nach einer Lösung zu suchen (Bitte).“</p>
<p>Konfliktmanager:innen nutzen die vier Schritte auch beim Zuhören: Sie übersetzen einen
Vorwurf in das dahinterliegende Bedürfnis und fragen nach: „Ist Ihnen wichtig, dass Ihre
Beschwerden ernst genommen werden?“ Das Gegenüber fühlt sich verstanden, und das Gespräch
kann sich der Lösung zuwenden.</p>
"""),
                callout(
                    "info",
                    "Keine Technik gegen Menschen",
                    """
<p>Gewaltfreie Kommunikation ist eine Haltung, keine Gesprächstechnik, um andere zu
überzeugen. Wirkt sie aufgesetzt, verliert sie ihre Kraft. Üben Sie deshalb zuerst in
Situationen mit geringer Anspannung.</p>
""",
                ),
            ],
        },
        {
            "slug": "aktives-zuhoeren-und-emotionen",
            "title": "Aktives Zuhören und Umgang mit starken Emotionen",
            "estimated_minutes": 25,
            "summary": (
                "Wie Sie zuhören, spiegeln und auch in aufgeheizten Gesprächen ruhig bleiben."
            ),
            "body": [
                heading("Zuhören, zusammenfassen, nachfragen"),
                paragraph("""
<p>Aktives Zuhören heißt, die eigene Antwort zurückzustellen und zu zeigen, dass man
verstanden hat. Dazu gehören Blickkontakt und Zugewandtheit, das Zusammenfassen in eigenen
Worten („Sie sagen also, dass …“) und das Benennen von Gefühlen („Das klingt, als hätte Sie
das sehr verletzt“). Zusammenfassungen geben dem Gegenüber die Möglichkeit zu korrigieren
und verlangsamen ein hitziges Gespräch.</p>
<p>Starke Emotionen sind in Konflikten normal. Sie zeigen, dass etwas Wichtiges auf dem
Spiel steht. Nehmen Sie Ärger und Angst ernst, ohne sich davon anstecken zu lassen: Atmen
Sie durch, sprechen Sie langsamer und leiser, und vereinbaren Sie im Zweifel eine
Pause.</p>
"""),
                callout(
                    "warning",
                    "Grenzen setzen",
                    """
<p>Verständnis für Gefühle heißt nicht, Beleidigungen oder Drohungen hinzunehmen. Benennen
Sie klar, was nicht in Ordnung ist, und beenden Sie ein Gespräch, wenn Ihre Sicherheit oder
die anderer gefährdet ist.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Welche Frage ist eine zirkuläre Frage?",
                            [
                                ("Seit wann wohnen Sie hier?", False),
                                (
                                    "Was glauben Sie, wie Ihre Nachbarin die Situation erlebt?",
                                    True,
                                ),
                                ("Sind Sie für oder gegen den Neubau?", False),
                            ],
                            "Zirkuläre Fragen laden dazu ein, die Perspektive einer anderen "
                            "Person einzunehmen.",
                        ),
                        question(
                            "In welcher Reihenfolge stehen die vier Schritte der gewaltfreien "
                            "Kommunikation?",
                            [
                                ("Gefühl, Bitte, Beobachtung, Bedürfnis", False),
                                ("Beobachtung, Gefühl, Bedürfnis, Bitte", True),
                                ("Bedürfnis, Beobachtung, Bitte, Gefühl", False),
                            ],
                            "Zuerst wird beschrieben, was geschehen ist, dann folgen Gefühl, "
                            "Bedürfnis und eine konkrete Bitte.",
                        ),
                        question(
                            "Was ist eine Beobachtung im Sinne der gewaltfreien Kommunikation?",
                            [
                                ("„Sie sind immer unzuverlässig.“", False),
                                (
                                    "„Die zugesagte Antwort ist seit zwei Wochen nicht gekommen.“",
                                    True,
                                ),
                                ("„Die Verwaltung macht, was sie will.“", False),
                            ],
                            "Eine Beobachtung beschreibt konkret und ohne Bewertung, was "
                            "geschehen ist.",
                        ),
                    ],
                    intro="Drei Fragen zur Gesprächsführung.",
                    pass_percentage=60,
                ),
            ],
        },
    ],
}


MODULE_5 = {
    "number": "5",
    "slug": "modul-5-moderation",
    "title": "Moderation von Dialog- und Beteiligungsformaten",
    "ue": 8,
    "format": "praesenz",
    "prerequisites": ["4"],
    "summary": (
        "Bürgerdialog, Runder Tisch oder World Café: Das Modul zeigt, wie Beteiligungsformate "
        "geplant und auch in angespannten Situationen sicher moderiert werden."
    ),
    "learning_outcomes": """
<ul>
<li>Sie wählen für eine Konfliktsituation ein passendes Dialog- oder Beteiligungsformat.</li>
<li>Sie klären Ziele, Beteiligungsstufe und Entscheidungsspielräume vorab transparent.</li>
<li>Sie moderieren konfliktreiche Veranstaltungen mit klaren Regeln und gehen mit
Störungen um.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "beteiligung-planen",
            "title": "Beteiligung planen: Stufen, Ziele und Spielräume",
            "estimated_minutes": 35,
            "summary": "Welche Beteiligung ist gewollt, möglich und ehrlich?",
            "body": [
                heading("Ehrliche Spielräume"),
                paragraph("""
<p>Nichts beschädigt Vertrauen so sehr wie eine Beteiligung, deren Ergebnis längst
feststeht. Klären Sie deshalb vor jeder Veranstaltung mit den Verantwortlichen, worüber
noch entschieden werden kann und wer entscheidet. Sagen Sie das den Teilnehmenden zu Beginn
offen, auch wenn der Spielraum klein ist.</p>
<p>Hilfreich ist die Unterscheidung von vier Stufen der Beteiligung:</p>
<ul>
<li><b>Information:</b> Die Kommune informiert über Vorhaben und Entscheidungen.</li>
<li><b>Konsultation:</b> Bürger:innen können Meinungen und Hinweise einbringen, die in die
Entscheidung einfließen.</li>
<li><b>Mitgestaltung:</b> Bürger:innen arbeiten an Lösungen mit, etwa in einer
Planungswerkstatt.</li>
<li><b>Mitentscheidung:</b> Bürger:innen entscheiden mit, zum Beispiel über ein
Stadtteilbudget.</li>
</ul>
"""),
                heading("Formate im Überblick", "h3"),
                paragraph("""
<ul>
<li><b>Bürgerdialog oder Einwohnerversammlung:</b> für Information und erste Rückmeldungen,
mit Tischrunden statt reiner Frage-Antwort-Runde.</li>
<li><b>Runder Tisch:</b> für kontinuierliche Arbeit der wichtigsten Akteur:innen an einem
Konflikt.</li>
<li><b>World Café:</b> für viele Perspektiven in kurzer Zeit, in wechselnden kleinen
Gruppen.</li>
<li><b>Fishbowl:</b> ein kleiner Innenkreis diskutiert, ein freier Stuhl lädt das Publikum
ein, sich einzubringen.</li>
<li><b>Bürgerrat:</b> zufällig ausgeloste Bürger:innen beraten über mehrere Termine und
geben Empfehlungen ab; so kommen auch Menschen zu Wort, die sich sonst nicht melden.</li>
</ul>
"""),
                callout(
                    "tip",
                    "Stille Gruppen erreichen",
                    """
<p>Laden Sie gezielt ein: über Vereine, Schulen, Migrantenorganisationen und aufsuchende
Gespräche. Wählen Sie Ort und Uhrzeit so, dass auch Berufstätige, Eltern und ältere Menschen
teilnehmen können, und achten Sie auf Barrierefreiheit.</p>
""",
                ),
            ],
        },
        {
            "slug": "schwierige-veranstaltungen-moderieren",
            "title": "Schwierige Veranstaltungen moderieren",
            "estimated_minutes": 40,
            "summary": "Vorbereitung, Regeln, Hausrecht und der Umgang mit Störungen.",
            "body": [
                heading("Gut vorbereitet ist halb moderiert"),
                paragraph("""
<p>Konfliktreiche Veranstaltungen entscheiden sich oft vor dem ersten Wort. Zur Vorbereitung
gehören eine Analyse der zu erwartenden Gruppen und Stimmungen, ein klarer Ablauf mit
Zeitangaben, eine Sitzordnung, die Gespräche fördert, und die Klärung, wer das Hausrecht
ausübt. Sprechen Sie mit der Polizei, wenn Sie organisierte Störungen erwarten.</p>
<p>Zu Beginn stellen Sie Ziel, Ablauf und Gesprächsregeln vor und lassen sie bestätigen,
zum Beispiel: Wir lassen einander ausreden. Redebeiträge dauern höchstens zwei Minuten. Wir
sprechen respektvoll über Menschen, auch wenn sie nicht im Raum sind.</p>
"""),
                heading("Ausschlussklausel und Hausrecht", "h3"),
                paragraph("""
<p>Für öffentliche Veranstaltungen in geschlossenen Räumen erlaubt das Versammlungsrecht,
bestimmte Personen oder Personenkreise bereits in der Einladung auszuschließen (zum Beispiel
§ 6 des Versammlungsgesetzes des Bundes; einige Länder haben eigene Gesetze). Viele
Kommunen nutzen eine solche Ausschlussklausel, um Personen, die durch rassistische,
antisemitische oder andere menschenverachtende Äußerungen aufgefallen sind, den Zutritt zu
verwehren. Lassen Sie die Formulierung rechtlich prüfen und wenden Sie sie konsequent an.</p>
"""),
                callout(
                    "warning",
                    "Keine Bühne für Menschenfeindlichkeit",
                    """
<p>Wird eine Veranstaltung gezielt für menschenfeindliche Propaganda genutzt, unterbrechen
Sie, benennen die Grenze und machen notfalls vom Hausrecht Gebrauch. Ihre Verantwortung gilt
zuerst den Menschen, die angegriffen werden.</p>
""",
                ),
                paragraph("""
<p>Nicht jede Störung ist ein Angriff. Zwischenrufe zeigen oft, dass sich jemand nicht
gehört fühlt. Greifen Sie das Anliegen auf („Ich höre, dass Sie das sehr ärgert; wir kommen
in der nächsten Runde darauf zurück“) und halten Sie den Ablauf. Dokumentieren Sie
Ergebnisse und offene Fragen sichtbar und sagen Sie zu, wie und wann die Teilnehmenden
erfahren, was daraus wird.</p>
"""),
                reflection(
                    "Erinnern Sie sich an eine Veranstaltung, die aus dem Ruder gelaufen ist. Was "
                    "hätte in der Vorbereitung oder Moderation geholfen?",
                ),
                quiz(
                    [
                        question(
                            "Was sollten Teilnehmende zu Beginn einer Beteiligungsveranstaltung "
                            "erfahren?",
                            [
                                ("Wie die Verwaltung intern entschieden hat", False),
                                (
                                    "Worüber noch entschieden werden kann und wer entscheidet",
                                    True,
                                ),
                                ("Welche Meinungen unerwünscht sind", False),
                            ],
                            "Transparente Spielräume sind die Grundlage für Vertrauen in "
                            "Beteiligung.",
                        ),
                        question(
                            "Welches Format bringt zufällig ausgeloste Bürger:innen zusammen?",
                            [("World Café", False), ("Bürgerrat", True), ("Fishbowl", False)],
                            "Im Bürgerrat beraten ausgeloste Menschen über mehrere Termine und "
                            "geben Empfehlungen ab.",
                        ),
                        question(
                            "Wie reagieren Sie auf einen wütenden Zwischenruf, der ein echtes "
                            "Anliegen enthält?",
                            [
                                ("Ignorieren und weitermachen", False),
                                ("Die Person sofort des Saales verweisen", False),
                                (
                                    "Das Anliegen aufgreifen und zusagen, wann es besprochen wird",
                                    True,
                                ),
                            ],
                            "Wer sich gehört fühlt, muss nicht lauter werden. Das Hausrecht ist "
                            "für echte Grenzüberschreitungen da.",
                        ),
                    ],
                    intro="Drei Fragen zur Moderation.",
                    pass_percentage=60,
                ),
            ],
        },
    ],
}


MODULE_6 = {
    "number": "6",
    "slug": "modul-6-verankerung",
    "title": "Konfliktmanagement in der Verwaltung verankern",
    "ue": 4,
    "format": "online",
    "prerequisites": ["3"],
    "summary": (
        "Die Online-Sitzung klärt, wie Konfliktmanagement über das Projekt hinaus zur Aufgabe "
        "der Kommune wird: mit klaren Zuständigkeiten, Beschlüssen, Ressourcen und einem "
        "einfachen Konfliktmonitoring."
    ),
    "learning_outcomes": """
<ul>
<li>Sie beschreiben Möglichkeiten, Konfliktmanagement in Strukturen der Verwaltung zu
verankern.</li>
<li>Sie kennen Bausteine einer Verstetigung und schätzen ein, welche in Ihrer Kommune
passen.</li>
<li>Sie skizzieren ein einfaches Konfliktmonitoring.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "zustaendigkeiten-und-strukturen",
            "title": "Zuständigkeiten und Strukturen",
            "estimated_minutes": 30,
            "summary": "Wo Konfliktmanagement in der Verwaltung seinen Platz finden kann.",
            "body": [
                heading("Eine Querschnittsaufgabe braucht einen Ort"),
                paragraph("""
<p>Konflikte halten sich nicht an Zuständigkeiten: Ein Streit um einen Jugendtreff betrifft
Jugendamt, Ordnungsamt, Bauverwaltung und Politik zugleich. Konfliktmanagement ist deshalb
eine Querschnittsaufgabe. Damit sie nicht zwischen allen Stühlen liegt, braucht sie einen
klaren Ort in der Verwaltung.</p>
<p>Bewährt haben sich verschiedene Modelle:</p>
<ul>
<li>eine <b>Koordinierungsstelle</b> oder Stabsstelle bei der Verwaltungsspitze, die
ämterübergreifend arbeiten kann,</li>
<li>die Anbindung an eine bestehende Stelle, etwa die Koordinierung der Partnerschaft für
Demokratie oder die Bürgerbeteiligung,</li>
<li>ein <b>ämterübergreifendes Team</b> mit festen Ansprechpersonen in den wichtigsten
Fachbereichen.</li>
</ul>
"""),
                heading("Beschlüsse und Ressourcen", "h3"),
                paragraph("""
<p>Ein Beschluss des Rates oder Kreistags gibt dem Konfliktmanagement Legitimation über
Wahlperioden hinweg. Eine Dienstanweisung regelt, wer bei welchen Anzeichen informiert wird
und wer handelt. Ohne Stellenanteile und ein eigenes Budget im Haushalt bleibt
Konfliktmanagement jedoch von einzelnen engagierten Personen abhängig.</p>
"""),
                callout(
                    "tip",
                    "Verwaltungslogik und Beteiligungslogik",
                    """
<p>Verwaltung arbeitet nach Zuständigkeit, Recht und Verfahren; Konfliktarbeit nach
Beziehungen und Vertrauen. Beide Logiken haben ihre Berechtigung. Gute
Konfliktmanager:innen übersetzen zwischen ihnen.</p>
""",
                ),
            ],
        },
        {
            "slug": "verstetigung",
            "title": "Verstetigung: vom Projekt zur Routine",
            "estimated_minutes": 30,
            "summary": "Konfliktmonitoring, Wissen sichern und Modelle für den Transfer.",
            "body": [
                heading("Frühwarnung durch Konfliktmonitoring"),
                paragraph("""
<p>Ein Konfliktmonitoring muss nicht aufwendig sein. Es reicht, wenn die Steuerungsgruppe
regelmäßig, etwa vierteljährlich, eine kurze Liste der bekannten Konflikte durchgeht: Wie
hat sich die Lage entwickelt? Welche Eskalationsstufe schätzen wir? Wer kümmert sich? Was
ist der nächste Schritt? Hinweise kommen aus Bürgersprechstunden, Beschwerden, der
Lokalpresse, sozialen Medien und von Trägern vor Ort.</p>
<p>Wichtig ist, dass das Monitoring Folgen hat: Verschärft sich ein Konflikt, wird er auf
die Tagesordnung der Verwaltungsspitze gesetzt, und es wird entschieden, wer handelt.</p>
"""),
                heading("Wissen sichern und weitergeben", "h3"),
                paragraph("""
<p>Was in einem Konflikt funktioniert hat, sollte nicht mit der Person verschwinden, die
es erarbeitet hat. Halten Sie bewährte Verfahren kurz fest: Ausgangslage, Vorgehen,
Beteiligte, Ergebnis und was andere dafür brauchen. Aus solchen Beschreibungen entstehen die
„Modelle für den Transfer“, die auch anderen Kommunen helfen.</p>
"""),
                reflection(
                    "Welche zwei Schritte könnten in Ihrer Kommune in den nächsten sechs Monaten "
                    "dazu beitragen, Konfliktmanagement dauerhaft zu verankern?",
                    "Denken Sie an Zuständigkeit, Beschlüsse, Ressourcen und Verbündete in der "
                    "Verwaltung.",
                ),
                quiz(
                    [
                        question(
                            "Warum ist ein Rats- oder Kreistagsbeschluss für das "
                            "Konfliktmanagement hilfreich?",
                            [
                                ("Er ersetzt die Arbeit der Steuerungsgruppe", False),
                                (
                                    "Er gibt dem Konfliktmanagement Legitimation über "
                                    "Wahlperioden hinweg",
                                    True,
                                ),
                                ("Er ist für jede Veranstaltung vorgeschrieben", False),
                            ],
                            "Ein Beschluss macht Konfliktmanagement zu einer Aufgabe der "
                            "Kommune, nicht einzelner Personen.",
                        ),
                        question(
                            "Was gehört zu einem einfachen Konfliktmonitoring? (Mehrere "
                            "Antworten sind richtig.)",
                            [
                                ("Regelmäßige Einschätzung der Eskalationsstufe", True),
                                ("Klare Zuständigkeit für den nächsten Schritt", True),
                                ("Eine Liste mit Namen auffälliger Privatpersonen", False),
                            ],
                            "Monitoring beobachtet Konflikte und Zuständigkeiten, keine "
                            "Privatpersonen.",
                        ),
                    ],
                    intro="Zwei Fragen zur Verankerung.",
                    pass_percentage=100,
                ),
            ],
        },
    ],
}


MODULE_7 = {
    "number": "7",
    "slug": "modul-7-krisen-und-bedrohungslagen",
    "title": "Krisen, Bedrohungslagen, Umgang mit Demokratiefeindlichkeit",
    "ue": 8,
    "format": "praesenz",
    "prerequisites": ["5"],
    "summary": (
        "Bedrohungen gegen Engagierte und Mandatsträger:innen, Hass im Netz und organisierte "
        "Demokratiefeindlichkeit: Das Modul vermittelt, wie Kommunen Lagen einschätzen, "
        "Betroffene schützen und in Krisen kommunizieren."
    ),
    "learning_outcomes": """
<ul>
<li>Sie schätzen Bedrohungslagen ein und kennen Sofortmaßnahmen und Anlaufstellen.</li>
<li>Sie unterscheiden legitimen Protest von organisierter Demokratiefeindlichkeit und
wählen passende Strategien.</li>
<li>Sie planen die Kommunikation einer Kommune in einer Krise.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "bedrohungslagen-einschaetzen",
            "title": "Krisen- und Bedrohungslagen einschätzen",
            "estimated_minutes": 35,
            "summary": "Was zu tun ist, wenn Menschen in der Kommune bedroht werden.",
            "body": [
                callout(
                    "warning",
                    "Bei akuter Gefahr",
                    """
<p>Besteht eine unmittelbare Gefahr für Leib und Leben, rufen Sie sofort die Polizei unter
110. Alle weiteren Schritte kommen danach.</p>
""",
                ),
                heading("Bedrohungen ernst nehmen"),
                paragraph("""
<p>Bürgermeister:innen, Ratsmitglieder, Verwaltungsmitarbeitende und Engagierte erleben
zunehmend Anfeindungen: beleidigende E-Mails, Hasskommentare, Drohungen, Sachbeschädigungen
bis hin zu Angriffen. Solche Erfahrungen wirken über die Betroffenen hinaus. Wenn Menschen
sich aus Angst aus dem Ehrenamt oder der Kommunalpolitik zurückziehen, schadet das der
lokalen Demokratie insgesamt.</p>
<p>Für die Einschätzung einer Lage helfen einige Fragen: Wie konkret ist die Drohung? Gibt
es Hinweise auf Planung, Wissen über private Adressen oder Bezüge zu organisierten Gruppen?
Wiederholt sich das Verhalten, und steigert es sich? Im Zweifel gilt: lieber einmal zu viel
Rat einholen als einmal zu wenig.</p>
"""),
                heading("Sofortmaßnahmen und Anlaufstellen", "h3"),
                paragraph("""
<ul>
<li><b>Dokumentieren:</b> Screenshots mit Datum, Uhrzeit und Internetadresse, Briefe und
E-Mails aufbewahren, Vorfälle mit Zeug:innen notieren.</li>
<li><b>Anzeige erstatten:</b> Bedrohungen, Beleidigungen und Volksverhetzung sind
Straftaten. Seit 2021 schützt § 188 StGB auch Personen des politischen Lebens auf
kommunaler Ebene besonders vor Beleidigung, übler Nachrede und Verleumdung.</li>
<li><b>Beratung holen:</b> Die Mobilen Beratungen gegen Rechtsextremismus und die
Beratungsstellen für Betroffene rechter, rassistischer und antisemitischer Gewalt gibt es in
allen Ländern. Das Portal „Stark im Amt“ bietet Kommunalpolitiker:innen Informationen und
Hilfe.</li>
<li><b>Privates schützen:</b> Bedrohte Personen können beim Meldeamt eine Auskunftssperre
nach § 51 Bundesmeldegesetz beantragen.</li>
<li><b>Fürsorge:</b> Arbeitgeber und Dienstherren haben eine Fürsorgepflicht. Betroffene
Mitarbeitende brauchen Rückhalt ihrer Leitung, keine Einzelkämpferrolle.</li>
</ul>
"""),
                reflection(
                    "Wissen Sie, an wen Sie sich in Ihrer Kommune wenden würden, wenn Sie oder "
                    "eine Kollegin bedroht würden?",
                    "Tragen Sie die Kontaktdaten der zuständigen Polizeidienststelle, der Mobilen "
                    "Beratung und der Opferberatung in Ihrem Land zusammen.",
                ),
            ],
        },
        {
            "slug": "umgang-mit-demokratiefeindlichkeit",
            "title": "Umgang mit Demokratiefeindlichkeit",
            "estimated_minutes": 35,
            "summary": "Zwischen Gesprächsbereitschaft und klarer Grenze.",
            "body": [
                heading("Unterscheiden, ohne zu verharmlosen"),
                paragraph("""
<p>Nicht jede Kritik an der Kommune ist demokratiefeindlich. Wut über eine Entscheidung,
Misstrauen gegenüber Institutionen oder lautstarker Protest gehören zur Demokratie, und oft
stecken berechtigte Anliegen dahinter. Für den Umgang ist es wichtig, zu unterscheiden:</p>
<ul>
<li>Menschen, die unzufrieden und verunsichert sind und ansprechbar bleiben,</li>
<li>Menschen, die sich zunehmend in verschwörungsideologischen oder menschenfeindlichen
Deutungen bewegen,</li>
<li>organisierte Akteur:innen, die Konflikte gezielt nutzen, um Stimmung gegen Gruppen oder
gegen die Demokratie zu machen.</li>
</ul>
<p>Mit der ersten Gruppe sollte das Gespräch unbedingt gesucht werden. Bei der zweiten
lohnt es sich, über die Beziehung im Gespräch zu bleiben, ohne Falschbehauptungen
unwidersprochen zu lassen. Organisierten demokratiefeindlichen Akteur:innen sollte die
Kommune dagegen keine Bühne bieten.</p>
"""),
                heading("Strategien für die Kommune", "h3"),
                paragraph("""
<p>Bewährt haben sich: eine klare, gemeinsame Haltung von Verwaltungsspitze, Politik und
Zivilgesellschaft; der Schutz und die sichtbare Unterstützung von Betroffenen; Bündnisse
mit Vereinen, Kirchen und Wirtschaft; und Angebote, die Menschen mit ihren Sorgen ernst
nehmen, bevor andere die Sorgen für sich nutzen. Die Mobilen Beratungen unterstützen
Kommunen bei der Einschätzung lokaler Akteur:innen und bei der Planung von
Gegenstrategien.</p>
"""),
                callout(
                    "info",
                    "Haltung zeigen",
                    """
<p>Kommunen sind zu Sachlichkeit verpflichtet, aber nicht zu Wertneutralität. Das
Grundgesetz mit der Würde des Menschen an erster Stelle ist der Maßstab, an dem sich
kommunales Handeln ausrichtet.</p>
""",
                ),
            ],
        },
        {
            "slug": "krisenkommunikation",
            "title": "Krisenkommunikation",
            "estimated_minutes": 25,
            "summary": "Schnell, abgestimmt und überprüfbar kommunizieren, wenn es brennt.",
            "body": [
                heading("Eine Stimme, klare Fakten"),
                paragraph("""
<p>In einer Krise, etwa nach einem Angriff auf eine Unterkunft oder bei einem Gerücht, das
sich rasend schnell verbreitet, entscheidet die Kommunikation der ersten Stunden über die
weitere Dynamik. Grundsätze sind:</p>
<ol>
<li><b>Schnell reagieren:</b> Eine erste kurze Stellungnahme ist besser als langes
Schweigen, in dem Gerüchte wachsen.</li>
<li><b>Mit einer Stimme sprechen:</b> Legen Sie fest, wer für die Kommune spricht, und
stimmen Sie sich mit Polizei und Trägern ab.</li>
<li><b>Bei den Fakten bleiben:</b> Sagen Sie, was Sie wissen, was Sie nicht wissen und wann
Sie neu informieren.</li>
<li><b>Betroffene schützen:</b> Nennen Sie keine Namen oder Adressen und sprechen Sie über
Betroffene nicht ohne deren Zustimmung.</li>
<li><b>Haltung zeigen:</b> Verurteilen Sie Gewalt und Hetze unmissverständlich.</li>
</ol>
"""),
                callout(
                    "tip",
                    "Vorbereitet sein",
                    """
<p>Legen Sie einen Krisenkommunikationsplan an, bevor Sie ihn brauchen: mit Zuständigkeiten,
Erreichbarkeiten, Textbausteinen und einer Liste der Partner:innen, die informiert werden
müssen. Dieser Plan kann Teil Ihres Praxisprojekts werden.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Was ist bei einer akuten Gefahr für Leib und Leben der erste Schritt?",
                            [
                                ("Die Steuerungsgruppe einberufen", False),
                                ("Die Polizei unter 110 rufen", True),
                                ("Eine Pressemitteilung vorbereiten", False),
                            ],
                            "Bei akuter Gefahr geht Sicherheit vor; alles andere folgt danach.",
                        ),
                        question(
                            "Wie können sich bedrohte Personen vor der Weitergabe ihrer "
                            "Wohnanschrift schützen?",
                            [
                                ("Durch eine Auskunftssperre beim Meldeamt", True),
                                ("Durch einen Eintrag im Handelsregister", False),
                                ("Gar nicht, die Adresse ist immer öffentlich", False),
                            ],
                            "Nach § 51 Bundesmeldegesetz kann eine Auskunftssperre eingetragen "
                            "werden.",
                        ),
                        question(
                            "Welche Grundsätze gelten für Krisenkommunikation? (Mehrere "
                            "Antworten sind richtig.)",
                            [
                                ("Schnell eine erste, kurze Stellungnahme abgeben", True),
                                ("Mit einer abgestimmten Stimme sprechen", True),
                                ("Namen der Betroffenen nennen, um Transparenz zu zeigen", False),
                            ],
                            "Betroffene werden geschützt; Namen und Adressen gehören nicht in "
                            "die Öffentlichkeit.",
                        ),
                    ],
                    intro="Drei Fragen zu Krisen und Bedrohungslagen.",
                    pass_percentage=60,
                ),
            ],
        },
    ],
}


MODULE_8 = {
    "number": "8",
    "slug": "modul-8-abschluss",
    "title": "Abschluss: Praxisprojekt und Kolloquium",
    "ue": 8,
    "format": "praesenz",
    # Completed only when a trainer accepts the Praxisprojekt (lms.progress).
    "requires_sign_off": True,
    "prerequisites": ["1", "2", "3", "4", "5", "6", "7"],
    "summary": (
        "Im Abschlussmodul stellen die Teilnehmenden ihr Praxisprojekt, etwa einen "
        "Krisenpräventionsplan für ein regionales Szenario, im Kolloquium vor, geben einander "
        "Rückmeldung und schauen gemeinsam auf die nächsten Schritte in ihren Kommunen."
    ),
    "learning_outcomes": """
<ul>
<li>Sie stellen ein eigenes Praxisprojekt strukturiert vor und begründen Ihr Vorgehen.</li>
<li>Sie geben und nehmen kollegiale Rückmeldung.</li>
<li>Sie planen, wie Ihr Projekt in der Kommune weitergeführt und verankert wird.</li>
</ul>
""",
    "lessons": [
        {
            "slug": "das-praxisprojekt",
            "title": "Das Praxisprojekt: Aufgabe und Aufbau",
            "estimated_minutes": 30,
            "summary": "Was ein gutes Praxisprojekt ausmacht und wie Sie es gliedern.",
            "body": [
                heading("Die Aufgabe"),
                paragraph("""
<p>Im Praxisprojekt wenden Sie das Gelernte auf einen Konflikt oder eine Aufgabe in Ihrer
Kommune an. Häufig entsteht ein <b>Krisenpräventionsplan</b> für ein regionales Szenario,
zum Beispiel eine angekündigte Demonstration vor einer Unterkunft oder einen eskalierenden
Streit um ein Bauvorhaben. Möglich sind auch ein Beteiligungskonzept, ein Leitfaden für
die Verwaltung oder die Dokumentation eines begleiteten Konflikts.</p>
<p>Sie können das Praxisprojekt allein oder zu zweit erarbeiten, gern gemeinsam mit Ihrer
Steuerungsgruppe. Die Trainer:innen und Ihr Prozessbegleitungs-Tandem beraten Sie dabei.</p>
"""),
                heading("Ein bewährter Aufbau", "h3"),
                paragraph("""
<ol>
<li>Ausgangslage und Anlass</li>
<li>Analyse: Akteurslandkarte, Eskalationsgrad, Interessen</li>
<li>Ziele: Was soll sich verändern, woran merken wir es?</li>
<li>Vorgehen: Schritte, Formate, Zuständigkeiten und Zeitplan</li>
<li>Kommunikation und Umgang mit Risiken</li>
<li>Verankerung: Wer führt die Arbeit nach der Qualifizierung weiter?</li>
</ol>
<p>Als Umfang haben sich acht bis zwölf Seiten bewährt. Reichen Sie das Praxisprojekt
spätestens vier Wochen vor dem Kolloquium ein; den genauen Termin nennt Ihnen die
Servicestelle für Ihren Durchgang.</p>
"""),
                callout(
                    "info",
                    "Datenschutz im Praxisprojekt",
                    """
<p>Beschreiben Sie Konflikte so, dass keine Privatpersonen erkennbar sind. Verwenden Sie
Funktionen und Gruppen statt Namen.</p>
""",
                ),
                reflection(
                    "Welches Thema möchten Sie in Ihrem Praxisprojekt bearbeiten, und wer in Ihrer "
                    "Kommune sollte davon erfahren?",
                ),
            ],
        },
        {
            "slug": "das-kolloquium",
            "title": "Das Kolloquium",
            "estimated_minutes": 20,
            "summary": "Ablauf des Kolloquiums und was danach kommt.",
            "body": [
                heading("Ablauf"),
                paragraph("""
<p>Im Kolloquium stellen Sie Ihr Praxisprojekt in etwa 15 Minuten vor. Anschließend folgt
ein Fachgespräch von etwa 15 Minuten mit den Trainer:innen und den anderen Teilnehmenden.
Es geht nicht um eine Prüfung im schulischen Sinn, sondern um das gemeinsame Nachdenken
über Ihr Vorgehen: Was war Ihre Analyse? Warum haben Sie dieses Vorgehen gewählt? Was
würden Sie heute anders machen?</p>
<p>Die Trainer:innen entscheiden im Anschluss, ob das Praxisprojekt angenommen wird. Ist
eine Überarbeitung nötig, erhalten Sie konkrete Hinweise und einen neuen Termin.</p>
"""),
                heading("Zertifikat oder Teilnahmebescheinigung", "h3"),
                paragraph("""
<p>Wer alle Voraussetzungen erfüllt, erhält das Zertifikat. Es nennt die besuchten Module
mit Datum, Unterrichtseinheiten und Format, den Titel des Praxisprojekts und die Stunden
der Supervision. Wer nicht alle Voraussetzungen erfüllt, erhält eine
Teilnahmebescheinigung über die besuchten Module. Beides können Sie nach der Ausstellung
auf dieser Plattform herunterladen; ein Prüflink mit QR-Code bestätigt die Echtheit.</p>
"""),
                callout(
                    "tip",
                    "Vernetzt bleiben",
                    """
<p>Die Kollegiale Fallberatung kann über die Qualifizierung hinaus weiterlaufen. Viele
Absolvent:innen treffen sich weiter online, um schwierige Fälle gemeinsam zu
besprechen.</p>
""",
                ),
                quiz(
                    [
                        question(
                            "Was gehört in ein Praxisprojekt? (Mehrere Antworten sind richtig.)",
                            [
                                ("Eine Analyse des Konflikts", True),
                                ("Ein Plan zur Verankerung in der Kommune", True),
                                ("Namen und Adressen der Konfliktbeteiligten", False),
                            ],
                            "Analyse und Verankerung gehören dazu; Privatpersonen dürfen nicht "
                            "erkennbar sein.",
                        ),
                        question(
                            "Was erhalten Teilnehmende, die nicht alle Voraussetzungen für das "
                            "Zertifikat erfüllen?",
                            [
                                ("Nichts", False),
                                (
                                    "Eine Teilnahmebescheinigung über die besuchten Module",
                                    True,
                                ),
                                ("Ein Zertifikat mit Vermerk", False),
                            ],
                            "Die Teilnahmebescheinigung listet auf, was besucht wurde.",
                        ),
                    ],
                    intro="Zwei Fragen zum Abschluss.",
                    pass_percentage=100,
                ),
            ],
        },
    ],
}


MODULES = [
    MODULE_1,
    MODULE_2,
    MODULE_3,
    MODULE_4,
    MODULE_5,
    MODULE_6,
    MODULE_7,
    MODULE_8,
]
