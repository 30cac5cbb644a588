"""A coach for a mission and its beachhead: the four parts of module 04's rubric, and one hint at a time.

A draft is four labelled lines (any order, any case)::

    Mission: Every tenant gets a repair fixed first time without chasing the council.
    Beachhead: Families with children on the Millbrook estate.
    Why first: They already report online more than others and talk to each other at the school gate.
    Next: Tenants over 65 in sheltered housing, with champions to help them.

``assess(text)`` looks for each part as the rubric describes it (rule-based, English only):

* **mission**: names who it is for and a lasting change for them, not a solution to deliver (no "build a
  portal"), not a dated target (a mission outlasts any release);
* **beachhead**: one narrow, named segment of people (not "all tenants", not two groups at once);
* **why first**: a reason that segment comes first (a pressing need, easy to reach, others will follow);
* **next**: the next step of the bigger plan: another group of people to serve, not more features.

It never grades: every finding is a suggestion, and a draft with all four parts is "◐ for a person to judge",
never a plain tick. Plain functions, no widgets: ``widgets.mission`` shows the result as you type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workshop_utils.errors import WorkshopError

PARTS = ("mission", "beachhead", "why first", "next")
LABELS = {
    "mission": "who it is for and a lasting change for them, not a solution to deliver",
    "beachhead": "one narrow, named segment to win first",
    "why first": "why that segment comes first",
    "next": "the next group of people the bigger plan reaches",
}
_HEADINGS = {
    "mission": r"mission",
    "beachhead": r"beachhead|first segment|first narrow segment|segment",
    "why first": r"why first|why this segment|why them|why",
    "next": r"next step|next segment|next|then",
}
_LINE = re.compile(r"^\s*[-*•]?\s*\**\s*(" + "|".join(f"(?:{h})" for h in _HEADINGS.values()) +
                   r")\s*\**\s*[:\-–—]\s*", re.IGNORECASE | re.MULTILINE)

# People a mission or a segment can name (plural or singular).
_PEOPLE = re.compile(
    r"\b(tenants?|residents?|households?|families|family|parents?|children|pupils?|students?|patients?|carers?|"
    r"customers?|shoppers?|buyers?|members?|suppliers?|makers?|brands?|wholesalers?|factories|farmers?|"
    r"users?|people|citizens?|drivers?|riders?|passengers?|staff|employees?|nurses?|doctors?|teachers?|"
    r"workers?|managers?|volunteers?|visitors?|readers?|borrowers?|businesses|owners?|landlords?|hikers?|"
    r"climbers?|walkers?|cyclists?|runners?|campers?|partners?|clinicians?|pensioners?|adults?|"
    r"older|young|elderly|everyone|everybody|anyone)\b", re.IGNORECASE)
# What a team builds or ships: a mission that names one of these as its aim describes a solution.
_SOLUTION_VERB = re.compile(
    r"^\s*(to\s+)?(build|launch|deliver|ship|implement|develop|create|replace|migrate|roll\s+out|install|deploy|"
    r"release|upgrade|introduce|rebuild|redesign|provide|offer|make(?!\s+(sure|certain))|digiti[sz]e|"
    r"digitali[sz]e|automate|moderni[sz]e|computeri[sz]e|switch|transfer|onboard|set\s+up)\b", re.IGNORECASE)
# A mission that says how people are served (the channel) describes the service, not the lasting change.
_CHANNEL = re.compile(r"\b(online|digital(ly)?|via|self[-\s]service|24/7|e-?services?|through\s+(the|an?|our|their)\s+"
                      r"([\w-]+\s+){0,3}?(service|portal|app|site|website|form|system|platform|channel))\b",
                      re.IGNORECASE)
_SOLUTION_NOUN = re.compile(
    r"\b(portal|app|application|system|platform|website|web\s*site|software|tool|dashboard|chatbot|kiosk|"
    r"feature|features|form|database|crm|erp|api|interface|module)s?\b", re.IGNORECASE)
_DATED = re.compile(r"\b(by|before|until|in)\s+(q[1-4]|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
                    r"(19|20)\d\d|the end of|next year|this year)\b|"
                    r"\b(with)?in\s+(a|one|two|three|four|five|six|twelve|eighteen|\d+)\s+(years?|months?|weeks?)\b",
                    re.IGNORECASE)
# A share to reach ("80% of tenants") is a target for a release or a beachhead, not a mission.
_TARGET = re.compile(r"\d+(\.\d+)?\s*(%|per\s*cent|percent)", re.IGNORECASE)
_BROAD = re.compile(r"\b(all|every|everyone|everybody|anyone|any|the public|whole|general)\b", re.IGNORECASE)
# What narrows a group of people: an age or a number, a situation, or a place smaller than the whole market.
# A bare "who need a repair" or "in <the organisation's area>" still describes everyone the mission serves.
_NARROW = re.compile(
    r"\d|\b(under|over|aged|older|younger|young|elderly|retired|single|disabled|alone|new|first[-\s]time|"
    r"independent|small|large|night|shift|part[-\s]time|with\s+(children|kids|a\s+disability|disabilities|babies)|"
    r"estates?|blocks?|towers?|streets?|roads?|wards?|villages?|districts?|neighbourhoods?|buildings?|flats?|"
    r"courts?|sheltered|north|south|east|west|northern|southern|eastern|western|rural|urban|centre|center)\b",
    re.IGNORECASE)
# A second group joined to the first: the beachhead is two segments.
_JOIN = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\bplus\b|&|\bas well as\b|\balong with\b|\btogether with\b|"
                   r"\balongside\b|\bboth\b)\s*", re.IGNORECASE)
# The head of a next step that is a release or more features rather than a group of people.
_PRODUCT_STEP = re.compile(
    r"^\s*((a|an|the)\s+)?(new\s+|next\s+|second\s+)?(add|adding|build|release|launch|ship|develop|implement|"
    r"roll\s+out|deploy|upgrade|rebuild|redesign|extend|version|v\d|update|features?|more\s+features|phase)\b",
    re.IGNORECASE)
_GENERIC_PEOPLE = re.compile(r"^(users?|people|customers?|everyone|everybody|anyone)$", re.IGNORECASE)
# A reason is a pressing need, ease of reach, people others follow, or what the data shows. A connective alone
# ("because they are the beachhead") is no reason.
_REASON = re.compile(
    r"\b(already|need\w*|pain\w*|reach\w*|eas(y|ier|iest|ily)|often|most|tell\w*|talk\w*|recommend\w*|"
    r"referen\w*|word of mouth|small enough|want\w*|ask\w*|cost\w*|wait\w*|struggl\w*|urgen\w*|frequent\w*|"
    r"lead\w*|follow\w*|influen\w*|trust\w*|hardest|worst|harm\w*|hurt\w*|ill|illness\w*|health\w*|risk\w*|"
    r"danger\w*|suffer\w*|vulnerab\w*|isolat\w*|lose|loses|losing|lost|spread\w*|shar(e|es|ed|ing)|neighbour\w*|"
    r"network\w*|visib\w*|close|together|concentrat\w*|adopt\w*|fast\w*|quick\w*|highest|data|show\w*|rate|"
    r"frustrat\w*|complain\w*|gain\w*|benefit\w*|depend\w*|contact\w*|know\w*)\b", re.IGNORECASE)


@dataclass
class MissionAssessment:
    """What the coach found: a flag per part, the text it read for each, and hints in priority order."""

    text: str
    parts: dict = field(default_factory=dict)       # part -> found as the rubric asks (bool)
    evidence: dict = field(default_factory=dict)    # part -> the words it read for that part
    hints: list = field(default_factory=list)       # most important first
    summary: str = ""

    @property
    def looks_complete(self) -> bool:
        """All four parts are there. Still not a grade: a person judges how good each one is."""
        return all(self.parts.values())


def split(text: str) -> dict[str, str]:
    """The draft's labelled parts: ``{part: text}`` for each label found (first label wins for a part)."""
    found: dict[str, str] = {}
    marks = list(_LINE.finditer(text))
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(text)
        label = mark.group(1).lower()
        part = next(p for p, pattern in _HEADINGS.items() if re.fullmatch(pattern, label, re.IGNORECASE))
        found.setdefault(part, text[mark.end():end].strip())
    return found


def _mission(text: str) -> str:
    """'' when the mission passes, else the hint."""
    if not text:
        return ("Write a mission line: who it is for and what lastingly changes for them "
                "('Mission: every <who> ...').")
    if _SOLUTION_VERB.match(text):
        return ("Your mission says what to build or deliver: that is the solution. Say what changes for people, "
                "for good, whatever the solution ('Every <who> gets ...').")
    if not _PEOPLE.search(text):
        return "Name who the mission is for: which people's lives or work change?"
    if _SOLUTION_NOUN.search(text):
        return ("Your mission names a solution (a portal, an app, a system). A mission outlasts any solution: "
                "say what changes for people, and leave the how to the plan.")
    if _CHANNEL.search(text):
        return ("Your mission describes the service (how people are served: online, through a portal). Say what "
                "lastingly changes for them, whatever the channel.")
    if _DATED.search(text) or _TARGET.search(text):
        return ("Your mission has a deadline or a target share. A mission is never finished, so it has neither; put "
                "the date and the number on the beachhead's goal instead.")
    if len(text.split()) < 5:
        return "Your mission is very short: say who, and what lastingly changes for them."
    return ""


def _beachhead(text: str, mission: str) -> str:
    if not text:
        return "Add a beachhead line: the one narrow segment of people you will win first."
    if _SOLUTION_NOUN.search(text) and not _PEOPLE.search(text):
        return "Your beachhead is a solution. A beachhead is a group of people: who will you win first?"
    if not _PEOPLE.search(text):
        return "Name the people in your beachhead: which group, exactly?"
    if _BROAD.search(text):
        return ("'All' or 'every' is the whole market, not a beachhead. Narrow it to one group you could serve "
                "completely first (where they live, their age, their situation).")
    groups = _JOIN.split(text)
    if sum(bool(_PEOPLE.search(g)) for g in groups) > 1:
        return "Your beachhead names more than one group. Pick one to win first; the others are your next steps."
    if not _NARROW.search(text) and not _people(text) - _people(mission):
        return ("Make the beachhead narrower and named: which of them, where, in what situation "
                "('night-shift nurses at one hospital')?")
    if mission and text.strip(" .").lower() == mission.strip(" .").lower():
        return "Your beachhead repeats the mission. The mission is for everyone it serves; the beachhead is one group."
    return ""


def _people(text: str) -> set[str]:
    """The kinds of people a text names, singular and lower case ("Tenants" and "tenant" are one kind)."""
    kinds = set()
    for word in _PEOPLE.findall(text or ""):
        word = word.lower()
        kinds.add(word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s"))
    return kinds


def _why(text: str) -> str:
    if not text:
        return "Add a 'Why first' line: why this segment before any other?"
    if len(text.split()) < 4 or not _REASON.search(text):
        return ("Say why this segment comes first: a pressing need, easy to reach and serve completely, or people "
                "others will follow (Moore's beachhead).")
    return ""


def _next(text: str, beachhead: str) -> str:
    if not text:
        return "Add a 'Next' line: which group does the bigger plan reach after the beachhead?"
    if not _PEOPLE.search(text):
        return ("Your next step is about the product (more features, a new release), not people. The next step of "
                "the plan is the next group to win, using the first as a reference.")
    if beachhead and text.strip(" .").lower() == beachhead.strip(" .").lower():
        return "Your next step repeats the beachhead: name the group that comes after it."
    if _PRODUCT_STEP.match(text):
        named = {kind for kind in _people(text) if not _GENERIC_PEOPLE.match(kind)}
        if _BROAD.search(text) or not named - _people(beachhead):
            return ("Your next step is a release or more features. The next step of the plan is the next group of "
                    "people to win, using the first as a reference.")
    return ""


def assess(text) -> MissionAssessment:
    """Read a mission-and-beachhead draft; return a :class:`MissionAssessment` (never a score)."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise WorkshopError(f"A mission draft is text (got {type(text).__name__}).")
    result = MissionAssessment(text=text)
    if not text.strip():
        result.parts = dict.fromkeys(PARTS, False)
        result.hints = ["Start with four lines: Mission: ..., Beachhead: ..., Why first: ..., Next: ..."]
        result.summary = "Nothing to read yet."
        return result
    parts = split(text)
    if not parts:
        result.parts = dict.fromkeys(PARTS, False)
        result.hints = ["Label your lines so the coach (and your grader) can find each part: Mission: ..., "
                        "Beachhead: ..., Why first: ..., Next: ..."]
        result.summary = "No labelled parts found yet."
        return result
    mission, beachhead = parts.get("mission", ""), parts.get("beachhead", "")
    problems = {"mission": _mission(mission), "beachhead": _beachhead(beachhead, mission),
                "why first": _why(parts.get("why first", "")), "next": _next(parts.get("next", ""), beachhead)}
    result.parts = {part: not problem for part, problem in problems.items()}
    result.evidence = {part: parts.get(part, "") for part in PARTS if parts.get(part)}
    result.hints = [problem for problem in problems.values() if problem]
    found = sum(result.parts.values())
    if result.looks_complete:
        # Not "graded by hand": this draft is never graded (the lesson's practice, or the box above the graded
        # cell). Saying so keeps a participant from leaving the answer here.
        result.summary = ("All four parts are there. The coach only finds them: how good each one is, a person "
                          "judges with the rubric (read it once more). This box itself is not graded.")
    else:
        result.summary = f"{found} of 4 parts found as the rubric asks."
    return result


def verdict_mark(assessment: MissionAssessment) -> str:
    """The mark shown beside the summary: ◐ (for a person to judge) when complete, ✗ otherwise. Never ✓."""
    return "◐" if assessment.looks_complete else "✗"
