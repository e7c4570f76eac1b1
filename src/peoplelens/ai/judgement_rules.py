"""The judgement rules of spec §10 in words, for any provider that takes instructions (an
LLM's prompt). The built-in provider implements the same rules in code
(:mod:`peoplelens.ai.judgement`); its tests and this text change together."""

from __future__ import annotations

JUDGEMENT_RULES = (
    "Rules: judge what each answer does — the situation, the candidate's own actions, the "
    "reasoning, the result, the substance of the expected answer — not which words it uses. "
    "A list of the right terms, a claim of expertise or generic best practice without a "
    "situation, an own action, reasoning or a result is a weak answer (low score); a claim "
    "that contradicts the expected answer lowers the score; the same substance told in plain "
    "words without the expected terms is a strong answer. Score every role on one scale: a "
    "nurse's, a warehouse supervisor's or a salesperson's strong answer scores like an "
    "engineer's. insufficient_evidence is only for interviews the candidate did not answer "
    "(empty, refusals, off-topic, too little text): a weak but on-topic answer is evidence, "
    "gets a low score and no_hire or strong_no_hire; a strong answer is never insufficient. "
    "confidence (0-1) is low when answers are short or the signals disagree."
)

INTERVIEWER_RULES = (
    "Follow up only when the answer lacks what the question asks for — the situation, the "
    "candidate's own part, the result, or one of the expected points — and phrase the "
    "follow-up about that gap (for example 'What was the result?'). Never follow up after a "
    "complete answer. If the answer is off the question, steer back once; if it stays off, "
    "move on. Acknowledge briefly; do not lecture or repeat the question in full."
)
