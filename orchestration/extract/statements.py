"""Statements: what a named speaker said, quoted directly or reported.

    extract_statements(text, actors, published_date) -> list[Statement]

Direct statements are the words inside quotation marks (any style: straight,
curly, guillemets, low-9, single curly; unbalanced marks in broken text run to
the end of their paragraph). A quotation split by its reporting clause
("“A,” he said. “B.”" within one sentence) is one statement; each quoted
paragraph is its own statement. One- to three-word scare quotes are not
statements. The speaker comes from the reporting clause after the quote
(",” Putin said", ",” said Hoo Tiang Boon", ",” according to the ministry"),
from the clause that introduces it ("Putin told Xi that ... “...”",
"the minister said: “...”"), or, for a quote standing alone, from the
statement just before it. Transcripts ("Name: words") are direct statements.

Indirect statements are clauses reported by a speech verb: "X said (that) C",
"X told Y (that) C", "X stressed/noted/warned/urged ... C", "C, X said",
"According to X, C" and "C, according to X". The outlet a speaker is quoted
through ("cited by TASS") is `cited_by`, never the speaker.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from orchestration.extract.actors import (DocumentActors, LEADING_PARTICLES, OUTLET_WORDS, ORG_HEADS, ROLE_MODIFIERS,
                                          STOP_CAPS, TITLE_HEADS)
from orchestration.extract import reference
from orchestration.extract.records import Actor, ActorMention, Statement
from orchestration.extract.reports import lexicon as reports_lexicon, reported_speech
from orchestration.extract.sentences import TIME_MARK, TRANSCRIPT_LABEL, paragraphs, sentence_at, split_sentences
from orchestration.extract.indexes import Claims, SpanIndex, has_word

from orchestration.extract.dates import WEEKDAYS, find_dates

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# ---------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------

_OPEN_CLOSE = {"“": "”\"“", "\"": "\"”“", "«": "»", "„": "“”\"", "‘": "’", "”": "”\"", "‹": "›", "»": "«"}


def _letter(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[tuple[int, int, bool, bool]]:
    """Quoted spans as (start, end, closed, opened) of the words inside the marks.

    Scanned paragraph by paragraph; an unclosed quotation runs to the end of its
    paragraph (closed=False). `opened` is False when the closing mark had no
    opening one (the quotation began at the paragraph start). The spans come in
    text order and never overlap, so their ends are in order too (_Ctx bisects them).
    """
    out = []
    for ps, pe in paragraphs(text):
        i = ps
        open_ch = None
        open_at = -1
        straight = text.count('"', ps, pe)
        first_straight = text.find('"', ps, pe)
        while i < pe:
            ch = text[i]
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            if open_ch is None:
                if ch == '"' and straight % 2 == 1 and i == first_straight and prev in ",.!?" and \
                        nxt.isspace() and not (out and out[-1][1] >= ps):
                    # 'Europe," Putin stated': an odd straight mark closing a quotation never opened
                    start = _unopened_start(text, ps, i)
                    if i - start > 20:
                        out.append((start, i, True, False))
                elif ch in "“«„\"" or (ch == "”" and not _letter(prev) and (_letter(nxt) or nxt in "…")) or \
                        (ch == "»" and not _letter(prev) and _letter(nxt)):
                    if ch == "\"" and _letter(prev) and not _letter(nxt) and prev not in ".,!?":
                        i += 1
                        continue
                    open_ch, open_at = ch, i
                elif ch == "‘" and not _letter(prev) and (_letter(nxt) or nxt in "…"):
                    open_ch, open_at = ch, i
                elif ch in "”»" and i > ps:
                    # a closing mark with no opening: the quote began at the paragraph start
                    if out and out[-1][1] >= ps:
                        pass
                    else:
                        start = _unopened_start(text, ps, i)
                        if i - start > 20:
                            out.append((start, i, True, False))
            else:
                closers = _OPEN_CLOSE.get(open_ch, "”\"")
                if ch in closers and not (open_ch == "‘" and _letter(nxt)):
                    if ch == "“" and open_ch != "„" and _letter(nxt) and not _letter(prev):
                        # a new opening mark: the previous quote was never closed
                        out.append((open_at + 1, i, False, True))
                        open_ch, open_at = ch, i
                    else:
                        out.append((open_at + 1, i, True, True))
                        open_ch = None
            i += 1
        if open_ch is not None:
            out.append((open_at + 1, pe, False, True))
    # trim spaces
    res = []
    for s, e, closed, opened in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            res.append((s, e, closed, opened))
    return res


_NARRATION = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w'’-]+)\s+(?:[a-z]+(?:ly)?\s+)?(?:said|says|stated|told|added|claimed|noted|"
    r"outlined|stressed|emphasi[sz]ed|explained|argued|insisted|declared|announced|reported|wrote)\b"
    r"|\b[Aa]ccording\s+to\b")


def _unopened_start(text: str, ps: int, close: int) -> int:
    """Where a quotation whose opening mark is missing began: the first of the paragraph's sentences
    before the closing mark that no narration (a third-person reporting clause) comes after."""
    spans = split_sentences(text[ps:close])
    start = ps
    for k in range(len(spans) - 1, -1, -1):
        a, b = spans[k]
        if k < len(spans) - 1 and _NARRATION.search(text, ps + a, ps + b):
            break
        start = ps + a
    return start


def _nwords(s: str) -> int:
    return len(WORD.findall(s))


# ---------------------------------------------------------------------------
# Reporting language
# ---------------------------------------------------------------------------

SAY_VERBS = (
    "said|says|say|told|tells|stated|states|added|adds|noted|notes|stressed|stresses|emphasized|"
    "emphasised|emphasizes|emphasises|underlined|underscored|highlighted|warned|warns|urged|urges|"
    "argued|argues|insisted|insists|explained|recalled|remarked|declared|announced|announces|asserted|"
    "claimed|claims|acknowledged|admitted|reiterated|reaffirmed|affirmed|confirmed|suggested|suggests|"
    "wrote|writes|replied|responded|answered|continued|observed|pointed out|concluded|shared|"
    "greeted|addressed|assured|maintained|predicted|vowed|pledged|promised|reported|reports|"
    "believes|believed|hopes|hoped|expects|complained|cautioned|countered|conceded|agreed|"
    "proposed|opined|mentioned|indicated|revealed|disclosed|informed|expressed confidence|"
    "expressed hope|expressed the hope|made clear|made it clear|went on|asked|described|called|quipped|"
    "accused|criticized|criticised|urged|denounced|condemned|demanded|according to")
_SAY = re.compile(r"\b(?:" + SAY_VERBS.replace(" ", r"\s+") + r")\b")

# verbs after a quote: ",” he said", ",” said Hoo"
_AFTER_VERBS = (
    "said|says|told|tells|stated|added|adds|noted|stressed|emphasized|emphasised|underlined|"
    "underscored|highlighted|warned|urged|argued|insisted|explained|recalled|remarked|declared|"
    "announced|asserted|claimed|acknowledged|admitted|reiterated|confirmed|wrote|writes|replied|"
    "responded|answered|continued|observed|concluded|greeted|addressed|assured|asked|quipped|"
    "went on|pointed out|added|according to|cited|quoted|tweeted|posted|commented|joked|"
    "predicted|cautioned|complained|agreed|maintained")
_AFTER_SUBJ_VERB = re.compile(
    r"^[\s,.;:!?—–-]*(?P<subj>(?:[^\s,.;:!?“”\"«»]+\s+){0,8}?)"
    r"(?P<adv>(?:also|then|later|further|again|earlier|previously|once|simply|quickly|finally|"
    r"had|has|have|would|will|was|is|reportedly)\s+)*"
    r"(?P<verb>" + _AFTER_VERBS.replace(" ", r"\s+") + r")\b")
_AFTER_VERB_SUBJ = re.compile(
    r"^[\s,.;:!?—–-]*(?P<verb>said|says|added|adds|stated|told|wrote|writes|asked|replied|continued|"
    r"noted|explained|declared|insisted|recalled|according\s+to|cited|quoted)\s+"
    r"(?P<subj>[^,.;:!?“”\"«»]{2,90})")

_REPORT_ANY = re.compile(r"\b(?:" + SAY_VERBS.replace(" ", r"\s+") + r"|saying|adding|warning|noting|stressing|insisting|arguing|"
                         r"explaining|declaring|emphasi[sz]ing|telling)\b")
_PRONOUN_SUBJ = re.compile(r"^(?:he|she|him|her)$", re.I)
_CITED = re.compile(
    r"\b(?:(?:as\s+)?cited\s+by|(?:as\s+)?quoted\s+by|according\s+to|told|in\s+(?:an\s+)?(?:interview|comments)\s+(?:with|to)|"
    r"(?:as\s+)?reported\s+by)\s+(?P<outlet>(?:the\s+)?(?:[\w'’.-]+\s+){0,5}?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(?:\s+(?:news\s+agency|agency|broadcaster|newspaper|television|channel))?)")

_PREPS = frozenset("with to by from of for at in on after before between among about against "
                   "during toward towards into upon under over alongside like than as via amid "
                   "including behind".split())
_STOP_SUBJ = frozenset("it this that there which who what they we i you".split())

# the end of a reported clause
_CLAUSE_CUT = re.compile(
    r",?\s+(?:according\s+to|without\s+(?:elaborating|giving|providing|specifying|mentioning|offering))\b"
    r"|,\s*(?:he|she|it|they)\s+(?:said|added|says|stated|noted|told)\b"
    r"|,\s*(?:saying|adding|telling|calling\s+(?:them|it|him|her|for|on))\b"
    r"|,\s*(?:as\s+)?(?:cited|quoted|reported)\s+by\b"
    r"|\s*;\s*|\s+amid\s+|,\s+(?:though|although|whereas)\s+"
    r"|[,”\"’]*\s+and\s+(?:also\s+|then\s+|further\s+|again\s+|later\s+)?(?:stressed|emphasi[sz]ed|said|added|noted|"
    r"urged|warned|called\s+(?:for|on)|highlighted|underlined|underscored|reiterated|reaffirmed|insisted|pledged|"
    r"vowed|described|announced|expressed|welcomed|praised|thanked|hailed|congratulated|condemned|told|touted|"
    r"argued|explained|recalled|acknowledged)\b"
    r"|,\s*(?:the|a|an)\s+(?:[\w'’.-]+\s+){0,5}?(?:said|told\s+[\w\s]{2,30}|added|says)(?=[^,;]{0,40}$)"
    r"|,\s+(?:as|while|when|before|after|during|ahead\s+of)\s+(?:he|she|his|her)\b"
    r"|,\s+(?:while|whereas|but)\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:said|says|stated|told|added|insisted|argued|noted|"
    r"countered|replied|responded)\b"
    r"|[”\"’]?,\s+(?=(?:[A-Z][\w'’-]+\s+){1,3}(?:had\s+|has\s+)?(?:said|stressed|insisted|argued|noted|countered|"
    r"maintained)\s+that\b)"
    r"|\s+as\s+(?:he|she)\s+(?:addressed|spoke|opened|visited|met|arrived|wrapped|hosted|chaired|received)\b"
    r"|,\s+(?:a|an)\s+(?!\d)[a-z]+\w*\s+(?!of\b)"
    r"|\s+(?:in|during)\s+(?:a|an|his|her|the)\s+(?:statement|interview|speech|press\s+release|"
    r"post|message|address|meeting|call|conversation|briefing)\b(?=[^,]*$)")
_TRAIL = re.compile(r"[\s,.;:!?\"“”«»’‘]+$")

_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y|me)\b")


# an office after an institution's name: "a senior Kremlin official", "White House spokesman"
_OFFICE_AFTER = re.compile(
    r"\s+(?:(?!(?:by|of|in|with|to|at|for|and|on)\b)[a-z]+(?<!ed)\s+){0,2}?"
    r"(official|spokesman|spokeswoman|spokesperson|source|aide|adviser|advisor|diplomat|envoy|representative)s?\b"
    r"|\s+([Pp]resident|[Cc]hairman|[Cc]hairwoman|[Cc]hief|[Dd]irector|[Ss]ecretary|[Mm]inister|CEO|[Gg]overnor|"
    r"[Cc]ommissioner)\b")
_HEAD_WORDS = frozenset("president chairman chairwoman chair chief head director governor ceo secretary-general".split())


class _Ctx:
    """One article's sentences, paragraphs, quotations and joint statements, split once and
    indexed, so that each rule's question about a position costs a bisection, not a scan of
    the article (which made a long document's cost grow with the square of its size)."""

    def __init__(self, text: str, actors: DocumentActors, published: date | None):
        self.text = text
        self.actors = actors
        self.published = published
        self.sents = split_sentences(text)
        self.paras = paragraphs(text)
        self.para_starts = [ps for ps, _ in self.paras]
        self.para_index = {para: i for i, para in enumerate(self.paras)}
        self.quotes = find_quotes(text)
        self.quote_spans = SpanIndex((s, e) for s, e, _, _ in self.quotes)
        self.quote_ends = [e for _, e, _, _ in self.quotes]  # in order: see find_quotes
        self.docs = _documents_by_parties(text)
        self.doc_starts = [ds for ds, _, _ in self.docs]
        self.doc_ends = [de for _, de, _ in self.docs]  # in order: finditer's matches never overlap
        self.last_speakers: dict[tuple[int, int], Actor | None] = {}  # _last_speaker_in, per span

    def docs_in(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        """The joint statements that start in [start, end), in order."""
        return self.docs[bisect_left(self.doc_starts, start):bisect_left(self.doc_starts, end)]

    def doc_speaker(self, start: int, end: int) -> Actor | None:
        """"a joint statement by A, B and C (on Friday) said": the statement itself speaks."""
        for ds, de, a in self.docs_in(start, end):
            if de <= end and re.fullmatch(
                    r"\s*(?:(?:on|in|at|issued|released|published)\s+[\w.'’ -]{1,40}?\s*)?(?:,\s*)?"
                    r"(?:(?:also|has|have|had|then|later)\s+)*", self.text[de:end]):
                return a
        return None

    def last_doc(self, pos: int) -> Actor | None:
        """The joint statement named last before `pos` ("According to the announcement")."""
        k = bisect_right(self.doc_ends, pos) - 1
        return self.docs[k][2] if k >= 0 and pos - self.doc_ends[k] < 3000 else None

    def recent_reporter(self, pos: int, depth: int = 0) -> Actor | None:
        """The person whose reported words come last before `pos` (this or the previous paragraph),
        when no other person is named after them as a subject: a paragraph "X said all must “...”"
        followed by one "“...,” he said" gives "he" = X, whoever the pronoun finder would pick."""
        para = self.paragraph(pos)
        ps = para[0]
        prev = _prev_para(self, para)
        lo = prev[0] if prev is not None else ps
        lo = max(lo, pos - 1500)
        last = None
        for m in _REPORT_ANY.finditer(self.text, lo, pos):
            if not self.quoted(m.start()):
                last = m
        if last is None:
            return None
        ss, _ = self.sentence(last.start())
        lead_s = max(ss, lo)
        lead = self.text[lead_s:last.start()]
        cut = max(lead.rfind(x) for x in (", which ", ", who ", "; ", " — ", ", but ", ", and ", ", while "))
        if cut >= 0:
            lead_s += cut + 2
        a = self.subject_before(lead_s, last.start(), follow_reporter=depth + 1)
        if a is None:
            nm = re.search(r"\b([A-Z][\w'’-]+)\s+(?:(?:also|then|later|further|had|has)\s+)?$",
                           self.text[lead_s:last.start()])
            if nm and nm.group(1).lower() not in STOP_CAPS:
                # a surname the finder left untagged
                a = self.actors.resolve(nm.group(1), lead_s + nm.start(1)) or _bare_actor(nm.group(1))
        if a is None or a.actor_type != "person":
            return None
        for m in self.actors.in_span(lead_s, pos):
            if m.actor.actor_type == "person" and m.actor != a and not self.quoted(m.char_start) and \
                    not _PRONOUN_SUBJ.match(m.surface.strip()):
                w = re.findall(r"[\w'’]+", self.text[max(lead_s, m.char_start - 30):m.char_start])
                while w and w[-1].lower() in ("the", "a", "an", "his", "her", "its", "their"):
                    w.pop()
                prev = w[-1].lower() if w else ""
                if prev in _PREPS or _SAY.fullmatch(prev) or (prev.endswith("ed") and len(prev) > 3):
                    continue  # "to the notice of the Indian Prime Minister", "told Xi": not a new subject
                return None
        return a

    def quoted(self, pos: int) -> bool:
        return self.quote_spans.reach_at(pos) > pos

    def last_quote_end(self, lo: int, hi: int) -> int | None:
        """The end of the last quotation that ends in [lo, hi), if one does."""
        k = bisect_left(self.quote_ends, hi) - 1
        return self.quote_ends[k] if k >= 0 and self.quote_ends[k] >= lo else None

    def sentence(self, pos: int) -> tuple[int, int]:
        if not self.sents:
            return 0, len(self.text)
        return self.sents[sentence_at(self.sents, pos)]

    def paragraph(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, pos) - 1
        if k >= 0 and pos <= self.paras[k][1]:
            return self.paras[k]
        return self.sentence(pos)

    # -- speakers --------------------------------------------------------
    def speaker_from_phrase(self, phrase: str, start: int) -> Actor | None:
        """The actor a short subject phrase names ("Putin", "the Russian leader", "he")."""
        p = phrase.strip().strip(",")
        if not p:
            return None
        end = start + len(phrase)
        if _PRONOUN_SUBJ.match(p):
            r = self.recent_reporter(start)
            if r is not None:
                return r
        ms = [m for m in self.actors.in_span(start, end + 1) if m.actor.actor_type in ("person", "organization", "country")]
        owners = [m for m in ms if m.char_end + 3 < end and (
            m.surface.endswith(("'s", "’s")) or re.match(r"['’]s?\s+[a-z]", self.text[m.char_end:m.char_end + 5]))]
        if owners and _person_owner(owners):
            # "the Russian president's aide": the possessor is not the speaker
            ms = [m for m in ms if m not in owners]
            if not ms:
                a = _bare_actor(p) if not p[:1].islower() else None
                return None if a is None or a.actor_type != "organization" else a
        if ms:
            persons = [m for m in ms if m.actor.actor_type == "person"]
            orgs = [m for m in ms if m.actor.actor_type == "organization"]
            # ", said Hoo Tiang Boon" / ",” Chinese broadcaster CCTV said" / ",” the Russian leader told Xi"
            pick = (persons or orgs or ms)[0]
            if pick.actor.actor_type == "organization" and pick.actor.name.lower() in OUTLET_WORDS and persons:
                pick = persons[0]
            if pick.actor.actor_type == "organization" and not persons:
                holder, _ = self.office_holder(pick)  # "the EC president": the person who holds the office
                if holder is not None:
                    return holder
            return pick.actor
        if _PRONOUN_SUBJ.match(p):
            return self.actors.resolve({"him": "he", "her": "she"}.get(p.lower(), p), start)
        if self.docs and re.fullmatch(r"the\s+(?:joint\s+)?(?:statement|announcement|declaration|communiqu[eé]|"
                                      r"document|readout)", p, re.I):
            d = self.last_doc(start)
            if d is not None:
                return d
        if re.fullmatch(r"(?:it|the\s+(?:statement|report|release|communique|readout|document|organi[sz]ation|"
                        r"institution|body))", p, re.I):
            return self.last_org(start)
        kind = re.fullmatch(r"the\s+(ministry|agency|company|bank|office|department|commission|council|"
                            r"government|embassy|foreign\s+ministry)", p, re.I)
        if kind:
            # "the ministry said": the ministry named before, not another body
            return self.last_org(start, head=kind.group(1).split()[-1])
        a = self.actors.resolve(p, start)
        if a is not None:
            return a
        return _bare_actor(p)

    def event_subject(self, clause_start: int, verb_start: int) -> bool:
        """"The Tokyo summit between Yoon and Kishida highlighted ...": an event is the subject."""
        ss = self.sentence(verb_start)[0]
        first = next((m for m in self.actors.in_span(ss, verb_start)
                      if m.actor.actor_type == "person" and not m.surface.endswith(("'s", "’s"))), None)
        return first is not None and bool(_EVENT_SUBJECT.match(self.text, ss, first.char_start)) and \
            not _FINITE_BEFORE_CLAUSE.search(self.text, first.char_start, clause_start)

    def subject_before(self, clause_start: int, verb_start: int, strict_country: bool = False,
                       follow_reporter: int = 1) -> Actor | None:
        """The subject of a clause: its first actor not governed by a preposition."""
        text = self.text
        ms = [m for m in self.actors.in_span(clause_start, verb_start)
              if not self.quoted(m.char_start)]
        if not ms or self.event_subject(clause_start, verb_start):
            return None
        cands: list[ActorMention] = []
        for m in ms:
            before = text[max(clause_start, m.char_start - 25):m.char_start]
            w = re.findall(r"[\w'’]+", before)
            prev = w[-1].lower() if w else ""
            gerund = prev.endswith("ing") and len(prev) > 5 and prev not in ("during", "according") and \
                re.search(r"[\w'’]\s+$", before) is not None and \
                not (len(w) > 1 and w[-2].lower() in ("the", "a", "an", "this", "that", "his", "her", "their", "its",
                                                      "our", "first", "last", "next"))
            if prev in _PREPS or (prev == "and" and cands) or gerund:
                continue  # "with Yi", "congratulating Admiral Dong Jun"
            after = text[m.char_end:m.char_end + 40]
            poss = m.surface.endswith(("'s", "’s")) or after.startswith(("'s", "’s", "'", "’ "))
            if poss and m.actor.actor_type != "organization":
                # "Xi's trip", "Russia's Gazprom": a possessor is not the subject
                continue
            if m.actor.actor_type == "organization" and re.match(
                    r"\s+(?:member\s+(?:states|countries|nations|governments)|members|allies)\b", after):
                continue  # "32 NATO members stated": a group of its members, not the body itself
            holder, role_word = self.office_holder(m)
            if holder is not None:
                return holder
            if role_word == "source":
                continue
            cands.append(m)
        if not cands:
            return None
        for kind in ("person", "organization", "country"):
            for m in cands:
                if m.actor.actor_type == kind:
                    if kind == "country":
                        if strict_country and (verb_start - m.char_end > 30 or m is not ms[-1]):
                            return None
                        return _country_speaker(self.text, m)
                    if follow_reporter and follow_reporter < 3 and _PRONOUN_SUBJ.match(m.surface.strip()):
                        r = self.recent_reporter(m.char_start, int(follow_reporter))
                        if r is not None:
                            return r  # "he" continues the paragraph's last reported speaker
                    return m.actor
        return None

    def office_holder(self, m: ActorMention) -> tuple[Actor | None, str | None]:
        """"a senior Kremlin official", "the Commission chief", "the EC president": the person an
        office of the institution (or country) named by `m` stands for, and the office word."""
        nm = _OFFICE_AFTER.match(self.text, m.char_end, m.char_end + 40)
        if not nm or m.actor.actor_type not in ("organization", "country"):
            return None, None
        role_word = (nm.group(1) or nm.group(2)).lower()
        p = self.actors.resolve(role_word, m.char_start)
        if p is not None and p.actor_type == "person" and \
                (not m.actor.country_code or p.country_code in (None, m.actor.country_code)):
            return p, role_word
        if m.actor.actor_type == "organization" and role_word in _HEAD_WORDS:
            p = self.head_of(m)
            if p is not None:
                return p, role_word  # the person the article gives as its head
        return None, role_word

    def head_of(self, m: ActorMention) -> Actor | None:
        """The one person whose role is head of the institution named by `m`."""
        surface = re.sub(r"['’]s?$", "", m.surface).strip()
        keys = {w.lower() for w in re.findall(r"[A-Za-z][\w-]+", surface) if w.lower() not in ("the", "of")}
        found = []
        for a in self.actors.actors:
            if a.actor_type != "person" or not a.role:
                continue
            rw = {w.lower() for w in re.findall(r"[A-Za-z][\w-]+", a.role)}
            if keys and keys <= rw and rw & _HEAD_WORDS:
                found.append(a)
        return found[0] if len(found) == 1 else None

    def last_org(self, pos: int, head: str | None = None) -> Actor | None:
        """The institution most recently named before `pos` ("the statement said", "It added"),
        outside quotations; with `head` ("ministry"), the last one whose name says it is one."""
        for m in self.actors._before(pos):
            if pos - m.char_start > 1500:
                break
            if m.actor.actor_type != "organization" or self.quoted(m.char_start):
                continue
            if head is None or head.lower() in m.actor.name.lower():
                return m.actor
        return None


_PARTY = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}"
_DOC_BY = re.compile(
    r"\b(?:an?|the)\s+(?P<doc>(?:(?:joint|trilateral|tripartite|bilateral|final|official)\s+)?"
    r"(?:statement|declaration|communiqu[eé]|readout|announcement)\s+(?:issued\s+)?(?:by|from)\s+"
    r"(?P<parties>" + _PARTY + r"(?:\s*,\s*" + _PARTY + r")*,?\s+and\s+" + _PARTY + r"))")


def _documents_by_parties(text: str) -> list[tuple[int, int, Actor]]:
    """Statements issued by two or more parties ("a joint statement by Beijing, Riyadh and Tehran"):
    the document is the speaker, named as written, not any one of its parties."""
    out = []
    for m in _DOC_BY.finditer(text):
        name = re.sub(r"\s+", " ", m.group("doc")).strip()
        out.append((m.start(), m.end(), Actor(name, "organization")))
    return out


def _person_owner(owners: list[ActorMention]) -> bool:
    """Only a person's possessive is dropped ("Putin's aide"); "Russia's Gazprom" keeps its subject logic."""
    return any(m.actor.actor_type == "person" for m in owners)


def _country_speaker(text: str, m: ActorMention) -> Actor:
    """A government speaking through its capital keeps the capital's name ("Washington")."""
    surface = m.surface.removesuffix("'s").removesuffix("’s")
    if surface != m.actor.name and surface[:1].isupper() and " " not in surface:
        return Actor(surface, "country", m.actor.country_code)
    return m.actor


_BARE_OK = re.compile(r"^(?:the\s+|a\s+)?(?P<n>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})$")


def _bare_actor(phrase: str) -> Actor | None:
    """A speaker the actor finder did not know: a capitalised name or an institution."""
    m = _BARE_OK.match(phrase.strip())
    if not m:
        return None
    name = m.group("n")
    words = name.split()
    if words[0].lower() in ("the", "a", "it", "this", "that", "he", "she", "they", "we", "i", "but", "and",
                            "in", "on", "at", "as", "if", "when", "while", "after", "before", "according"):
        return None
    if reference.country_for(name) is not None:
        return None
    seat = reference.capital_country(name)
    if seat:
        # a government speaking through its capital ("New Delhi has said"), named as written
        return Actor(name, "country", seat)
    if words[0].lower() in STOP_CAPS or words[-1].lower() in STOP_CAPS:
        return None
    if len(words) == 1 and name.lower() not in OUTLET_WORDS and \
            name.lower().endswith(("ers", "ists", "ants", "ents", "ians", "ors", "ials", "erts", "ces", "ties")):
        return None  # "Forecasters have said", "Analysts stated": plural common nouns
    last = words[-1].lower()
    kind = "organization" if (last in ORG_HEADS or name.isupper() or last in OUTLET_WORDS) else "person"
    if kind == "person" and len(words) == 1 and words[0].lower() in TITLE_HEADS:
        return None
    return Actor(name, kind)


def _clean_clause(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim a reported clause: leading "that", trailing attributions and punctuation."""
    seg = text[s:e]
    m = re.match(r"\s*(?:that\s+|,\s*|:\s*)", seg)
    if m:
        s += m.end()
        seg = text[s:e]
    for m in _CLAUSE_CUT.finditer(seg):
        if m.start() <= 10:
            continue
        if re.match(r",\s+(?:as|while|when|before|after|during|ahead)\b", m.group(0)) and \
                not _STRICT_FINITE.search(seg[:m.start()]):
            continue  # "exactly 10 years ago, when he first became ...": no clause yet before it
        e = s + m.start()
        seg = text[s:e]
        break
    t = _TRAIL.search(seg)
    if t:
        e = s + t.start()
    # a clause that ends inside an opened quotation: keep the closing mark out
    return s, e


def _quoted_share(ctx: _Ctx, s: int, e: int) -> float:
    return _quoted_words(ctx, s, e) / (_nwords(ctx.text[s:e]) or 1)


def _quoted_words(ctx: _Ctx, s: int, e: int) -> int:
    return sum(_nwords(ctx.text[max(s, qs):min(e, qe)]) for qs, qe in ctx.quote_spans.overlapping(s, e))


def _statement_date(ctx: _Ctx, s: int, e: int, said: tuple[int, int] | None = None) -> date | None:
    """The day the sentence says the words were spoken; a date inside the words themselves
    ("by 15 January", "from January 1, 2024") is what they are about, not when."""
    for d in find_dates(ctx.text, ctx.published, s, e):
        if said is not None and said[0] <= d.start < said[1]:
            continue
        if ctx.quoted(d.start):
            continue
        if d.date is not None and d.precision == "day":
            return d.date
    return None


# ---------------------------------------------------------------------------
# Direct statements
# ---------------------------------------------------------------------------

def _direct(ctx: _Ctx) -> list[Statement]:
    text = ctx.text
    out: list[Statement] = []
    quotes = ctx.quotes
    speakers: list[Actor | None] = [None] * len(quotes)
    cues: list[str | None] = [None] * len(quotes)
    cited: list[str | None] = [None] * len(quotes)
    joined_to_prev = [False] * len(quotes)
    nobody = [False] * len(quotes)  # quoted names for things, which no one said

    for qi, (qs, qe, closed, opened) in enumerate(quotes):
        quote = text[qs:qe]
        ss, se = ctx.sentence(qs)
        ps, pe = ctx.paragraph(qs)
        close_end = qe + 1 if closed and qe < len(text) else qe
        # the reporting clause after the quote (up to the next quote or paragraph end)
        nxt_q = quotes[qi + 1][0] - 1 if qi + 1 < len(quotes) and quotes[qi + 1][0] <= pe else pe
        after = text[close_end:min(nxt_q, close_end + 160)]
        spk, cue, cite = None, None, None
        via_according = None
        m = _AFTER_VERB_SUBJ.match(after) if after else None
        if m and not re.match(r"^[\s,]*(?:according\s+to|cited|quoted)", after):
            subj = m.group("subj")
            subj_start = close_end + m.start("subj")
            # "said Hoo Tiang Boon, who researches ...": the name part only
            subj = re.split(r"\s+(?:who|which|in|at|on|during|after|before|as|when|while)\s+|,", subj)[0]
            a = ctx.speaker_from_phrase(subj, subj_start)
            if a is not None and a.actor_type != "country":
                spk, cue = a, (m.group("verb") + " " + subj).strip()
        if spk is None:
            m = _AFTER_SUBJ_VERB.match(after) if after else None
            if m:
                verb = re.sub(r"\s+", " ", m.group("verb"))
                subj = m.group("subj")
                subj_start = close_end + m.start("subj")
                if verb in ("according to", "cited", "quoted"):
                    rest = after[m.end():]
                    mm = re.match(r"\s*(?:by\s+)?(?P<o>[^,.;:!?“”\"]{2,90})", rest)
                    if mm and not subj.strip():
                        phrase = mm.group("o")
                        a = ctx.speaker_from_phrase(phrase, close_end + m.end() + mm.start("o"))
                        if a is not None:
                            via_according = (a, "according to " + phrase.strip())
                elif subj.strip() and not (quote.rstrip()[-1:] in ".!?…" and after.lstrip()[:1].isupper() and
                                           re.match(r"\s+(?:that\b|[a-z]+\s+(?:that|the|a|an|it|he|she)\b|"
                                                    r"(?:the|a|an|it|he|she|they|we|this|its|his|her|their)\s)",
                                                    after[m.end():])) and \
                        not re.match(r"\s+that\s+(?!day|week|time|evening|morning|night|afternoon)", after[m.end():]):
                    # (not '“in the same room”, Tehran had stressed that ...': a report of its own)
                    # (not '...world.” He said that the two sides ...': a new sentence reporting other words)
                    a = ctx.speaker_from_phrase(subj, subj_start)
                    if a is not None:
                        spk, cue = a, (subj.strip() + " " + verb)
                elif not subj.strip() and verb in ("said", "says", "added", "stated"):
                    pass
            if spk is not None:
                rest = after[m.end():m.end() + 120] if m else ""
                mc = _CITED.search(rest)
                if mc and _looks_outlet(mc.group("outlet")):
                    cite = _outlet_name(mc.group("outlet"))
        elif spk is not None:
            rest = after[m.end():m.end() + 120]
            mc = _CITED.search(rest)
            if mc and _looks_outlet(mc.group("outlet")):
                cite = _outlet_name(mc.group("outlet"))
        if spk is not None and spk.actor_type == "organization" and spk.name.lower() in OUTLET_WORDS:
            # ",” he said, cited by TASS" handled above; an outlet as the only subject is its own speaker
            pass
        # the clause that introduces the quote ("X told Y that ... “", "X said: “")
        if spk is None:
            lead_start = ss
            # not across an earlier quote of this sentence
            earlier = ctx.last_quote_end(ss, qs)
            if earlier is not None:
                lead_start = max(lead_start, earlier + 1)
            lead = text[lead_start:max(lead_start, qs - 1)]
            intro = _PART_INTRO.match(lead)
            if intro and intro.end() < len(lead) and ctx.actors.in_span(lead_start + intro.end(), qs):
                lead_start += intro.end()  # "Writing on Truth Social, the US president announced “...”"
                lead = text[lead_start:max(lead_start, qs - 1)]
            by = _DESCRIBED_BY.search(lead)
            if by:
                # "a declaration described by the U.S. administration as a “path to peace”"
                spk = ctx.speaker_from_phrase(_who_core(by.group("who")), lead_start + by.start("who"))
                cue = by.group(0).strip() if spk is not None else None
            acc = _ACCORDING_FRONT.match(lead)
            if spk is None and acc:
                # "According to Infobae, Sheinbaum emphasized the power of dialogue: “...”": the
                # outlet reports whose words they are
                cs = lead_start + acc.start("clause")
                reporter = ctx.subject_before(cs, qs) if _SAY.search(text, cs, qs) else None
                if reporter is not None and reporter.actor_type == "person":
                    spk, cue = reporter, text[cs:qs].strip()[-80:]
                    source_name = acc.group("who")
                    ws = lead_start + acc.start("who")
                    if _looks_outlet(source_name) or (source_name[:1].isupper() and
                                                      not ctx.actors.in_span(ws, ws + len(source_name))):
                        cite = _outlet_name(source_name)  # a name the article gives for no actor: the outlet
            if spk is None and acc and not _NOT_SOURCES.match(acc.group("who").strip()):
                # "According to Trump, it will connect ... “while fully respecting ...”"
                a = ctx.speaker_from_phrase(_who_core(acc.group("who")), lead_start + acc.start("who"))
                if a is not None and a.actor_type != "country":
                    spk, cue = a, "According to " + acc.group("who").strip()
            if spk is None and _EPITHET_BEFORE.search(lead):
                nobody[qi] = True  # "the region, considered the “factory of the world”": a name for it
                continue
            pledge = _INNER_REPORT.search(lead) if spk is None else None
            if pledge:
                # "The president also said that Kim had pledged that “testing will not start”": Kim's words
                pledger = [m for m in ctx.actors.in_span(lead_start + pledge.start("who"), lead_start + pledge.end("who"))
                           if m.actor.actor_type == "person"]
                if pledger:
                    spk, cue = pledger[-1].actor, pledge.group(0).strip()
            if spk is None and lead.strip() and _nwords(lead) >= 1:
                said_that = _SAID_THAT.search(lead)
                # "The White House reported that Witkoff had been authorized to “...”": who reported
                # it, not a person named inside what was reported
                a = ctx.subject_before(lead_start, lead_start + said_that.start()) if said_that else None
                if said_that and a is None and lead_start > ss and \
                        re.fullmatch(r"[\s,]*(?:and|but)\s+(?:also\s+|then\s+)?", lead[:said_that.start()]):
                    # "The White House stated that ... “...,” and reported that ...": the sentence's subject
                    a = ctx.subject_before(ss, lead_start)
                a = a or ctx.subject_before(lead_start, qs)
                if a is None and re.match(r"\s*It\s+(?:also\s+)?(?:" + SAY_VERBS + r")\b", lead):
                    a = ctx.last_org(lead_start)
                if a is not None and a.actor_type == "country":
                    cm = [m for m in ctx.actors.in_span(lead_start, qs) if m.actor.country_code == a.country_code]
                    if not cm or not re.match(r"\s*(?:['’]s\s+)?(?:\w+\s+){0,2}?(?:" + SAY_VERBS + r")\b",
                                              text[cm[0].char_end:qs]):
                        a = None
                if a is not None and (a.actor_type == "person" or _SAY.search(lead) or a.actor_type == "organization"):
                    spk = a
                    cue = lead.strip()[-80:]
            if spk is None and via_according is not None:
                spk, cue = via_according
        if spk is None and via_according is not None:
            spk, cue = via_according
        if spk is None and closed and after and close_end + len(after) >= len(text.rstrip()):
            # the article is cut off inside the reporting clause: ',” spokesman John Kirby sai'
            m = _CUT_OFF.match(after)
            if m and any(v.startswith(m.group("v")) for v in ("said", "says", "added", "told", "stated", "noted")):
                a = ctx.speaker_from_phrase(m.group("subj"), close_end + m.start("subj"))
                if a is not None and a.actor_type == "person":
                    spk, cue = a, after.strip()
        if spk is None and not opened and qi > 0:
            pass
        speakers[qi], cues[qi], cited[qi] = spk, cue, cite

    # a quote with no speaker takes the one of its own sentence's other part, or the one before
    for qi, (qs, qe, closed, opened) in enumerate(quotes):
        if speakers[qi] is not None or nobody[qi]:
            continue
        ss, se = ctx.sentence(qs)
        ps, pe = ctx.paragraph(qs)
        if not closed and not text[qe:].strip() and not text[qs:qe].rstrip().endswith((".", "!", "?")):
            continue  # a quotation the cut-off article ends in the middle of: whose, it never says
        # an unclosed paragraph-quote continued by the next paragraph: take the next speaker
        if not closed and qi + 1 < len(quotes) and speakers[qi + 1] is not None and \
                quotes[qi + 1][0] - qe < 400:
            speakers[qi], cues[qi] = speakers[qi + 1], "(continues)"
            continue
        if qi > 0 and speakers[qi - 1] is not None:
            gap = text[quotes[qi - 1][1]:qs]
            prev_para = ctx.paragraph(quotes[qi - 1][0])
            same_para = prev_para[0] == ps
            # previous quote in this paragraph or in the paragraph just before
            if (same_para or _next_para(ctx, prev_para) == (ps, pe)) and len(gap) < 600:
                standalone = _nwords(text[ps:qs]) <= 2 if not same_para else True
                if standalone or same_para:
                    speakers[qi], cues[qi] = speakers[qi - 1], "(continues)"
                    joined_to_prev[qi] = same_para and _nwords(gap) <= 12 and \
                        ctx.sentence(quotes[qi - 1][0])[0] <= qs <= ctx.sentence(quotes[qi - 1][0])[1] + 2
                    continue
        # a quotation that is a sentence of its own, right after a sentence reporting what
        # someone said ("Europe likes competition, said von der Leyen. “But ...”")
        prev_s = ctx.sentence(ss - 1) if ss > ps else None
        if opened and _nwords(text[ss:qs]) == 0 and prev_s is not None and prev_s[0] >= ps and \
                not ctx.quote_spans.starting_in(*prev_s):
            a = _last_speaker_in(ctx, prev_s)
            if a is not None:
                speakers[qi], cues[qi] = a, "(continues)"
                continue
        # a standalone quote paragraph after a paragraph with a reported speaker
        if _nwords(text[ps:qs]) <= 2:
            prev = _prev_para(ctx, (ps, pe))
            if prev is not None:
                a = _last_speaker_in(ctx, prev)
                if a is not None:
                    speakers[qi], cues[qi] = a, "(continues)"

    # join "“A,” he said, “b ...”" (one quotation split by its reporting clause), then emit
    groups: list[list[int]] = []
    for qi, (qs, qe, closed, opened) in enumerate(quotes):
        if groups and groups[-1][-1] == qi - 1 and _split_by_clause(text, quotes[qi - 1], quotes[qi]) and \
                (speakers[qi] is None or speakers[qi] == speakers[qi - 1]) and \
                ctx.paragraph(qs)[0] == ctx.paragraph(quotes[qi - 1][0])[0]:
            speakers[qi] = speakers[qi - 1]
            groups[-1].append(qi)
        else:
            groups.append([qi])
    for g in groups:
        first, last = g[0], g[-1]
        if speakers[first] is None:
            continue
        quote = " ".join(text[quotes[i][0]:quotes[i][1]] for i in g)
        if _nwords(quote) < 4 or _is_title_or_name(quote) or _EMBED.search(quote):
            continue
        qs, qe = quotes[first][0], quotes[last][1]
        out.append(Statement(speaker=speakers[first], kind="direct", quote_text=quote, char_start=qs,
                             char_end=qe, cue=cues[first] if cues[first] != "(continues)" or len(g) == 1
                             else cues[last], cited_by=cited[first] or cited[last],
                             statement_date=_statement_date(ctx, *ctx.sentence(qs), said=(qs, qe))))
    return out


_CUT_OFF = re.compile(r"^[\s,]*(?P<subj>(?:[\w'’.-]+\s+){0,9}?[\w'’.-]+)\s+(?P<v>[a-z]{1,6})\s*$")
_EMBED = re.compile(r"pic\.twitter\.com|https?://|\(@\w+\)|\bwww\.")
_SPLIT_GAP = re.compile(
    r"^[\s”\"»’,]*(?:[\w.'’-]+\s+){0,5}?(?:said|says|added|adds|told\s+[\w.'’ -]{1,40}?|stated|continued|noted|"
    r"went\s+on|insisted|explained|stressed|argued|warned)(?:\s+[\w.'’-]+){0,5}?\s*[,:;—–-]*\s*[“\"«„]?\s*$")


def _split_by_clause(text: str, q1, q2) -> bool:
    """“A,” he said, “b ...” — the first part ends with a comma, a reporting clause, the second goes on."""
    inner_end = text[q1[0]:q1[1]].rstrip()
    second = text[q2[0]:q2[1]].lstrip()
    gap = text[q1[1]:q2[0]]
    return inner_end.endswith(",") and bool(second) and second[0].islower() and \
        bool(_SPLIT_GAP.match(gap)) and "." not in gap.strip(" ,”\"“")


_TITLE_GLUE = frozenset("of for and the on in to a an with at between against de la du des".split())


def _is_title_or_name(quote: str) -> bool:
    """A quoted title or name ("the Abraham Accords", "Declaration for Peace, Prosperity and
    Reunification of the Korean Peninsula") rather than speech: every word but the little ones
    that join a title's words is capitalised."""
    words = re.findall(r"[^\W_][\w'’-]*", quote)
    content = [w for w in words if w.lower() not in _TITLE_GLUE]
    if not words or not content or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
        return False
    end = quote.rstrip()[-1:]
    if end in ".!?" or (end == "," and len(content) < 3):
        return False  # "We Agree.", "Never," : said, capitals or not
    return len(words) <= 6 or (words[0][:1].isupper() and len(words) <= 14)


def _next_para(ctx: _Ctx, para: tuple[int, int]) -> tuple[int, int] | None:
    i = ctx.para_index.get(para)
    return ctx.paras[i + 1] if i is not None and i + 1 < len(ctx.paras) else None


def _prev_para(ctx: _Ctx, para: tuple[int, int]) -> tuple[int, int] | None:
    i = ctx.para_index.get(para)
    return ctx.paras[i - 1] if i is not None and i > 0 else None


def _last_speaker_in(ctx: _Ctx, para: tuple[int, int]) -> Actor | None:
    """The speaker a paragraph ends on: the subject of its last reporting verb. Each quotation
    of a paragraph may ask; the paragraph is read once."""
    if para not in ctx.last_speakers:
        ctx.last_speakers[para] = _read_last_speaker(ctx, para)
    return ctx.last_speakers[para]


def _read_last_speaker(ctx: _Ctx, para: tuple[int, int]) -> Actor | None:
    ps, pe = para
    seg = ctx.text[ps:pe]
    last = None
    for m in _SAY.finditer(seg):
        if ctx.quoted(ps + m.start()):
            continue
        last = m
    if last is None:
        return None
    ss, _ = ctx.sentence(ps + last.start())
    a = ctx.subject_before(max(ss, ps), ps + last.start())
    if a is None:
        after = seg[last.end():last.end() + 60]
        mm = re.match(r"\s+((?:(?:" + "|".join(LEADING_PARTICLES) + r")\s+)*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})",
                      after)
        if mm:
            a = ctx.speaker_from_phrase(mm.group(1), ps + last.end() + mm.start(1))
    return a


def _looks_outlet(phrase: str) -> bool:
    low = phrase.lower()
    return any(w in OUTLET_WORDS for w in WORD.findall(low)) or \
        bool(re.search(r"\b(?:news agency|agency|broadcaster|newspaper|television|tv|channel|media|daily)\b", low))


def _outlet_name(phrase: str) -> str:
    p = re.sub(r"^(?:the|a)\s+", "", phrase.strip(), flags=re.I)
    for w in p.split():
        if w.lower().strip(".,") in OUTLET_WORDS:
            return w.strip(".,")
    m = re.search(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", p)
    return _strip_possessive_country(m.group(0)) if m else p


def _strip_possessive_country(name: str) -> str:
    return re.sub(r"^[A-Z][a-z]+['’]s\s+", "", name)


# ---------------------------------------------------------------------------
# Transcripts: "Name: words"
# ---------------------------------------------------------------------------

# labels of a broadcast transcript that name a role in the recording, not a person
_NO_PERSON_LABELS = frozenset("""unidentified unknown male female crowd audience announcer anchor question
answer moderator interpreter translator voice voices caller host commercial break video end begin""".split())


_LABEL_OFFICES = TITLE_HEADS | ROLE_MODIFIERS | {"the"}


def _without_office(word: str) -> str:
    """A capitalised label word without the office words run into it: "PRIMEMINISTER" -> "",
    "PRESIDENTBIDEN" -> "BIDEN", "THE" -> "", a name -> itself."""
    offices = _LABEL_OFFICES
    rest = word
    while rest:
        # whole office words only ("president", "prime"): a short one ("Gen", "Dr") opens names too
        head = next((rest[:k] for k in range(len(rest), 1, -1) if rest[:k].lower() in offices
                     and (k == len(rest) or k >= 5)), None)
        if head is None:
            break
        rest = rest[len(head):]
    return rest if len(rest) >= 3 or not rest else word


def _label_person(ctx: _Ctx, m: re.Match, start: int) -> Actor | None:
    """The person a transcript label names: an actor of the article, or a name in capitals
    ("BARACK OBAMA", "PRESIDENT BIDEN", a title run into the name "PRESIDENTBIDEN") that
    the actor finder leaves alone because it reads capitals as an acronym."""
    name, ns = m.group("name"), start + m.start("name")
    for mm in ctx.actors.in_span(ns, ns + len(name)):
        if mm.actor.actor_type == "person":
            return mm.actor
    if not name.isupper():
        return None
    words = name.split()
    titled = [n for n in (_without_office(w) for w in words) if n]
    cased = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in titled)
    if not titled or any(w.lower() in _NO_PERSON_LABELS for w in words) or reference.country_for(cased) \
            or reference.capital_country(cased) or reference.city_country(cased):
        return None  # "QUESTION:", "WASHINGTON:": no person
    if all(has_word(ctx.text, w.lower()) for w in titled):
        return None  # "MORE NEWS:": English words in capitals, as the article writes them in lower case
    found = ctx.actors.resolve(cased, ns)
    if found is not None and found.actor_type == "person":
        return found
    if len(titled) >= 2 or titled != words:
        return Actor(name=cased, actor_type="person")  # a full name, or one an office introduces
    return None


def _transcript(ctx: _Ctx) -> list[Statement]:
    """Speaker-labelled paragraphs ("Mikhail Mishustin: Welcome to ...") as direct statements.

    Only in a document that is a transcript: two or more labelled paragraphs, or a
    label after a line that announces a transcript ("Excerpts from the transcript:").
    """
    text = ctx.text
    labels = []
    for pi, (ps, pe) in enumerate(ctx.paras):
        m = TRANSCRIPT_LABEL.match(text[ps:pe])
        if not m:
            continue
        person = _label_person(ctx, m, ps)
        if person is not None:
            labels.append((pi, person, m))
    if not labels:
        return []
    announced = re.search(r"\b(?:transcript|excerpts?|remarks|verbatim|Q\s*&\s*A)\b",
                          text[:ctx.paras[labels[0][0]][0]], re.I)
    # "Name (03:07):", "[14:30:04] NAME:": a recording's transcript
    timed = any(m.group("time") or m.group("clock") for _, _, m in labels)
    if len(labels) < 2 and not announced and not timed:
        return []
    out = []
    by_para = {pi: (person, m) for pi, person, m in labels}
    current: Actor | None = None
    for pi, (ps, pe) in enumerate(ctx.paras):
        line = text[ps:pe]
        if pi in by_para:
            current, m = by_para[pi]
            if m.group("rest") is None:
                continue  # the label alone: the turn is in the paragraphs that follow
            rs = ps + m.start("rest")
            if not ctx.quoted(rs):
                out.append(Statement(current, "direct", text[rs:pe], rs, pe, cue=f"{m.group('name')}:"))
            continue
        if TRANSCRIPT_LABEL.match(line):
            current = None  # a label we cannot resolve to a person ("Question:")
            continue
        if current is None:
            continue
        # narrative again: a paragraph that reports speech in the third person
        if _PARA_SAY.search(line) and re.search(r"\b(?:he|she|they|[A-Z][a-z]+)\s+(?:said|added|noted|told)\b", line):
            current = None
            continue
        ts = TIME_MARK.match(line)
        if ts:  # "(04:39)" marks the time in the recording, not words
            ps += ts.end()
            line = text[ps:pe]
        if ctx.quote_spans.reach_at(ps + 1) >= ps + 1 or _nwords(line) < 3:  # inside a quotation, or at its end
            continue
        out.append(Statement(current, "direct", line, ps, pe, cue="(transcript)"))
    return out


# ---------------------------------------------------------------------------
# Indirect statements
# ---------------------------------------------------------------------------

# verbs whose object or clause is the statement
_IND_VERBS = (
    r"said|says|told|stated|added|noted|stressed|emphasi[sz]ed|"
    r"underlined|underscored|highlighted|warned|urged|argued|insisted|explained|recalled|"
    r"declared|announced|asserted|claimed|acknowledged|admitted|reiterated|reaffirmed|affirmed|"
    r"confirmed|suggested|wrote|replied|responded|shared|assured|informed|reminded|maintained|predicted|vowed|pledged|"
    r"remarked|observed|commented|contended|reckoned|opined|"
    r"promised|believes|hopes|expects|cautioned|conceded|proposed|indicated|revealed|disclosed|outlined|described|"
    r"expressed\s+(?:confidence|hope|the\s+hope|(?:his|her|its)\s+(?:confidence|hope|readiness|belief))|"
    r"expressed\s+(?:(?:his|her|its|their|the)\s+)?(?:view|belief|opinion|conviction|concern|fear|hope|confidence)s?"
    r"(?=\s+that\b)|renewed(?=\s+(?:(?:his|her|its|their|the|[A-Z][\w'’-]*['’]s?)\s+)?(?:[\w'’-]+\s+){0,2}"
    r"(?:commitment|call|calls|pledge|appeal|support|demand|offer|warning|invitation)\b)|"
    r"called(?=\s+(?:the|this|that|these|those|it|them|his|her|its|their)\s+(?:[\w'’-]+\s+){0,4}?(?:an?|the)\s)|"
    r"called\s+(?:for|on)|pointed\s+out|made\s+(?:it\s+)?clear|threatened|criticized|criticised|accused|"
    r"reported|has\s+described|had\s+(?:strongly\s+)?criticized|expressed|"
    r"(?:has|have|had)\s+been\s+(?:warning|saying|arguing|insisting|stressing)(?=\s+that\b)")
_PROGRESSIVE = {"warning": "warned", "saying": "said", "arguing": "argued", "insisting": "insisted",
                "stressing": "stressed"}
_IND = re.compile(r"\b(?P<verb>" + _IND_VERBS + r")\b")
_THAT_VERBS = frozenset("""said says told tells stated states added adds noted notes warned warns argued insisted
explained recalled declared asserted claimed acknowledged admitted confirmed suggested wrote replied
remarked observed commented contended reckoned opined
responded shared assured informed reminded maintained predicted believes hopes expects cautioned conceded indicated revealed
reported disclosed outlined""".split())
# ", state-run media reported." closing a sentence: the outlet's account of it all
_OUTLET_TAIL = re.compile(
    r",\s+(?P<outlet>(?:the\s+)?(?:[\w-]+\s+){0,3}(?:media|agency|outlets?|press|television|broadcaster|newspaper|"
    + "|".join(sorted(map(re.escape, OUTLET_WORDS))) + r"))\s+(?:reported|reports|said|says)\s*[.!?]?\s*$", re.I)
# "While Trump has said C, the president touted ...": a report in the clause that opens the sentence
_SUBORDINATE_OPENING = re.compile(r"\s*(?:While|Although|Though|Whereas|Even\s+though)\b[^,;]*$")
_MAIN_AFTER_SUBORDINATE = re.compile(r",\s+(?=(?:the|he|she|they|it|we)\s+(?:[\w'’-]+\s+){0,3}?"
                                     r"(?:[a-z]+ed|has|have|had|is|was|are|were|will|would|says|said)\b)")
_SAID_THAT = re.compile(r"\b(?:" + SAY_VERBS.replace(" ", r"\s+") + r")\s+that\b")
# "announced a ban ... on Thursday as ...": the day ends an announced object
_WEEKDAY_NAMES = "|".join(w.title() for w in WEEKDAYS if len(w) > 3)
_NP_END = re.compile(r"\s+on\s+(?:" + _WEEKDAY_NAMES + r")\b")
# "warned China against retaliating", "warned Tokyo of consequences"
_WARNED_OBJ = re.compile(r"\s*(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:against|of)\s+[a-z]\w+")
# verbs taking a noun phrase as the statement ("Xi underscored the growing depth of ...")
_OBJECT_VERBS = frozenset("""stressed stresses emphasized emphasised emphasizes emphasises underlined underscored
highlighted reaffirmed affirmed reiterated announced announces urged urges proposed described renewed
acknowledged""".split())
_INCLUDE_VERB = ("called", "criticized", "criticised", "accused", "threatened", "urged", "urges", "had", "pledged",
                 "vowed", "promised")
_TIME_NOUN = (r"(?:week|month|year|morning|afternoon|evening|night|weekend|spring|summer|autumn|fall|winter|"
              r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
              r"July|August|September|October|November|December)")
_ADVERBIAL = re.compile(
    r"^(?:\s*,?\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b"
    r"|(?:last|this|earlier|later|late|early|next)\s+(?:this\s+|last\s+)?" + _TIME_NOUN +
    r"(?:\s*\([^()]{0,30}\))?"
    r"|(?:on|in|at|during)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?"
    r"[\w.'’-]+(?:\s+[\w.'’-]+){0,4}?(?:\s*\([^()]{0,30}\))?(?=\s*(?:,|that\b|\s[a-z]|\s[A-Z])))"
    r"|\s*\([^()]{0,30}\)|\s*,\s*however\s*,|\s*,\s*according\s+to\s+[^,]{2,60},"
    r"|\s+(?:also|again|further|then|repeatedly|previously|once\s+again))*")
_TOLD_OBJ = re.compile(
    r"^\s+(?P<obj>(?:him|her|them|us|reporters|journalists|lawmakers|the\s+\w+(?:\s+\w+){0,3}?|"
    r"(?:his|her|their)\s+(?:[A-Z]\w+\s+)?(?:counterpart|colleague|host|guest|audience)s?|"
    r"(?:[A-Z][\w'’.-]*\s*)+?(?:(?:news\s+agency|broadcaster|newspaper|television|agency|radio)\s+[A-Z][\w'’.-]*)?)"
    r"(?:\s+(?:in|at|on|during)\s+(?:[A-Z][\w'’.-]*|the\s+\w+|a\s+\w+|\w+day)(?:\s+\w+)?)?)"
    r"(?=\s*(?:,|that\b|\s))")
_ACCORDING_FRONT = re.compile(r"^(?:\W*)According\s+to\s+(?P<who>[^,]{2,120}),\s*(?P<clause>.+)$", re.S)
_EVENT_SUBJECT = re.compile(
    r"\s*(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w'’-]+\s+){0,3}?(?:summit|meeting|talks|visit|"
    r"trip|call|conversation|conference|negotiations|deal|agreement|event|forum)\s+(?:between|with|of|in|at)\s+[^,;]*$")
_FINITE_BEFORE_CLAUSE = re.compile(r"[,;]\s|\b(?:said|says|is|are|was|were|has|have|had|will|would)\b")
_EPITHET_BEFORE = re.compile(r"\b(?:considered|dubbed|nicknamed|known\s+as|so-called)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?$")
_INNER_REPORT = re.compile(
    r"\b(?:said|says|told\s+[\w\s]{2,30}?|added|noted)\s+that\s+(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"
    r"(?:had\s+|has\s+)?(?:pledged|promised|vowed|agreed|assured(?:\s+\w+)?|insisted|said|told\s+\w+)\s+(?:that\s+)?$")
_APPOSITION_HEAD = re.compile(r"(?:(?:the|a|an|his|her)\s+)?(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z]+)\b[^,;“”\"]{0,150},\s*")
_ACCORDING_BACK = re.compile(r"^(?P<clause>.+?),?\s+according\s+to\s+(?P<who>[^,.;]{2,120})[.!?”\"]*$", re.S)
_TAIL_SAID = re.compile(
    r"^(?P<clause>.+?),[”\"’]?\s+(?P<who>[^,;“”\"]{2,100}?)\s+(?P<verb>said|says|added|adds|stated|noted|told\s+[^,.]{2,60}?"
    r"|stressed|emphasized|emphasised|explained|warned|insisted|wrote|declared|announced|recalled|confirmed)"
    r"(?P<tail>(?:\s+(?:on|in|at|last|this|earlier|later)\s+[\w.'’ -]{2,40}?|\s*\([^()]{0,30}\)|"
    r"\s+(?:" + _WEEKDAY_NAMES + r"|today|yesterday))*)"
    r"(?:,\s*(?P<part>(?:calling|urging|adding|noting|saying|stressing|warning)\b.+?)"
    r"|,\s*(?:without|but|though|although)\b[^,]*?"
    r"|,\s*(?:with|including)\s+.*?"
    r"|,\s*(?:hoping|expecting|citing|referring|pointing|speaking|describing)\b[^“”\"]*?)?\s*[.!?]?$", re.S)
_TAIL_SAID_INV = re.compile(
    r"^(?P<clause>.+?),\s+(?P<verb>said|added|stated|wrote)\s+(?P<who>[^,;“”\"]{2,100}?)[.!?]?$", re.S)


_NOT_SOURCES = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:(?:latest|official|new|preliminary|customs|trade|government|available|"
    r"recent|released|published)\s+)*(?:data|figures|statistics|estimates|calculations|survey|poll|"
    r"study|analysis|research|reports?|media\s+reports?|sources?|documents?|records|filings|drafts?|copy|"
    r"(?:\w+\s+)?(?:state\s+|official\s+|local\s+|russian\s+|chinese\s+)?media(?:\s+on\s+both\s+sides)?)\b", re.I)
_ACCORDING_MID = re.compile(
    r"^(?P<a>[^“”\"]{20,}?),\s+according\s+to\s+(?P<who>[^,]{2,100}),\s+(?P<b>[^“”\"]{8,})$", re.S)
_PART_SPEECH = re.compile(
    r",\s*(?P<verb>saying|announcing|adding|noting|stressing|warning|arguing|insisting|explaining|declaring|"
    r"claiming|asserting|emphasi[sz]ing|stating|telling\s+(?:him|her|them|reporters|journalists|the\s+\w+|"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}))\s+(?P<that>that\s+)?")
_PARTICIPLE = re.compile(r",\s*(saying|telling|adding)\s*$")
_THIS_WAS = re.compile(
    r"^(?:This|That|It|The\s+(?:information|news|report))\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:reported|stated|said|announced|confirmed|disclosed|revealed)\s+by\s+(?P<who>.+?)[.!]?$", re.S)


_REDUCED_REL = re.compile(
    r"\b(?!(?:he|she|it|they|we|i|who|which|that|also|has|have|had|then|later|once|again|further|previously|"
    r"recently|earlier|reportedly|and|but|or)\b)[a-z]{3,}\s+$")
_PASSIVE = re.compile(r"\b(?:been|being|be|was|were|is|are|get|got)\s+(?:[a-z]+ly\s+)?$")
# a participial opening clause: "Explaining why ..., " / "Speaking at the forum, "
_DESCRIBED_BY = re.compile(r"\b(?:described|called|hailed|termed|labell?ed|praised)\s+by\s+(?P<who>[^,;“”\"]{2,60}?)"
                          r"\s+as\s+(?:(?:an?|the)\s+)?$")
_PART_INTRO = re.compile(r"\s*(?!According\b)(?:[A-Z][a-z]+ing|After\s+[a-z]+ing|While\s+[a-z]+ing)\b[^,;“”\"]{0,120},\s*")
_COUNTRY_CLAUSE_VERBS = frozenset("""stressed emphasized emphasised insisted maintained noted argued claimed
reiterated confirmed asserted acknowledged""".split())
# a common-noun subject right before the verb: "the official", "a spokesman for the ministry"
_NP_FUNCTION = (r"(?:and|or|but|nor|is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|"
                r"must|do|does|did|that|which|who|whom|whose|what|when|where|while|if|as|than|then|to|of|in|on|at|"
                r"by|for|with|from|into|about|after|before|said|says|told|also|then|later|further|again|previously|"
                r"recently|earlier|reportedly|separately|once|already|still|now)\b")
_NP_SUBJ = re.compile(
    r"(?:^|(?<=[\s,]))(?P<np>(?:the|a|an|one|another)\s+(?:(?!" + _NP_FUNCTION + r")[\w'’.-]+\s+){0,4}?"
    r"(?!" + _NP_FUNCTION + r")[a-z][a-z-]+)\s+"
    r"(?:(?:also|has|have|had|then|later|reportedly|further|previously|earlier|again|once\s+again|separately)\s+)*$")


_ANON_HEADS = frozenset("""official source aide adviser advisor diplomat spokesman spokeswoman spokesperson analyst
expert officer representative insider person participant observer""".split())


def _np_subject(ctx: _Ctx, lead_s: int, vpos: int) -> tuple[str | None, Actor | None]:
    """A subject noun phrase just before the verb that names no known actor.

    ("actor", a) when it resolves ("the statement" -> the last institution), ("unknown", None) when it
    is an unnamed speaker ("but the official said"), (None, None) when there is no such phrase.
    """
    lead = ctx.text[lead_s:vpos]
    m = _NP_SUBJ.search(lead)
    if not m:
        return None, None
    np_s = lead_s + m.start("np")
    before_txt = ctx.text[max(lead_s, np_s - 30):np_s]
    before = re.findall(r"[\w'’]+", before_txt)
    if before and before[-1].lower() not in ("but", "and", "while", "whereas", "yet", "so", "then", "though",
                                             "although", "however") and not before_txt.rstrip().endswith(","):
        return None, None  # "welcomed the new members and indicated": an object, not the subject
    if before_txt.rstrip().endswith(",") and any(
            0 <= np_s - mm.char_end <= 4 for mm in ctx.actors.in_span(max(lead_s, np_s - 200), np_s)):
        return None, None  # "Robert Habeck, a Green Party member, has said": an apposition
    inside = [mm for mm in ctx.actors.in_span(np_s, vpos) if not ctx.quoted(mm.char_start)]
    if any(not re.match(r"(?:the|a|an|one|another)\s", mm.surface, re.I) for mm in inside):
        return None, None  # an actor is named in it: the usual subject search
    a = inside[-1].actor if inside else ctx.speaker_from_phrase(m.group("np"), np_s)
    if a is None:
        return "unknown", None
    head = m.group("np").split()[-1].lower()
    if a.actor_type == "person" and head.rstrip("s") in _ANON_HEADS and \
            head.rstrip("s") not in {w.lower() for w in re.findall(r"[\w-]+", a.role or "")}:
        return "unknown", None  # "the official" is not the president named before
    return "actor", a


def _joint_subject(ctx: _Ctx, lead_s: int, vpos: int) -> bool:
    """"A and B (both) said": two people coordinated right before the verb."""
    ms = [m for m in ctx.actors.in_span(lead_s, vpos)
          if m.actor.actor_type == "person" and not ctx.quoted(m.char_start)]
    if len(ms) < 2:
        return False
    a, b = ms[-2], ms[-1]
    if a.actor == b.actor:
        return False
    return bool(re.fullmatch(r"\s*,?\s*and\s+(?:[\w'’-]+\s+){0,3}", ctx.text[a.char_end:b.char_start])) and \
        bool(re.fullmatch(r"\s*(?:(?:both|jointly|together|also|have|had|each)\s+)*", ctx.text[b.char_end:vpos]))


def _according_document(ctx: _Ctx, ss: int, se: int, emit) -> bool:
    """"C, according to a joint statement by A, B and C (on Friday)." and "According to <it>, C."."""
    text = ctx.text
    for ds, de, a in ctx.docs_in(ss, se):
        if ctx.quoted(ds):
            continue
        pre = text[ss:ds]
        front = re.fullmatch(r"\W*According\s+to\s+", pre)
        if front:
            m = re.match(r"[^,;]{0,40}?,\s*", text[de:se])
            if m:
                emit(a, de + m.end(), se, "According to " + text[ds:de], ds)
                return True
            continue
        back = re.search(r",?\s+according\s+to\s+$", pre)
        if back and re.fullmatch(r"\s*(?:(?:on|in|at|issued|released)\s+[\w.'’ -]{1,40}?)?\s*[.!?”\"]*",
                                 text[de:se]):
            emit(a, ss, ss + back.start(), "according to " + text[ds:de], ds)
            return True
    return False


def _indirect(ctx: _Ctx, direct: list[Statement]) -> list[Statement]:
    text = ctx.text
    out: list[Statement] = []
    claimed = Claims()

    def emit(speaker: Actor | None, s: int, e: int, cue: str, verb_pos: int, quote: str | None = None,
             min_words: int = 4):
        if speaker is None or e <= s:
            return
        if quote is not None:
            if claimed.overlaps(s, e):
                return
            claimed.add(s, e)
            out.append(Statement(speaker=speaker, kind="indirect", quote_text=quote, char_start=s, char_end=e,
                                 cue=cue.strip()[:120],
                                 statement_date=_statement_date(ctx, *ctx.sentence(verb_pos), said=(s, e))))
            return
        if re.match(r"\s*:\s*[“\"«„]", text[_clean_clause(text, s, e)[1]:e + 3]) or \
                re.search(r":\s*$", text[s:e]) and e < len(text) and text[e:e + 3].lstrip()[:1] in "“\"«„":
            return  # "X stated ...: “...”" — the quotation is the statement
        s, e = _clean_clause(text, s, e)
        if e - s < 8 or _nwords(text[s:e]) < min_words:
            return
        clause = text[s:e]
        if _starts_with_quote(clause) and _quoted_share(ctx, s, e) > 0.5:
            return
        q = None
        if _quoted_share(ctx, s, e) >= 0.35 and _quoted_words(ctx, s, e) >= 4:
            # "Beijing is willing to ... and “cooperate ...”": keep the reported part before the quotation
            inside = ctx.quote_spans.starting_in(s + 1, e)
            if not inside:
                return
            q, q_end = inside[0][0], max(qe for _, qe in inside)
            if _nwords(text[q_end:e]) >= 1 and _clause_like(text[s:q - 1], strict=True) and \
                    _quoted_share(ctx, s, e) < 0.8:
                q = None  # "he regretted “some companies left” recently": a quotation inside the clause
        if _quoted_share(ctx, s, e) >= 0.35 and _quoted_words(ctx, s, e) >= 4 and q is not None:
            cut_e = q - 1
            pre = re.sub(r"\s*(?:and|but|or|,)\s*$", "", text[s:cut_e])
            if pre.rstrip().endswith(":"):
                return  # "X stated ...: “...”" — the quotation is the statement
            if _nwords(pre) < 10 or re.search(r"\b(?:on|of|to|as|the|a|an|in|for|with|by|at|from)\s*$", pre):
                return
            e = s + len(pre)
            clause = text[s:e]
        if claimed.overlaps(s, e):
            return
        claimed.add(s, e)
        out.append(Statement(speaker=speaker, kind="indirect", quote_text=_strip_quotes(clause), char_start=s,
                             char_end=e, cue=cue.strip()[:120],
                             statement_date=_statement_date(ctx, *ctx.sentence(verb_pos), said=(s, e))))

    def source(who: str, pos: int) -> Actor | None:
        core = _who_core(who)
        if _NOT_SOURCES.match(who.strip()) or _NOT_SOURCES.match(core):
            return None
        return ctx.speaker_from_phrase(core, pos)

    for si, (ss, se) in enumerate(ctx.sents):
        sent = text[ss:se]
        if len(sent) < 20 or (ctx.quoted(ss) and ctx.quoted(se - 2)):
            continue
        # "This was reported by X": the sentence before is X's
        m = _THIS_WAS.match(sent)
        if m and si > 0:
            ps_, pe_ = ctx.sents[si - 1]
            who_s = ss + m.start("who")
            people = [mm.actor for mm in ctx.actors.in_span(who_s, se) if mm.actor.actor_type == "person"]
            if not people:
                a = source(m.group("who").split(",")[0], who_s)
                people = [a] if a is not None else []
            if not ctx.quoted(ps_):
                seen_names = set()
                n0 = len(claimed)
                for a in people:  # "reported by A, B, as well as C": each of them
                    if a.name in seen_names:
                        continue
                    seen_names.add(a.name)
                    claimed.take_back(n0)
                    emit(a, ps_, pe_, sent[:60], ss)
            continue
        inner_said = _inner_report(ctx, ss, se)
        # "C, according to a joint statement by A, B and C" / "According to a joint statement by ..., C"
        if _according_document(ctx, ss, se, emit):
            continue
        # "According to X, C"
        m = _ACCORDING_FRONT.match(sent)
        if m and not inner_said:
            a = source(m.group("who"), ss + m.start("who"))
            if a is not None:
                # "According to Sami al-Arian, director of the Center ..., C": the apposition is no part of C
                app = _APPOSITION_HEAD.match(m.group("clause"))
                start = ss + m.start("clause") + (app.end() if app and app.group("head").lower() in TITLE_HEADS else 0)
                emit(a, start, se, "According to " + m.group("who"), ss)
                continue
        # "C, according to X"
        m = _ACCORDING_BACK.match(sent)
        if m and not ctx.quoted(ss + m.start("who")) and not inner_said and \
                not _inner_report(ctx, ss, ss + m.end("clause"), loose=True):
            a = source(m.group("who"), ss + m.start("who"))
            if a is not None and not _starts_with_quote(m.group("clause")):
                emit(a, ss + m.start("clause"), ss + m.end("clause"), "according to " + m.group("who"), ss)
                continue
        # "C, according to X, D"
        m = _ACCORDING_MID.match(sent)
        if m and not ctx.quoted(ss + m.start("who")) and not inner_said and \
                not _inner_report(ctx, ss, ss + m.end("a"), loose=True):
            a = source(m.group("who"), ss + m.start("who"))
            if a is not None and not _starts_with_quote(m.group("a")):
                qa, qb = m.group("a").strip(), _TRAIL.sub("", m.group("b").strip())
                emit(a, ss, se, "according to " + m.group("who"), ss, quote=f"{qa}, {qb}")
                continue
        # "C, X said." / "C, said X." (also "C, he said, calling on ...")
        m = _TAIL_SAID.match(sent) or _TAIL_SAID_INV.match(sent)
        if m and not ctx.quoted(ss + m.start("who")) and not inner_said and (
                _nwords(m.group("clause")) >= 4 or
                # "Europe likes competition, said von der Leyen": short, but a clause
                (_nwords(m.group("clause")) == 3 and re.match(r"\w+\s+[a-z]+s\s+\w+$", m.group("clause").strip()))):
            clause = m.group("clause")
            who = m.group("who")
            who_s = ss + m.start("who")
            a = ctx.speaker_from_phrase(_who_core(who), who_s) if _nwords(who) <= 9 else None
            if a is not None and a.actor_type != "country" and not _starts_with_quote(clause) and \
                    not ctx.quoted(ss + m.start("clause")):
                emit(a, ss + m.start("clause"), ss + m.end("clause"), who + " " + m.group("verb"), who_s,
                     min_words=3)
                part = m.groupdict().get("part")
                if part:
                    # ", adding that C": C is what was said; ", calling on X to ..." is itself the statement
                    pm = re.match(r"(?:adding|noting|saying|stressing|warning)\s+(?:that\s+)?", part)
                    emit(a, ss + m.start("part") + (pm.end() if pm else 0), se, who + " " + m.group("verb"), who_s)
                continue
        # "X said (that) C", "X told Y (that) C", "X stressed C"
        for vm in _IND.finditer(sent):
            vpos = ss + vm.start()
            if ctx.quoted(vpos):
                continue
            verb = re.sub(r"\s+", " ", vm.group("verb"))
            base = verb.split()[-1] if verb.startswith(("has ", "had ", "have ")) else verb.split()[0]
            base = _PROGRESSIVE.get(base, base)  # "Mexico has been warning that"
            lead_s = ss
            earlier = ctx.last_quote_end(ss, vpos)
            after_quote = earlier is not None
            if after_quote:
                lead_s = earlier + 1
            lead = text[lead_s:vpos]
            if after_quote and _nwords(lead) <= 8 and not re.search(r"\b(?:and|but|while|as)\s", lead):
                tail = text[ss + vm.end():se]
                am2 = _ADVERBIAL.match(tail)
                tail = tail[am2.end():] if am2 else tail
                if not (re.match(r"\s*(?:,\s*)?that\b", tail) or
                        (base in _OBJECT_VERBS and re.match(r"\s*(?:the|a|an|his|her|its|their|[a-z]+s)\b", tail))):
                    continue  # ",” Putin said, ...": the attribution of a direct quotation
            rel_speaker = None
            cut = max(lead.rfind(";"), lead.rfind(" — "), lead.rfind(", which "), lead.rfind(", who "))
            soft = max(lead.rfind(", but "), lead.rfind(", while "), lead.rfind(", and "), lead.rfind(", whereas "))
            if soft > cut and ctx.subject_before(lead_s + soft + 2, vpos) is not None:
                cut = soft + 1
            if cut >= 0:
                lead_s += cut + 1
                lead = text[lead_s:vpos]
                rel = re.match(r"\s*,?\s*(?:which|who)\s+", lead)
                if rel:
                    # "a bridge too far for the US President, who said C": the antecedent speaks
                    ante = [mm for mm in ctx.actors.in_span(max(ss, lead_s - 120), lead_s)
                            if 0 <= lead_s - mm.char_end <= 2 and mm.actor.actor_type in ("person", "organization")]
                    lead_s += rel.end()
                    lead = text[lead_s:vpos]
                    if ante and not lead.strip() and text[lead_s - rel.end():lead_s].strip(" ,") == "who":
                        rel_speaker = ante[-1].actor
            if _PASSIVE.search(text[max(ss, vpos - 40):vpos]):
                continue  # "India has been criticised by the West": a passive, not a report
            if base.endswith("ed") and _REDUCED_REL.search(text[max(ss, vpos - 30):vpos]) and \
                    re.match(r"\s+(?:in|by|at|on|during|under|from|with|for)\b", text[ss + vm.end():se]):
                continue  # "the commitments outlined in the declaration": a participle, not a report
            if base.endswith("ed") and re.search(r"\b(?:the|a|an|its|their|his|her|this|these|those|any)\s+$",
                                                 text[max(ss, vpos - 8):vpos], re.I):
                continue  # "the proposed sale": an adjective
            intro = _PART_INTRO.match(lead)
            if intro and intro.end() < len(lead):
                lead_s += intro.end()  # "Explaining why the EU acted, the Commission chief said"
                lead = text[lead_s:vpos]
            part = _PARTICIPLE.search(text[max(ss, vpos - 20):vpos])
            speaker = rel_speaker or ctx.doc_speaker(lead_s, vpos)
            if speaker is None:
                np_kind, np_actor = _np_subject(ctx, lead_s, vpos)
                if np_kind == "unknown":
                    continue  # "but the official said": an unnamed speaker, not an earlier actor
                if np_kind == "actor":
                    speaker = np_actor
            if speaker is None and _joint_subject(ctx, lead_s, vpos):
                continue  # "Kishida and Yoon both stressed": a joint statement of two speakers
            if speaker is None:
                speaker = ctx.subject_before(lead_s, vpos, strict_country=True)
            if speaker is None and re.fullmatch(r"\s*(?:,\s*)?(?:and|but)?\s*(?:also\s+|then\s+)?", lead):
                speaker = ctx.subject_before(ss, vpos, strict_country=True)  # "..., and said that"
            if speaker is None and re.fullmatch(r"\s*(?:It|it)\s+(?:also\s+)?", lead):
                speaker = ctx.last_org(vpos)
            if speaker is None and not ctx.event_subject(lead_s, vpos):
                mm = re.search(r"(?:\b(?:But|And|Yet|So|Still|However|Meanwhile|Now|Instead),?\s+)?"
                               r"(?P<n>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+"
                               r"(?:(?:also|previously|had|has|have|recently|earlier|then)\s+)*$", lead)
                if mm and mm.group("n").split()[0].lower() not in (
                        "the", "but", "and", "in", "it", "this", "however", "meanwhile", "on", "at", "that", "he",
                        "she", "they", "we", "i", "previously", "earlier", "later", "also"):
                    speaker = _bare_actor(mm.group("n"))
            if speaker is None:
                continue
            if _subject_gap(ctx, lead_s, vpos) > 140 and not part:
                continue
            if speaker.actor_type == "country" and base not in ("said", "says", "stated", "announced", "warned",
                                                                "criticized", "criticised", "declared", "reported"):
                if base not in _COUNTRY_CLAUSE_VERBS:
                    continue
                tail = text[ss + vm.end():se]
                if not (re.match(r"\s*(?:,\s*)?that\b", tail) or _clause_like(tail, strict=True)):
                    continue  # "China stressed its role": only a clause is a government's statement
            rest_s = ss + vm.end()
            rest = text[rest_s:se]
            am = _ADVERBIAL.match(rest)
            if am and am.end() > 0:
                rest_s += am.end()
                rest = text[rest_s:se]
            if base in ("assured", "informed") and re.match(r"\s*that\b", rest):
                pass  # "she informed that C": no one named as told
            elif base in ("told", "tells", "assured", "informed", "reminded"):
                tm = _TOLD_OBJ.match(rest)
                if not tm:
                    continue
                that = re.search(r"\bthat\b", rest[:120])
                if that and "," not in rest[:that.start()].replace(", however,", ""):
                    rest_s += that.end()
                else:
                    rest_s += tm.end()
                    am = _ADVERBIAL.match(text[rest_s:se])
                    if am and am.end() > 0:
                        rest_s += am.end()
                    if not _clause_like(text[rest_s:se], strict=True):
                        continue
                rest = text[rest_s:se]
            if am and am.end() > 0 and re.search(r"\b(?:on|in|at|during)\s+(?:\S+\s+){0,4}\S+\s*$", am.group(0)):
                # "stated during the NATO summit in Washington that C": the adverbial runs on to "that"
                pp = re.match(r"(?:\s+[\w.'’-]+){1,6}?\s*,?\s+that\b", rest)
                if pp and not _STRICT_FINITE.search(rest[:pp.end() - 4]):
                    rest_s += pp.end() - 4
                    rest = text[rest_s:se]
            ctx_s = rest_s
            warned_obj = np_only = False
            that = re.match(r"\s*(?:,\s*)?that\b", rest)
            if base == "described" and re.match(r"\s*as\b", rest):
                ctx_s = rest_s + re.match(r"\s*as\b", rest).end()
            elif that:
                if not _that_clause(rest[that.end():]):
                    continue  # "emphasized that close relationship": a determiner, no clause
                ctx_s = rest_s + that.end()
            elif base in _THAT_VERBS and not (base in _OBJECT_VERBS and not _clause_like(rest)):
                first = rest.lstrip()[:1]
                if not first or first in "“\"«„":
                    continue
                if first in ",:":
                    if re.match(r"\s*,\s*[a-z]+ing\b", rest):
                        continue  # "C, Trump said, adding that D": said C; the participle reports D
                    ctx_s = rest_s + rest.index(first) + 1
                    if rest.lstrip()[1:].lstrip()[:1] in "“\"«„":
                        continue
                    if first == "," and (re.match(r"\s*(?:with|without|in|on|at|for|as|by|including|and|but)\b",
                                                  text[ctx_s:se]) or not _clause_like(text[ctx_s:se])):
                        continue  # "C, he said, with $11 billion ...": said C; the rest only adds to it
                else:
                    w = re.match(r"\s*([\w'’-]+)", rest)
                    word = w.group(1) if w else ""
                    if word.lower() in ("in", "on", "at", "to", "by", "with", "for", "of", "after", "before",
                                        "during", "as", "and", "but", "goodbye", "hello", "so", "yes", "no",
                                        "nothing", "something", "more", "little", "much", "earlier", "later",
                                        "while", "when", "about", "if"):
                        continue
                    if base in ("reported",) and not that:
                        continue
                    warned_obj = base in ("warned", "warns") and bool(_WARNED_OBJ.match(rest))
                    if not _clause_like(rest) and not warned_obj:
                        continue
            elif base in _OBJECT_VERBS or base in ("called", "pointed", "made", "expressed", "criticized",
                                                   "criticised", "accused", "threatened", "pledged", "vowed",
                                                   "promised", "reaffirmed", "reiterated"):
                if rest.lstrip()[:1] in "“\"«„":
                    continue
                if base == "expressed" and not re.match(r"\s*(?:(?:his|her|its|their)\s+)?(?:confidence|hope|readiness|"
                                                        r"belief|willingness)", rest):
                    continue
                if reports_lexicon().topic.match(rest):
                    continue  # "stressed the importance of cooperation": a topic named, nothing said of it
                if (verb.split()[0] in _INCLUDE_VERB and verb != "called") or verb.startswith("called "):
                    ctx_s = vpos
                np_only = True
            else:
                continue
            end = se
            if np_only and base != "described":  # "described X on Tuesday as Y" goes on
                # "announced a ban on seafood from Japan on Thursday as Tokyo began ...": the object
                # is what was said; the day it was said, and what follows the day, are not
                cut = _NP_END.search(text, ctx_s, se)
                if cut and _nwords(text[ctx_s:cut.start()]) >= 4:
                    end = cut.start()
            if _SUBORDINATE_OPENING.match(text, ss, vpos):
                # "While Trump has said he was not in a hurry ..., the president touted ...": the
                # report ends with the clause that opens the sentence
                main_clause = _MAIN_AFTER_SUBORDINATE.search(text, ctx_s, end)
                if main_clause:
                    end = main_clause.start()
            comma_intro = not that and rest.lstrip()[:1] in ",:" and base in ("said", "stated", "noted", "stressed", "added")
            if base in ("said", "stated", "stressed", "noted", "emphasized", "emphasised", "pointed") and \
                    not part and _speech_paragraph(ctx, ss, se, lead_s, comma_intro):
                end = ctx.paragraph(ss)[1]
            cue = text[lead_s:rest_s].strip(" ,;:”\"’—–-\n")
            if part:
                cue = part.group(1) + " " + verb
            emit(speaker, ctx_s, end, cue[-120:], vpos, min_words=3 if warned_obj else 4)
        # ", saying (that) C", ", telling him that C": the main clause's subject speaks
        for pm in _PART_SPEECH.finditer(sent):
            ppos = ss + pm.start()
            if ctx.quoted(ppos):
                continue
            rest = sent[pm.end():]
            if not rest.strip() or _starts_with_quote(rest):
                continue
            if not (_that_clause(rest) if pm.group("that") else _clause_like(rest, strict=True)):
                continue
            speaker = ctx.subject_before(ss, ppos, strict_country=False)  # (even before an earlier quotation)
            if speaker is None or speaker.actor_type == "country":
                continue
            tail = _OUTLET_TAIL.search(sent)
            main = next((st for st in reversed(out) if st.kind == "indirect" and st.speaker == speaker and
                         ss <= st.char_start < ppos), None) if tail else None
            if main is not None:
                # "X accused ..., saying that ..., state-run media reported": the outlet's one
                # account of X's remarks, not two statements
                e2 = ss + tail.start()
                main.quote_text, main.char_end = text[main.char_start:e2], e2
                main.cited_by = main.cited_by or _outlet_name(tail.group("outlet"))
                continue
            emit(speaker, ss + pm.end(), se, pm.group(0).strip(", "), ppos)
    return out


def _inner_report(ctx: _Ctx, ss: int, se: int, loose: bool = False) -> bool:
    """Does the sentence hold its own "X said/noted that ..." with an actor subject?

    `loose`: also "X stressed the need for ..." and "X said C" without "that" (the clause of a
    "..., according to Y" that reports what X said: X is the speaker, Y only the source).
    """
    sent = ctx.text[ss:se]
    for vm in _IND.finditer(sent):
        base = vm.group("verb").split()[0]
        if ctx.quoted(ss + vm.start()):
            continue
        if loose and (base in _OBJECT_VERBS or base in _THAT_VERBS):
            tail = sent[vm.end():]
            if base in _THAT_VERBS and base not in _OBJECT_VERBS and not (
                    re.match(r"\s*(?:,\s*)?that\b", tail) or _clause_like(tail, strict=True)):
                continue
            if _PASSIVE.search(sent[max(0, vm.start() - 40):vm.start()]):
                continue
        elif base not in _THAT_VERBS:
            continue
        elif not re.match(r"[^.;“”\"]{0,50}?\bthat\b", sent[vm.end():]) or \
                re.match(r"\s*,\s*[a-z]+ing\b", sent[vm.end():]):
            continue  # (", Trump said, adding that ...": the tail of a report, not a report of its own)
        lead_s = ss
        m = re.search(r",\s*(?=[^,]*$)", sent[:vm.start()])
        if m:
            lead_s = ss + m.end()
        a = ctx.subject_before(lead_s, ss + vm.start())
        if a is not None and a.actor_type == "person":
            return True
    return False


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|must|might|did|does|do|"
                     r"shall|[a-z]{3,}ed|[a-z]{3,}s)\b")


_STRICT_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|must|might|did|"
                            r"does|do|shall|[a-z]{3,}ed)\b")


def _clause_like(rest: str, strict: bool = False) -> bool:
    """Does `rest` open a clause with its own subject ("he understood", "Russia will join ...")?"""
    head = re.split(r"[,“\"«;:]", rest, maxsplit=1)[0]
    w = head.split()
    if not w:
        return False
    if w[0].lower() in ("he", "she", "they", "it", "we", "i", "there"):
        return True
    return bool((_STRICT_FINITE if strict else _FINITE).search(" ".join(w[1:14])))


def _that_clause(rest: str) -> bool:
    """After "that": a clause (with a finite verb before any quotation), not "that close relationship"."""
    head = re.split(r"[“\"«;:]", rest, maxsplit=1)[0]
    w = head.split()[:25]
    if not w:
        return False
    first = w[0]
    if first.lower() in ("he", "she", "they", "it", "we", "i", "there", "the", "a", "an", "this", "these", "its",
                         "their", "his", "her", "our", "both", "all", "no", "any", "some", "in", "at", "on", "during",
                         "since", "after", "before", "despite", "while", "when", "if", "as", "for", "with", "under",
                         "by", "from", "amid", "given", "although", "though") or first[:1].isupper() or \
            first[:1].isdigit() or (first.endswith("ly") and len(first) > 4):
        return True
    # "joining BRICS represents a “great opportunity”": a present-tense verb before its object
    return bool(_STRICT_FINITE.search(" ".join(w[1:])) or _PRESENT_BEFORE_OBJECT.search(" ".join(w[1:])))


_PRESENT_BEFORE_OBJECT = re.compile(r"\b[a-z]{3,}s\s+(?:a|an|the|its|their|his|her|no|new|more)\b")


def _has_finite_verb(rest: str) -> bool:
    return bool(re.search(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|must|might)\b",
                          rest[:120]))


def _subject_gap(ctx: _Ctx, lead_s: int, vpos: int) -> int:
    ms = ctx.actors.in_span(lead_s, vpos)
    if not ms:
        return 0
    return vpos - ms[-1].char_end


def _speech_paragraph(ctx: _Ctx, ss: int, se: int, lead_s: int, comma_intro: bool) -> bool:
    """Is the rest of this paragraph the speaker's reported words too?"""
    ps, pe = ctx.paragraph(ss)
    if ps != ss or se >= pe:
        return False
    rest = ctx.text[se:pe]
    if ctx.quote_spans.starting_in(se, pe):
        return False
    if _PARA_SAY.search(rest):
        return False
    return comma_intro or bool(_FIRST_PERSON.search(rest))


_PARA_SAY = re.compile(r"\b(?:said|says|told|stated|added|according\s+to|noted|stressed|emphasi[sz]ed|recalled|"
                       r"reported|announced)\b")


def _who_core(who: str) -> str:
    """"a top Chinese diplomat" -> as is; "foreign affairs adviser Yuri Ushakov who spoke" -> cut at "who"."""
    w = re.split(r"\s+(?:who|which|that|in|on|at|during|after)\s+", who.strip())[0]
    if not re.match(r"(?:the|a|an|its|their)\s+\w+$", w, re.I):
        w = re.sub(r"\s+(?:statement|report|release|data|figures)$", "", w)
    return w


def _starts_with_quote(clause: str) -> bool:
    return clause.lstrip()[:1] in "“\"«„‘"


def _strip_quotes(s: str) -> str:
    """Drop a quotation mark left unbalanced at either end of a clause."""
    s = s.strip()
    for o, c in (("“", "”"), ("«", "»")):
        if s.count(o) > s.count(c) and s.endswith(tuple("“«")) is False and s.rfind(o) > s.rfind(c):
            s = s + c
        if s.count(c) > s.count(o) and s.startswith(c):
            s = s[1:].lstrip()
    if s.count('"') % 2 == 1:
        s = s + '"' if s.rfind('"') > len(s) // 2 else s
    return s


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------

def extract_statements(text: str, actors: DocumentActors, published_date: date | None = None) -> list[Statement]:
    """Direct and indirect statements of an article, with resolved speakers."""
    if not text or not text.strip():
        return []
    ctx = _Ctx(text, actors, published_date)
    direct = _direct(ctx)
    trans = _transcript(ctx)
    seen = {(s.char_start, s.char_end) for s in direct}
    direct += [s for s in trans if (s.char_start, s.char_end) not in seen]
    indirect = _indirect(ctx, direct)
    taken = [(st.char_start, st.char_end) for st in direct + indirect]
    indirect += reported_speech(text, ctx.sents, actors, taken)
    return _without_repeats(sorted(direct + indirect, key=lambda s: s.char_start))


def _without_repeats(statements: list[Statement]) -> list[Statement]:
    """The same words reported twice by the same speaker (a lead repeated under a dateline)
    kept once; each statement is compared with that speaker's earlier ones only."""
    out: list[Statement] = []
    seen: dict[tuple[str, str | None], list[set]] = {}
    for st in statements:
        words = set(WORD.findall(st.quote_text.lower()))
        earlier = seen.setdefault((st.kind, st.speaker.name if st.speaker else None), [])
        if words and any(len(words & ws) >= 0.9 * min(len(words), len(ws)) and min(len(words), len(ws)) >= 6
                         for ws in earlier):
            continue
        earlier.append(words)
        out.append(st)
    return out
