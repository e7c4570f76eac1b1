"""French."""

from __future__ import annotations

import re

from peoplelens.ai.languages import Language, Phrases, TemplateText, cue, lead

_STOP = (
    "au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me "
    "même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te "
    "tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant suis es "
    "est sommes êtes sont serai sera serons seront serais serait étais était étions étaient "
    "fus fut ai as avons avez ont aurai aura aurais aurait avais avait avions avaient eu eue "
    "eues eus ceci cela ça cet cette ici ils leurs quel quels quelle quelles sans soi très "
    "tout tous toute toutes bien alors donc voilà bon ben euh genre truc trucs chose choses"
)

LANGUAGE = Language(
    code="fr",
    name="Français",
    stemmer="french",
    stop_words=frozenset(_STOP.split()),
    own=cue(
        r"je",
        r"j'",
        r"j’",
        r"moi",
        r"me",
        r"m'",
        r"mon",
        r"ma",
        r"mes",
        r"nous",
        r"on",
        r"notre",
        r"nos",
    ),
    action=cue(
        r"(?:j'|j’)ai (?:\w+ ){0,3}\w{3,}(?:é|i|is|it|u|ert|ait)",
        r"(?:nous avons|on a) (?:\w+ ){0,3}\w{3,}(?:é|i|is|it|u)",
        r"je (?:suis|me suis) (?:\w+ ){0,2}\w{3,}(?:é|ée|i|u|us)",
        r"je (?:\w+ )?(?:vais|vérifierais|appellerais|commencerais|demanderais|proposerais|"
        r"prendrais|ferais|mettrais|irais|regarderais|contacterais|expliquerais|noterais|\w+erais"
        r"|\w+irais)",
        r"(?:d'abord|ensuite|puis|après),? (?:j'|j’|je|nous|on)",
        r"ma première étape",
    ),
    situation=cue(
        r"l'an dernier",
        r"l’an dernier",
        r"(?:ça|cela) m'est arrivé",
        r"j'ai vécu",
        r"j'ai eu le cas",
        r"chez mon employeur",
        r"dans mon poste (?:actuel|précédent)",
        r"c'est arrivé",
        r"je pense à (?:un|une)",
        r"quand j'ai (?:repris|commencé|pris)",
        r"l'année dernière",
        r"l’année dernière",
        r"le mois dernier",
        r"la semaine dernière",
        r"une fois",
        r"il y a \w+ (?:ans|mois|semaines)",
        r"dans mon (?:ancien|dernier|"
        r"précédent|poste) ?\w*",
        r"chez mon (?:ancien|dernier|précédent) employeur",
        r"quand j'étais",
        r"quand j’étais",
        r"lorsque",
        r"par exemple",
        r"il y avait",
        r"nous avions (?:un|une)",
        r"j'avais (?:un|une)",
        r"en 20\d\d",
        r"(?:un|une) "
        r"(?:client|cliente|patient|patiente|collègue|élève|parent|fournisseur|chauffeur)",
        r"pendant (?:un|une|mon|ma)",
        r"récemment",
    ),
    reasoning=cue(
        r"parce que",
        r"parce qu'",
        r"car",
        r"puisque",
        r"pour que",
        r"afin de",
        r"afin que",
        r"au lieu de",
        r"plutôt que",
        r"sinon",
        r"la raison",
        r"le risque",
        r"c'est pourquoi",
        r"donc j'",
        r"donc je",
        r"ce qui voulait dire",
        r"en fait c'était",
        r"à cause de",
        r"je me suis rendu compte",
        r"j'ai compris",
    ),
    result=cue(
        r"gardé le client",
        r"on est descendus?",
        r"depuis",
        r"bloqué",
        r"résultat",
        r"au final",
        r"finalement",
        r"à la fin",
        r"depuis",
        r"baissé",
        r"augmenté",
        r"réduit",
        r"amélioré",
        r"économisé",
        r"divisé par",
        r"doublé",
        r"résolu",
        r"réglé",
        r"corrigé",
        r"réussi",
        r"appris",
        r"satisfait",
        r"remercié",
        r"à temps",
        r"plus "
        r"(?:aucun|jamais)",
        r"passé de \d+ à \d+",
        r"de \d+ à \d+",
        r"signé",
        r"renouvelé",
        r"ça a marché",
        r"ça a fonctionné",
    ),
    hedge=cue(
        r"je pense",
        r"je crois",
        r"peut-être",
        r"probablement",
        r"ça dépend",
        r"cela dépend",
        r"je ne sais pas trop",
        r"en général",
        r"généralement",
        r"normalement",
        r"d'habitude",
        r"j'essaie",
        r"j’essaie",
        r"j'essaierais",
        r"je ferais juste",
        r"un peu",
        r"etc",
        r"des trucs",
        r"on verra",
        r"genre",
        r"bof",
    ),
    deflect=cue(
        r"(?:mon|ma|notre|le|la) (?:chef|responsable|manager|supérieur|supérieure|collègue) "
        r"(?:s'en occupe|s'en occupait|gère|gérait|décide|décidait)",
        r"ce n'est pas mon "
        r"(?:travail|rôle|boulot)",
        r"quelqu'un d'autre",
        r"une autre équipe",
    ),
    claim=cue(
        r"(?:très|extrêmement) (?:expérimenté|expérimentée|compétent|compétente)",
        r"grande expérience",
        r"solide expérience",
        r"solides connaissances",
        r"expert en",
        r"experte en",
        r"passionné(?:e)? par",
        r"bonnes pratiques",
        r"maîtrise parfaitement",
        r"je maîtrise",
        r"rigoureux",
        r"rigoureuse",
        r"proactif",
        r"proactive",
        r"holistique",
        r"je veille toujours",
        r"je m'assure toujours",
        r"j'ai beaucoup d'expérience",
        r"esprit d'équipe",
        r"orienté(?:e)? (?:résultats|client)",
        r"synergie\w*",
    ),
    refusal=cue(
        r"je ne sais pas",
        r"je sais pas",
        r"aucune idée",
        r"on peut passer",
        r"passer",
        r"question suivante",
        r"je préfère ne pas",
        r"je n'ai rien",
        r"rien ne me vient",
        r"je ne vois pas",
        r"je ne suis pas sûr(?:e)?",
        r"pas sûr(?:e)?",
        r"hmm+",
        r"euh+",
        r"désolé(?:e)?",
    ),
    negation=cue(
        r"jamais",
        r"pas besoin",
        r"inutile",
        r"pas nécessaire",
        r"pas important",
        r"perte de "
        r"temps",
        r"ignorer",
        r"sauter",
        r"plus il y en a,? mieux c'est",
        r"sans (?:aucun|aucune)",
    ),
    phrases=Phrases(
        ack=("Merci de me raconter cela.", "Merci.", "Entendu."),
        too_short="Pourriez-vous en dire un peu plus ? Un exemple concret de votre propre "
        "travail m'aiderait.",
        example="Pouvez-vous me donner un exemple précis – une situation que vous avez vécue ?",
        own_action="Qu'avez-vous fait vous-même, dans cette situation ?",
        result="Quel a été le résultat ?",
        reasoning="Pourquoi avez-vous choisi cette approche ?",
        point="Que feriez-vous ou vérifieriez-vous encore à ce moment-là, et pourquoi ?",
        steer="Revenons à la question : {question}",
        greeting="{hello}, je suis {name} et je mène votre premier entretien{for_job}. Je vais "
        "vous poser quelques questions ; répondez avec vos propres mots, comme vous le feriez "
        "avec une personne. Prenez votre temps.",
        hello=("Bonjour", "Bonjour {first_name}"),
        for_job=" pour le poste {job}",
        closing="Merci – c'était la dernière question. L'équipe de recrutement vous recontactera.",
    ),
    template=TemplateText(
        skill_question={
            "language": "Parlez-moi d'un système {skill} que vous avez construit ou maintenu : "
            "que faisait-il, quelle a été la partie la plus difficile et comment l'avez-vous "
            "résolue ?",
            "platform": "Comment avez-vous utilisé {skill} en production ? Racontez comment "
            "vous l'avez déployé, surveillé et dépanné.",
            "data": "Parlez-moi d'une fois où {skill} devait devenir rapide ou fiable sous "
            "charge. Qu'avez-vous mesuré et qu'avez-vous changé ?",
            "practice": "Donnez un exemple de la façon dont vous avez appliqué {skill} dans "
            "votre travail récent, et du résultat.",
        },
        skill_intent="Expérience pratique de {skill} et résolution de problèmes.",
        skill_expected="Un exemple concret avec {skill} et son propre rôle ; cite {concepts} ;"
        " explique les compromis et un résultat mesurable.",
        phrase=(
            "Ce poste comprend {phrase}. Parlez-moi de votre expérience et d'un résultat dont "
            "vous êtes fier ou fière.",
            "Expérience pratique de {phrase}.",
            "Un exemple concret autour de {phrase} : actions personnelles, décisions et "
            "résultat mesurable.",
        ),
        conflict=(
            "Parlez-moi d'une fois où vous n'étiez pas d'accord avec un ou une collègue sur une "
            "décision importante. Que s'est-il passé et qu'avez-vous fait ?",
            "Collaboration et gestion constructive des désaccords.",
            "Une situation précise ; a écouté l'autre point de vue ; a décidé avec des données "
            "ou un essai ; a communiqué ouvertement ; un résultat clair et ce qu'il en a appris.",
        ),
        incident=(
            "Imaginez que pendant votre première semaine, quelque chose d'important dans "
            "{main} tombe en panne. Comment gérez-vous les premières heures ?",
            "Jugement sous pression, priorités et communication.",
            "Évaluer l'impact, prévenir les personnes concernées, recueillir les faits, limiter "
            "les dégâts ou revenir en arrière d'abord, puis trouver la cause et faire un bilan.",
        ),
        motivation=(
            "Qu'est-ce qui vous attire dans ce poste de {title}, et qu'aimeriez-vous y apprendre ?",
            "Motivation et adéquation avec le poste.",
            "Des raisons précises liées au poste et à l'équipe, des attentes réalistes et des "
            "objectifs d'apprentissage concrets.",
        ),
        resume_skill=(
            "Votre CV mentionne {skill}. Parlez-moi d'un travail récent où vous l'avez utilisé : "
            "quelle était la situation, qu'avez-vous fait vous-même, et quel en a été le "
            "résultat ?",
            "Vérifie par un exemple concret l'expérience de {skill} indiquée dans le CV.",
            "Un projet ou une tâche précise avec {skill}, la part personnelle du candidat, les "
            "raisons de ses choix et un résultat. {concepts}",
        ),
        resume_role=(
            "Votre CV mentionne {role}. Quel a été le problème le plus difficile que vous y avez "
            "résolu, et comment vous y êtes-vous pris ?",
            "Vérifie l'expérience la plus récente indiquée dans le CV.",
            "Un vrai problème de ce poste, ce que le candidat a fait étape par étape, pourquoi, "
            "et comment cela s'est terminé.",
        ),
        this_work="ce domaine",
        open_role="Poste ouvert",
        specialist="Spécialiste {skill}",
    ),
    unit=re.compile(
        r"\d+(?:[.,]\d+)?\s?(?:%|pour ?cent|minutes?|heures?|jours?|semaines?|mois"
        r"|ans|secondes?|euros?|€|clients|patients|appels|factures|élèves)|€\s?\d",
        re.IGNORECASE,
    ),
    result_point=cue(r"résultats?", r"mesurable\w*", r"impact", r"appris", r"leçons?", r"bilan"),
    example_point=cue(r"concr[eè]t\w*", r"précis\w*", r"exemples?", r"situations?"),
    point_lead=lead("décrit", "explique", "mentionne", "cite", "montre", "évoque", "idéalement"),
    question_lead=cue(
        r"parlez-moi (?:d'une fois où (?:vous )?|d’une fois où (?:vous )?|de )?",
        r"décrivez (?:une situation où (?:vous )?)?",
        r"comment (?:feriez|géreriez|avez|"
        r"faites)-vous",
        r"que feriez-vous (?:si)?",
        r"racontez-moi",
        r"donnez(?:-moi)? un exemple",
    ),
)
