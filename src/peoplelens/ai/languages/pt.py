"""Portuguese (Brazilian and European). Subjects are often dropped, so own actions are also
read from first-person verb endings (liguei, conversei, decidi; faria)."""

from __future__ import annotations

import re

from peoplelens.ai.languages import Language, Phrases, TemplateText, cue, lead

_STOP = (
    "a à ao aos as às até com como da das de dela dele deles depois do dos e ela elas ele eles "
    "em entre era eram essa essas esse esses esta estas este estes eu foi foram há isso isto já "
    "lhe lhes mais mas me mesmo meu meus minha minhas muito na nas nem no nos nós num numa o os "
    "ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus só sua suas "
    "também te tem tinha um uma você vocês é está estão estava sou tô né aí então tipo coisa "
    "coisas bom enfim"
)

LANGUAGE = Language(
    code="pt",
    name="Português",
    stemmer="portuguese",
    stop_words=frozenset(_STOP.split()),
    own=cue(
        r"eu",
        r"me",
        r"meu",
        r"minha",
        r"meus",
        r"minhas",
        r"nós",
        r"a gente",
        r"nosso\w*",
        r"\w{3,}ei",
        r"\w{3,}amos",
    ),
    action=cue(
        r"(?!sei\b|dei\b|lei\b|rei\b|comecei\b)\w{3,}ei",
        r"(?:eu|a gente|nós) \w{3,}(?:i|emos|"
        r"amos)",
        r"\w{3,}(?:aria|eria|iria)",
        r"(?:vou|vamos) \w{3,}(?:ar|er|ir)",
        r"(?:primeiro|depois|então|aí),? (?:eu )?\w{3,}(?:ei|i|aria|eria|iria)",
        r"comecei (?:a|por)",
        r"meu primeiro passo",
    ),
    situation=cue(
        r"num(?:a)? [\w-]+",
        r"aconteceu (?:comigo|quando)",
        r"uma vez",
        r"em que eu trabalh\w+",
        r"na (?:segunda|terça|quarta|quinta|sexta)",
        r"numa (?:segunda|terça|quarta|quinta|sexta)-feira",
        r"no ano passado",
        r"ano passado",
        r"no mês passado",
        r"na semana passada",
        r"uma vez",
        r"há \w+ (?:anos|meses|semanas)",
        r"no meu (?:último|antigo|emprego|trabalho) ?\w*",
        r"na minha (?:última|antiga|atual) (?:empresa|equipe|função)",
        r"quando eu (?:trabalhava|"
        r"estava)",
        r"por exemplo",
        r"tinha (?:um|uma)",
        r"tive (?:um|uma)",
        r"em 20\d\d",
        r"(?:um|uma) (?:cliente|paciente|colega|aluno|fornecedor|motorista)",
        r"durante (?:um|"
        r"uma|o meu)",
        r"recentemente",
        r"num turno",
    ),
    reasoning=cue(
        r"porque",
        r"pois",
        r"já que",
        r"para que",
        r"para não",
        r"para garantir",
        r"em vez de",
        r"ao invés de",
        r"senão",
        r"o motivo",
        r"o risco",
        r"por isso",
        r"então eu",
        r"o que "
        r"significava",
        r"percebi",
        r"descobri",
        r"devido a",
        r"a causa",
    ),
    result=cue(
        r"zeraram",
        r"cair\w*",
        r"renovaram",
        r"no prazo",
        r"resultado",
        r"no fim",
        r"no final",
        r"finalmente",
        r"desde então",
        r"caiu",
        r"caíram",
        r"subiu",
        r"reduzi\w*",
        r"melhor\w+",
        r"economiz\w+",
        r"metade",
        r"dobr\w+",
        r"resolv\w+",
        r"solucion\w+",
        r"aprendi",
        r"satisfeit\w+",
        r"agradece\w+",
        r"no prazo",
        r"nenhuma "
        r"(?:reclamação|queda|falha)",
        r"de \d+ para \d+",
        r"assin\w+",
        r"renov\w+",
        r"funcionou",
        r"consegui\w*",
    ),
    hedge=cue(
        r"acho que",
        r"eu acho",
        r"talvez",
        r"provavelmente",
        r"depende",
        r"não tenho certeza",
        r"em geral",
        r"geralmente",
        r"normalmente",
        r"tento",
        r"tentaria",
        r"simplesmente",
        r"mais ou menos",
        r"etc",
        r"essas coisas",
        r"vamos ver",
        r"sei lá",
        r"tipo assim",
    ),
    deflect=cue(
        r"(?:meu|minha|o|a|nosso|nossa) (?:chefe|gerente|supervisor|supervisora|líder|colega) "
        r"(?:cuida|cuidava|resolve|resolvia|decide|decidia)",
        r"não é (?:o )?meu (?:trabalho|"
        r"papel)",
        r"outra pessoa",
        r"outro time",
        r"outra equipe",
    ),
    claim=cue(
        r"(?:muito|altamente|extremamente) (?:experiente|competente|qualificad[oa])",
        r"ampla experiência",
        r"sólida experiência",
        r"sólidos conhecimentos",
        r"especialista em",
        r"apaixonad[oa] por",
        r"boas práticas",
        r"melhores práticas",
        r"domino",
        r"proativ[oa]",
        r"holístic[oa]",
        r"sempre garanto",
        r"sempre me certifico",
        r"tenho muita experiência",
        r"trabalho em equipe",
        r"focad[oa] em resultados",
        r"sinergia\w*",
    ),
    refusal=cue(
        r"não sei",
        r"nem ideia",
        r"sem ideia",
        r"podemos pular",
        r"pular",
        r"próxima pergunta",
        r"prefiro não",
        r"não me lembro",
        r"nada me vem",
        r"não tenho certeza",
        r"hmm+",
        r"é+h",
        r"desculp\w+",
    ),
    negation=cue(
        r"nunca",
        r"jamais",
        r"não precisa",
        r"desnecessári[oa]",
        r"não é necessário",
        r"não é importante",
        r"perda de tempo",
        r"ignorar",
        r"pular",
        r"quanto mais,? melhor",
        r"sem nenhum",
        r"sem nenhuma",
    ),
    phrases=Phrases(
        ack=("Obrigado por contar.", "Obrigado.", "Entendi."),
        too_short="Poderia falar um pouco mais? Um exemplo concreto do seu próprio trabalho me "
        "ajudaria.",
        example="Pode me dar um exemplo concreto, uma situação que você viveu?",
        own_action="O que você fez pessoalmente nessa situação?",
        result="Qual foi o resultado?",
        reasoning="Por que você escolheu essa abordagem?",
        point="O que mais você faria ou verificaria ali, e por quê?",
        steer="Vamos voltar à pergunta: {question}",
        greeting="{hello}, eu sou {name} e vou conduzir a sua primeira entrevista{for_job}. Vou "
        "fazer algumas perguntas; responda com suas próprias palavras, como faria com uma "
        "pessoa. Fique à vontade.",
        hello=("Olá", "Olá {first_name}"),
        for_job=" para a vaga de {job}",
        closing="Obrigado, essa foi a última pergunta. A equipe de recrutamento entrará em "
        "contato.",
    ),
    template=TemplateText(
        skill_question={
            "language": "Conte sobre um sistema de {skill} que você construiu ou manteve: o que "
            "ele fazia, qual foi a parte mais difícil e como você resolveu?",
            "platform": "Como você usou {skill} em produção? Conte como você implantou, "
            "monitorou e investigou os problemas.",
            "data": "Conte sobre uma vez em que {skill} precisava ficar rápido ou confiável sob "
            "carga. O que você mediu e o que mudou?",
            "practice": "Dê um exemplo de como você aplicou {skill} no seu trabalho recente e "
            "qual foi o resultado.",
        },
        skill_intent="Experiência prática com {skill} e resolução de problemas.",
        skill_expected="Um exemplo concreto de {skill} com o próprio papel; menciona "
        "{concepts}; explica as escolhas e um resultado mensurável.",
        phrase=(
            "Esta vaga envolve {phrase}. Conte sobre sua experiência e um resultado de que "
            "você se orgulha.",
            "Experiência prática com {phrase}.",
            "Um exemplo concreto envolvendo {phrase}: ações próprias, decisões e um resultado "
            "mensurável.",
        ),
        conflict=(
            "Conte sobre uma situação em que você discordou de um colega sobre uma decisão "
            "importante. O que aconteceu e o que você fez?",
            "Colaboração e lidar com conflitos de forma construtiva.",
            "Uma situação específica; ouviu o outro lado; decidiu com dados ou um teste; "
            "comunicou com clareza; um resultado claro e o que aprendeu.",
        ),
        incident=(
            "Imagine que na sua primeira semana algo importante em {main} para de funcionar. "
            "Como você agiria nas primeiras horas?",
            "Julgamento sob pressão, prioridades e comunicação.",
            "Avaliar o impacto, avisar os envolvidos, reunir dados, conter ou voltar atrás "
            "primeiro, depois encontrar a causa e revisar o ocorrido.",
        ),
        motivation=(
            "O que atrai você nesta vaga de {title}, e o que gostaria de aprender nela?",
            "Motivação e encaixe com a vaga.",
            "Razões específicas ligadas à vaga e ao time, expectativas realistas e metas de "
            "aprendizado concretas.",
        ),
        resume_skill=(
            "O seu currículo menciona {skill}. Fale-me de um trabalho recente em que o usou: "
            "qual era a situação, o que fez você mesmo e qual foi o resultado?",
            "Verifica com um exemplo concreto a experiência em {skill} indicada no currículo.",
            "Um projeto ou tarefa concreta com {skill}, a parte do próprio candidato, as razões "
            "das suas escolhas e um resultado. {concepts}",
        ),
        resume_role=(
            "O seu currículo menciona {role}. Qual foi o problema mais difícil que resolveu aí e "
            "como o abordou?",
            "Verifica a experiência mais recente indicada no currículo.",
            "Um problema real dessa função, o que o candidato fez passo a passo, porquê e como "
            "terminou.",
        ),
        this_work="esta área",
        open_role="Vaga aberta",
        specialist="Especialista em {skill}",
    ),
    unit=re.compile(
        r"\d+(?:[.,]\d+)?\s?(?:%|por ?cento|minutos?|horas?|dias?|semanas?|meses"
        r"|anos|segundos?|reais|r\$|clientes|pacientes|chamados|pedidos)|r\$\s?\d",
        re.IGNORECASE,
    ),
    result_point=cue(r"resultados?", r"mensur\w+", r"impacto", r"aprend\w*", r"liç\w+"),
    example_point=cue(r"concret\w*", r"específic\w*", r"exemplos?", r"situaç\w+"),
    point_lead=lead("descreve", "explica", "menciona", "cita", "mostra", "idealmente"),
    question_lead=cue(
        r"conte(?:-me)? (?:sobre )?(?:uma (?:situação|vez) em que)?",
        r"descreva (?:uma "
        r"situação em que)?",
        r"como (?:você )?(?:faria|lidaria|lidou|agiria)",
        r"o que (?:você )?"
        r"faria (?:se)?",
        r"fale (?:sobre|de)",
        r"dê um exemplo",
    ),
)
