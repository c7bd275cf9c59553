"""Demo content pages: home page, information and legal pages, transfer models, site settings.

All addresses, names and e-mail addresses are illustrative (``example.org``); the
legal texts are marked as demo texts and must be checked and replaced by the
responsible organisation before the platform goes live.
"""

from lms.demo.streams import callout, heading, paragraph

SITE_NAME = "KoKoMa Qualifizierungsplattform"
CONTACT_EMAIL = "kontakt@kokoma.example.org"
PRIVACY_EMAIL = "datenschutz@kokoma.example.org"
ACCESSIBILITY_EMAIL = "barrierefreiheit@kokoma.example.org"
FUNDING_NOTICE = (
    "Gefördert vom Bundesministerium für Familie, Senioren, Frauen und Jugend im Rahmen des "
    "Bundesprogramms »Demokratie leben!«"
)
FOOTER_TEXT = (
    "Stiftung SPI – Sozialpädagogisches Institut Berlin »Walter May«\n"
    "Servicestelle Kommunales Konfliktmanagement\n"
    "Beispielstraße 12, 10999 Berlin (Beispieladresse)"
)

DEMO_NOTICE = callout(
    "warning",
    "Demo-Text",
    """
<p>Dieser Text ist ein Beispiel für die Demo-Installation der Plattform. Er ist nicht
rechtsverbindlich und muss vor dem Betrieb von der verantwortlichen Stelle geprüft und
ersetzt werden.</p>
""",
)

HOME = {
    "title": "KoKoMa – Kommunales Konfliktmanagement",
    "slug": "kokoma",
    "intro": """
<p>Willkommen auf der Lern- und Qualifizierungsplattform des Kommunalen Konfliktmanagements.
Hier finden Teilnehmende der Qualifizierung zur:zum kommunalen Konfliktmanager:in ihre
Lerneinheiten, Materialien, Termine und Bescheinigungen. Trainer:innen, Supervisor:innen und
die Servicestelle begleiten die Durchgänge.</p>
<p>Das Kommunale Konfliktmanagement unterstützt Städte, Gemeinden und Landkreise dabei,
Konflikte vor Ort früh zu erkennen und gemeinsam mit Verwaltung, Politik und
Zivilgesellschaft konstruktiv zu bearbeiten.</p>
""",
    "easy_language_title": "Leichte Sprache",
    "easy_language": f"""
<h3>Was ist diese Internet·seite?</h3>
<p>Diese Internet·seite gehört zu einer Weiter·bildung.</p>
<p>Die Weiter·bildung heißt: Kommunales Konflikt·management.</p>
<p>Kommunal bedeutet: in einer Stadt, in einer Gemeinde oder in einem Land·kreis.</p>
<h3>Was ist ein Konflikt?</h3>
<p>Ein Konflikt ist ein Streit.</p>
<p>Menschen wollen verschiedene Dinge.</p>
<p>Zum Beispiel: Die einen wollen einen Treff·punkt für Jugendliche.</p>
<p>Die anderen wollen Ruhe am Abend.</p>
<p>Dann kann es Streit geben.</p>
<h3>Was lernt man in der Weiter·bildung?</h3>
<ul>
<li>Wie ein Streit entsteht.</li>
<li>Wie man einen Streit früh erkennt.</li>
<li>Wie Menschen gut miteinander sprechen.</li>
<li>Wie man ein Treffen für viele Menschen leitet.</li>
<li>Was man tun kann, wenn Menschen bedroht werden.</li>
</ul>
<h3>Wer kann mit·machen?</h3>
<p>Menschen aus der Verwaltung. Die Verwaltung ist zum Beispiel das Rat·haus.</p>
<p>Menschen aus Vereinen und Gruppen im Ort.</p>
<p>Menschen aus der Politik im Ort.</p>
<h3>Wie geht das?</h3>
<p>Sie melden sich auf dieser Internet·seite an.</p>
<p>Dafür brauchen Sie eine E-Mail-Adresse und ein Pass·wort.</p>
<p>Die meisten Treffen sind vor Ort. Manche Treffen sind im Internet.</p>
<p>Auf dieser Internet·seite können Sie Texte lesen und lernen.</p>
<p>Am Ende bekommen Sie ein <b>Zertifikat</b>.</p>
<p>Ein Zertifikat ist ein Papier. Auf dem Papier steht: Sie haben die Weiter·bildung
gemacht.</p>
<h3>Wer macht die Weiter·bildung?</h3>
<p>Die Stiftung SPI macht die Weiter·bildung.</p>
<p>Das Geld kommt vom Bundes·ministerium für Familie, Senioren, Frauen und Jugend.</p>
<p>Das Geld kommt aus dem Programm <b>Demokratie leben!</b></p>
<h3>Haben Sie Fragen?</h3>
<p>Dann schreiben Sie uns eine E-Mail.</p>
<p>Die E-Mail-Adresse ist: <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>
""",
    "body": [
        heading("Für wen ist die Plattform?"),
        paragraph("""
<p>Die Plattform richtet sich an die Teilnehmenden der Qualifizierung aus den Kommunen des
Programms, an Trainer:innen und Supervisor:innen sowie an die Servicestelle Kommunales
Konfliktmanagement. Die Beschreibung der Qualifizierung und die Modelle für den Transfer
sind öffentlich; Lerneinheiten und Materialien sehen angemeldete Teilnehmende eines
Durchgangs.</p>
"""),
        callout(
            "info",
            "Zugang zur Plattform",
            """
<p>Ihren Zugang erhalten Sie mit der Zulassung zu einem Durchgang. Bei Fragen zur Anmeldung
wenden Sie sich an die Servicestelle.</p>
""",
        ),
    ],
}

ABOUT = {
    "title": "Über die Qualifizierung",
    "slug": "ueber-die-qualifizierung",
    "intro": (
        "Die Qualifizierung ist Teil des Kommunalen Konfliktmanagements, eines Vorhabens der "
        "Stiftung SPI im Bundesprogramm „Demokratie leben!“."
    ),
    "body": [
        heading("Kommunales Konfliktmanagement"),
        paragraph("""
<p>Konflikte um Zuwanderung, den öffentlichen Raum, Planungsvorhaben oder den Umgang mit
demokratiefeindlichen Bestrebungen prägen viele Kommunen. Das Kommunale Konfliktmanagement
unterstützt 12 bis 15 Städte und Landkreise dabei, solche Konflikte früh zu erkennen und
konstruktiv zu bearbeiten. Jede Kommune wird als lokale Partnerschaft für Demokratie
gefördert und baut eigene Strukturen auf: ein Prozessbegleitungs-Tandem aus einer lokalen
und einer externen Prozessbegleitung, eine Steuerungsgruppe, Beratungsgremien und
begleitende Supervision.</p>
<p>Die Arbeit verläuft in Meilensteinen: Analyse der lokalen Konflikte, Aufbau der
Steuerungsgruppe, Qualifizierung und Prozessbegleitung, ein lokales Konzept sowie Transfer
und Verstetigung. Was sich bewährt, wird als Modell für den Transfer beschrieben, damit
andere Kommunen davon lernen können.</p>
"""),
        heading("Stiftung SPI und Servicestelle"),
        paragraph("""
<p>Träger ist die Stiftung SPI – Sozialpädagogisches Institut Berlin »Walter May«. Ihre
Servicestelle Kommunales Konfliktmanagement koordiniert das Vorhaben, stellt die externen
Prozessbegleiter:innen, organisiert die Qualifizierung und den Austausch zwischen den
Kommunen und begleitet die Durchgänge auf dieser Plattform.</p>
"""),
        heading("Die Qualifizierung"),
        paragraph("""
<p>Die Qualifizierung zur:zum kommunalen Konfliktmanager:in umfasst acht Module in Präsenz
und online, drei Online-Vertiefungen und Kollegiale Fallberatung, insgesamt 86
Unterrichtseinheiten. Sie richtet sich an Mitarbeitende der Verwaltung, Engagierte aus der
Zivilgesellschaft, kommunalpolitisch Aktive und die Prozessbegleiter:innen der Kommunen.
Themen sind unter anderem Konflikttheorie und Eskalation, systemische Konfliktanalyse,
Gesprächsführung, Moderation, Krisen und Bedrohungslagen sowie die Verankerung von
Konfliktmanagement in der Verwaltung.</p>
"""),
        heading("Demokratie leben!"),
        paragraph("""
<p>Das Bundesprogramm „Demokratie leben!“ des Bundesministeriums für Familie, Senioren,
Frauen und Jugend fördert zivilgesellschaftliches Engagement für ein vielfältiges und
demokratisches Miteinander und die Arbeit gegen Radikalisierung und
Menschenfeindlichkeit. Die Partnerschaften für Demokratie verbinden dabei Kommunen und
Zivilgesellschaft vor Ort.</p>
"""),
    ],
}

IMPRINT = {
    "title": "Impressum",
    "slug": "impressum",
    "intro": "Angaben gemäß § 5 Digitale-Dienste-Gesetz und § 18 Medienstaatsvertrag.",
    "body": [
        DEMO_NOTICE,
        heading("Anbieterin"),
        paragraph("""
<p>Stiftung SPI – Sozialpädagogisches Institut Berlin »Walter May«<br/>
Servicestelle Kommunales Konfliktmanagement<br/>
Beispielstraße 12<br/>
10999 Berlin (Beispieladresse)</p>
<p>Die Stiftung wird vertreten durch den Vorstand (Beispielangabe).<br/>
Stiftungsaufsicht: zuständige Aufsichtsbehörde (Beispielangabe)</p>
"""),
        heading("Kontakt"),
        paragraph(f"""
<p>E-Mail: <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a><br/>
Telefon: 030 000000-0 (Beispielnummer)</p>
"""),
        heading("Verantwortlich für den Inhalt"),
        paragraph("""
<p>Leitung der Servicestelle Kommunales Konfliktmanagement, Anschrift wie oben
(Beispielangabe).</p>
"""),
        heading("Förderung"),
        paragraph(
            f"<p>{FUNDING_NOTICE}. Die Veröffentlichungen stellen keine Meinungsäußerung "
            "des Bundesministeriums dar. Für inhaltliche Aussagen tragen die Autor:innen "
            "die Verantwortung.</p>"
        ),
    ],
}

PRIVACY = {
    "title": "Datenschutzerklärung",
    "slug": "datenschutz",
    "intro": (
        "Hier erfahren Sie, welche personenbezogenen Daten die Qualifizierungsplattform "
        "verarbeitet, wozu und wie lange, und welche Rechte Sie nach der "
        "Datenschutz-Grundverordnung (DSGVO) haben."
    ),
    "body": [
        DEMO_NOTICE,
        heading("Verantwortliche Stelle"),
        paragraph(f"""
<p>Stiftung SPI – Sozialpädagogisches Institut Berlin »Walter May«, Servicestelle Kommunales
Konfliktmanagement, Beispielstraße 12, 10999 Berlin (Beispieladresse).<br/>
Datenschutzbeauftragte:r: <a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a></p>
"""),
        heading("Welche Daten wir speichern"),
        paragraph("""
<ul>
<li><b>Benutzerkonto:</b> Vor- und Nachname, E-Mail-Adresse, ein verschlüsseltes
(gehashtes) Passwort, auf Wunsch ein zweiter Faktor für die Anmeldung.</li>
<li><b>Teilnahme:</b> Kommune bzw. Partnerschaft für Demokratie, Organisation und Funktion,
Anmeldungen zu Durchgängen und deren Status, Anwesenheit bei Modulen und Supervision
(Datum, Dauer, Teilnahme – niemals Inhalte der Supervision), Lernfortschritt, Ergebnisse von
Wissenschecks und Ihre Antworten auf Reflexionsfragen, ausgestellte Zertifikate und
Teilnahmebescheinigungen.</li>
<li><b>Technisch notwendige Daten:</b> ein Sitzungs-Cookie für die Anmeldung, ein Cookie zum
Schutz von Formularen und ein Cookie für die gewählte Sprache. Der Server protokolliert
Zugriffe mit IP-Adresse und Zeitpunkt, um Angriffe abzuwehren.</li>
</ul>
<p>Wir verwenden keine Analyse- oder Werbe-Cookies und binden keine Schriftarten oder
Skripte von fremden Servern ein.</p>
"""),
        heading("Zwecke und Rechtsgrundlagen"),
        paragraph("""
<ul>
<li>Durchführung der Qualifizierung, Nachweis der Teilnahme und Ausstellung von
Zertifikaten (Art. 6 Abs. 1 lit. b DSGVO).</li>
<li>Erfüllung der Nachweispflichten gegenüber dem Fördermittelgeber; berichtet werden nur
zusammengefasste Zahlen, zum Beispiel Teilnehmende je Kommune und Funktion (Art. 6 Abs. 1
lit. c DSGVO).</li>
<li>Sicherheit der Plattform (Art. 6 Abs. 1 lit. f DSGVO).</li>
</ul>
<p>Freiwillige Angaben, etwa zum Geschlecht, werden nur mit Ihrer Einwilligung erhoben und
nur zusammengefasst ausgewertet (Art. 6 Abs. 1 lit. a DSGVO). Sie können die Einwilligung
jederzeit widerrufen.</p>
"""),
        heading("Speicherdauer"),
        paragraph("""
<p>Ihr Benutzerkonto und Ihre Lerndaten speichern wir, solange Sie an der Qualifizierung
teilnehmen und Ihr Konto nutzen. Unterlagen, die für den Nachweis der Fördermittel
aufbewahrt werden müssen (Teilnahmelisten, Zertifikatsregister), bewahren wir bis fünf Jahre
nach Vorlage des Schlussberichts auf. Danach werden sie gelöscht. Server-Protokolle werden
nach 14 Tagen gelöscht.</p>
"""),
        heading("Ihre Rechte"),
        paragraph("""
<p>Sie haben nach der DSGVO das Recht auf</p>
<ul>
<li>Auskunft über Ihre gespeicherten Daten (Art. 15),</li>
<li>Berichtigung unrichtiger Daten (Art. 16),</li>
<li>Löschung (Art. 17); unterliegen Daten einer Aufbewahrungspflicht, werden sie gesperrt
oder anonymisiert und nach Ablauf der Frist gelöscht (Art. 17 Abs. 3 lit. b),</li>
<li>Einschränkung der Verarbeitung (Art. 18); über Berichtigungen, Löschungen und
Einschränkungen informieren wir auch Empfänger:innen Ihrer Daten (Art. 19),</li>
<li>Datenübertragbarkeit (Art. 20): In Ihrem Profil können Sie alle Daten in einem
maschinenlesbaren Format herunterladen,</li>
<li>Widerspruch gegen Verarbeitungen auf Grundlage berechtigter Interessen (Art. 21).</li>
</ul>
<p>Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77
DSGVO), zum Beispiel bei der Berliner Beauftragten für Datenschutz und
Informationsfreiheit.</p>
"""),
        heading("Kontakt"),
        paragraph(f"""
<p>Für Fragen zum Datenschutz und zur Ausübung Ihrer Rechte schreiben Sie an
<a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>.</p>
"""),
    ],
}

ACCESSIBILITY = {
    "title": "Erklärung zur Barrierefreiheit",
    "slug": "barrierefreiheit",
    "intro": (
        "Die Stiftung SPI ist bemüht, die Qualifizierungsplattform im Einklang mit der "
        "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu "
        "machen."
    ),
    "body": [
        DEMO_NOTICE,
        heading("Stand der Vereinbarkeit mit den Anforderungen"),
        paragraph("""
<p>Die Anforderungen der Barrierefreiheit ergeben sich aus der BITV 2.0, die auf die
Web Content Accessibility Guidelines (WCAG) 2.1 in der Konformitätsstufe AA verweist. Die
Plattform ist mit diesen Anforderungen <b>teilweise vereinbar</b>. Sie nutzt das
Designsystem KERN der öffentlichen Verwaltung, ist vollständig per Tastatur bedienbar und
bietet auf der Startseite Erklärungen in Leichter Sprache.</p>
"""),
        heading("Nicht barrierefreie Inhalte"),
        paragraph("""
<ul>
<li>Einige von Trainer:innen hochgeladene Dokumente (PDF, Präsentationen) sind
möglicherweise nicht vollständig barrierefrei. Auf Anfrage stellen wir eine zugängliche
Fassung bereit.</li>
<li>Eingebundene Videos von Dritten haben nicht immer Untertitel; wo möglich, steht ein
Transkript oder eine Zusammenfassung zur Verfügung.</li>
</ul>
"""),
        heading("Erstellung dieser Erklärung"),
        paragraph("""
<p>Diese Erklärung beruht auf einer Selbstbewertung der Demo-Installation (Beispielangabe).
Sie wird bei wesentlichen Änderungen der Plattform überprüft.</p>
"""),
        heading("Feedback und Kontakt"),
        paragraph(f"""
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder benötigen Sie Inhalte in
einer zugänglichen Form? Dann schreiben Sie uns an
<a href="mailto:{ACCESSIBILITY_EMAIL}">{ACCESSIBILITY_EMAIL}</a>. Wir antworten in der Regel
innerhalb von zwei Wochen.</p>
"""),
        heading("Schlichtungsverfahren"),
        paragraph("""
<p>Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende
Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach § 16 des
Behindertengleichstellungsgesetzes (BGG) wenden. Die Schlichtungsstelle BGG hat die Aufgabe,
bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit Behinderungen und
öffentlichen Stellen des Bundes eine außergerichtliche Streitbeilegung zu unterstützen. Das
Schlichtungsverfahren ist kostenlos, und es muss kein Rechtsbeistand eingeschaltet
werden.</p>
<p>Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der
Bundesregierung für die Belange von Menschen mit Behinderungen<br/>
Mauerstraße 53, 10117 Berlin<br/>
E-Mail: <a href="mailto:info@schlichtungsstelle-bgg.de">info@schlichtungsstelle-bgg.de</a><br/>
Internet: <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a></p>
"""),
    ],
}

# Order under the home page: about page first, legal pages last.
STANDARD_PAGES = [ABOUT, IMPRINT, PRIVACY, ACCESSIBILITY]

TRANSFER_INDEX = {
    "title": "Modelle für den Transfer",
    "slug": "modelle-fuer-den-transfer",
    "intro": """
<p>Praxiswirksame Modelle für den Transfer beschreiben Verfahren, die sich in einer Kommune
bewährt haben und die andere Kommunen übernehmen können: Ausgangslage, Vorgehen, Beteiligte,
Ergebnisse und was es für die Übertragung braucht.</p>
<p><i>Die hier gezeigten Beispiele sind fiktiv, aber realistischen Fällen nachempfunden.</i></p>
""",
}

TRANSFER_MODELS = [
    {
        "title": "Steuerungsgruppe moderiert Konflikt um eine Gemeinschaftsunterkunft",
        "slug": "steuerungsgruppe-gemeinschaftsunterkunft",
        "municipality": "Wendelstedt (fiktives Beispiel)",
        "municipality_type": "Kleinstadt, rund 14.000 Einwohner:innen",
        "summary": (
            "Als der Landkreis eine Gemeinschaftsunterkunft in einem leerstehenden Hotel "
            "plante, eskalierte in der Kleinstadt der Streit. Die Steuerungsgruppe des "
            "Konfliktmanagements organisierte Gesprächsräume, eine verlässliche Information "
            "und einen Runden Tisch, der bis heute besteht."
        ),
        "starting_point": """
<p>Die Nachricht von der geplanten Unterkunft für 120 Geflüchtete verbreitete sich zuerst
über soziale Medien, bevor die Stadt informiert hatte. Innerhalb einer Woche gab es eine
Unterschriftenliste, eine aufgeheizte Stadtratssitzung und Flugblätter einer
rechtsextremen Kleinpartei. Engagierte, die Hilfe anboten, wurden online angefeindet. Nach
Glasl stand der Konflikt zwischen Stufe 3 und 4: Es bildeten sich Lager, und Gerüchte
bestimmten die Debatte.</p>
""",
        "procedure": """
<ol>
<li><b>Schnelle Lageeinschätzung:</b> Die Steuerungsgruppe (Bürgermeisterin, Ordnungsamt,
Sozialamt des Kreises, Kirchengemeinde, Sportverein, Partnerschaft für Demokratie) traf
sich innerhalb von drei Tagen und erstellte eine Akteurslandkarte.</li>
<li><b>Eine Stimme, klare Fakten:</b> Stadt und Kreis veröffentlichten gemeinsam häufige
Fragen mit Antworten und benannten eine Ansprechperson.</li>
<li><b>Dialog in kleinen Runden:</b> Statt einer großen Einwohnerversammlung gab es vier
moderierte Tischgespräche in den Ortsteilen mit je 30 Personen. Eine Ausschlussklausel
schloss bekannte Rechtsextreme aus.</li>
<li><b>Runder Tisch:</b> Nach dem Einzug trafen sich Nachbarschaft, Betreiber,
Ehrenamtliche und Bewohner:innen monatlich; Beschwerden wurden dort gesammelt und
bearbeitet.</li>
</ol>
""",
        "actors": """
<ul>
<li>Steuerungsgruppe mit Verwaltung, Politik und Zivilgesellschaft</li>
<li>Prozessbegleitungs-Tandem als Moderation</li>
<li>Landkreis als Träger der Unterbringung, Betreiber der Unterkunft</li>
<li>Mobile Beratung gegen Rechtsextremismus zur Einschätzung der Mobilisierung</li>
</ul>
""",
        "results": """
<p>Die Stimmung beruhigte sich nach etwa drei Monaten. Die Unterschriftenliste fand keine
Fortsetzung, der Runde Tisch trifft sich inzwischen vierteljährlich. Mehrere Anwohnende,
die zunächst protestiert hatten, engagieren sich heute in einem Patenschaftsprojekt.</p>
""",
        "transferability": """
<p>Übertragbar ist das Vorgehen für Kommunen mit einer arbeitsfähigen Steuerungsgruppe.
Wichtig sind eine abgestimmte Kommunikation von Stadt und Kreis, erfahrene Moderation für
kleine Dialogformate und die Bereitschaft der Verwaltungsspitze, selbst präsent zu
sein.</p>
""",
        "contact": "Servicestelle Kommunales Konfliktmanagement (Beispielkontakt)",
    },
    {
        "title": "Konfliktberatungsstelle in der Kreisverwaltung",
        "slug": "konfliktberatungsstelle-kreisverwaltung",
        "municipality": "Landkreis Oberheide (fiktives Beispiel)",
        "municipality_type": "Landkreis, 24 Gemeinden",
        "summary": (
            "Der Landkreis richtete eine Konfliktberatungsstelle als Stabsstelle beim Landrat "
            "ein. Gemeinden, Vereine und Ämter können sich an sie wenden, wenn Konflikte vor "
            "Ort festgefahren sind."
        ),
        "starting_point": """
<p>Die kleinen Gemeinden des Kreises hatten keine eigenen Ressourcen für Konfliktarbeit.
Bürgermeister:innen im Ehrenamt fühlten sich bei Konflikten um Windkraftanlagen, um
Jugendliche an der Bushaltestelle oder bei Anfeindungen allein gelassen.</p>
""",
        "procedure": """
<ol>
<li>Der Kreistag beschloss die Einrichtung der Stelle mit 1,5 Vollzeitstellen und einem
eigenen Budget für externe Moderation.</li>
<li>Eine Dienstanweisung regelt, wann Fachämter die Stelle einbeziehen.</li>
<li>Die Stelle bietet Erstberatung, Konfliktanalyse, Moderation und die Vermittlung an
Mediation und Mobile Beratung an.</li>
<li>Halbjährlich berichtet sie anonymisiert im Kreisausschuss über Konfliktlagen im
Kreis.</li>
</ol>
""",
        "actors": """
<ul>
<li>Landrat und Kreistag</li>
<li>Konfliktberatungsstelle mit zwei Mitarbeitenden, beide Absolvent:innen der
Qualifizierung</li>
<li>Gemeinden, Fachämter, Vereine und Initiativen als Anfragende</li>
</ul>
""",
        "results": """
<p>Im ersten Jahr gab es 23 Anfragen, davon 9 längere Begleitungen. Die Gemeinden nennen vor
allem die schnelle Erreichbarkeit und den neutralen Ort außerhalb der eigenen Verwaltung
als Gewinn.</p>
""",
        "transferability": """
<p>Für Landkreise mit vielen kleinen Gemeinden geeignet. Voraussetzung sind ein
Kreistagsbeschluss, dauerhafte Stellen und qualifizierte Mitarbeitende.</p>
""",
        "contact": "Servicestelle Kommunales Konfliktmanagement (Beispielkontakt)",
    },
    {
        "title": "Dialogwerkstatt zur Zukunft des Jugendzentrums",
        "slug": "dialogwerkstatt-jugendzentrum",
        "municipality": "Stadt Auental (fiktives Beispiel)",
        "municipality_type": "Mittelstadt, rund 45.000 Einwohner:innen",
        "summary": (
            "Beschwerden über Lärm und Vandalismus drohten zur Schließung eines Jugendzentrums "
            "zu führen. Eine Dialogwerkstatt mit Jugendlichen, Nachbarschaft und Verwaltung "
            "erarbeitete stattdessen eine gemeinsame Nutzungsvereinbarung."
        ),
        "starting_point": """
<p>Nachbar:innen beschwerten sich seit Monaten über Lärm und Müll. Im Stadtrat wurde die
Schließung des Jugendzentrums beantragt, die Jugendlichen fühlten sich pauschal
verdächtigt. Beide Seiten sprachen nur noch übereinander, nicht miteinander.</p>
""",
        "procedure": """
<ol>
<li>Getrennte Vorgespräche mit Jugendlichen, Nachbarschaft, Trägerverein und Ordnungsamt,
geführt mit systemischen Fragen.</li>
<li>Drei moderierte Abende der Dialogwerkstatt mit je zehn Vertreter:innen beider Seiten
und der Verwaltung.</li>
<li>Eine Nutzungsvereinbarung mit Ruhezeiten, Ansprechpersonen und einem
Beschwerdetelefon.</li>
<li>Eine Überprüfung nach sechs Monaten im gleichen Kreis.</li>
</ol>
""",
        "actors": """
<ul>
<li>Jugendliche und Trägerverein des Jugendzentrums</li>
<li>Nachbarschaft</li>
<li>Jugendamt und Ordnungsamt</li>
<li>Lokale Prozessbegleitung als Moderation</li>
</ul>
""",
        "results": """
<p>Der Schließungsantrag wurde zurückgezogen. Die Beschwerden gingen deutlich zurück, und
Jugendliche gestalten seither einmal im Jahr ein Nachbarschaftsfest mit.</p>
""",
        "transferability": """
<p>Das Format eignet sich für Nutzungskonflikte im öffentlichen Raum. Es braucht
Vorgespräche mit allen Seiten, eine Moderation, der beide Seiten vertrauen, und eine
Verwaltung, die Vereinbarungen mitträgt.</p>
""",
        "contact": "Servicestelle Kommunales Konfliktmanagement (Beispielkontakt)",
    },
]
