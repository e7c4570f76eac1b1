"""German."""

from __future__ import annotations

import re

from peoplelens.ai.languages import Language, Phrases, TemplateText, cue, lead

_STOP = (
    "aber alle allem allen aller alles als also am an ander andere anderem anderen anderer "
    "anderes auch auf aus bei bin bis bist da damit dann das dass dem den der des dich die dies "
    "diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines "
    "er es etwas euch für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm "
    "ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist ja jede jedem jeden jeder jedes "
    "jetzt kann kein keine können könnte machen man manche mein meine meinem meinen meiner "
    "mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine "
    "seinem seinen seiner selbst sich sie sind so solche soll sollte sondern sonst über um und "
    "uns unser unsere unter viel vom von vor war waren warst was weil weiter welche wenn wer "
    "werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar "
    "zwischen eigentlich halt mal naja also äh ähm suchen sucht gesucht"
)

LANGUAGE = Language(
    code="de",
    name="Deutsch",
    stemmer="german",
    stop_words=frozenset(_STOP.split()),
    own=cue(r"ich", r"mich", r"mir", r"mein\w*", r"wir", r"uns", r"unser\w*"),
    action=cue(
        r"(?:ich|wir) (?:habe|haben|hab) (?:\w+ ){0,6}(?:ge\w{3,}(?:t|en)|\w+iert)",
        r"habe ich (?:\w+ ){0,6}(?:ge\w{3,}(?:t|en)|\w+iert)",
        r"(?:ich|wir) (?:bin|sind) (?:\w+ ){0,4}(?:gegangen|gefahren|eingesprungen|geblieben)",
        r"(?:ich|wir) (?:würde|werde|würden|werden) (?:\w+ ){0,6}\w{4,}(?:en|ern|eln)",
        r"(?:dann|danach|zuerst|anschließend|sofort) (?:habe|hab|würde|werde|bin) ich",
        r"ich (?!bin\b|war\b|habe\b|hab\b|finde\b|glaube\b|denke\b|meine\b|mag\b|liebe\b|"
        r"weiß\b|kann\b|würde\b|werde\b|will\b|möchte\b|versuche\b|mache\b|muss\b)\w{3,}te\b",
        r"mein erster schritt",
    ),
    situation=cue(
        r"im letzten (?:jahr|monat|herbst|winter|sommer|frühjahr|quartal)",
        r"letzten (?:herbst|winter|sommer|frühling)",
        r"in meinem (?:letzten|vorherigen|alten|jetzigen|aktuellen|ersten) "
        r"(?:job|betrieb|team|lager|unternehmen|haus)",
        r"in meiner (?:jetzigen|ersten) (?:stelle|firma|station|abteilung)",
        r"(?:im|letzten) (?:januar|februar|märz|april|mai|juni|juli|august|september|"
        r"oktober|november|dezember)",
        r"(?:ist|war) mir (?:\w+ )?(?:passiert|untergekommen)",
        r"mir fällt (?:eine|ein|einer)",
        r"(?:so |genau )?(?:eine|so) situation hatte ich",
        r"bei uns (?:lief|war|hatten)",
        r"letzte[nms]? (?:jahr|monat|woche|quartal|sommer|winter)",
        r"einmal",
        r"vor \w+ "
        r"(?:jahren|monaten|wochen)",
        r"in meiner (?:letzten|vorherigen|aktuellen|alten) "
        r"(?:stelle|firma|station|abteilung|position)",
        r"bei meinem (?:letzten|vorherigen|"
        r"alten|aktuellen) (?:arbeitgeber|job|team)",
        r"als ich",
        r"zum beispiel",
        r"z\.\s?b\.",
        r"es gab (?:einen|eine|ein)",
        r"wir hatten (?:einen|eine|ein)",
        r"ich hatte (?:einen|"
        r"eine|ein)",
        r"im jahr 20\d\d",
        r"20\d\d",
        r"(?:ein|eine|einen) (?:kunde|kundin|kunden|"
        r"patient|patientin|kollege|kollegin|fahrer|lieferant|gast)",
        r"in der nachtschicht",
        r"in einer schicht",
        r"während (?:einer|eines|meiner)",
        r"neulich",
        r"kürzlich",
    ),
    reasoning=cue(
        r"weil",
        r"da ",
        r"damit",
        r"deshalb",
        r"deswegen",
        r"daher",
        r"sodass",
        r"so dass",
        r"um (?:\w+ ){0,4}zu",
        r"statt",
        r"anstatt",
        r"sonst",
        r"der grund",
        r"das risiko",
        r"es stellte sich heraus",
        r"lag (?:daran|an)",
        r"ursache",
        r"abwägung",
        r"denn",
    ),
    result=cue(
        r"beschwert",
        r"geschafft",
        r"gesenkt",
        r"gestiegen",
        r"ausgemacht",
        r"ergebnis",
        r"am ende",
        r"schließlich",
        r"dadurch",
        r"seitdem",
        r"gesunken",
        r"gestiegen",
        r"reduziert",
        r"verbessert",
        r"gespart",
        r"halbiert",
        r"verdoppelt",
        r"gelöst",
        r"behoben",
        r"erfolgreich",
        r"gelernt",
        r"zufrieden",
        r"bedankt",
        r"pünktlich",
        r"keine (?:fehler|"
        r"beschwerden|ausfälle|stürze)",
        r"von \d+ auf \d+",
        r"nie wieder",
        r"unterschrieben",
        r"verlängert",
        r"bestanden",
        r"gelungen",
        r"hat (?:funktioniert|geklappt)",
    ),
    hedge=cue(
        r"ich glaube",
        r"ich denke",
        r"vielleicht",
        r"wahrscheinlich",
        r"eventuell",
        r"kommt "
        r"(?:drauf|darauf) an",
        r"ich weiß nicht genau",
        r"irgendwie",
        r"eigentlich",
        r"halt",
        r"normalerweise",
        r"meistens",
        r"im allgemeinen",
        r"grundsätzlich",
        r"ich versuche",
        r"ich würde einfach",
        r"einfach mal",
        r"mal schauen",
        r"und so weiter",
        r"usw",
        r"oder so",
        r"sowas",
    ),
    deflect=cue(
        r"(?:mein|meine|unser|unsere|der|die) (?:chef|chefin|vorgesetzte[r]?|teamleiter(?:in)?|"
        r"stationsleitung|schichtleiter(?:in)?|kollegen?) (?:hat|haben|macht|machen|kümmert|"
        r"kümmern|regelt|regeln|entscheidet)",
        r"nicht (?:meine|mein) (?:aufgabe|job|bereich)",
        r"jemand anderes?",
        r"ein anderes team",
        r"damit hatte ich nichts zu tun",
    ),
    claim=cue(
        r"(?:sehr|äußerst|extrem) (?:erfahren|kompetent|versiert)",
        r"umfangreiche "
        r"(?:erfahrung|kenntnisse)",
        r"fundierte (?:kenntnisse|erfahrung)",
        r"tiefes "
        r"(?:verständnis|wissen)",
        r"experte für",
        r"expertin für",
        r"leidenschaft für",
        r"best practices?",
        r"bewährte (?:verfahren|methoden)",
        r"ganzheitlich",
        r"proaktiv",
        r"ich achte immer",
        r"ich stelle immer sicher",
        r"ich habe viel erfahrung",
        r"ich kenne mich (?:sehr )?gut aus",
        r"teamplayer",
        r"lösungsorientiert",
        r"synergie\w*",
        r"end-to-end",
        r"ich beherrsche",
        r"souverän",
    ),
    refusal=cue(
        r"keine ahnung",
        r"weiß ich nicht",
        r"ich weiß (?:es )?nicht",
        r"überspringen",
        r"nächste frage",
        r"lieber nicht",
        r"dazu möchte ich nichts sagen",
        r"fällt mir nichts "
        r"ein",
        r"kann ich nicht sagen",
        r"ich bin (?:mir )?nicht sicher",
        r"nicht sicher",
        r"passe",
        r"hmm+",
        r"ähm?",
        r"tut mir leid",
    ),
    negation=cue(
        r"nie",
        r"niemals",
        r"nicht nötig",
        r"nicht notwendig",
        r"nicht wichtig",
        r"unnötig",
        r"zeitverschwendung",
        r"überflüssig",
        r"ignorieren",
        r"weglassen",
        r"brauche? (?:man )?"
        r"nicht",
        r"je mehr,? desto besser",
        r"ohne (?:jede|eine)",
    ),
    phrases=Phrases(
        ack=("Danke, dass Sie das erzählen.", "Vielen Dank.", "Verstanden."),
        too_short="Könnten Sie etwas mehr dazu sagen? Ein konkretes Beispiel aus Ihrer eigenen "
        "Arbeit würde mir helfen.",
        example="Können Sie mir ein konkretes Beispiel nennen – eine Situation, in der Sie "
        "selbst waren?",
        own_action="Was haben Sie in dieser Situation selbst getan?",
        result="Was war das Ergebnis?",
        reasoning="Warum haben Sie sich für dieses Vorgehen entschieden?",
        point="Was würden Sie dort noch tun oder prüfen – und warum?",
        steer="Lassen Sie uns zur Frage zurückkommen: {question}",
        greeting="{hello}, ich bin {name} und führe Ihr erstes Gespräch{for_job}. Ich stelle "
        "Ihnen einige Fragen; antworten Sie in Ihren eigenen Worten, wie Sie es einem Menschen "
        "gegenüber tun würden. Lassen Sie sich Zeit.",
        hello=("Hallo", "Hallo {first_name}"),
        for_job=" für die Stelle {job}",
        closing="Vielen Dank – das war die letzte Frage. Das Team meldet sich bei Ihnen.",
    ),
    template=TemplateText(
        skill_question={
            "language": "Erzählen Sie von einem {skill}-System, das Sie gebaut oder betreut "
            "haben: Was hat es getan, was war am schwierigsten, und wie haben Sie es gelöst?",
            "platform": "Wie haben Sie {skill} im Produktivbetrieb eingesetzt? Erzählen Sie, "
            "wie Sie es ausgerollt, überwacht und Fehler gesucht haben.",
            "data": "Erzählen Sie von einer Situation, in der {skill} unter Last schnell oder "
            "zuverlässig werden musste. Was haben Sie gemessen und was geändert?",
            "practice": "Geben Sie ein Beispiel, wie Sie {skill} in Ihrer letzten Arbeit "
            "angewendet haben, und was dabei herauskam.",
        },
        skill_intent="Praktische Erfahrung mit {skill} und Problemlösung.",
        skill_expected="Ein konkretes {skill}-Beispiel mit der eigenen Rolle; nennt {concepts};"
        " erklärt Abwägungen und ein messbares Ergebnis.",
        phrase=(
            "Zu dieser Stelle gehört {phrase}. Erzählen Sie von Ihrer Erfahrung damit und "
            "einem Ergebnis, auf das Sie stolz sind.",
            "Praktische Erfahrung mit {phrase}.",
            "Ein konkretes Beispiel zu {phrase}: eigenes Handeln, Entscheidungen und ein "
            "messbares Ergebnis.",
        ),
        conflict=(
            "Erzählen Sie von einer Situation, in der Sie mit einer Kollegin oder einem "
            "Kollegen bei einer wichtigen Entscheidung uneins waren. Was ist passiert und was "
            "haben Sie getan?",
            "Zusammenarbeit und konstruktiver Umgang mit Konflikten.",
            "Eine konkrete Situation; hat die andere Sicht angehört; mit Daten oder Versuchen "
            "entschieden; offen kommuniziert; ein klares Ergebnis und was daraus gelernt wurde.",
        ),
        incident=(
            "Stellen Sie sich vor, in Ihrer ersten Woche fällt etwas Wichtiges in {main} aus. "
            "Wie gehen Sie in den ersten Stunden vor?",
            "Urteilsvermögen unter Druck, Prioritäten und Kommunikation.",
            "Auswirkung einschätzen, Beteiligte informieren, Daten sammeln, zuerst eindämmen "
            "oder zurückrollen, dann die Ursache finden und nachbereiten.",
        ),
        motivation=(
            "Was reizt Sie an dieser Stelle als {title}, und was möchten Sie dabei lernen?",
            "Motivation und Passung zur Stelle.",
            "Konkrete Gründe, die zur Stelle und zum Team passen, realistische Erwartungen und "
            "konkrete Lernziele.",
        ),
        resume_skill=(
            "In Ihrem Lebenslauf steht {skill}. Erzählen Sie von einer Arbeit aus letzter Zeit, "
            "bei der Sie es eingesetzt haben: Worum ging es, was haben Sie selbst getan, und "
            "was kam dabei heraus?",
            "Prüft die im Lebenslauf genannte Erfahrung mit {skill} an einem konkreten Beispiel.",
            "Ein bestimmtes Projekt oder eine Aufgabe mit {skill}, der eigene Anteil, die "
            "Gründe für die Entscheidungen und ein Ergebnis. {concepts}",
        ),
        resume_role=(
            "Ihr Lebenslauf nennt {role}. Welches war das schwierigste Problem, das Sie dort "
            "gelöst haben, und wie sind Sie vorgegangen?",
            "Prüft die jüngste im Lebenslauf genannte Erfahrung.",
            "Ein echtes Problem aus dieser Tätigkeit, das eigene Vorgehen Schritt für Schritt, "
            "die Gründe und das Ergebnis.",
        ),
        this_work="diesem Bereich",
        open_role="Offene Stelle",
        specialist="{skill}-Spezialist/in",
    ),
    unit=re.compile(
        r"\d+(?:[.,]\d+)?\s?(?:%|prozent|minuten?|stunden?|tagen?|tage|wochen?|monaten?|jahren?"
        r"|sekunden?|euro|€|kunden|patienten|anrufe|paletten|aufträge|mitarbeiter)|€\s?\d",
        re.IGNORECASE,
    ),
    result_point=cue(
        r"ergebnis\w*", r"messbar\w*", r"wirkung", r"kennzahl\w*", r"gelernt\w*", r"lern\w*"
    ),
    example_point=cue(r"konkret\w*", r"beispiel\w*", r"situation\w*"),
    point_lead=lead(
        "nennt",
        "beschreibt",
        "erklärt",
        "erwähnt",
        "zeigt",
        "schildert",
        "begründet",
        "idealerweise",
    ),
    question_lead=cue(
        r"erzählen sie (?:mir )?(?:von )?(?:einer situation,? (?:in der|als) (?:sie )?)?",
        r"beschreiben sie (?:eine situation,? in der (?:sie )?)?",
        r"wie (?:würden|gehen|haben)"
        r" sie",
        r"was (?:würden|tun|machen) sie,? wenn",
        r"was prüfen sie",
        r"schildern sie",
        r"geben sie ein beispiel",
    ),
)
