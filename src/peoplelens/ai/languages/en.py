"""English."""

from __future__ import annotations

import re

from peoplelens.ai.languages import Language, Phrases, TemplateText, cue, lead

_STOP = (
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers herself him himself his how i if in into is "
    "it its itself just me more most my myself no nor not now of off on once only or other our "
    "ours ourselves out over own same she should so some such than that the their theirs them "
    "themselves then there these they this those through to too under until up very was we "
    "were what when where which while who whom why will with would you your yours yourself "
    "yourselves really quite thing things stuff lot lots get got make made like well yes yeah "
    "okay ok um uh actually basically maybe kind sort much many one two"
)

_IRREGULAR = (
    r"(?:built|rebuilt|wrote|rewrote|ran|set|cut|made|took|found|put|chose|sent|split|rang|"
    r"kept|brought|held|told|gave|went|spoke|sat|led|drove|met|paid|sold|bought|caught|taught|"
    r"began|broke|left|won|saw|heard|read|shut|stood|understood|got|did|fed|hid|hung|lit|"
    r"overhauled|sought|spent|swapped|threw|undid|withdrew|wound|drew|dealt|meant|said|became|"
    r"grew|flew|rode|wore|woke|forgot|forgave|froze|shook|stuck|struck|swept|sang|sank|slept|"
    r"lent|bent|fought|felt|laid|rebuilt|reran|redid|retook|oversaw)\b"
)
# Verbs of opinion, state or effort: "I think", "I am", "I try" do nothing in a story.
_NOT_DOING = (
    r"(?!(?:think|guess|like|love|feel|believe|hope|want|know|mean|am|was|have|had|try|do|"
    r"just|really|usually|always|never|would|will|can|could|probably|might|maybe|don't|"
    r"didn't|get|got|go|see|need|should|also|then|ensure|enjoy|prefer|care|consider|agree|"
    r"understand|value|appreciate|pride|thrive|strive|possess|bring)\b)(?![a-z]+ly\b)"
)

LANGUAGE = Language(
    code="en",
    name="English",
    stemmer="english",
    stop_words=frozenset(_STOP.split()),
    own=cue(
        r"i",
        r"i'd",
        r"i've",
        r"i'm",
        r"i'll",
        r"me",
        r"my",
        r"myself",
        r"we",
        r"we'd",
        r"we've",
        r"our",
    ),
    action=cue(
        # I + a past-tense verb ("I called", "I rebuilt"), possibly after an adverb.
        r"i(?: then| also| first| quickly| personally| immediately| just| finally)?\s+"
        r"(?:[a-z]{2,}ed|" + _IRREGULAR + r")",
        # I + a verb of doing in the present: how the candidate works ("I count the notes").
        r"i(?: then| also| first| always| usually| normally)?\s+" + _NOT_DOING + r"[a-z]{3,}",
        # I would / I'd / I will + a verb: a plan, for "how would you" questions.
        r"i(?:'d| would| will)(?: then| also| first)?\s+(?!say\b|be\b)" + _NOT_DOING + r"[a-z]{3,}",
        r"we(?: then| also| first)?\s+(?:[a-z]{2,}ed|" + _IRREGULAR + r")",
        r"i've\s+(?!been\b|always\b|never\b|got\b|had\b)[a-z]{2,}ed",
        r"(?:first|then|next|after that|finally),?\s+(?:i|we)\s+[a-z]{3,}",
        r"my (?:first|next) step",
    ),
    situation=cue(
        r"last (?:year|month|week|quarter|summer|winter|spring|autumn)",
        r"one time",
        r"once",
        r"at my (?:last|previous|current|old|first) (?:job|role|company|employer|team|store|"
        r"school|hospital|clinic|warehouse|hotel)",
        r"in my (?:last|previous|current|old|first) (?:job|role|company|position|team)",
        r"when i was",
        r"when i worked",
        r"a few (?:months|years|weeks) ago",
        r"recently",
        r"for example",
        r"for instance",
        r"there was a",
        r"we had a",
        r"i had a",
        r"in 20\d\d",
        r"(?:one|a) (?:customer|client|patient|guest|colleague|student|parent|driver|supplier|"
        r"manager|teammate|nurse|doctor)",
        r"during (?:a|my|the|our)",
        r"on (?:a|one) (?:shift|"
        r"night|day|morning|weekend)",
        r"years? ago",
        r"(?:two|three|four|five|six|\d+) (?:years|"
        r"months) (?:at|in|of)",
        r"for (?:\w+ )?(?:years|months)",
        r"i've been \w+ing",
        r"(?:the )?(?:biggest|hardest) (?:thing|project|problem|challenge)",
        r"i was \w+ing",
        r"we were \w+ing",
        r"(?:on|one|last|that) (?:a )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)",
        r"one (?:day|morning|evening|night|afternoon|week)",
        r"on (?:a|one|my|our) [\w-]+(?: [\w-]+)?,",
        r"there was (?:a|an|this)",
    ),
    reasoning=cue(
        r"because",
        r"so that",
        r"since",
        r"which meant",
        r"that meant",
        r"to make sure",
        r"to avoid",
        r"instead of",
        r"rather than",
        r"the reason",
        r"trade-?off",
        r"otherwise",
        r"in order to",
        r"so i",
        r"so we",
        r"that way",
        r"which is why",
        r"the risk",
        r"i (?:chose|decided|realised|realized|noticed|figured|worked out)",
        r"turned out",
        r"it was (?:because|due to)",
        r"due to",
        r"the problem was",
        r"the cause",
    ),
    result=cue(
        r"as a result",
        r"the result",
        r"in the end",
        r"ended up",
        r"which (?:cut|saved|reduced|"
        r"brought|raised|doubled|halved|fixed|meant)",
        r"went (?:from|down|up)",
        r"dropped",
        r"fell",
        r"rose",
        r"grew",
        r"cut",
        r"saved",
        r"reduced",
        r"increased",
        r"improved",
        r"halved",
        r"doubled",
        r"since then",
        r"never (?:happened|came up) again",
        r"signed",
        r"closed",
        r"renewed",
        r"stopped",
        r"solved",
        r"fixed",
        r"resolved",
        r"recovered",
        r"learned",
        r"learnt",
        r"my takeaway",
        r"lesson",
        r"thanked",
        r"came back",
        r"(?:no|zero) (?:complaints|errors|incidents|falls|defects)",
        r"on time",
        r"passed",
        r"promoted",
        r"kept (?:the|our|her|his|them)",
        r"outcome",
        r"afterwards",
    ),
    hedge=cue(
        r"i think",
        r"i guess",
        r"i suppose",
        r"probably",
        r"maybe",
        r"perhaps",
        r"it depends",
        r"depends on",
        r"not sure",
        r"kind of",
        r"sort of",
        r"i would just",
        r"i'd just",
        r"just try",
        r"i try to",
        r"try my best",
        r"usually",
        r"generally",
        r"in general",
        r"typically",
        r"normally",
        r"i'd say",
        r"somehow",
        r"whatever",
        r"stuff like that",
        r"things like that",
        r"and so on",
        r"etc",
        r"i don't really",
        r"hopefully",
        r"should be fine",
        r"figure it out",
        r"see what happens",
        r"google it",
    ),
    deflect=cue(
        r"(?:my|our|the) (?:manager|supervisor|boss|lead|team lead|senior|senior dev|devops "
        r"team|it team|hr|head chef|charge nurse|doctor) (?:usually |always |would |normally )?"
        r"(?:handled|handles|did|does|dealt|deals|took care|takes care|sorted|sorts|decides|"
        r"decided)",
        r"not (?:really )?my (?:job|area|responsibility|department)",
        r"someone else",
        r"somebody else",
        r"another team",
        r"i (?:didn't|did not|don't) "
        r"(?:really )?(?:touch|get involved|deal with)",
    ),
    claim=cue(
        r"(?:highly|very|extremely) (?:experienced|skilled|proficient|knowledgeable)",
        r"extensive (?:experience|knowledge|background)",
        r"strong (?:background|knowledge|"
        r"understanding|experience|skills?)",
        r"expert (?:in|at)",
        r"an expert",
        r"proficient",
        r"well[- ]versed",
        r"passionate about",
        r"deep (?:knowledge|understanding|expertise)",
        r"best practices?",
        r"results[- ]driven",
        r"detail[- ]oriented",
        r"team player",
        r"synerg(?:y|ies)",
        r"leverag(?:e|ing)",
        r"cutting[- ]edge",
        r"world[- ]class",
        r"i am (?:very |highly )?(?:familiar|comfortable|confident|good|great|excellent) "
        r"(?:with|at|in)",
        r"i (?:always|consistently) (?:ensure|make sure|follow|apply|use|"
        r"prioriti[sz]e|focus|deliver)",
        r"i have (?:a lot of|lots of|much|wide|broad|solid) "
        r"experience",
        r"skilled in",
        r"my (?:skills|expertise|strengths) (?:include|are)",
        r"i know (?:all|everything) about",
        r"holistic",
        r"end[- ]to[- ]end",
        r"robust",
        r"seamless(?:ly)?",
        r"proactive(?:ly)?",
        r"stakeholder alignment",
    ),
    refusal=cue(
        r"i don'?t know",
        r"i do not know",
        r"no idea",
        r"not sure what to say",
        r"skip",
        r"pass",
        r"next question",
        r"rather not",
        r"can we come back",
        r"move on",
        r"i can'?t (?:really )?(?:think|remember|say)",
        r"nothing comes to mind",
        r"i never did (?:that|this|it)",
        r"i'?m not sure",
        r"not sure",
        r"can'?t answer",
        r"no comment",
        r"i have no experience",
        r"never done (?:that|this|it)",
        r"hmm+",
        r"um+",
        r"sorry",
    ),
    negation=cue(
        r"never",
        r"no need",
        r"don'?t need",
        r"do not need",
        r"not (?:necessary|needed|"
        r"important|worth)",
        r"waste of time",
        r"pointless",
        r"skip(?:ped|ping)?",
        r"ignore",
        r"overrated",
        r"doesn'?t matter",
        r"don'?t bother",
        r"without (?:any|a)",
        r"the more the better",
        r"more is better",
    ),
    phrases=Phrases(
        ack=("Thanks for sharing that.", "Thank you.", "Got it."),
        too_short="Could you say a bit more? A concrete example from your own work would help "
        "me understand.",
        example="Can you give me one specific example — a situation you were in yourself?",
        own_action="What did you do yourself, in that situation?",
        result="What was the result?",
        reasoning="Why did you choose that approach?",
        point="What else would you do or check there — and why?",
        steer="Let me bring us back to the question: {question}",
        greeting="{hello}, I'm {name}, and I'll be running your first interview{for_job}. "
        "I'll ask a few questions; answer in your own words, as you would to a person. Take "
        "your time.",
        hello=("Hello", "Hello {first_name}"),
        for_job=" for the {job} role",
        closing="Thank you — that was the last question. The hiring team will be in touch.",
    ),
    template=TemplateText(
        skill_question={
            "language": "Tell me about a {skill} system you built or maintained: what did it "
            "do, what was the hardest part, and how did you solve it?",
            "platform": "How have you used {skill} in production? Walk me through how you "
            "deployed, monitored and debugged it.",
            "data": "Describe a time you had to make {skill} fast or reliable under load. What "
            "did you measure and what did you change?",
            "practice": "Give an example of how you applied {skill} in your recent work, and "
            "what the outcome was.",
        },
        skill_intent="Depth of hands-on {skill} experience and problem solving.",
        skill_expected="A concrete {skill} example with their own role; mentions {concepts}; "
        "explains trade-offs and a measurable result.",
        phrase=(
            "This role involves {phrase}. Tell me about your experience with it and a result "
            "you are proud of.",
            "Hands-on experience with {phrase}.",
            "A concrete example involving {phrase}: own actions, decisions and a measurable "
            "outcome.",
        ),
        conflict=(
            "Tell me about a time you disagreed with a teammate about an important decision. "
            "What happened and what did you do?",
            "Collaboration and handling conflict constructively.",
            "A specific situation; listened to the other view; used data or experiments to "
            "decide; communicated openly; a clear outcome and what they learned.",
        ),
        incident=(
            "Imagine that in your first week something important in {main} breaks in "
            "production. How would you handle the first hours?",
            "Judgement under pressure, prioritisation and communication.",
            "Assess impact, communicate with stakeholders, gather logs and metrics, mitigate or "
            "roll back first, then find the root cause and follow up with a post-mortem.",
        ),
        motivation=(
            "What draws you to this {title} role, and what would you like to learn in it?",
            "Motivation and fit with the role.",
            "Specific reasons tied to the role and the team, realistic expectations, and "
            "concrete learning goals.",
        ),
        resume_skill=(
            "Your resume lists {skill}. Tell me about a recent piece of work where you used it: "
            "what was the situation, what did you do yourself, and what came of it?",
            "Checks the {skill} experience the resume states with a concrete example.",
            "A specific project or task with {skill}, the candidate's own part in it, the "
            "reasoning behind their choices and a result. {concepts}",
        ),
        resume_role=(
            "Your resume mentions {role}. What was the hardest problem you solved there, and "
            "how did you go about it?",
            "Checks the most recent experience the resume states.",
            "A real problem from that role, what the candidate did about it step by step, why, "
            "and how it turned out.",
        ),
        this_work="this kind of work",
        open_role="Open role",
        specialist="{skill} specialist",
    ),
    result_point=cue(
        r"results?", r"outcomes?", r"measurable", r"impact", r"metrics?", r"learn\w*", r"lessons?"
    ),
    example_point=cue(r"concrete", r"specific", r"examples?", r"situations?", r"a real case"),
    point_lead=lead(
        "describes",
        "mentions",
        "explains",
        "states",
        "covers",
        "shows",
        "gives",
        "names",
        "talks about",
        "takes concrete steps such as",
        "ideally",
        "a good answer",
    ),
    question_lead=cue(
        r"tell me about (?:a time (?:when )?(?:you )?|your experience (?:with|of|in) |how you |"
        r"a situation (?:where|when|in which) (?:you )?)?",
        r"describe (?:a time (?:when )?"
        r"(?:you )?|how you |a situation (?:where|when) (?:you )?)?",
        r"walk me through (?:how "
        r"you )?",
        r"how (?:would|do|did|have) you",
        r"what (?:would|do|did) you do (?:if|when)",
        r"what do you",
        r"give (?:me )?an example of (?:a time )?(?:when )?(?:you )?",
        r"can you (?:tell me|describe|explain)",
        r"explain (?:how you )?",
        r"imagine (?:that )?",
    ),
    unit=re.compile(
        r"\d+(?:[.,]\d+)?\s?(?:%|k\b|m\b|ms\b|s\b|x\b|percent|per ?cent|minutes?|mins?|hours?|"
        r"hrs?|days?|weeks?|months?|years?|seconds?|gb|mb|tb|calls|tickets|orders|patients|"
        r"customers|users|people|staff|points|pounds|dollars|euros|bpm|mg|ml|kg|miles|km)|"
        r"[$€£]\s?\d",
        re.IGNORECASE,
    ),
)
