"""Meetings an article reports: who met whom, when, where, held or planned, what kind.

    extract_meetings(text, actors, published_date, dateline) -> list[Meeting]

``actors`` is the ``DocumentActors`` of ``find_actors(text)``; ``dateline`` the
place that opens the article ("MOSCOW (AP) -"), if any. Sentence by sentence:

1. Triggers. One compiled regex finds the words that report an encounter: verbs
   ("met", "held talks", "conferred with", "hosted", "received", "welcomed",
   "visited", "co-chaired", "saw each other", "spoke with"), nouns ("talks",
   "meeting", "consultations", "negotiations", "summit", "visit", "trip to",
   "dinner with") and remote forms ("phone call", "video link", "telephone
   conversation", "by phone", "virtual summit" -> call). Plural, counted ("your
   eighth visit"), habitual ("visit each other's countries once a year"), generic
   ("is rare", "usually") and negated ("skipped a dinner with") mentions are no
   meeting; a summit named as the setting of another meeting ("met X at the
   summit") is none either; "the meeting"/"the call" only points back. Two people
   of different countries doing one thing together ("X and Y signed ...", "X and
   his counterpart Y addressed the press", "a joint press conference") met. Photo
   captions ("X (R) and Y ...", "... Photo: AP", "(Xinhua/...)") are not the
   article: no meeting, date or place comes from them.
2. Participants. The clause around the trigger (cut at subordinators, relative
   clauses, "said that", dashes, a fronted "After ..., ") gives its people through
   the actors API; with fewer than two, the sentence's other clauses do, unless
   they report a meeting of their own or only report it (", the official added").
   Role descriptions the actors module left untagged ("China's top diplomat", "the
   Chinese Premier") go through ``DocumentActors.resolve`` and must fit the person
   (country, head of state vs minister); an indefinite one in a lead ("A senior
   Kremlin official ... hosted") is the first person of that country named next. A
   possessor that is not the meeting's subject ("Joe Biden's national security
   adviser"), a name used as a modifier ("a close Putin ally") and a description
   followed by the name it describes ("his counterpart Xie Zhenhua") are no
   participants. "his meeting with X" adds the subject of the sentence. "The two
   leaders met", "a video conference in June" take the parties of the meeting just
   reported; "he ... by telephone" the counterpart of that person's last meeting;
   "we/our" in a transcript ("Name: ...") the speaker and the person named last. A
   visit keeps the country visited as a party, and gains a named host of that
   country from the sentence; a held visit the article reports no meeting for gains
   the head of the visited country named in the sentence before or after. Governments
   are parties when the text names them so ("officials from the two countries",
   "talks between Saudi Arabia and Iran", "U.S. and Iranian officials", "the two
   sides held negotiations"), beside a mediator named as a person - not when the talks
   are only a topic ("talked about negotiations between ..."). People "in the
   presence of" whom something happens are witnesses; people and dates of a
   "since ..." clause belong to another event; an unnamed subject ("that person will
   meet X") borrows no party from other clauses; talks the leaders "agreed to resume"
   at a lower level, or a bloc's gathering ("a Group of 20 meeting", "an East Asia
   Summit"), take no parties from an earlier meeting. A summit of a bloc reported
   without a meeting of its own lists the leaders the article places at it ("In his
   intervention at the 42nd ASEAN Summit, President X said") and its chair ("his
   chairman's statement"). People of one single country among themselves are no
   international meeting.
3. Status: planned when the clause says so ("will", "is set to", "invited ... to",
   "plans to", "expected to", "Xi to meet", "next month", "the meeting will take
   place") or the date lies ahead; else held. A meeting only supposed - "would",
   "if the two leaders hold ...", "a meeting with Xi was not locked in" - is planned,
   and is the same meeting as one the article reports held with the same parties.
4. Date: the date expression of the clause, else of the sentence (not a bare year
   of a later clause, not "established in 2001"), else of up to three sentences
   before (one already used by another meeting, or naming one - "his weekend
   talks" - is skipped), resolved with ``dates.find_dates`` (forward for planned
   meetings). A date borrowed from further than the sentence just before is weak:
   it does not keep two reports apart.
5. Place: "in <city>", "in the Uzbek city of Samarkand", "<city>'s Red Square", a
   venue ("at the Kremlin" -> Moscow; "Government House of the Russian Federation"
   -> the capital of the country named), a city naming an event ("the Beijing
   Winter Olympics"), "Welcome to <place>" just after, another report of the same
   parties at the same time, and lastly the dateline when it lies in a
   participant's country (a London dateline does not place a Moscow meeting); a
   dateline left in the text ("WOODSIDE, Calif. — ", "London: ", "Labuan Bajo,
   Indonesia—") counts as one.
6. Merge: reports of one meeting in one article become one item (same or
   contained parties, same status, compatible type, date and place; a visit by P
   to C merges with a meeting of P and someone of C). A pluperfect "had held",
   "also held", "recently", "trilateral" mark a different meeting. Talks and a
   summit (or a call) of one article are one meeting when dated alike, or when one
   of the two reports gives no date at all.

Nothing here names a person, a place of the corpus or an article; the one table is
a short list of world-famous seats of government (reference data).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from orchestration.extract import encounters, reference, relevance
from orchestration.extract.arguments import unique
from orchestration.extract.nlp import definite_noun, ensure_entities, governs, parse_spans, token_at
from orchestration.extract.dates import DateMention, find_dates
from orchestration.extract.records import Actor, Meeting
from orchestration.extract.sentences import TRANSCRIPT_LABEL, split_sentences
from orchestration.extract.text import AGENCIES

__all__ = ["extract_meetings"]

# ---------------------------------------------------------------------------
# Reference data: seats of government known the world over -> their city.
# ---------------------------------------------------------------------------
SEATS_OF_GOVERNMENT = {
    "kremlin": "Moscow", "moscow kremlin": "Moscow", "red square": "Moscow",
    "great hall of the people": "Beijing", "zhongnanhai": "Beijing",
    "diaoyutai": "Beijing", "diaoyutai state guesthouse": "Beijing", "tiananmen square": "Beijing",
    "white house": "Washington", "oval office": "Washington", "capitol": "Washington",
    "pentagon": "Washington", "state department": "Washington",
    "elysee": "Paris", "elysee palace": "Paris", "élysée": "Paris", "élysée palace": "Paris",
    "quai d'orsay": "Paris", "downing street": "London", "10 downing street": "London",
    "buckingham palace": "London", "blue house": "Seoul", "yongsan": "Seoul",
    "kantei": "Tokyo", "akasaka palace": "Tokyo", "rashtrapati bhavan": "New Delhi",
    "hyderabad house": "New Delhi", "bellevue palace": "Berlin",
    "quirinale": "Rome", "palazzo chigi": "Rome", "moncloa": "Madrid", "moncloa palace": "Madrid",
    "planalto": "Brasília", "planalto palace": "Brasília", "casa rosada": "Buenos Aires",
    "mariinsky palace": "Kyiv", "ak saray": "Ankara", "dolmabahce palace": "Istanbul",
    "dolmabahçe palace": "Istanbul", "vatican": "Vatican City", "apostolic palace": "Vatican City",
    "malacanang palace": "Manila", "malacañang palace": "Manila", "istana": "Singapore",
    "aso rock": "Abuja", "union buildings": "Pretoria", "kasr el-nil": "Cairo",
    "al-yamamah palace": "Riyadh",
}
_BUILDING_WORDS = ("house", "palace", "hall", "building", "residence", "chancellery", "headquarters",
                   "secretariat", "parliament", "assembly", "duma", "office")

# ---------------------------------------------------------------------------
# Triggers
# ---------------------------------------------------------------------------
# things two people can only do in one place ("watched a hockey game together")
_TOGETHER_VERBS = ("watched", "toured", "walked", "strolled", "dined", "rode", "attended", "played", "posed", "sat")
_TRIGGER_RE = re.compile(r"""(?=[a-zA-Z])\b(?:
 (?P<call>
    \b(?:(?:tele)?phone|video)[\s-]+(?:call|conversation|talks?|conference|link|chat|summit|meeting|contact)s?\b
  | \bvideo[\s-]?conference\b
  | \bby\s+(?:tele)?phone\b | \bover\s+the\s+(?:tele)?phone\b
  | \b(?:by|via|over)\s+video(?:\s+link)?\b
  | \bcall(?:ed)?\s+(?:with|to)\b
  | \b(?:a|an|the|his|her|their|its|first|second|international|brief|rare|hour-long)\s+(?:[\w-]+\s+){0,2}call\b(?!\s+(?:for|on|to\s+action)\b)
  | \b(?:phone|telephone)d\b
  | \bspoke\s+(?:by\s+(?:tele)?phone|over\s+the\s+(?:tele)?phone)\b
 )
|(?P<summit>
    \bsummit\b | \bbr(?:ing|ings|ought)\s+together\b
 )
|(?P<visit>
    \bvisit(?:ed|ing|s)?\b | \btrip\s+to\b | \btour\s+of\b | \bfl(?:ew|ies|y|ying)\s+to\b
  | \barriv(?:ed|es|ing|e)\s+in\b | \btouched\s+down\s+in\b | \blanded\s+in\b
  | \btravell?(?:ed|ing|s)?\s+to\b
 )
|(?P<talks>
    \bmet\b | \bmeets?\b | \bmeeting\b | \btalks\b | \bmeetings\s+with\b
  | \bconferr?(?:ed|ing|s)?\s+with\b | \bdiscussed\b
  | \b[A-Z][\w.]*-[A-Z]\w*\s+(?:[a-z]+\s+)?dialogue\b
  | \bconsultations?\b | \bnegotiations\b
  | \bdiscussions?\s+with\b | \b(?:held|had|hold|holds|have|has)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}discussions?\b
  | \bconversation\b
  | \bhost(?:ed|s|ing)\b | \breceived\b | \bwelcomed\b
  | \bco-?chair(?:ed|ing|s)?\b
  | \bsat\s+down\s+with\b | \bsitting\s+(?:down\s+)?with\b
  | \b(?:speak|speaks|speaking|spoke|spoken)\s+(?:with|to)\b
  | \b(?:saw|see|seen|meet)\s+each\s+other\b
  | \bt[eê]te-[aà]-t[eê]te\b
 )
|(?P<other>
    \b(?:dinner|lunch|luncheon|breakfast|banquet)\s+with\b
 )
|(?P<joint>
    \bjoint\s+(?:press|news)\s+(?:conference|briefing|appearance)\b
  | \baddress(?:ed|es|ing)?\s+(?:a\s+|the\s+)?(?:joint\s+)?(?:press|media|reporters|journalists|news\s+conference)\b
  | \bsign(?:ed|s)\b | \bshook\s+hands\b
  | \b(?:""" + "|".join(_TOGETHER_VERBS) + r""")\b(?=[^.;,]{0,60}?\btogether\b) | \bjoined\b(?=[^.;]{3,80}?\bin\s+(?:signing|announcing|unveiling|launching|opening)\b)
 ))
""", re.I | re.X)

_ANAPHOR_BEFORE = re.compile(r"(?:\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2})$", re.I)
_PLURAL_MEETINGS = re.compile(r"\bmeetings\b|\bvisits\b|\bsummits\b|\bcalls\b", re.I)
_SETTING_BEFORE = re.compile(r"\b(?:at|on\s+the\s+(?:sidelines|margins)\s+of|during|ahead\s+of|before|after|"
                             r"following|for|of|attend(?:s|ed|ing)?)\s+(?:(?:the|a|an|this|that|its)\s+)?(?:[\w-]+\s+){0,4}$", re.I)
_OF_BODY_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}of\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?(?:[A-Z][\w-]*\s+)*"
                            r"(?:Organi[sz]ation|Council|Forum|Union|Group|Alliance|Community|Association|"
                            r"Conference|Assembly|Bloc|Cooperation|Partnership|BRICS|SCO|NATO|ASEAN|G7|G20|APEC)\b")
_NOUN_TRIGGERS = {"meeting", "talks", "consultations", "consultation", "negotiations", "summit", "visit",
                  "conversation", "call", "link", "conference", "videoconference"}

# Clause boundaries inside a sentence.
_CLAUSE_BREAK = re.compile(r"""
   ;\s*
 | \s+(?:--|–|—)\s+
 | ,\s+and\s+(?=(?:he|she|they|it|we|the|a|an|his|her|their|its|this|that|[A-Z][\w'’-]+\s+(?:was|is|has|had|will|would|were|are|said|met|held|also))\b)
 | ,\s*(?=(?:who|which|where|whereas|although|though|but|because|according\s+to|while|as|after|before|when|since)\b)
 | \s+and\s+(?=(?:thanked|praised|congratulated|urged|called\s+on|told|said|added|noted|warned)\s)
 | ,\s*(?=[a-z]+ing\s)
 | ,[”"]?\s+(?=(?:[\w'’.-]+\s+){1,5}(?:said|says|added|adds|noted|notes|stressed|told|explained|continued|wrote)\b[^,]{0,40}$)
 | \s+(?=(?:after|before|while|although|though|because|since|until|once|whereas)\s)
 | \b(?:said|says|noted|notes|added|adds|stressed|stresses|announced|reported|stated|recalled|emphasized|emphasised|told\s\w+|warned|believe[sd]?|hoped|hopes)\s+(?:on\s+\w+\s+)?that\s+
 | \s+(?=to\s+(?:discuss|attend|sign|mark|celebrate|take\s+part|participate)\b)
 | \b(?:said|says|stated|announced|told\s\w+|wrote|added)(?:\s+(?:in|on|at|to)\s+(?:a\s+|an\s+|the\s+)?[\w-]+){0,2}\s*:\s*[“"]?
""", re.X | re.I)

_PLANNED = re.compile(r"""
   \b(?:will|shall|'ll|would|is\s+to|are\s+to)\b
 | \b(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|poised|going|planning)\s+to\b
 | \b(?:plans?|planned|planning|intends?|intending|hopes?|hoping|agreed|proposed|offered|readiness|ready|prepared|expecting|expects?|awaits?|awaiting)\s+(?:[\w'’.-]+\s+){0,5}to\b
 | \b(?:plan(?:s|ned)?|schedul(?:es|ed)|arrang(?:es|ed))\s+(?:a|an|their|his|her)\s+(?:[\w'’-]+\s+){0,3}(?:meeting|talks|visit|summit|call)\b
 | \b[A-Z][\w'’-]+\s+to\s+(?:meet|visit|hold|host|travel|attend)\b
 | \binvit(?:ed|es|ing|e)\b(?!\s+(?:by|of))
 | \bupcoming\b | \bforthcoming\b | \bnext\s+(?:week|month|year|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
""", re.X | re.I)
_MODAL_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:will|would|is\s+(?:set|due|scheduled|expected)\s+to|"
                          r"is\s+planned|are\s+planned)\b", re.I)
_WILL_HAPPEN = re.compile(r"\b(?:will|is\s+(?:set|due|scheduled|expected)\s+to|are\s+(?:set|due|scheduled|expected)\s+to)\s+"
                          r"(?:take\s+place|be\s+held|begin|start|open|happen|convene)\b", re.I)
_SOFT_MODAL = re.compile(r"\bwould\b", re.I)
_NOUN_MODAL_AFTER = re.compile(r"^\s+(?:between|with|of|in|at)\b[^,.;]{0,80}?\s(?:would|could|might)\s", re.I)
_INDEF_SUBJECT = re.compile(r"(?:^|\b(?:said|says|that|but|and)\s+)[\s“\"]*(?:[Aa]n?)\s+(?:[\w'’-]+\s+){0,3}$")
_PROPOSITION_AFTER = re.compile(
    r"^[^,.;]{0,100}?\s(?:would|could|might|may|is|are|remains?|seems?|looks?|appears?|"
    r"was\s+(?:[“\"]?not|n['’]t|still|yet|unlikely|likely|possible|uncertain)|wasn['’]t)\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\b[^,;.]*$", re.I)
_NOT_PLANNED = re.compile(r"\bat\s+the\s+invitation\s+of\b|\bon\s+the\s+invitation\s+of\b", re.I)
_DISTINCT = re.compile(r"\bhad\s+(?:\w+\s+)?(?:held|met|visited|talked|spoken|discussed|conferred|hosted)\b|"
                       r"\balso\s+(?:held|met|had|hosted|received|holds|meets)\b|\brecently\b|\bprevious(?:ly)?\b|"
                       r"\bearlier\s+(?:meeting|talks|visit|call)\b|\btrilateral\b|\bthree-way\b|\bseparately\b|"
                       r"\blast\s+(?:(?:they|the\s+two(?:\s+\w+)?)\s+)?met\b|\blast\s+time\b|\bfirst\s+met\b",
                       re.I)
_HABITUAL = re.compile(r"\beach\s+other['’]s\s+countr|\bonce\s+a\s+year\b|\bevery\s+year\b|\bregularly\b|"
                       r"\bannually\b|\btimes\s+a\s+year\b|\bin\s+a\s+row\b|\bsince\s+you\s+took\b", re.I)
_GENERIC = re.compile(r"\b(?:usually|typically|rarely|seldom|is\s+rare|are\s+rare|as\s+a\s+rule)\b", re.I)
_NEGATED = re.compile(r"\b(?:skip(?:s|ped|ping)?|miss(?:es|ed|ing)?|cancel(?:s|led|ed|ling)?|call(?:s|ed)?\s+off|"
                      r"stay(?:s|ed)?\s+away\s+from|boycott(?:s|ed|ing)?|refus(?:es|ed)\s+to|declin(?:es|ed)\s+to|"
                      r"snub(?:s|bed)?|no\s+plans?\s+to|(?:not|never|n['’]t)\s+(?:\w+\s+)?)(?:[\w-]+\s+){0,3}$", re.I)
_ORDINAL_BEFORE = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                             r"tenth|\w+teenth|\w+tieth)\s+(?:[\w-]+\s+){0,2}$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|each\s+other|one\s+another)\b", re.I)
_GROUP_ANAPHOR = re.compile(r"\b(?:the\s+two(?:\s+leaders|\s+men|\s+sides|\s+presidents|\s+ministers)?|"
                            r"both\s+(?:leaders|men|sides|presidents|ministers)|the\s+(?:leaders|pair|sides|duo)|"
                            r"they|their)\b", re.I)
_WITH_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:with|between)\b", re.I)

# A name used as a modifier or as a possessor of something else is no participant.
_RELATIONAL_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:ally|allies|associate|associates|aide|aides|adviser|advisers|advisor|loyalist|"
    r"loyalists|spokesman|spokeswoman|spokesperson|administration|government|era|regime|camp|team|"
    r"critic|critics|family|friend|protégé|protege|envoy|officials?|cabinet|party|supporters?|"
    r"national\s+security\s+adviser|security\s+adviser|(?:[\w-]+\s+)?(?:adviser|advisor|aide|spokesman|"
    r"spokesperson|minister|secretary|envoy|ambassador))\b", re.I)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
_PRESENCE = re.compile(r"\b(?:in\s+the\s+presence\s+of|witnessed\s+by|watched\s+by|looked\s+on\s+by)\b", re.I)
_MEETING_NOUN_AFTER = re.compile(
    r"^['’]s\s+(?:[\w-]+\s+){0,3}?(?:meeting|meet|talks|visit|trip|call|conversation|consultations|"
    r"negotiations|summit|tour|arrival)\b", re.I)

# Words that introduce a place that is not where a meeting happened.
_TOPIC_BEFORE_PLACE = re.compile(
    r"\b(?:war|conflict|crisis|situation|invasion|fighting|offensive|operation|interests?|influence|presence|"
    r"peace|security|stability|tensions?|investments?|projects?|role|troops|forces|sanctions|exports?|imports?|"
    r"trade|supplies|supply|gas|oil|ambassador|embassy|envoy|issues?|relations|affairs|developments|events|"
    r"ties|aired|broadcast|televised|reported|published|elections?|people|protests?|born|based|"
    r"headquartered|stationed|deployed|attacks?|strikes?|drills|exercises|customs|companies|banks|markets?|"
    r"prices|growth|development|unrest|regions?|minorities|policy|policies|bloodshed|violence|killings|"
    r"humanitarian|refugees|famine|fighting|hostilities|junta|coup|rights)\s+(?:[\w-]+\s+)?$", re.I)
_PLACE_RE = re.compile(
    r"\b(?P<prep>in|at|to|into|inside|near)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*){0,6})")
_VISIT_OBJECT_RE = re.compile(r"\bvisit(?:ed|ing|s)?\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_CAPITAL_APPOS = re.compile(r"\b(?:capital|port\s+city|resort\s+(?:city|town))\s*,?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_CITY_OF_RE = re.compile(r"\b(?:city|town|capital|resort|port|village)\s+of\s+(?P<name>[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+)?)")
_CITY_EVENT_RE = re.compile(
    r"\b(?:[Tt]he|[Aa]|[A-Z][\w-]*['’]s)\s+(?P<name>[A-Z][\w'’-]+)\s+(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:Olympics?|Games|Forum|Expo|[Ss]ummit|[Cc]onference|[Cc]eremony|[Pp]arade|[Ff]estival|[Dd]ialogue)\b")
_WELCOME_RE = re.compile(r"\b[Ww]elcome(?:\s+you)?\s+to\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|the\s+)?[A-Z][\w'’.-]*){0,6})")
# ---------------------------------------------------------------------------
# Photo captions: not the article (ANNOTATION.md). A paragraph is a caption when it
# places people in the picture ("Joe Biden (R) and ...", "Yoon Suk Yeol, left, and
# ...") or ends with a picture credit ("Photo: AP", "(Xinhua/Zhang Ling)", "(AP)").
# ---------------------------------------------------------------------------
# The news agencies (text.AGENCIES) and the picture agencies and credits of captions.
_AGENCY_WORDS = "|".join(sorted({re.escape(a) for a in AGENCIES} | {
    "Getty(?:\\s+Images)?", "EPA", "VNA", "Shutterstock", "Pool", "Handout"}, key=len, reverse=True))
_CAPTION_MARK = re.compile(
    r"[\w.’']\s+\((?:L|R|C|L-R|R-L|left|right|center|centre|front|\d(?:st|nd|rd|th)\s+[LR])\)"
    r"|[a-z]\s*,\s+(?:left|right|center|centre|second\s+(?:left|right)|far\s+(?:left|right))\s*,\s+(?:and|is|are|speaks?|shakes?|"
    r"walks?|meets?|poses?|looks?|gestures?|listens?|talks?|attends?)\b"
    r"|\bis\s+pictured\b|\bpictured\s+(?:during|at|with|as)\b|\bthis\s+(?:combination|handout|file)\s+(?:of\s+)?"
    r"(?:picture|photo|image)", re.I)
_CAPTION_HINTS = ("(l)", "(r)", "(c)", "(l-r)", "(r-l)", "(left)", "(right)", "(cent", "(front)", "nd l)", "nd r)",
                  "rd l)", "rd r)", "th l)", "th r)", "st l)", "st r)", ", left,", ", right,", ", center,",
                  ", centre,", ", second", ", far ", "pictur", "combination of", "handout", "file photo")
_CREDIT_HINTS = ("photo", "image", "picture", "credit", "afp", "reuters", "getty", " ap")
_CAPTION_END = re.compile(
    r"(?:(?:\bPhoto|\bImage|\bPicture|\bPhotograph|\bCredit)s?\s*(?::|by\b|/)\s*[^\n.]{1,60}\.?"
    r"|\((?:[^()\n]{0,40}\b(?:Photo|" + _AGENCY_WORDS + r")\b[^()\n]{0,50})\)"
    r"|(?<=[.)”\"])\s+(?:AFP|AP|Reuters|Getty\s+Images)\.?)\s*$")


# A dateline the cleaner left in the text: "WOODSIDE, Calif. — ", "London: Prime Minister ..."
_LEAD_DATELINE = re.compile(
    r"\s*(?:(?P<caps>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3})(?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z][\w.]*\.?)?)?"
    r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:[—–]|--?)\s"
    r"|(?P<title>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s*:\s+[A-Z]"
    r"|(?P<title2>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}),\s*(?P<cty>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s*(?:[—–]|--))")


def _lead_dateline(text: str) -> str | None:
    m = _LEAD_DATELINE.match(text)
    if not m:
        return None
    if m.group("title2"):
        return m.group("title2") if _is_country_name(m.group("cty")) else None  # "Labuan Bajo, Indonesia—"
    place = (m.group("caps") or "").title() or m.group("title")
    if m.group("title") and not (reference.city_country(place) or _is_country_name(place)):
        return None  # "Summary: ..." is no place
    return place if len(place) >= 3 else None


def _caption_spans(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for para in text.split("\n"):
        a, b = pos, pos + len(para)
        pos = b + 1
        p = para.strip()
        if not p or len(p) > 600:
            continue
        low = p.lower()
        tail = p[-120:]
        if (any(h in low for h in _CAPTION_HINTS) and _CAPTION_MARK.search(p)) or (
                (")" in tail[-3:] or any(h in low[-120:] for h in _CREDIT_HINTS)) and
                _CAPTION_END.search(tail) and not p.startswith(("“", '"'))):
            out.append((a, b))
    return out


_MONTH_OR_DAY = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
_OUTLET = re.compile(r"\b(?:agency|media|tass|xinhua|reuters|interfax|sputnik|ria|cctv|broadcaster|television|"
                     r"newspaper|press\s+service|news|times|post|journal|bloomberg|afp|ap)\b", re.I)


@dataclass
class _Cand:
    sent: int
    start: int
    end: int
    trig_start: int
    trig_end: int
    mtype: str
    status: str
    persons: list[Actor]
    others: list[Actor] = field(default_factory=list)  # organisations
    parties: list[Actor] = field(default_factory=list)  # countries meeting through their officials
    country: Actor | None = None  # country visited
    date: DateMention | None = None
    place: str | None = None
    place_rank: int = 0  # 3 explicit city/venue, 2 explicit country, 1 inferred
    distinct: bool = False
    anaphoric: bool = False
    context_date: bool = False  # the date was borrowed from a sentence before
    soft: bool = False  # planned only by "would"/"if": perhaps a meeting reported as held
    heads: bool = False  # the people are the heads of the two sides' delegations
    parsed: bool = False  # found by the parse (encounters.py), not by a pattern
    evidence_start: int = 0
    evidence_end: int = 0

    def names(self) -> set[str]:
        return {a.name for a in self.persons} | {a.name for a in self.parties}


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip().lower()


def _place_country(place: str | None) -> str | None:
    if not place:
        return None
    c = reference.country_for(place)
    if c is not None and _fold(place) in {_fold(n) for n in (c.name, *c.alt_names)}:
        return c.alpha3
    return reference.city_country(place)


def _is_country_name(name: str) -> reference.Country | None:
    c = reference.country_for(name)
    if c is None:
        return None
    if _fold(name).removeprefix("the ") in {_fold(n) for n in (c.name, *c.alt_names)}:
        return c
    return None


def _resolve_place(name: str) -> tuple[str | None, int]:
    """A place name as written -> (city or country, rank)."""
    name = name.strip().rstrip(".,'’")
    low = _fold(name)
    # possessive city: "Moscow's Red Square"
    m = re.match(r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s", name)
    if m and reference.city_country(m.group(1)):
        return m.group(1), 3
    for seat, city in SEATS_OF_GOVERNMENT.items():
        if seat and (low == seat or low.startswith(seat + " ") or low.endswith(" " + seat)):
            return city, 3
    words = low.split()
    # venue naming a government: "Government House of the Russian Federation"
    if any(w in _BUILDING_WORDS for w in words[:3]) and " of " in f" {low} ":
        tail = re.split(r"\bof\s+(?:the\s+)?", name, maxsplit=1)[-1]
        c = _is_country_name(tail)
        if c is not None and c.capital:
            return c.capital, 3
    toks = name.split()
    # "Guilin City", "Nanping", "New Delhi", "Beijing Winter Olympics": longest known prefix
    for n in range(min(len(toks), 4), 0, -1):
        cand = " ".join(toks[:n])
        if n == 1 and cand.lower() in _MONTH_OR_DAY:
            return None, 0
        if _is_country_name(cand):
            return cand, 2
        if reference.city_country(cand) and cand.lower() not in _MONTH_OR_DAY:
            if n == 1 and len(toks) > 1 and toks[1].lower() not in ("city",) and \
                    _fold(" ".join(toks[:2])) in SEATS_OF_GOVERNMENT:
                continue
            return cand, 3
    return None, 0


def _places_in(text: str, start: int, end: int, visit: bool, only_in: bool = False) -> list[tuple[int, str, int]]:
    """(position, place, rank) for places in text[start:end]; ``visit`` admits "to X"."""
    out = []
    if visit:
        for m in _VISIT_OBJECT_RE.finditer(text, start, end):
            place, rank = _resolve_place(m.group("name"))
            if place:
                out.append((m.start("name"), place, rank))
    for m in _CAPITAL_APPOS.finditer(text, start, end):
        if reference.city_country(m.group("name")):
            out.append((m.start("name"), m.group("name"), 3))  # "the Omani capital, Muscat"
    for m in _CITY_OF_RE.finditer(text, start, end):
        if reference.city_country(m.group("name")) or len(m.group("name")) > 2:
            out.append((m.start("name"), m.group("name"), 3))
    for m in _PLACE_RE.finditer(text, start, end):
        prep = m.group("prep").lower()
        if only_in and prep not in ("in", "at"):
            continue
        if prep in ("to", "into") and not visit and not re.search(
                r"(?:welcomed?|trip|visit|travell?ed|came|went|brought|train|flight|flew|drove|rode)\s+(?:\w+\s+){0,2}$",
                text[max(0, m.start() - 30):m.start()], re.I):
            continue
        before = text[max(start, m.start() - 40):m.start()]
        if _TOPIC_BEFORE_PLACE.search(before):
            continue
        place, rank = _resolve_place(m.group("name"))
        if place:
            out.append((m.start("name"), place, rank))
    out.sort()
    return out


# ---------------------------------------------------------------------------
# Sentences and clauses
# ---------------------------------------------------------------------------

_FRONTED = re.compile(r"(?:After|Before|While|When|Since|Although|Though|Following|As|Once|Ahead\s+of)\b[^,]{3,120},\s*")


@lru_cache(maxsize=256)
def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[s:e] as (start, end) spans."""
    spans = []
    cur = s
    fr = _FRONTED.match(text, s, e)
    if fr:
        comma = text.rfind(",", s, fr.end())
        spans.append((s, comma))
        cur = fr.end()
    for m in _CLAUSE_BREAK.finditer(text, cur, e):
        if m.start() > cur:
            spans.append((cur, m.start()))
        cur = max(cur, m.end())
    if e > cur:
        spans.append((cur, e))
    return spans


def _clause(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    for a, b in _clauses(text, s, e):
        if a <= pos < b:
            return a, b
    return s, e


def _transcript_speakers(text: str, actors) -> list[tuple[int, Actor]]:
    """(offset, speaker) for transcript labels ("Name Surname: ...", "Name Surname (03:07):")."""
    out = []
    for m in TRANSCRIPT_LABEL.finditer(text):
        for men in actors.in_span(m.start("name"), m.end("name") + 1):
            if men.actor.actor_type == "person":
                out.append((m.start(), men.actor))
                break
    return out


def _speaker_at(speakers: list[tuple[int, Actor]], pos: int) -> Actor | None:
    who = None
    for off, actor in speakers:
        if off <= pos:
            who = actor
        else:
            break
    return who


# ---------------------------------------------------------------------------
# Participants
# ---------------------------------------------------------------------------
_DESC_PHRASE = re.compile(
    r"\b(?:(?:the|a|an|his|her|their|its)\s+|(?:[A-Z][\w-]+['’]s\s+))"
    r"(?:(?:[A-Z][\w-]+|senior|top|new|visiting|then|former|chief)\s+){0,3}"
    r"(?:counterpart|leader|president|premier|prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|"
    r"minister|diplomat|official|envoy|ambassador|head\s+of\s+state|chairman|chancellor|king|emir|"
    r"defen[cs]e\s+chief|security\s+chief|spy\s+chief|secretary)\b", re.I)


def _person_ok(actor: Actor) -> bool:
    if actor.actor_type != "person":
        return False
    name = actor.name.strip()
    toks = name.split()
    if len(toks) == 1 and (reference.city_country(name) or reference.country_for(name)):
        return False  # a place the actors module took for a person
    if name.lower() in SEATS_OF_GOVERNMENT:
        return False
    return True


_REPORTER_AFTER = re.compile(r"^\s*(?:,\s*)?(?:[a-z]+ly\s+)?(?:said|says|added|adds|noted|notes|stressed|warned|"
                             r"told\s+(?:reporters|journalists|the)|explained|wrote|announced|according)\b", re.I)
_REPORTER_BEFORE = re.compile(r"\b(?:according\s+to|cited\s+by|quoted\s+by|said|says|added)\s+(?:the\s+)?$", re.I)


def _mentions_in(actors, text: str, s: int, e: int, trig_start: int, trig_end: int,
                 skip_reporters: bool = False):
    """People and organisations of text[s:e] that can take part in the meeting there."""
    persons: list[tuple[int, Actor]] = []
    orgs: list[tuple[int, Actor]] = []
    covered: list[tuple[int, int]] = []
    # "in the presence of A, B and C": witnesses of the encounter, not its parties
    pres = _PRESENCE.search(text, s, e)
    witness_from = pres.end() if pres else e + 1
    for men in actors.in_span(s, e):
        a = men.actor
        if men.char_start >= witness_from:
            if a.actor_type == "person":
                covered.append((men.char_start, men.char_end))
            continue
        if a.actor_type == "person":  # "The Chinese" of "The Chinese leader" is resolved below
            covered.append((men.char_start, men.char_end))
        if trig_start <= men.char_start < trig_end:
            continue
        after = text[men.char_end:men.char_end + 60]
        surface = men.surface
        if surface.endswith(("'s", "’s")):
            after = surface[-2:] + after
        if _POSSESSIVE_AFTER.match(after) and not _MEETING_NOUN_AFTER.match(after):
            continue
        if _RELATIONAL_AFTER.match(after) and not _POSSESSIVE_AFTER.match(after) and \
                len(surface.split()) <= 2 and surface[:1].isupper() and not re.match(r"^\s*,", after):
            continue
        if skip_reporters and men.char_start > trig_end and (
                _REPORTER_AFTER.match(text[men.char_end:men.char_end + 30]) or
                _REPORTER_BEFORE.search(text[max(0, men.char_start - 20):men.char_start])):
            continue  # ", the official added": who reports it, not who met
        if a.actor_type == "person":
            if _is_description(surface) and any(
                    x.actor.actor_type == "person" and 0 <= x.char_start - men.char_end <= 2
                    for x in actors.in_span(men.char_end, men.char_end + 80)):
                continue  # "his Chinese counterpart Xie Zhenhua": the name that follows says who
            if _person_ok(a) and _description_fits(men.surface, a):
                persons.append((men.char_start, a))
        elif a.actor_type == "organization":
            if not _OUTLET.search(a.name) and a.name.lower() not in SEATS_OF_GOVERNMENT:
                orgs.append((men.char_start, a))
    # role descriptions the actors module left untagged
    for m in _DESC_PHRASE.finditer(text, s, min(e, witness_from)):
        if any(cs <= m.start() < ce or m.start() <= cs < m.end() for cs, ce in covered):
            continue
        if any(0 <= cs - m.end() <= 2 for cs, _ in covered):
            continue  # "his Chinese counterpart Xie Zhenhua": the name that follows says who
        if skip_reporters and m.start() > trig_end and _REPORTER_AFTER.match(text[m.end():m.end() + 30]):
            continue
        actor = actors.resolve(m.group(0), m.start())
        if actor is None and m.group(0)[:2].lower() in ("a ", "an"):
            actor = _cataphor(actors, m.group(0), e)
        if actor is not None and _person_ok(actor) and _description_fits(m.group(0), actor):
            persons.append((m.start(), actor))
    persons.sort(key=lambda x: x[0])
    return unique([a for _, a in persons]), unique([a for _, a in orgs])


_LEADER_WORDS = re.compile(r"\b(?:president|leader|chairman|head\s+of\s+state|king|queen|emir|sultan|monarch)\b", re.I)
_MINISTER_WORDS = re.compile(r"\b(?:minister|secretary|ambassador|envoy|diplomat|chief|official|general|admiral)\b", re.I)


_DEMONYM_IN = re.compile(r"\b[A-Z][\w'’-]+")


def _is_description(surface: str) -> bool:
    words = surface.split()
    return bool(words) and (bool(re.match(r"(?:the|his|her|its|their|a|an)\s", surface, re.I)) or
                            words[-1][:1].islower())


def _phrase_country(phrase: str) -> str | None:
    """The country a description names: "Chinese", "China's", "Kremlin", "White House"."""
    low = _fold(phrase)
    for seat, city in SEATS_OF_GOVERNMENT.items():
        if seat and re.search(r"\b" + re.escape(seat) + r"\b", low) and city:
            return reference.city_country(city)
    for w in _DEMONYM_IN.findall(phrase):
        c = reference.country_for(w)
        if c is not None:
            return c.alpha3
    return None


def _cataphor(actors, phrase: str, end: int) -> Actor | None:
    """"A senior Kremlin official ... hosted ..." in a lead, named in the sentences after:
    the first person of the country the description names."""
    code = _phrase_country(phrase)
    if code is None:
        return None
    for men in actors.in_span(end, end + 500):
        a = men.actor
        if _person_ok(a) and not _is_description(men.surface) and men.surface.lower() not in ("he", "she"):
            return a if a.country_code == code else None
    return None


def _description_fits(surface: str, actor: Actor) -> bool:
    """A description ("the Chinese president") must fit the person it was resolved to."""
    if not surface or not _is_description(surface):
        return True  # a name, not a description
    if surface.lower() in ("he", "she", "him", "her", "his"):
        return True
    for w in _DEMONYM_IN.findall(surface):
        c = reference.country_for(w)
        if c is not None:
            if actor.country_code != c.alpha3:
                return False
            break
    return not _role_clash(surface, actor)


def _role_clash(phrase: str, actor: Actor) -> bool:
    """A head of state is no "defence minister", a minister no "leader"."""
    role = actor.role or ""
    if not role:
        return False
    if _MINISTER_WORDS.search(phrase) and _LEADER_WORDS.search(role) and not _MINISTER_WORDS.search(role):
        return True
    if _LEADER_WORDS.search(phrase) and _MINISTER_WORDS.search(role) and not _LEADER_WORDS.search(role):
        return True
    return False


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------
_NOT_MEETING_DATE = re.compile(r"\b(?:established|founded|created|formed|born|signed|adopted|launched|built|elected|"
                               r"appointed|invaded|annexed|began|started)\s+(?:\w+\s+){0,2}$", re.I)
_FIGURE_BEFORE = re.compile(r"(?:\d|%|\bbillion|\bmillion|\btrillion|\bpercent|\bper\s+cent)\S*\s+(?:\w+\s+)?$", re.I)
# "Since the start of the war in 2022, ...": that date belongs to the since-clause
_SINCE_CLAUSE = re.compile(r"\b(?:[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter)\b[^,;]*$")
_BAD_DATE_PREFIX = re.compile(r"^(?:since|until|till|by|before|after|from)\b", re.I)


def _date_ok(d: DateMention, status: str, published: date | None, text: str = "") -> bool:
    if _BAD_DATE_PREFIX.match(d.text):
        return False
    if status == "held" and re.match(r"(?:next|coming)\b", d.text, re.I):
        return False  # "next week" never dates what was held
    if text and _NOT_MEETING_DATE.search(text, max(0, d.start - 30), d.start):
        return False
    if d.date is not None and published is not None:
        if status == "held" and d.date > published + timedelta(days=1):
            return False
        if status == "planned" and d.precision == "day" and d.date < published - timedelta(days=1):
            return False
        if status == "planned" and d.precision == "year" and d.date.year < published.year:
            return False
    return True


def _nearest_date(dates: list[DateMention], pos: int, status: str, published: date | None,
                  used: set[int], text: str = "") -> DateMention | None:
    best, best_d = None, None
    for d in dates:
        if d.start in used or not _date_ok(d, status, published, text):
            continue
        dist = d.start - pos if d.start >= pos else (pos - d.end) + 1
        # a more precise expression wins over a nearer year
        dist += {"day": 0, "month": 15, "year": 40}[d.precision]
        if best is None or dist < best_d:
            best, best_d = d, dist
    return best


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def extract_meetings(text: str, actors, published_date: date | None,
                     dateline: str | None) -> list[Meeting]:
    """Meetings reported in ``text`` (see the module docstring)."""
    if not text or not (_TRIGGER_RE.search(text) or _HEADED.search(text) or _HEADED_BY.search(text)
                        or encounters.lexicon().forms.search(text)):
        return []
    sents = split_sentences(text)
    if not sents:
        return []
    past = find_dates(text, published_date)
    future = find_dates(text, published_date, planned=True)
    fut_by_start = {d.start: d for d in future}
    speakers = _transcript_speakers(text, actors)

    # photo captions are not the article: no meeting, date or place comes from them
    captions = _caption_spans(text)
    is_caption = [any(a <= s < b for a, b in captions) for s, _ in sents] if captions else [False] * len(sents)

    # dates per sentence
    sent_dates: list[list[DateMention]] = [[] for _ in sents]
    j = 0
    for d in past:
        while j < len(sents) and sents[j][1] <= d.start:
            j += 1
        if j < len(sents) and sents[j][0] <= d.start and not is_caption[j]:
            sent_dates[j].append(d)

    cands: list[_Cand] = []
    # dates taken by a meeting (start -> sentence), and dates that name a meeting of
    # their own ("his weekend talks", "Monday's talks"): no other sentence borrows them
    used_dates: dict[int, int] = {}
    all_trig = list(_TRIGGER_RE.finditer(text))
    ends = {d.end: d for d in past}
    for m in all_trig:
        for gap in (0, 1, 2):
            d = ends.get(m.start() - gap)
            if d is not None:
                used_dates.setdefault(d.start, -1)
    trig_by_sent: list[list[re.Match]] = [[] for _ in sents]
    k = 0
    for m in all_trig:
        while k < len(sents) and sents[k][1] <= m.start():
            k += 1
        if k < len(sents) and sents[k][0] <= m.start():
            trig_by_sent[k].append(m)
    for si, (s, e) in enumerate(sents):
        trig = trig_by_sent[si]
        if not trig or is_caption[si]:
            continue
        # a summit named as the setting of another meeting ("will meet Raisi at the
        # summit") is no meeting of its own; other triggers first
        trig.sort(key=lambda m: m.lastgroup == "summit")
        main_found = False
        split = False
        for m in trig:
            if split:
                break  # the other triggers of the sentence are the setting of those meetings
            pairs = _bilateral_pairs(actors, text, s, e, m)
            if pairs:
                split = True
                # "bilateral meetings with Iranian President X and Russian President Y": one each
                for keep in pairs:
                    c = _candidate(text, actors, si, s, e, m, sents, sent_dates, fut_by_start,
                                   speakers, cands, published_date, used_dates, keep=keep)
                    if c is not None and len(c.persons) == 2:
                        cands.append(c)
                        main_found = True
                continue
            if m.lastgroup == "summit" and main_found and _SETTING_BEFORE.search(text[max(s, m.start() - 45):m.start()]):
                continue
            if m.group().lower() == "discussed" and (main_found or _GROUP_ANAPHOR.search(text, _clause(text, s, e, m.start())[0], m.start())):
                continue  # "the two leaders also discussed ...": what was said at a meeting reported elsewhere
            c = _candidate(text, actors, si, s, e, m, sents, sent_dates, fut_by_start,
                           speakers, cands, published_date, used_dates)
            if c is not None and not c.anaphoric:
                cs, ce = _clause(text, s, e, m.start())
                listed = _coordinated(text, c, cs, ce)
                if listed:
                    cands.extend(listed)
                    for d in sent_dates[si]:
                        if cs <= d.start < ce:
                            used_dates[d.start] = si
                    main_found = True
                    continue
            if c is not None:
                if c.anaphoric and main_found:
                    continue  # "The visit follows Modi's meeting with ...": the meeting counts
                if main_found is False and not c.anaphoric:
                    # an earlier "the visit" of this sentence only pointed back
                    cands[:] = [x for x in cands if not (x.sent == si and x.anaphoric)]
                cands.append(c)
                main_found = main_found or not c.anaphoric
    for si, (s, e) in enumerate(sents):
        if not is_caption[si]:
            c = _delegation_heads(text, actors, si, s, e)
            if c is not None:
                cands.append(c)
    cands += _parsed_candidates(text, actors, sents, is_caption, cands, sent_dates, published_date, fut_by_start)
    _from_own_clause(text, sents, cands, sent_dates, published_date, fut_by_start)
    cands.sort(key=lambda c: (c.sent, c.trig_start))
    bloc = _bloc_summit(text, actors, sents, is_caption, trig_by_sent, cands, sent_dates, published_date)
    if bloc is not None:
        cands.append(bloc)
        cands.sort(key=lambda c: (c.sent, c.trig_start))
    items = _merge(cands)
    _add_hosts(items, actors, text, sents)
    _fill_places(items, text, sents, dateline or _lead_dateline(text), published_date, actors)
    out = []
    # held meetings first, then planned ones, each in the order the article reports them
    for c in sorted(items, key=lambda c: (c.status != "held", c.start)):
        parts = _final_participants(c)
        if len(parts) < 2:
            continue
        codes = {p.country_code for p in parts}
        if len(codes) == 1 and None not in codes and all(p.actor_type == "person" for p in parts):
            continue  # people of one country among themselves: no international meeting
        d = c.date
        out.append(Meeting(
            participants=parts, status=c.status, meeting_type=c.mtype,
            evidence=text[c.evidence_start:c.evidence_end], char_start=c.evidence_start,
            char_end=c.evidence_end, meeting_date=d.date if d else None,
            date_precision=d.precision if d and d.date else None, date_text=d.text if d else None,
            location=c.place, location_country=reference.place_country(c.place),
            date_hint=d.partial if d and not d.date else None))
    return out


def _from_own_clause(text, sents, cands, sent_dates, published, future) -> None:
    """Dates and places from the trigger's own clause, as the parse bounds it.

    A date in the trigger's sentence dates it only if it stands in that clause: not
    "..., where the summit opens on Tuesday", not "the ministry said on Monday". A meeting
    the patterns left without a place takes the place its clause puts it in ("held a
    working lunch with X in New York").
    """
    for c in cands:
        s, e = sents[c.sent]
        dated_here = c.date is not None and not c.context_date and s <= c.date.start < e
        # a pattern's "held" meeting whose day is relative ("when X and Y meet on Monday"): the
        # tense and auxiliaries of its clause, as the parse gives them, say which Monday
        relative = not c.parsed and c.status == "held" and (c.date is None or c.date.relative) and \
            any(d.relative for d in sent_dates[c.sent])
        if not (dated_here or (c.place is None and not c.anaphoric) or relative):
            continue
        doc = parse_spans(text, [(s, e)])[0]
        trig = token_at(doc, c.trig_start - s)
        if trig is None:
            continue
        if relative and encounters.status_of(trig) == "planned":
            c.status = "planned"
            ahead = [future.get(d.start, d) for d in sent_dates[c.sent]]
            c.date = _nearest_date(ahead, c.trig_start, "planned", published, set(), text)
            dated_here = c.date is not None and s <= c.date.start < e
        if c.place is None and not c.anaphoric:  # a report pointing back takes the place of what it points to
            place, rank = _clause_place(doc, trig)
            if rank == 3:  # a city or venue; a country is left to the article's other clues
                c.place, c.place_rank = place, rank
        if not dated_here:
            continue

        def fits(d: DateMention) -> bool:
            tok = token_at(doc, d.end - 1 - s)  # the date's last word heads it ("since 2016", "last week")
            return tok is None or governs(trig, tok)

        if not fits(c.date):
            own = [future.get(d.start, d) if c.status == "planned" else d
                   for d in sent_dates[c.sent] if s <= d.start < e and fits(d)]
            better = _nearest_date(own, c.trig_start, c.status, published, set(), text)
            if better is not None or c.parsed:
                # a pattern's date stays when its clause offers none: the patterns date
                # reports that point back ("at their meeting") on purpose
                c.date = better


def _clause_place(doc, trig) -> tuple[str | None, int]:
    """The place an in-/at-phrase of the trigger's clause names, nearest the trigger first.
    "Their meeting" may point back to a meeting held elsewhere: only its own phrase places it."""
    definite = definite_noun(trig)
    found = []
    for ent in ensure_entities(doc).ents:
        head = ent.root
        if ent.label_ not in ("GPE", "LOC", "FAC") or head.dep_ != "pobj" or head.head.lower_ not in ("in", "at"):
            continue
        if (head in trig.subtree) if definite else governs(trig, head):
            place, rank = _resolve_place(ent.text)
            if place:
                found.append((abs(head.i - trig.i), place, rank))
    return min(found)[1:] if found else (None, 0)


def _name_key(name: str) -> str:
    """"Mr Putin" and "Vladimir Putin" are one party when frames are compared."""
    return name.split()[-1].lower() if name.split() else name


def _parsed_candidates(text, actors, sents, is_caption, cands, sent_dates, published, future) -> list[_Cand]:
    """Meetings the parse finds that no pattern found: a frame whose parties a pattern's
    candidate in the same sentence already holds adds nothing."""
    held_by_sent: dict[int, list[set[str]]] = {}
    full = set()  # a sentence whose pattern already found two parties is read; the parser's time goes elsewhere
    for c in cands:
        names = c.names() | {o.name for o in c.others}
        held_by_sent.setdefault(c.sent, []).append({_name_key(n) for n in names})
        if len(names) >= 2:
            full.add(c.sent)
    wanted = [i for i in encounters.candidate_sentences(text, sents) if not is_caption[i] and i not in full]
    out = []
    for f in encounters.find_frames(text, sents, actors, wanted):
        names = {_name_key(a.name) for a in f.parties}
        if any(len(names & held) >= 2 or names <= held for held in held_by_sent.get(f.sent, [])):
            continue
        if f.definite and any(len(names & held) >= 2 for seen in held_by_sent.values() for held in seen):
            continue  # "the agreements they reached at their meeting": the meeting reported already
        s, e = sents[f.sent]
        persons = [a for a in f.parties if a.actor_type == "person"]
        orgs = [a for a in f.parties if a.actor_type == "organization"]
        countries = [a for a in f.parties if a.actor_type == "country"]
        dates = sent_dates[f.sent]
        if f.status == "planned":  # "in July", "on Friday" of a meeting ahead: the next one
            dates = [future.get(x.start, x) for x in dates]
        d = _nearest_date(dates, f.trig_start, f.status, published, set(), text)
        found = _places_in(text, s, e, f.mtype == "visit")
        place, rank = None, 0
        if found:
            fp = min(found, key=lambda x: abs(x[0] - f.trig_end))
            place, rank = fp[1], fp[2]
        out.append(_Cand(sent=f.sent, start=s, end=e, trig_start=f.trig_start, trig_end=f.trig_end,
                         # a country the grammar names as a party stays one, whoever else is there
                         mtype=f.mtype, status=f.status, persons=persons, others=orgs + countries,
                         country=f.visited, date=d, place=place, place_rank=rank,
                         evidence_start=s, evidence_end=e, parsed=True))
    return out


# "the SCO's", "the 42nd ASEAN", "the China-Gulf Cooperation Council (GCC)" summit
_BLOC_BEFORE = re.compile(r"^(?:['’]s?\s*|\s+)(?:\([A-Z]{2,6}\)\s+)?(?:(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’-]*)['’]?\s+){0,3}$")
_BLOC_ACRONYM = re.compile(r"\b\(?(?:G-?\d{1,2}|[A-Z]{3,6})\)?\s+(?:[A-Z][\w'’-]*\s+){0,2}$")
_CHAIR = re.compile(r"\bchair(?:man|woman|person)?['’]s\s+statement\b|\bas\s+(?:the\s+)?(?:summit\s+)?"
                    r"(?:chair|host)\b|\bchaired\s+the\s+(?:[\w-]+\s+){0,3}(?:summit|meeting)\b|"
                    r"\bhosted\s+the\s+(?:[\w-]+\s+){0,3}summit\b|\bsummit\s+host\b", re.I)


def _is_bloc_summit(text: str, actors, m: re.Match, s: int) -> bool:
    """A summit of an organisation: "the 42nd ASEAN Summit", "a summit of the SCO"."""
    ts, te = m.start(), m.end()
    if _OF_BODY_AFTER.match(text, te, te + 120):
        return True
    if _BLOC_ACRONYM.search(text, max(s, ts - 40), ts):
        return True
    for men in reversed(actors.in_span(max(s, ts - 90), ts)):
        if men.actor.actor_type == "organization" and _BLOC_BEFORE.match(text[men.char_end:ts]):
            return True
        break
    # "Leaders of the SCO member states have adopted a declaration following the summit"
    return bool(_THE_BEFORE.search(text, max(s, ts - 40), ts)) and any(
        men.actor.actor_type == "organization" and relevance.BLOCS.search(men.surface)
        for men in actors.in_span(s, ts))


_HELD_AT = re.compile(r"\s+(?:was|is|will\s+be)\s+(?:held|hosted|convened|taking\s+place)\s+(?:at|in)\b")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|its)\s+(?:[a-z][\w-]*\s+){0,2}$")
_ATTENDANCE = re.compile(r"\b(?:in\s+attendance|attend(?:ed|ing|s)?|took\s+part|taking\s+part|participat\w+)\b")


def _bloc_of(text: str, actors, s: int, m: re.Match) -> Actor | None:
    """The intergovernmental organisation whose summit this is, named in its sentence."""
    for men in reversed(actors.in_span(s, m.end() + 120)):
        if men.actor.actor_type == "organization" and relevance.BLOCS.search(men.surface):
            return men.actor
    return None


def _bloc_summit(text, actors, sents, is_caption, trig_by_sent, cands, sent_dates, published) -> _Cand | None:
    """A summit of a bloc the article reports without a meeting of its own: the leaders
    it places at the summit ("In his intervention at the 42nd ASEAN Summit, President X
    said") and the one who chairs it ("In his chairman's statement, President Y")."""
    summit_sents = []
    bloc: Actor | None = None
    for si, trigs in enumerate(trig_by_sent):
        if is_caption[si]:
            continue
        for m in trigs:
            if m.lastgroup != "summit":
                continue
            if _is_bloc_summit(text, actors, m, sents[si][0]):
                summit_sents.append((si, m))
                bloc = bloc or _bloc_of(text, actors, sents[si][0], m)
                break
            if summit_sents and _THE_BEFORE.search(text, max(0, m.start() - 40), m.start()) and not any(
                    men.actor.actor_type == "organization" for men in actors.in_span(sents[si][0], m.start())):
                summit_sents.append((si, m))  # "The summit is being held ...": the bloc's summit again
                break
    if not summit_sents:
        return None
    attendees: list[Actor] = []
    for si, m in summit_sents:
        s, e = sents[si]
        attendees += _mentions_in(actors, text, s, e, m.start(), m.end())[0]
        if si + 1 < len(sents) and not is_caption[si + 1] and _ATTENDANCE.search(text, *sents[si + 1]):
            # "The summit is being held ... More than 20 heads of state are in attendance, including X"
            s2, e2 = sents[si + 1]
            attendees += _mentions_in(actors, text, s2, e2, e2, e2)[0]
    for si, (s, e) in enumerate(sents):
        if not is_caption[si] and _CHAIR.search(text, s, e):
            attendees += _mentions_in(actors, text, s, e, e, e)[0][:1]
    attendees = unique(attendees)
    if len(attendees) == 1 and bloc is not None:
        # "More than 20 heads of state are in attendance, including Putin": one leader the
        # article names at the bloc's summit meets the bloc
        attendees.append(bloc)
    if len(attendees) < 2:
        return None
    codes = [a.country_code for a in attendees]
    if None not in codes and len(set(codes)) < 2:
        return None
    names = {a.name for a in attendees}
    if any(len(c.names() & names) >= 2 for c in cands):
        return None  # the article reports their meeting itself
    si, m = summit_sents[0]
    s, e = sents[si]
    d = None
    for sj, mj in summit_sents:
        # only a date of the clause that names the summit ("... clashing in 2020" is another event's)
        cs, ce = _clause(text, *sents[sj], mj.start())
        ok = [x for x in sent_dates[sj] if cs <= x.start < ce and _date_ok(x, "held", published, text)]
        if ok:
            d = ok[0]
            break
    place = None
    for sj, mj in summit_sents:
        # "the G20 summit in Osaka", not "a summit ... to end the bloodshed in Myanmar"
        held_at = _HELD_AT.match(text, mj.end())
        reach = 110 if held_at else 40  # "the Summit was held at the ... Conference Center in Riyadh"
        found = [f for f in _places_in(text, mj.end(), min(sents[sj][1], mj.end() + reach + 20), False,
                                       only_in=True) if f[0] - mj.end() < reach]
        if found:
            place = found[0][1]
            break
    status = "planned" if d is not None and published and d.date and d.date > published else "held"
    return _Cand(sent=si, start=s, end=e, trig_start=m.start(), trig_end=m.end(), mtype="summit",
                 status=status, persons=attendees, date=d, place=place, place_rank=3 if place else 0,
                 evidence_start=s, evidence_end=e)


_HEADED = re.compile(r"\b(?:[Hh]eaded|led|[Hh]eading|[Ll]eading)\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}"
                     r"(?:delegation|team|side|negotiators)\b")
_HEADS_AFTER = re.compile(r"\s+(?:was|were)\s+")
# "A and National Security Adviser B", "A, B and the Australian prime minister C", "A as well as foreign minister B"
_HEADS_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+)"
                         r"(?:(?:the\s+)?[\w.'’-]+\s+){0,5}?$")
_HEADED_BY = re.compile(r"\b(?:was|were)\s+(?:led|headed|represented)\s+by\s+")


def _delegation_heads(text: str, actors, si: int, s: int, e: int) -> _Cand | None:
    """Talks whose two sides the sentence names by who led them ("X headed the US delegation,
    while the Iranians were led by Y", "The U.S. was represented by X, while Iran was led by Y")."""
    sides: list[list[Actor]] = []
    for m in _HEADED.finditer(text, s, e):
        after = _HEADS_AFTER.match(text, m.end())
        if after:  # "Heading the U.S. delegation were A and B"
            side = _listed_persons(text, actors, after.end(), e)
        else:
            who = [x for x in actors.in_span(max(s, m.start() - 80), m.start()) if _person_ok(x.actor)]
            side = _listed_persons(text, actors, s, m.start(), backwards=True) if who else []
        if side:
            sides.append(side)
    for m in _HEADED_BY.finditer(text, s, e):
        ms = actors.in_span(m.end(), e)
        if ms and not _FILLER.search(text, m.end(), ms[0].char_start):
            side = _listed_persons(text, actors, m.end(), min(e, m.end() + 80))
            if side:
                sides.append(side)
    if len(sides) != 2:
        return None
    heads = unique(sides[0] + sides[1])
    codes = {h.country_code for h in heads}
    if len(heads) < 2 or len(codes) < 2 and None not in codes:
        return None
    return _Cand(sent=si, start=s, end=e, trig_start=s, trig_end=s, mtype="talks", status="held",
                 persons=heads, evidence_start=s, evidence_end=e, heads=True)


def _listed_persons(text: str, actors, lo: int, hi: int, backwards: bool = False) -> list[Actor]:
    """The people a list names first after ``lo`` (or last before ``hi``): "A and B", "A as
    well as foreign minister B"."""
    ms = [x for x in actors.in_span(lo, hi) if _person_ok(x.actor) and
          not _POSSESSIVE_AFTER.match(x.surface[-2:] + text[x.char_end:x.char_end + 3])]
    if not ms:
        return []
    if backwards:
        ms = ms[::-1]
    out = [ms[0]]
    for x in ms[1:]:
        a, b = (x, out[-1]) if backwards else (out[-1], x)
        if not _HEADS_JOIN.match(text[a.char_end:b.char_start]):
            break
        out.append(x)
    return [x.actor for x in out]


# "in Bali, Indonesia in 2022 and then in Johannesburg, South Africa (2023)": a place and
# the year (or month) the parties met there
_PLACE_WHEN = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+){0,2})(?:,\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\s+"
    r"(?:(?P<when>in\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)\b|\((?P<pyear>(?:19|20)\d\d)\))")


def _coordinated(text: str, c: _Cand, cs: int, ce: int) -> list[_Cand]:
    """Meetings a clause lists place by place and year by year ("met in Bali in 2022 and in
    Johannesburg in 2023"); [] when it names at most one place with its date."""
    found = []
    for m in _PLACE_WHEN.finditer(text, cs, ce):
        place, rank = _resolve_place(m.group("name"))
        if place is None or rank < 2:
            continue
        if m.group("when"):
            when = next(iter(find_dates(text, None, m.start("when"), m.end("when"))), None)
        else:  # a year in brackets, which the date finder leaves alone
            when = DateMention(date(int(m.group("pyear")), 1, 1), "year", m.group("pyear"),
                               m.start("pyear"), m.end("pyear"))
        if when is not None and when.date is not None:
            found.append((place, rank, when))
    if len({(p, w.date) for p, _, w in found}) < 2 or len({p for p, _, _ in found}) < 2:
        return []
    out = []
    for place, rank, when in found:
        out.append(replace(c, persons=list(c.persons), parties=list(c.parties), others=list(c.others),
                           place=place, place_rank=rank, date=when, context_date=False, distinct=True))
    return out


def _candidate(text, actors, si, s, e, m, sents, sent_dates, fut_by_start, speakers,
               cands, published, used_dates, keep: frozenset[str] | None = None) -> _Cand | None:
    """One meeting a trigger reports; ``keep`` limits it to those people (one of several
    bilateral meetings a plural trigger reports)."""
    ts, te = m.start(), m.end()
    kind = m.lastgroup
    word = m.group(0).lower()
    before = text[max(s, ts - 60):ts]
    after = text[te:min(e, te + 80)]
    # generic, plural, habitual, negated or counted mentions are no single meeting
    if (_PLURAL_MEETINGS.fullmatch(word) or word.startswith("meetings")) and keep is None:
        return None
    if kind == "visit" and _ORDINAL_BEFORE.search(before) and not _FIRST.search(before[-30:]):
        return None  # "your eighth visit to China"
    cs, ce = _clause(text, s, e, ts)
    clause = text[cs:ce]
    if _HABITUAL.search(clause) or _GENERIC.search(text, s, e) or _NEGATED.search(text[max(cs, ts - 50):ts]):
        return None
    if word == "talks" and _TALKS_OF.match(after) and not _HELD_BEFORE.search(before):
        return None  # "Talks of ending the fighting"
    if word.startswith(("received", "welcomed")) and _RECEIVED_THING.match(after):
        return None  # "received support"
    if word.startswith("host") and not _HOSTED_GUEST.match(after):
        return None  # "hosting the forum"
    if word.startswith(("speak", "spoke")) and word.endswith(("with", "to")):
        # "spoke to reporters" is no call: a person must follow
        nxt = [x for x in actors.in_span(te, min(e, te + 60)) if _person_ok(x.actor)]
        if not nxt or _FILLER.search(text, te, nxt[0].char_start):
            return None
    pair = None
    if kind == "joint":
        # "X and Y signed ...", "X and his counterpart Y addressed the press": two people
        # of different countries doing one thing together are in one place
        # "X and Y took a train to Tianjin and watched a hockey game together"
        together = word in _TOGETHER_VERBS
        pair = _pair_subject(actors, text, cs, ts, reach=100 if together else 30)
        if word == "joined":
            # "A and B joined C in signing the agreement": C with the one or two before
            joined = next((x.actor for x in actors.in_span(te, ce) if _person_ok(x.actor)), None)
            lead = [x for x in actors.in_span(cs, ts) if _person_ok(x.actor)]
            subject = [x.actor for x in lead[-2:]] if len(lead) >= 2 and re.search(
                r"\band\b", text[lead[-2].char_end:lead[-1].char_start]) else [x.actor for x in lead[-1:]]
            pair = unique(subject + [joined]) if joined is not None and subject else None
        elif pair is None and word.startswith("sign") and re.match(r"\s+by\b", after):
            pair = _pair_agents(actors, text, te, ce)  # "The agreement was signed by X and Y"
        if pair is None:
            return None
    mtype = {"call": "call", "summit": "summit", "visit": "visit", "talks": "talks", "other": "other",
             "joint": "other"}[kind]
    if word in ("meeting", "talks", "consultations") and _OF_BODY_AFTER.match(after):
        mtype = "summit"  # "a meeting this week of the Shanghai Cooperation Organisation"
    if kind in ("talks", "summit") and _REMOTE.search(clause):
        mtype = "call"
    noun = word.split()[-1] in _NOUN_TRIGGERS and kind != "joint"
    anaphoric = noun and (bool(_ANAPHOR_BEFORE.search(before)) or
                          bool(re.match(r"(?:the|this|that)\s", word))) and not _WITH_AFTER.match(after) and \
        not _HELD_THE.search(before)  # "X, Y and Z jointly held the China-Central Asia Summit": reported here

    # status
    pre = text[max(cs, ts - 90):te]
    post = text[te:ce]
    said = [x.group(0).lower() for x in _PLANNED.finditer(pre)]
    mm = _MODAL_AFTER.match(post)
    hard = any(not _SOFT_MODAL.fullmatch(x) for x in said) or bool(mm and not _SOFT_MODAL.search(mm.group(0)))
    # "would", "if ...", "a meeting between X and Y would mark a reset": a meeting the
    # article supposes, which may be one it reports as held elsewhere
    soft = any(_SOFT_MODAL.fullmatch(x) for x in said) or bool(mm) or \
        bool(noun and _NOUN_MODAL_AFTER.match(post)) or bool(_CONDITIONAL.search(text, max(s, ts - 90), ts))
    if noun and _INDEF_SUBJECT.search(text, cs, ts) and _PROPOSITION_AFTER.match(post):
        soft = True  # "Albanese said a meeting with Xi was “not locked in”"
    status = "planned" if hard or soft else "held"
    if kind == "visit" and re.search(r"\binvit", clause, re.I) and not _NOT_PLANNED.search(clause):
        status, hard = "planned", True
    if noun and _WILL_HAPPEN.search(text, te, e):
        status, hard = "planned", True
    soft_only = status == "planned" and not hard

    # a visit: the country visited
    country = None
    visit_place = None
    if mtype == "visit":
        for pos, place, rank in _places_in(text, ts, ce, True):
            code = _place_country(place)
            if code:
                visit_place = (place, rank)
                c = reference.country_by_code(code)
                country = Actor(c.name, "country", c.alpha3) if c else None
                break

    # participants: the clause's people, else the sentence's
    persons, orgs = _mentions_in(actors, text, cs, ce, ts, te, skip_reporters=True)
    if pair is not None:
        persons, orgs = pair, []
    orgs = [o for o in orgs if _first_pos(text, o, ts, ce) is not None] if _ORG_TRIGGER.search(word) else []
    poss = _possessor(text, actors, s, e, cs, ce, ts, before)
    if poss is not None:
        persons = unique([poss] + persons)
    has_subject = any(_person_ok(x.actor) for x in actors.in_span(cs, ts))
    subj = text[cs:ts]
    # "when a replacement is announced, that person will meet with X": the subject is
    # someone the article does not name
    unresolved = bool(_UNRESOLVED_SUBJECT.match(subj) or _UNRESOLVED_SUBJECT.match(subj[subj.rfind(",") + 1:]))
    widen = len(persons) < 2 and not (persons and unresolved) and \
        not (mtype == "visit" and country is None) and \
        not (has_subject and _WITH_AFTER.match(after))  # "Lula met with <someone unnamed>"
    if widen:
        # people of the other clauses, unless a clause reports a meeting of its own
        p2 = []
        for a, b in _clauses(text, s, e):
            if a <= ts < b:
                p2 += persons
                continue
            if any(a <= t.start() < b for t in _TRIGGER_RE.finditer(text, a, b)) and \
                    not _HABITUAL.search(text, a, b):
                continue
            if _OTHER_EVENT_CLAUSE.match(text, a, b):
                continue  # "since President Joe Biden took office": another event's people
            p2 += _mentions_in(actors, text, a, b, ts, te, skip_reporters=True)[0]
        p2 = unique(p2)
        if country is not None and persons:
            # a visit: only the hosts, people of the country visited, join from elsewhere
            p2 = [p for p in p2 if p.name in {x.name for x in persons} or
                  p.country_code == country.country_code]
        if len(p2) > len(persons):
            persons = unique(persons + p2)
    if _FIRST_PERSON.search(clause) and len(persons) < 2:
        speaker = _speaker_at(speakers, ts)
        if speaker is not None:
            persons = unique([speaker] + persons)
            if len(persons) < 2:
                other = _last_other_person(actors, ts, speaker, sents, si)
                if other is not None:
                    persons.append(other)
    if keep is not None:
        persons = [p for p in persons if p.name in keep]
    distinct = bool(_DISTINCT.search(text[max(cs, ts - 60):min(ce, te + 60)]))

    if mtype == "visit":
        if country is None and (len(persons) < 2 or anaphoric):
            return None
        if country is None and not _visit_counterpart(actors, text, cs, ce, ts, te, persons):
            return None  # "Lula's visit included the swearing in of Dilma Rousseff"
        # nobody visits their own country
        if country is not None and persons and all(p.country_code == country.country_code for p in persons):
            return None

    # governments as parties: "a meeting between Wang Yi and officials from the two
    # countries", "talks between Saudi Arabia and Iran", "the two sides held negotiations"
    parties: list[Actor] = []
    if len(persons) < 2 and mtype in ("talks", "summit", "other") and kind != "joint":
        parties = _country_parties(text, actors, s, cs, ce, ts, te, persons)
        if len(persons) + len(parties) < 2 and _GERUND_CLAUSE.match(text, cs, ts):
            # "Delegates from the US and Iran agreed to meet again after concluding negotiations in
            # Muscat": the parties of the sentence held the talks its after-clause reports
            parties = _country_parties(text, actors, s, s, e, ts, te, persons)
        if len(persons) + len(parties) < 2 and not persons and _AFTER_NOUN.search(text, max(cs, ts - 30), ts):
            # "Iran and Saudi Arabia have agreed to restore relations after talks in Beijing": the
            # countries the sentence opens with held them
            lead = re.match(r"\s*", text[s:e]).end()
            parties = _countries_listed(actors, text, s + lead, ts)
        if len(persons) + len(parties) >= 2:
            orgs = []
        else:
            parties = []

    if len(persons) + len(parties) < 2 and anaphoric:
        return None
    if len(persons) < 2 and not orgs and not parties and mtype != "visit":
        if _DELEGATED.search(text, max(cs, ts - 80), ts) or _BLOC_NOUN_BEFORE.search(text, max(cs, ts - 60), ts) or \
                (kind == "summit" and text[ts].isupper() and re.search(r"[A-Z][\w'’-]*\s+$", text[max(cs, ts - 30):ts])):
            # "a Group of 20 meeting in Indonesia": a gathering of a bloc, whose other
            # members the article does not name here
            # "agreed to resume vice-ministerial-level strategic talks": talks of unnamed
            # officials the leaders named before set up, not a meeting of theirs
            return None
        # "the two leaders met", "a video conference in June", "he ... with his counterpart"
        ctx = _context_parties(cands, persons, si, text, ts, te, after, actors, sents, clause)
        if ctx is None:
            return None
        persons = ctx
    if len(persons) < 2 and len(orgs) + len(persons) + len(parties) < 2 and country is None:
        return None
    if len(persons) >= 2:
        orgs = []

    # date
    dates = sent_dates[si]
    if status == "planned":
        dates = [fut_by_start.get(d.start, d) for d in dates]
    dates = [x for x in dates if not (x.precision == "year" and _FIGURE_BEFORE.search(text[max(0, x.start - 30):x.start]))]
    in_clause = [d for d in dates if cs <= d.start < ce]
    # a bare year in a later clause ("..., consisting of Bill Clinton in 2000") is another event's
    dates = [d for d in dates if cs <= d.start < ce or not (d.precision == "year" and d.start >= ce)]
    # "... since President Joe Biden took office in January": that clause's date is its own
    other_event = [(a, b) for a, b in _clauses(text, s, e) if (a, b) != (cs, ce) and _OTHER_EVENT_CLAUSE.match(text, a, b)]
    if other_event:
        dates = [d for d in dates if not any(a <= d.start < b for a, b in other_event)]
    taken = {k for k, v in used_dates.items() if v not in (si, -1)}
    d = None
    if _WHEN_CLAUSE.match(text, cs, ce):
        # "... since 2016, when Mr Xi met then-Prime Minister Malcolm Turnbull": the date
        # the when-clause hangs on
        d = next((x for x in sent_dates[si] if 0 <= cs - x.end <= 3 and _date_ok(
            DateMention(x.date, x.precision, re.sub(r"^\w+\s+", "", x.text), x.start, x.end, x.relative, x.partial),
            status, published)), None)
    d = d or _nearest_date(in_clause, ts, status, published, taken, text) or \
        _nearest_date(dates, ts, status, published, taken, text)
    context_date = False
    if d is None and not anaphoric:
        for back in range(si - 1, max(-1, si - 4), -1):
            prev = [x for x in sent_dates[back] if x.start not in used_dates]
            if status == "planned":
                # borrow only what reads the same either way ("on May 29, 2024", "next week")
                prev = [fut_by_start.get(x.start, x) for x in prev
                        if fut_by_start.get(x.start, x).date == x.date and x.date is not None and
                        (published is None or x.date >= published)]
            prev = [x for x in prev if _date_ok(x, status, published, text) and not (
                x.precision == "year" and _FIGURE_BEFORE.search(text[max(0, x.start - 30):x.start])) and
                not _SINCE_CLAUSE.search(text, sents[back][0], x.start)]
            if prev:
                d = max(prev, key=lambda x: ({"day": 2, "month": 1, "year": 0}[x.precision], x.start))
                # a date of the sentence just before, in the same paragraph, is as good as
                # the sentence's own; one from further back may belong to something else
                context_date = back < si - 1 or "\n" in text[sents[back][1]:s]
                break
    if d is not None:
        used_dates[d.start] = si
        if published and d.date and d.date > published + timedelta(days=1):
            status = "planned"

    # place
    place, rank = None, 0
    if visit_place:
        place, rank = visit_place
    found = _places_in(text, cs, ce, mtype == "visit")
    if not found:
        # another clause's place, if that clause names one of the parties
        mine = {p.name for p in persons}
        for a, b in _clauses(text, s, e):
            if (a, b) != (cs, ce) and any(x.name in mine for x in _mentions_in(actors, text, a, b, ts, te)[0]):
                found += _places_in(text, a, b, False, only_in=True)
    if found:
        # nearest to the trigger, after it preferred
        fp = min(found, key=lambda x: (abs(x[0] - te) if x[0] >= ts else abs(ts - x[0]) + 20, -x[2]))
        if fp[2] >= rank:
            place, rank = fp[1], fp[2]
    if place is None:
        for mm in _CITY_EVENT_RE.finditer(text, s, e):
            if reference.city_country(mm.group("name")) and mm.group("name").lower() not in _MONTH_OR_DAY:
                # "Trump's Hanoi summit with Kim": the trigger itself names its city
                place, rank = mm.group("name"), 3 if mm.start() < ts < mm.end() else 1
                break

    return _Cand(sent=si, start=s, end=e, trig_start=ts, trig_end=te, mtype=mtype, status=status,
                 persons=persons, others=orgs, parties=parties, country=country, date=d, place=place, place_rank=rank,
                 distinct=distinct, anaphoric=anaphoric, context_date=context_date, soft=soft_only,
                 evidence_start=s, evidence_end=e)


_HELD_THE = re.compile(r"\b(?:held|hosted|convened|co-?chaired|chaired)\s+(?:the|this)\s+(?:[\w-]+\s+){0,3}$")
_AFTER_NOUN = re.compile(r"\b(?:after|following)\s+(?:the\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_GERUND_CLAUSE = re.compile(r"\s*(?:after|before|while|since)\s+(?:concluding|holding|wrapping\s+up|finishing|"
                            r"completing|ending)\b", re.I)
_DELEGATED = re.compile(
    r"(?:\b[\w]+-level\b|\b(?:working|expert|vice-ministerial|ministerial|deputy|technical)[\s-]+level\b|"
    r"\bagree[sd]?\s+(?:on\s+|to\s+(?:(?:resume|restart|relaunch|launch|establish|set\s+up|hold|create|revive|"
    r"reopen|open|start|begin|continue|regulari[sz]e|institutionali[sz]e)\b))|"
    r"\b(?:resum(?:e|ed|ption\s+of)|restart(?:ed)?|relaunch(?:ed)?|revival\s+of|establishment\s+of)\b)"
    r"[^.;]*$", re.I)
_BLOC_NOUN_BEFORE = re.compile(
    r"(?:\b(?:G-?\d{1,2}|Group\s+of\s+(?:\d+|[A-Z]\w+)|[A-Z]{2,6})|\b[A-Z][\w-]*\s+(?:Summit|Forum|Council|Conference|"
    r"Assembly|Union|Organi[sz]ation|Cooperation|Community))\s+(?:(?:forum|leaders['’]?|ministerial|summit|"
    r"council|foreign\s+ministers['’]?|heads\s+of\s+(?:state|government))\s+)*$")
_WHEN_CLAUSE = re.compile(r"\s*when\b", re.I)
_OTHER_EVENT_CLAUSE = re.compile(r"[\s,]*(?:since|until|till|because|although|though|whereas)\b", re.I)
_FIRST = re.compile(r"\bfirst\b", re.I)
_TALKS_OF = re.compile(r"\s+(?:of|about)\b", re.I)
_HELD_BEFORE = re.compile(r"\b(?:held|hold|had)\s", re.I)
_RECEIVED_THING = re.compile(r"\s+(?:a|an|the)?\s*(?:support|backing|call|message|letter|news|report|award|"
                             r"delivery|shipment)", re.I)
_HOSTED_GUEST = re.compile(
    r"\s+(?:[A-Z]|his|her|their|a\s+[\w-]+\s+(?:delegation|official|minister|leader|counterpart)|"
    r"the\s+(?:[\w-]+\s+){0,2}(?:delegation|president|leader|minister|premier|chancellor|king|counterpart))")
_FILLER = re.compile(r"[,;.]|\b(?:reporters|journalists|the\s+press|media|students|crowds?|supporters|audience)\b",
                     re.I)
_REMOTE = re.compile(r"\b(?:video|phone|telephone|virtual|virtually|remotely|online)\b", re.I)
_ORG_TRIGGER = re.compile(r"\b(?:talks|negotiations|consultations?|meeting|discussions?|conversation|met)\b", re.I)
_UNRESOLVED_SUBJECT = re.compile(
    r"^\s*(?:that|this|the|a|an|his|her|its|their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+"
    r"(?:(?:will|would|is|was|has|had|to|also|then|may|might|could|can|should|are|were|be)\s+){0,2}$")
_POSS_BEFORE = re.compile(r"\b(?P<pron>his|her)\s+(?:[\w-]+\s+){0,3}$", re.I)


_PAIR_JOIN = re.compile(r"\s*,?\s+and\s+(?:(?:his|her|their)\s+)?(?:[\w.-]+\s+){0,3}?$", re.I)


def _pair_subject(actors, text: str, cs: int, ts: int, reach: int = 30) -> list[Actor] | None:
    """The two people of "P1 and P2 <verb>" right before the verb at ``ts`` (at most
    ``reach`` characters before it), if of different countries (or one of unknown country)."""
    people = [m for m in actors.in_span(cs, ts) if _person_ok(m.actor)]
    if len(people) < 2:
        return None
    a, b = people[-2], people[-1]
    if a.actor.name == b.actor.name or ts - b.char_end > reach or "," in text[b.char_end:ts]:
        return None
    if not _PAIR_JOIN.fullmatch(text, a.char_end, b.char_start):
        return None
    if a.actor.country_code and a.actor.country_code == b.actor.country_code:
        return None
    # the pair opens its clause: "X and Y signed", not "... told X and Y signed"
    head = text[cs:people[-2].char_start]
    if re.search(r"\b(?:with|to|by|from|for|of|between|and)\s+(?:[\w-]+\s+){0,3}$", head, re.I):
        return None
    return [a.actor, b.actor]


_PLURAL_WITH = re.compile(r"(?:meetings|talks|calls|conversations)\s+with\s+", re.I)


def _bilateral_pairs(actors, text: str, s: int, e: int, m: re.Match) -> list[frozenset[str]]:
    """"X ... meetings with A and B": the pairs (X, A) and (X, B)."""
    w = _PLURAL_WITH.match(text, m.start())
    if not w:
        return []
    subj = [x for x in actors.in_span(s, m.start()) if _person_ok(x.actor)]
    objs = []
    pos = w.end()
    for x in actors.in_span(w.end(), e):
        if not _person_ok(x.actor):
            continue
        if not re.fullmatch(r"(?:\s*(?:,|and|,\s*and)\s*)?(?:(?:his|her|their|the)\s+)?(?:[\w.'’-]+\s+){0,4}?",
                            text[pos:x.char_start]):
            break
        objs.append(x.actor)
        pos = x.char_end
    if not subj or len({o.name for o in objs}) < 2:
        return []
    who = subj[0].actor
    return [frozenset({who.name, o.name}) for o in unique(objs) if o.name != who.name]


def _pair_agents(actors, text: str, te: int, ce: int) -> list[Actor] | None:
    """The two people of "signed by P1 and P2", if of different countries (or one unknown)."""
    people = [m for m in actors.in_span(te, ce) if _person_ok(m.actor)][:2]
    if len(people) < 2 or not re.fullmatch(r"\s+by\s+(?:[\w.'’-]+\s+){0,4}?", text[te:people[0].char_start]):
        return None
    a, b = people
    if a.actor.name == b.actor.name or not _PAIR_JOIN.fullmatch(text, a.char_end, b.char_start):
        return None
    if a.actor.country_code and a.actor.country_code == b.actor.country_code:
        return None
    return [a.actor, b.actor]


# the offices that head a country, from the encounter lexicon
_HEAD_ROLE = encounters.lexicon().head_role
_NOT_HEAD = encounters.lexicon().not_head


def _add_hosts(items: list[_Cand], actors, text: str, sents) -> None:
    """"Modi's state visit to London. ... signed at Chequers, British Prime Minister Keir
    Starmer's official residence": a held visit the article reports no meeting for gains
    the head of the country visited named in the sentence before or after."""
    for it in items:
        if it.mtype != "visit" or it.status != "held" or it.country is None or len(it.persons) != 1:
            continue
        p, code = it.persons[0], it.country.country_code
        if p.country_code == code:
            continue
        if any(o is not it and p.name in o.names() and any(x.country_code == code for x in o.persons)
               for o in items):
            continue  # the article reports the visitor's meeting with a host itself
        host = _host_nearby(actors, text, sents, it.sent, code)
        if host is not None and host.name != p.name:
            it.persons = it.persons + [host]


def _host_nearby(actors, text: str, sents, si: int, code: str) -> Actor | None:
    """The one head of state or government of country ``code`` named in the sentences
    around sentence ``si`` (same paragraph)."""
    found: dict[str, Actor] = {}
    for k in (si + 1, si - 1):
        if not 0 <= k < len(sents):
            continue
        lo, hi = (sents[si][1], sents[k][1]) if k > si else (sents[k][0], sents[si][0])
        if "\n" in text[lo:hi].strip():
            continue  # another paragraph
        for men in actors.in_span(sents[k][0], sents[k][1]):
            a = men.actor
            role = a.role or ""
            if _person_ok(a) and a.country_code == code and _HEAD_ROLE.search(role) and not _NOT_HEAD.search(role):
                found[a.name] = a
    return next(iter(found.values())) if len(found) == 1 else None


_DELEGATE_NOUN = r"(?:officials|representatives|delegations|delegates|envoys|negotiators|diplomats|teams|sides)"
_DELEGATES_OF = re.compile(r"\b" + _DELEGATE_NOUN + r"\s+(?:from|of)\s+(?P<two>(?:the\s+two|both)\s+"
                           r"(?:countries|sides|nations|states|governments|parties)\b)?", re.I)
_TWO_SIDES = re.compile(r"\b(?:the\s+two|both)\s+(?:sides|countries|nations|governments|delegations)\b", re.I)
_DEMONYM_PAIR = re.compile(r"\b(?P<a>[A-Z][\w.’'-]*[\w.])\s+and\s+(?P<b>[A-Z][\w-]+)\s+" + _DELEGATE_NOUN + r"\b")
_BETWEEN_AFTER = re.compile(r"\s+(?:(?:in|at)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?between\s", re.I)
_COUNTRY_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def _countries_listed(actors, text: str, start: int, limit: int) -> list[Actor]:
    """Countries named one after another from ``start``: "Saudi Arabia and Iran", "Riyadh and Tehran"."""
    out: list[Actor] = []
    pos = start
    for men in actors.in_span(start, limit):
        if men.char_start < pos:
            continue
        gap = text[pos:men.char_start]
        if out and not _COUNTRY_LIST_GAP.fullmatch(gap) or not out and gap.strip() not in ("", "the"):
            break
        if men.actor.actor_type != "country":
            break
        out.append(men.actor)
        pos = men.char_end
    return unique(out)


_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|to|from|near|into|via|across|inside)\s+(?:the\s+)?|[A-Z][\w'’-]+,\s*)$")


def _last_countries(actors, pos: int, exclude: set[str], lo: int, text: str = "") -> list[Actor]:
    """The two distinct countries named last before ``pos`` (not those in ``exclude``)."""
    found: list[Actor] = []
    for men in actors._before(pos):
        if men.char_start < lo:
            break
        a = men.actor
        if _LOCATIVE_BEFORE.search(text, max(0, men.char_start - 30), men.char_start):
            continue  # "in Muscat, Oman": a place, not a side
        if a.actor_type == "country" and a.country_code not in exclude and \
                a.name not in {x.name for x in found}:
            found.append(a)
            if len(found) == 2:
                return found[::-1]
    return []


_TOPIC_OF_TRIGGER = re.compile(
    r"\b(?:about|regarding|concerning|discuss(?:ed|es|ing)?|on|over|for|urged?|urging|call(?:ed|s)?\s+for|"
    r"support(?:ed|s|ing)?|backs?|backed|progress\s+(?:in|on)|prospects?\s+(?:of|for)|push(?:ed|es)?\s+for|"
    r"mediat(?:e|ed|es|ing)|broker(?:ed|s|ing)?|facilitat(?:e|ed|es|ing)|stall(?:ed|s)?|collapse\s+of|"
    r"failure\s+of|resumption\s+of|sabotag\w+|undermin\w+)\b(?:[^,;]|,\s*(?:as\s+well\s+as|and)\b)*$", re.I)


def _country_parties(text, actors, s, cs, ce, ts, te, persons) -> list[Actor]:
    exclude = {p.country_code for p in persons if p.country_code}
    if _TOPIC_OF_TRIGGER.search(text, max(s, ts - 150), ts):
        return []  # "They talked about ... negotiations between Russia and Ukraine": a topic
    for m in _DELEGATES_OF.finditer(text, cs, ce):
        if m.group("two"):
            got = _last_countries(actors, m.start(), exclude, max(0, s - 1500), text)
        else:
            got = _countries_listed(actors, text, m.end(), min(ce, m.end() + 80))
        got = [c for c in got if c.country_code not in exclude]
        if len(got) >= 2 or (got and persons):
            return got
    for m in _DEMONYM_PAIR.finditer(text, cs, ce):
        a, b = reference.country_for(m.group("a")), reference.country_for(m.group("b"))
        if a and b and a.alpha3 != b.alpha3 and not ({a.alpha3, b.alpha3} & exclude):
            return [Actor(a.name, "country", a.alpha3), Actor(b.name, "country", b.alpha3)]
    bm = _BETWEEN_AFTER.match(text, te, ce)
    if bm:
        got = [c for c in _countries_listed(actors, text, bm.end(), min(ce, bm.end() + 80))
               if c.country_code not in exclude]
        if len(got) >= 2:
            return got
    if not persons:
        # "... after the two sides held negotiations": the sides named last
        m = None
        for m in _TWO_SIDES.finditer(text, cs, ts):
            pass
        if m is not None and ts - m.end() < 30:
            return _last_countries(actors, m.start(), exclude, max(0, s - 1500), text)
    return []


_COUNTERPART_LINK = re.compile(
    r"\b(?:with|by|to|and|hosts?|hosted|welcom\w*|invit\w*|met|meet|receiv\w*|accompan\w*|greet\w*|joined|"
    r"alongside|counterpart)\b[^,;]{0,40}$", re.I)


def _visit_counterpart(actors, text, cs, ce, ts, te, persons) -> bool:
    """A visit to no named place needs a counterpart the words tie to it ("his visit
    with Putin", "welcomed by Xi", "X and Y visited ..."), not any person of the clause."""
    for men in actors.in_span(cs, ce):
        if men.actor.name not in {p.name for p in persons[1:]}:
            continue
        if men.char_end <= ts:
            return True  # before the visit word: a subject or a host
        if _COUNTERPART_LINK.search(text, te, men.char_start) or not text[te:men.char_start].strip(" ,"):
            return True
    return False


def _possessor(text, actors, s, e, cs, ce, ts, before) -> Actor | None:
    """Whose is "his meeting with X"? The subject of the main clause when the phrase
    opens the sentence ("After his meeting with Mishustin, the Premier met ...",
    "While sitting with Yi, Putin said ..."), else the person last named before it."""
    m = _POSS_BEFORE.search(before)
    fronted = cs == s and ce < e and text[ce:ce + 1] == "," and _FRONTED.match(text, s, e)
    if fronted and not any(_person_ok(x.actor) for x in actors.in_span(s, ts)):
        for men in actors.in_span(ce, e):
            if _person_ok(men.actor):
                return men.actor
        return None
    if not m:
        return None
    if fronted:
        for men in actors.in_span(ce, e):
            if _person_ok(men.actor):
                return men.actor
        return None
    for men in reversed(actors.in_span(s, ts)):
        if _person_ok(men.actor):
            return men.actor
    return None


def _first_pos(text: str, actor: Actor, start: int, end: int) -> int | None:
    i = text.find(actor.name.split()[-1], start, end)
    return i if i >= 0 else None


def _last_other_person(actors, pos: int, speaker: Actor, sents, si) -> Actor | None:
    lo = sents[max(0, si - 8)][0]
    best = None
    for men in actors.in_span(lo, pos):
        a = men.actor
        if _person_ok(a) and a.name != speaker.name and men.surface.lower() not in ("he", "she", "you", "i"):
            best = a
    return best


_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6}
_MANY_LEADERS = re.compile(r"\bthe\s+(?P<n>three|four|five|six)\s+(?:leaders|heads\s+of\s+state|presidents|"
                           r"prime\s+ministers|ministers|foreign\s+ministers)\b", re.I)


def _named_together(actors, text: str, s: int, e: int, want: int) -> list[Actor] | None:
    """``want`` people of different countries a sentence lists, no more ("US president Joe Biden,
    UK prime minister Boris Johnson and the Australian prime minister Scott Morrison")."""
    ms = [x for x in actors.in_span(s, e) if _person_ok(x.actor)]
    i = 0
    while i < len(ms):
        run = _listed_persons(text, actors, ms[i].char_start, e)
        codes = [a.country_code for a in run]
        if len(run) == want and None not in codes and len(set(codes)) == want:
            return run
        i += max(1, len(run))
    return None


def _context_parties(cands: list[_Cand], persons: list[Actor], si: int, text: str, ts: int, te: int,
                     after: str, actors, sents, clause: str) -> list[Actor] | None:
    """Parties of a meeting whose sentence names fewer than two of them."""
    if persons:
        if not cands or _WITH_AFTER.match(after):
            return None  # "talks with <someone we cannot name>"
        p = persons[0]
        for c in reversed(cands):
            if si - c.sent > 6:
                break
            if p.name in c.names() and len(c.persons) >= 2:
                return unique([p] + [x for x in c.persons if x.name != p.name])
        return None
    # "a videoconference by the three leaders": the three people an earlier sentence names together
    many = _MANY_LEADERS.search(clause)
    if many:
        want = _NUMBER_WORDS[many.group("n").lower()]
        for k in range(si - 1, max(-1, si - 9), -1):
            group = _named_together(actors, text, *sents[k], want)
            if group:
                return group
    # "the two leaders met": the parties of the meeting just reported
    if cands and si - cands[-1].sent <= 2 and len(cands[-1].persons) >= 2:
        return list(cands[-1].persons)
    if not _GROUP_ANAPHOR.search(clause):
        return None
    # "The two leaders met briefly in Bali", no meeting of theirs reported just before: the
    # two people of different countries named last (one of them may be of a country the
    # article does not give, not both)
    lo = sents[max(0, si - 3)][0]
    found: list[Actor] = []
    for men in reversed(actors.in_span(lo, sents[si][0])):
        a = men.actor
        if _person_ok(a) and a.name not in {x.name for x in found} and \
                all((a.country_code or x.country_code) and a.country_code != x.country_code for x in found):
            found.append(a)
            if len(found) == 2:
                return found[::-1]
    return None

# ---------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------
_TYPE_OK = {frozenset({"talks", "visit"}), frozenset({"talks"}), frozenset({"visit"}), frozenset({"call"}),
            frozenset({"talks", "summit"}), frozenset({"talks", "call"}),
            frozenset({"summit"}), frozenset({"other"})}
_TYPE_NEEDS_SAME_DATE = {frozenset({"talks", "summit"}), frozenset({"talks", "call"})}


def _dates_compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.date is None or b.date is None:
        if a.date is None and b.date is None:
            return _norm_dt(a.text) == _norm_dt(b.text)
        return True
    prec = {"day": 10, "month": 7, "year": 4}
    n = min(prec[a.precision], prec[b.precision])
    return a.date.isoformat()[:n] == b.date.isoformat()[:n]


def _norm_dt(t: str) -> str:
    t = t.lower()
    t = re.sub(r"^(?:on|in|early|late|last|this|of)\s+", "", t)
    t = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", t)
    return re.sub(r"['’]s$", "", t).strip()


def _places_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or _fold(a) == _fold(b):
        return True
    ca, cb = _place_country(a), _place_country(b)
    if _is_country_name(a) and ca == cb:
        return True
    if _is_country_name(b) and ca == cb:
        return True
    return False


def _parties_compatible(a: _Cand, b: _Cand) -> bool:
    na, nb = a.names(), b.names()
    if na == nb and na:
        return True
    small, big = (a, b) if len(na) <= len(nb) else (b, a)
    ns, nbg = small.names(), big.names()
    if ns and ns <= nbg:
        # a partial report ("Putin met China's defence minister") of a fuller one
        return not (b.distinct and len(nb) > len(na)) and not (a.distinct and len(na) > len(nb))
    # "talks between the US and Iran" and "X headed the US delegation, while Iran was led by Y"
    for c1, c2 in ((a, b), (b, a)):
        if not c1.persons and len(c1.parties) == 2 and len(c2.persons) >= 2 and not c2.parties:
            codes = {p.country_code for p in c1.parties}
            known = [p.country_code for p in c2.persons if p.country_code]
            one_side = len(known) == len(c2.persons) and len(set(known)) == 1
            if all(k in codes for k in known) and not one_side and \
                    (len(c2.persons) == 2 or c2.heads):
                return True  # more than two people only when they head the two sides
    # a visit by P to country C and a meeting of P with someone of C
    for v, o in ((a, b), (b, a)):
        if v.country is not None and len(v.persons) == 1:
            p = v.persons[0]
            if p.name in o.names() and any(x.country_code == v.country.country_code for x in o.persons
                                           if x.name != p.name):
                return True
            if p.name in o.names() and o.country is not None and o.country.country_code == v.country.country_code:
                return True
    return False


def _compatible(a: _Cand, b: _Cand) -> bool:
    if a.status != b.status and (a.soft or b.soft) and a.names() == b.names() and a.names() and \
            not (a.distinct or b.distinct) and frozenset({a.mtype, b.mtype}) in _TYPE_OK | _TYPE_NEEDS_SAME_DATE and \
            _dates_compatible(a.date, b.date):
        # "the in-person meeting with Trump would help ...": the meeting reported as held
        return True
    if a.status != b.status:
        # a partial report of the same gathering ("Xi is attending a meeting this week of
        # the SCO") and a fuller one of it written ahead ("will bring together Xi and Putin")
        small = a if len(a.persons) < len(b.persons) else b
        if not (len(small.persons) <= 1 and a.mtype == b.mtype == "summit" and small.names() and
                small.names() <= (b if small is a else a).names() and _dates_compatible(a.date, b.date)):
            return False
    if frozenset({a.mtype, b.mtype}) not in _TYPE_OK and "other" not in (a.mtype, b.mtype):
        return False
    da = None if a.context_date else a.date
    db = None if b.context_date else b.date
    if b.distinct and (da is None or da.date is None) != (db is None or db.date is None):
        return False  # "Last they met in October 2019": not the meeting the article dates no further
    if b.distinct and db is None and da is None:
        return False
    if not _dates_compatible(da, db):
        return False
    if a.mtype != b.mtype and frozenset({a.mtype, b.mtype}) in _TYPE_NEEDS_SAME_DATE and not (
            (da is None and db is None) or
            # one report says nothing of when: the summit and the talks of one article
            ((a.date is None or b.date is None) and not (a.distinct or b.distinct)) or
            (_same_date(da, db) and da.precision == db.precision == "day") or
            # "a phone call with Trump Monday morning" ... "the two leaders had a very friendly
            # conversation": the same day, even when one report takes its date from the context
            (frozenset({a.mtype, b.mtype}) == frozenset({"talks", "call"}) and _same_date(a.date, b.date) and
             a.date.precision == b.date.precision == "day" and not (a.distinct or b.distinct))):
        # talks at a summit and the summit itself, a call and talks: one meeting only when
        # the article dates them alike; "this week's summit" and "Thursday's talks" are two
        return False
    if not _places_compatible(a.place if a.place_rank >= 2 else None, b.place if b.place_rank >= 2 else None):
        return False
    return _parties_compatible(a, b)


def _absorb(a: _Cand, b: _Cand) -> None:
    """Merge b into a."""
    if a.status != b.status:
        a.status = "held"
    if len(b.persons) > len(a.persons) and len(a.persons) < 2:
        a.evidence_start, a.evidence_end = b.evidence_start, b.evidence_end
        a.mtype = b.mtype if a.mtype == "visit" else a.mtype
    if a.mtype == "other" and b.mtype not in ("other", "call"):
        a.mtype = b.mtype  # "X and Y signed ..." and "their talks": talks
    a.persons = unique(a.persons + b.persons)
    a.parties = unique(a.parties + b.parties)
    a.others = unique(a.others + b.others)
    if a.country is None:
        a.country = b.country
    prec = {"day": 3, "month": 2, "year": 1}
    if b.date is not None and (a.date is None or (a.context_date and not b.context_date) or
                               (a.context_date == b.context_date and (
                                   (b.date.date and not a.date.date) or
                                   (b.date.date and prec[b.date.precision] > prec[a.date.precision])))):
        a.date, a.context_date = b.date, b.context_date
    if b.place_rank > a.place_rank:
        a.place, a.place_rank = b.place, b.place_rank


def _merge(cands: list[_Cand]) -> list[_Cand]:
    items: list[_Cand] = []
    for c in cands:
        # several triggers of one sentence ("held talks via video link") report one meeting
        last = items[-1] if items else None
        if last is not None and last.sent == c.sent and last.status == c.status and \
                (last.names() <= c.names() or c.names() <= last.names()) and \
                not (last.distinct and c.distinct and _dates_differ(last.date, c.date)):
            mtype = last.mtype
            _absorb(last, c)
            last.mtype = "call" if "call" in (mtype, c.mtype) else mtype
            continue
        # "the meeting", "the call" named with its parties: the meeting already reported
        if c.anaphoric:
            hits = [it for it in reversed(items) if len(it.names() & c.names()) >= 2]
            hit = next((it for it in hits if it.status == c.status), hits[0] if hits else None)
            if hit is not None:
                hit.persons = unique(hit.persons + c.persons)
                continue  # "the meeting" points back; it reports no meeting of its own
            if len(c.names()) < 2:
                continue
            # "During the meeting, X urged Y": pointing back to nothing reported, it is the report
            c.anaphoric = False
        best = None
        for it in items:
            if _compatible(it, c):
                score = (it.names() == c.names(), _same_date(it.date, c.date), it.sent)
                if best is None or score > best[0]:
                    best = (score, it)
        if best is not None:
            _absorb(best[1], c)
        else:
            items.append(c)
    return items


def _dates_differ(a: DateMention | None, b: DateMention | None) -> bool:
    return a is not None and b is not None and a.date is not None and b.date is not None and a.date != b.date


def _same_date(a: DateMention | None, b: DateMention | None) -> bool:
    return a is not None and b is not None and a.date == b.date and a.date is not None


# ---------------------------------------------------------------------------
# Places after merging
# ---------------------------------------------------------------------------

_NOUN_AT_PLACE = re.compile(r"\b(?:state\s+|official\s+)?(?:visit|meeting|talks|summit)\s+(?:at|in)\s+"
                            r"(?P<name>(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_SUMMIT_IN = re.compile(r"\b[Ss]ummit\s+(?:(?:of|on)\s+[\w\s]{0,40}?)?(?:in|at)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_THE_SUMMIT = re.compile(r"\b(?:[Tt]he|[Tt]his\s+year['’]s)\s+(?:[A-Z][\w-]*\s+){0,2}(?:\d{4}\s+)?[Ss]ummit\b|"
                         r"\b[A-Z][\w-]*\s+Summit\b")


def _fill_places(items: list[_Cand], text: str, sents, dateline: str | None,
                 published: date | None, actors) -> None:
    for it in items:
        if it.place_rank >= 2:
            continue
        # "Welcome to the Government House of the Russian Federation" just after the report
        for k in range(it.sent, min(len(sents), it.sent + 6)):
            m = _WELCOME_RE.search(text, sents[k][0], sents[k][1])
            if m:
                place, rank = _resolve_place(m.group("name"))
                if place:
                    it.place, it.place_rank = place, 2
                    break
    for it in items:
        if it.place:
            continue
        # "Ruto ... will be the first African leader to receive a state visit at the White House":
        # the next sentences place the meeting, naming one of its parties
        mine = it.names()
        for k in range(it.sent + 1, min(len(sents), it.sent + 3)):
            s, e = sents[k]
            m = _NOUN_AT_PLACE.search(text, s, e)
            if m and any(x.actor.name in mine for x in actors.in_span(s, e)):
                place, rank = _resolve_place(m.group("name"))
                if place:
                    it.place, it.place_rank = place, 1
                    break
    for it in items:
        if it.place or it.status != "held" or (it.date is not None and not it.context_date):
            continue  # (a date of its own may be another occasion's)
        # "... Biden said at a press conference in the Vietnamese capital Hanoi today. ... He was
        # received by General Secretary Nguyen Phu Trong": a city of one party's country the
        # sentences just before put the visitor in
        codes = {p.country_code for p in it.persons if p.country_code}
        for k in range(it.sent - 1, max(-1, it.sent - 3), -1):
            found = [(place, rank) for _, place, rank in _places_in(text, *sents[k], False, only_in=True)
                     if rank >= 3 and _place_country(place) in codes]
            if found:
                it.place, it.place_rank = found[-1][0], 1
                break
    for it in items:
        if it.place_rank >= 2:
            continue
        # another report of the same parties at the same time
        for other in items:
            if other is it or other.place_rank < 2 or other.status != it.status:
                continue
            if it.names() <= other.names() and it.names() and _dates_compatible(it.date, other.date) \
                    and it.date is not None and other.date is not None:
                it.place, it.place_rank = other.place, 1
                break
    # "concluded the first day of the summit with bilateral meetings with X": the summit the
    # article places elsewhere ("the BRICS Summit in Kazan")
    summit_place = None
    for m in _SUMMIT_IN.finditer(text):
        place, rank = _resolve_place(m.group("name"))
        if place and rank >= 3:
            summit_place = place
            break
    if summit_place:
        for it in items:
            s, e = sents[it.sent]
            if not it.place and _THE_SUMMIT.search(text, s, e):
                it.place, it.place_rank = summit_place, 1
    if not dateline:
        return
    dl_code = _place_country(dateline)
    for it in items:
        if it.place or it.status != "held":
            continue
        if it.date is not None and it.date.date and published and \
                (published - it.date.date).days > 7:
            continue
        if it.date is not None and it.date.date is None and it.date.precision == "year":
            continue
        if it.mtype == "visit" and it.country is not None and dl_code and dl_code != it.country.country_code:
            continue
        codes = {p.country_code for p in it.persons if p.country_code}
        if dl_code is None or dl_code in codes:
            it.place, it.place_rank = dateline, 1


def _final_participants(c: _Cand) -> list[Actor]:
    known = {x.country_code for x in c.persons if x.country_code}
    parties = [p for p in c.parties if p.country_code not in known]
    unknown = sum(1 for x in c.persons if not x.country_code)
    if len(c.persons) >= len(c.parties) and unknown >= len(parties):
        parties = []  # "X headed the US delegation, while the Iranians were led by Y": X and Y are the sides
    parts = list(c.persons) + parties
    if len(parts) < 2:
        parts += c.others
    # the country visited is a party only while none of its people is: "X visited China and met
    # Xi" is X and Xi, not X, China and Xi (a visit ahead names its host, not whom it will meet)
    hosts = {p.country_code for p in parts if p.actor_type == "person" and p.country_code} \
        if c.status == "held" else set()
    if c.country is not None and (c.mtype == "visit" or len(parts) < 2) and \
            (len(parts) < 2 or c.country.country_code not in hosts):
        if c.country.name not in {p.name for p in parts}:
            parts.append(c.country)
    return unique(parts)
