"""Spanish. Subjects are often dropped, so own actions are also read from first-person
verb endings (revisé, llamé, decidí; revisaría)."""

from __future__ import annotations

import re

from peoplelens.ai.languages import Language, Phrases, TemplateText, cue, lead

_STOP = (
    "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el "
    "ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estamos "
    "estar estas este esto estos estoy fue fueron fui ha había habían han hasta hay la las le "
    "les lo los mas me mi mis mucho muy más nada ni no nos nosotros o os otra otro para pero "
    "poco por porque que quien qué se sea ser si sido sin sobre son soy su sus también tanto "
    "te tengo ti tiene todo todos tu tus un una uno unos y ya yo él pues bueno vale este eh "
    "cosa cosas tipo"
)

LANGUAGE = Language(
    code="es",
    name="Español",
    stemmer="spanish",
    stop_words=frozenset(_STOP.split()),
    own=cue(
        r"yo",
        r"me",
        r"mi",
        r"mis",
        r"nosotros",
        r"nosotras",
        r"nuestro\w*",
        r"\w{3,}(?:é|í)",
        r"\w{3,}amos",
    ),
    action=cue(
        r"(?!qué\b|fue\b|sé\b|esté\b|café\b|también\b|aquí\b|así\b|allí\b|ahí\b|sí\b|mí\b)"
        r"\w{2,}(?:é|í)",
        r"\w{3,}(?:aría|ería|iría)",
        r"(?:voy|vamos) a \w{3,}(?:ar|er|ir)",
        r"(?:primero|luego|después|entonces),? (?:\w+ )?\w{3,}(?:é|í|aría|ería|iría)",
        r"(?:he|hemos) \w{3,}(?:ado|ido)",
        r"mi primer paso",
    ),
    situation=cue(
        r"me pasó",
        r"en un turno",
        r"una (?:tarde|mañana|noche|vez)",
        r"en mi (?:anterior|última|antigua|actual) empresa",
        r"trabajaba en",
        r"el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)",
        r"un (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)",
        r"el año pasado",
        r"el mes pasado",
        r"la semana pasada",
        r"una vez",
        r"hace \w+ "
        r"(?:años|meses|semanas)",
        r"en mi (?:anterior|último|antiguo|actual) (?:trabajo|puesto|"
        r"empleo|equipo)",
        r"cuando (?:yo )?(?:trabajaba|estaba)",
        r"por ejemplo",
        r"había "
        r"(?:un|una)",
        r"tuve (?:un|una)",
        r"teníamos (?:un|una)",
        r"en 20\d\d",
        r"(?:un|una) "
        r"(?:cliente|clienta|paciente|compañero|compañera|alumno|proveedor|conductor)",
        r"durante (?:un|una|mi)",
        r"recientemente",
        r"un turno",
    ),
    reasoning=cue(
        r"porque",
        r"ya que",
        r"para que",
        r"para no",
        r"para asegurar\w*",
        r"en vez de",
        r"en lugar de",
        r"si no",
        r"la razón",
        r"el riesgo",
        r"por eso",
        r"así que",
        r"lo que significaba",
        r"resultó que",
        r"me di cuenta",
        r"debido a",
        r"la causa",
    ),
    result=cue(
        r"bajar\w*",
        r"disculpas",
        r"desde entonces",
        r"resultado",
        r"al final",
        r"finalmente",
        r"desde entonces",
        r"bajó",
        r"bajaron",
        r"subió",
        r"subieron",
        r"reduj\w+",
        r"mejor\w+",
        r"ahorr\w+",
        r"la mitad",
        r"duplic\w+",
        r"resolv\w+",
        r"resuelto",
        r"solucion\w+",
        r"aprendí",
        r"satisfech\w+",
        r"agradeci\w+",
        r"a tiempo",
        r"ni una (?:queja|caída|incidencia)",
        r"de \d+ a \d+",
        r"firm\w+",
        r"renov\w+",
        r"funcionó",
        r"logr\w+",
        r"consegu\w+",
    ),
    hedge=cue(
        r"creo que",
        r"pienso que",
        r"quizás?",
        r"tal vez",
        r"probablemente",
        r"depende",
        r"no estoy seguro",
        r"no estoy segura",
        r"en general",
        r"normalmente",
        r"por lo general",
        r"intento",
        r"intentaría",
        r"simplemente",
        r"más o menos",
        r"etcétera",
        r"etc",
        r"cosas así",
        r"ya veremos",
        r"supongo",
    ),
    deflect=cue(
        r"(?:mi|el|la|nuestro|nuestra) (?:jefe|jefa|supervisor|supervisora|encargado|encargada|"
        r"responsable|compañero|compañera) (?:se encarga|se encargaba|lo hace|lo hacía|decide|"
        r"decidía)",
        r"no es mi (?:trabajo|función|responsabilidad)",
        r"otra persona",
        r"otro equipo",
        r"alguien más",
    ),
    claim=cue(
        r"(?:muy|altamente|sumamente) (?:experimentad[oa]|competente|cualificad[oa])",
        r"amplia experiencia",
        r"sólida experiencia",
        r"sólidos conocimientos",
        r"experto en",
        r"experta en",
        r"apasionad[oa] por",
        r"buenas prácticas",
        r"mejores prácticas",
        r"domino",
        r"proactiv[oa]",
        r"holístic[oa]",
        r"siempre me aseguro",
        r"siempre garantizo",
        r"tengo mucha experiencia",
        r"trabajo en equipo",
        r"orientad[oa] a resultados",
        r"sinergia\w*",
    ),
    refusal=cue(
        r"no sé",
        r"no lo sé",
        r"ni idea",
        r"podemos pasar",
        r"pasar a la siguiente",
        r"siguiente pregunta",
        r"prefiero no",
        r"no se me ocurre",
        r"no tengo nada",
        r"no estoy segur[oa]",
        r"mmm+",
        r"eh+",
        r"lo siento",
        r"perdón",
    ),
    negation=cue(
        r"nunca",
        r"jamás",
        r"no hace falta",
        r"innecesari[oa]",
        r"no es necesario",
        r"no es importante",
        r"pérdida de tiempo",
        r"ignorar",
        r"saltar\w*",
        r"cuant[oa]s más,? "
        r"mejor",
        r"sin ningún",
        r"sin ninguna",
        r"casi lo mismo",
    ),
    phrases=Phrases(
        ack=("Gracias por contarlo.", "Gracias.", "Entendido."),
        too_short="¿Podría contarme un poco más? Un ejemplo concreto de su propio trabajo me "
        "ayudaría.",
        example="¿Puede darme un ejemplo concreto, una situación que vivió usted?",
        own_action="¿Qué hizo usted personalmente en esa situación?",
        result="¿Cuál fue el resultado?",
        reasoning="¿Por qué eligió ese enfoque?",
        point="¿Qué más haría o comprobaría ahí, y por qué?",
        steer="Volvamos a la pregunta: {question}",
        greeting="{hello}, soy {name} y voy a realizar su primera entrevista{for_job}. Le haré "
        "algunas preguntas; responda con sus propias palabras, como lo haría con una persona. "
        "Tómese su tiempo.",
        hello=("Hola", "Hola {first_name}"),
        for_job=" para el puesto de {job}",
        closing="Gracias, esa fue la última pregunta. El equipo de selección se pondrá en "
        "contacto con usted.",
    ),
    template=TemplateText(
        skill_question={
            "language": "Cuénteme sobre un sistema de {skill} que haya construido o mantenido: "
            "¿qué hacía, qué fue lo más difícil y cómo lo resolvió?",
            "platform": "¿Cómo ha usado {skill} en producción? Cuénteme cómo lo desplegó, lo "
            "supervisó y resolvió sus fallos.",
            "data": "Cuénteme una vez en que {skill} tenía que ser rápido o fiable con mucha "
            "carga. ¿Qué midió y qué cambió?",
            "practice": "Deme un ejemplo de cómo aplicó {skill} en su trabajo reciente y cuál "
            "fue el resultado.",
        },
        skill_intent="Experiencia práctica con {skill} y resolución de problemas.",
        skill_expected="Un ejemplo concreto de {skill} con su propio papel; menciona "
        "{concepts}; explica los compromisos y un resultado medible.",
        phrase=(
            "Este puesto incluye {phrase}. Cuénteme su experiencia y un resultado del que esté "
            "orgulloso u orgullosa.",
            "Experiencia práctica con {phrase}.",
            "Un ejemplo concreto sobre {phrase}: acciones propias, decisiones y un resultado "
            "medible.",
        ),
        conflict=(
            "Cuénteme una vez en que no estuvo de acuerdo con un compañero o compañera sobre "
            "una decisión importante. ¿Qué pasó y qué hizo usted?",
            "Colaboración y manejo constructivo de conflictos.",
            "Una situación concreta; escuchó la otra opinión; decidió con datos o una prueba; "
            "comunicó abiertamente; un resultado claro y lo que aprendió.",
        ),
        incident=(
            "Imagine que en su primera semana algo importante de {main} deja de funcionar. "
            "¿Cómo actuaría en las primeras horas?",
            "Criterio bajo presión, prioridades y comunicación.",
            "Valorar el impacto, avisar a los afectados, reunir datos, contener o volver atrás "
            "primero, y después encontrar la causa y revisar lo ocurrido.",
        ),
        motivation=(
            "¿Qué le atrae de este puesto de {title} y qué le gustaría aprender en él?",
            "Motivación y encaje con el puesto.",
            "Razones concretas ligadas al puesto y al equipo, expectativas realistas y metas "
            "de aprendizaje concretas.",
        ),
        resume_skill=(
            "Su currículum menciona {skill}. Hábleme de un trabajo reciente en el que lo usó: "
            "¿cuál era la situación, qué hizo usted mismo y cuál fue el resultado?",
            "Comprueba con un ejemplo concreto la experiencia en {skill} que indica el currículum.",
            "Un proyecto o tarea concreta con {skill}, la parte propia del candidato, las razones "
            "de sus decisiones y un resultado. {concepts}",
        ),
        resume_role=(
            "Su currículum menciona {role}. ¿Cuál fue el problema más difícil que resolvió allí "
            "y cómo lo abordó?",
            "Comprueba la experiencia más reciente que indica el currículum.",
            "Un problema real de ese puesto, lo que hizo el candidato paso a paso, por qué y "
            "cómo terminó.",
        ),
        this_work="este ámbito",
        open_role="Puesto abierto",
        specialist="Especialista en {skill}",
    ),
    unit=re.compile(
        r"\d+(?:[.,]\d+)?\s?(?:%|por ?ciento|minutos?|horas?|días?|semanas?|meses"
        r"|años|segundos?|euros?|€|clientes|pacientes|llamadas|pedidos)|€\s?\d",
        re.IGNORECASE,
    ),
    result_point=cue(r"resultados?", r"medible\w*", r"impacto", r"aprend\w*", r"lecci\w+"),
    example_point=cue(r"concret\w*", r"específic\w*", r"ejemplos?", r"situaci\w+"),
    point_lead=lead("describe", "explica", "menciona", "cita", "muestra", "idealmente"),
    question_lead=cue(
        r"cuénteme (?:una vez (?:en )?que|sobre|de)?",
        r"describa (?:una situación en (?:la )?"
        r"que)?",
        r"¿?cómo (?:haría|manejaría|ha|abordaría)",
        r"¿?qué haría (?:si)?",
        r"hábleme (?:de|sobre)",
        r"deme un ejemplo",
    ),
)
