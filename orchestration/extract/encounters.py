"""Encounter frames read from the dependency parse: who met whom, by grammar, not wording.

A frame is a trigger (a verb or noun of the lexicon in ``lexicons/encounters.json``)
with its parties taken from the parse: the trigger's subject (or the subject of the
light verb that governs a trigger noun: "X *held* talks"), its object, its with-/
between-phrases and possessor, and the conjuncts of each. A party is the actor the
article's actor finder put at that token (names, offices, "his counterpart", "he"),
else the named entity the statistical recogniser put there, so a name that no
reference list holds still counts. Status comes from auxiliaries and the verbs that
govern the trigger ("will meet", "plans to visit"); negated and hypothetical triggers
give no frame.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from .nlp import definite_noun, parse_spans
from .arguments import ArgumentReader, unique
from . import reference
from .records import Actor

LEXICON = Path(__file__).parent / "lexicons" / "encounters.json"
# "their third meeting": one of several, not a report of one ("first" may well be the one reported)
_ORDINAL = re.compile(r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:nd|rd|th)|"
                      r"(?:eleven|twelf|thirteen|fourteen|fifteen|twentie)th")


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, dict]
    nouns: dict[str, dict]
    light_verbs: frozenset[str]
    remote: frozenset[str]
    planned_heads: frozenset[str]
    future_aux: frozenset[str]
    soft_aux: frozenset[str]
    counterpart_preps: frozenset[str]
    joint_verbs: frozenset[str]
    together_preps: frozenset[str]
    setting_preps: frozenset[str]
    hypothetical_heads: frozenset[str]
    expectation_heads: frozenset[str]
    signing_verbs: frozenset[str]
    signing_objects: frozenset[str]
    summit_regions: dict[str, str]
    head_role: re.Pattern
    not_head: re.Pattern
    forms: re.Pattern
    joint_forms: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    forms = {f for entry in data["verbs"] + data["nouns"] for f in entry["forms"]}
    return _Lexicon(
        verbs={e["lemma"]: e for e in data["verbs"]}, nouns={e["lemma"]: e for e in data["nouns"]},
        light_verbs=frozenset(data["light_verbs"]), remote=frozenset(data["remote_words"]),
        planned_heads=frozenset(data["planned_heads"]), future_aux=frozenset(data["future_aux"]),
        soft_aux=frozenset(data["soft_aux"]), counterpart_preps=frozenset(data["counterpart_preps"]),
        joint_verbs=frozenset(data["joint_verbs"]), together_preps=frozenset(data["together_preps"]),
        setting_preps=frozenset(data["setting_preps"]),
        hypothetical_heads=frozenset(data["hypothetical_heads"]),
        expectation_heads=frozenset(data["expectation_heads"]),
        signing_verbs=frozenset(data["signing_verbs"]),
        signing_objects=frozenset(data["signing_objects"]),
        summit_regions=data["summit_regions"],
        head_role=_word_pattern(data["head_roles"]), not_head=_word_pattern(data["not_head_roles"]),
        forms=_word_pattern(forms), joint_forms=_word_pattern(data["joint_forms"]))


def _word_pattern(words) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)


@dataclass
class Frame:
    """One encounter a trigger reports, with offsets into the article text."""

    sent: int
    trig_start: int
    trig_end: int
    mtype: str
    status: str
    parties: list[Actor] = field(default_factory=list)
    visited: Actor | None = None  # the country a visit goes to
    definite: bool = False  # "their meeting", "the talks": may point back to one reported before


def _conjuncts(tok: Token) -> list[Token]:
    """A phrase and the phrases conjoined to it ("X, Y and Z")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out += _conjuncts(c)
    return out


def candidate_sentences(text: str, sents: list[tuple[int, int]]) -> list[int]:
    """Indexes of the sentences that hold a trigger word: only these need the parser."""
    lex = lexicon()
    return [i for i, (s, e) in enumerate(sents) if lex.forms.search(text, s, e) or (
        lex.joint_forms.search(text, s, e) and " and " in text[s:e])]  # "X and Y signed"


def heads_named(actors) -> dict[str, Actor]:
    """Each country's head of state or government, where the article names exactly one."""
    lex, found = lexicon(), {}
    for a in actors.actors:
        role = a.role or ""
        if a.actor_type == "person" and a.country_code and lex.head_role.search(role) and not lex.not_head.search(role):
            found.setdefault(a.country_code, {})[a.name] = a
    return {code: next(iter(people.values())) for code, people in found.items() if len(people) == 1}


def find_frames(text: str, sents: list[tuple[int, int]], actors, only: list[int]) -> list[Frame]:
    """Encounter frames of the sentences ``only`` (indexes into ``sents``)."""
    spans = [sents[i] for i in only]
    frames = []
    heads = heads_named(actors) if spans else {}
    for si, (start, _), doc in zip(only, spans, parse_spans(text, spans)):
        reader = _SentenceReader(doc, start, actors, heads)
        for tok in doc:
            frame = reader.frame(tok, si)
            if frame is not None:
                frames.append(frame)
    return frames


def status_of(tok: Token) -> str | None:
    """held, planned, or None for a hypothetical ("could meet", "if they meet"), from the
    auxiliaries and governing verbs of the trigger's clause and the clauses above it. A trigger
    that sets the scene of a clause ("During the summit on Tuesday, X and Y are expected to ...")
    takes that clause's time."""
    lex = lexicon()
    chain = [tok]
    while chain[-1].dep_ in ("xcomp", "dobj", "pobj", "prep", "conj", "acl", "advcl", "nsubj", "nsubjpass") \
            and chain[-1].head.i != chain[-1].i and len(chain) < 6:
        chain.append(chain[-1].head)
    for k, t in enumerate(chain):
        # "plans to meet", "planned talks"
        governs = k > 0 and chain[k - 1].dep_ in ("xcomp", "dobj", "nsubjpass")
        # "during the talks, X is expected to ...": the scene is ahead (not "at the talks, X agreed to")
        scene = k > 0 and chain[k - 1].dep_ == "prep" and chain[k - 1].lower_ in lex.setting_preps
        if scene and t.lemma_.lower() in lex.expectation_heads:
            return "planned"
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.future_aux:
            return "planned"
        if auxes & lex.soft_aux:
            return None
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return None
        if governs and t.lemma_.lower() in lex.hypothetical_heads:
            return None
        if governs and t.lemma_.lower() in lex.planned_heads:
            return "planned"
    if tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "planned" if tok.head.lemma_.lower() in lex.planned_heads else "held"
    return "held"


class _SentenceReader(ArgumentReader):
    """Reads the frames of one parsed sentence."""

    def __init__(self, doc: Doc, base: int, actors, heads: dict[str, Actor] | None = None):
        super().__init__(doc, base, actors)
        self.lex = lexicon()
        self.heads = heads or {}

    # -- triggers ----------------------------------------------------------
    def frame(self, tok: Token, si: int) -> Frame | None:
        entry = self._entry(tok)
        found = self._frame(tok, si, entry) if entry is not None else None
        return found or self._joint(tok, si)

    def _frame(self, tok: Token, si: int, entry: dict) -> Frame | None:
        if self._negated(tok):
            return None
        status = self._status(tok)
        if status is None:
            return None
        agents, counterparts, visited = self._parties(tok, entry)
        if entry.get("requires_with") and not counterparts:
            return None
        parties = unique(agents + counterparts)
        if entry.get("persons_only") and sum(a.actor_type == "person" for a in parties) < 2:
            return None
        if entry.get("object_is_party") and not any(a.actor_type == "person" for a in counterparts):
            return None  # "welcomed the decision", "received a licence": no guest
        if not any(a.actor_type == "person" for a in parties):
            return None  # countries alone are too often what a sentence says *about* them
        if len(parties) < 2:
            return None
        return Frame(sent=si, trig_start=self.base + tok.idx, trig_end=self.base + tok.idx + len(tok),
                     mtype=entry["type"], status=status, parties=parties, visited=visited,
                     definite=definite_noun(tok))

    def _joint(self, tok: Token, si: int) -> Frame | None:
        """Two leaders of different countries doing one thing together ("X and Y signed")."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.lex.joint_verbs or self._negated(tok):
            return None
        sides = {}
        for phrase in (t for d in self._doers(tok) for t in _conjuncts(d)):
            for a in self.phrase_actors(phrase):
                if a.actor_type == "person":
                    sides.setdefault(a, a.country_code or self._body_of(phrase))
        known = {side for side in sides.values() if side is not None}
        if tok.lemma_.lower() in self.lex.signing_verbs:
            # the signatories of one agreement are its sides: one country's people sign nothing together
            if len(sides) < 2 or (len(known) < 2 and None not in sides.values()) or not self._signs_a_pact(tok):
                return None
        elif len(sides) < 2 or None in sides.values() or len(known) < 2:
            return None
        people = list(sides)
        status = self._status(tok)
        if status is None:
            return None
        signing = tok.lemma_.lower() in self.lex.signing_verbs
        return Frame(sent=si, trig_start=self.base + tok.idx, trig_end=self.base + tok.idx + len(tok),
                     mtype="other" if signing else "talks", status=status, parties=people)

    def _signs_a_pact(self, verb: Token) -> bool:
        """What a signing verb's doers sign is an agreement between sides: a noun of the lexicon's
        'signing_objects', or a document the article names ("the Prespa Agreement")."""
        signed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(t.lemma_.lower() in self.lex.signing_objects or t.lower_ in self.lex.signing_objects
                   or t.pos_ == "PROPN" for t in signed)

    def _doers(self, verb: Token) -> list[Token]:
        """The phrases naming who did a joint action, when more than one party did it: "X and Y
        signed", "X together with Y signed", "signed by X and Y", "X and Y, who signed"."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and any(s.lower_ in ("who", "that") for s in subjects):
            head = verb.head  # the relative pronoun stands for the noun the clause hangs on, and its conjuncts
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            subjects = [head]
        if not subjects and any(c.dep_ == "auxpass" for c in verb.children):
            subjects = self._agents(verb)
        together = []  # "X alongside Y", "X together with Y": the preposition on the subject or the verb
        for c in (c for s in subjects + [verb] for c in s.children):
            if c.dep_ == "prep" and c.lower_ in self.lex.together_preps:
                together.append(c)
            elif c.dep_ == "advmod" and c.lower_ in ("together", "along"):
                together += [g for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
        partners = [o for p in together for o in p.children if o.dep_ == "pobj"]
        if not subjects or (len(subjects) + len(partners) < 2 and
                            not any(c.dep_ == "conj" for c in subjects[0].children)):
            return []
        return subjects + partners

    def _bloc(self, summit: Token) -> list[Actor]:
        """The body whose summit it is, by the name that modifies the noun: "the G20 summit",
        "the 37th African Union Summit", "a summit of the East African Community"."""
        names = [c for c in summit.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            names = [o for c in summit.children if c.dep_ == "prep" and c.lower_ == "of"
                     for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        if not names:
            return []
        head = names[-1]
        start, doc = head.i, summit.doc  # the run of proper nouns ("Africa-Caribbean" too) ending at its head
        while start > head.left_edge.i and (doc[start - 1].pos_ == "PROPN" or (
                doc[start - 1].text == "-" and start - 2 >= head.left_edge.i and doc[start - 2].pos_ == "PROPN")):
            start -= 1
        words = doc[start:head.i + 1]
        lo, hi = self.base + words[0].idx, self.base + head.idx + len(head)
        found = self.actors_found.in_span(lo, hi)
        if found:  # "the Putin-Xi summit", "the China-Africa summit": the parties themselves
            return [m.actor for m in found if m.actor.actor_type == "organization"]
        name = doc.text[words[0].idx:head.idx + len(head)]
        if "-" in name or not any(c.isalpha() for c in name):
            return []  # "the Africa-Caribbean summit": a format of regions, not a body
        return [Actor(name=name, actor_type="organization")]

    def _summit_sides(self, summit: Token) -> list[Actor]:
        """The sides a summit's format names ("the China-Arab summit", "the second Africa-Russia
        Summit", "a US-ASEAN summit"): a country in its head when the article names one, a body,
        a person, or a region's leaders. Empty unless every side is one of these."""
        doc, i = summit.doc, summit.i
        while i - 1 >= summit.left_edge.i and (doc[i - 1].text == "-" or (
                doc[i - 1].pos_ in ("PROPN", "ADJ", "NOUN") and doc[i - 1].text[:1].isupper())):
            i -= 1
        words = doc[i:summit.i]
        if not any(t.text == "-" for t in words):
            return []
        sides, start = [], i
        for k in [t.i for t in words if t.text == "-"] + [summit.i]:
            if k == start:
                return []
            side = self._side(doc[start:k])
            if side is None:
                return []
            sides.append(side)
            start = k + 1
        return unique(sides) if len(sides) >= 2 else []

    def _side(self, words) -> Actor | None:
        lo, hi = self.base + words[0].idx, self.base + words[-1].idx + len(words[-1])
        found = self.actors_found.in_span(lo, hi)
        actor = found[0].actor if len(found) == 1 else None
        if actor is None:
            country = reference.country_for(words.text)
            actor = Actor(name=country.name, actor_type="country", country_code=country.alpha3) if country else None
        if actor is not None:
            return self.heads.get(actor.country_code, actor) if actor.actor_type == "country" else actor
        region = self.lex.summit_regions.get(words.text.lower())
        if region:
            return Actor(name=f"{region} leaders", actor_type="organization")
        # a bloc by its acronym ("China-CELAC"): a body, whether or not the article spells it out
        return Actor(name=words.text, actor_type="organization") if len(words) == 1 and words.text.isupper() \
            and len(words.text) >= 2 else None

    def _body_of(self, phrase: Token) -> str | None:
        """The organisation a person's own phrase names ("European Commission President X"):
        the side a person of no country speaks for."""
        lo, hi = self.base + phrase.left_edge.idx, self.base + phrase.idx
        return next((m.actor.name for m in self.actors_found.in_span(lo, hi)
                     if m.actor.actor_type == "organization"), None)

    @staticmethod
    def _agents(verb: Token) -> list[Token]:
        """The by-phrase of a passive verb, or of the noun a phrase of the verb holds ("signed in
        a ceremony by X and Y")."""
        near = [verb] + [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        return [o for h in near for c in h.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for o in c.children if o.dep_ == "pobj"][:1]

    def _entry(self, tok: Token) -> dict | None:
        lemma, low = tok.lemma_.lower(), tok.text.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.dep_ != "compound"):
            entry = self.lex.verbs.get(lemma)
            if entry is None or low not in entry["forms"]:
                return None
            if "object" in entry and not any(c.lemma_.lower() == entry["object"] for c in tok.children):
                return None
            if "particle" in entry and not any(t.lower_ == entry["particle"] and t.dep_ in ("prt", "advmod", "prep")
                                               for t in tok.subtree):
                return None
            if entry.get("requires_remote") and not self._remote(tok):
                return None
            return entry
        if tok.pos_ in ("NOUN", "PROPN"):
            entry = self.lex.nouns.get(lemma) or self.lex.nouns.get(low)
            if entry is None or low not in entry["forms"]:
                return None
            if entry.get("requires_remote_or_with") and not (self._remote(tok) or self._with(tok)):
                return None
            if "requires_modifier" in entry and not any(
                    c.dep_ == "amod" and c.lower_ in entry["requires_modifier"] for c in tok.children):
                return None  # "a joint press conference" shows two parties together; a press conference does not
            if entry["type"] != "summit" and any(c.dep_ == "amod" and _ORDINAL.fullmatch(c.lower_)
                                                 for c in tok.children):
                return None  # "his third meeting with ...": a count of meetings (a summit's is its edition)
            return entry
        return None

    def _remote(self, tok: Token) -> bool:
        window = self.doc[max(0, tok.i - 4):tok.i + 5]
        return any(t.lower_ in self.lex.remote for t in window)

    def _with(self, tok: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in self.lex.counterpart_preps for c in tok.children)

    def _negated(self, tok: Token) -> bool:
        heads = [tok, tok.head] if tok.pos_ in ("NOUN", "PROPN") else [tok]
        return any(c.dep_ == "neg" for h in heads for c in h.children)

    def _status(self, tok: Token) -> str | None:
        return status_of(tok)

    # -- parties -----------------------------------------------------------
    def _parties(self, tok: Token, entry: dict) -> tuple[list[Actor], list[Actor], Actor | None]:
        preps = set(entry.get("with", self.lex.counterpart_preps))
        agents: list[Actor] = []
        counterparts: list[Actor] = []
        visited = None
        verb = tok if tok.pos_ in ("VERB", "AUX") else None
        if verb is None:  # a trigger noun: its possessor, compounds, and the light verb's subject
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
                    agents += self.actors(c)
            if entry["type"] == "summit" and not agents:
                agents += self._summit_sides(tok) or self._bloc(tok)
            if tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.lemma_.lower() in self.lex.light_verbs:
                verb = tok.head
                agents += self.subjects(verb)
            elif tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
                agents += self.subjects(tok.head.head)  # "X arrived for talks with Y"
                if tok.head.lower_ in self.lex.setting_preps:
                    # "During the meeting, X asked Y to ...": the people the clause has act on each other
                    counterparts += [a for c in tok.head.head.children if c.dep_ in ("dobj", "dative")
                                     for a in self.actors(c) if a.actor_type == "person"]
        else:
            agents += self.subjects(verb)
            for c in verb.children:
                # the small parser sometimes hangs a named object as a clause ("showed X around")
                is_object = c.dep_ == "dobj" or (c.dep_ in ("ccomp", "xcomp") and c.pos_ == "PROPN")
                if is_object and "object" not in entry and not entry.get("object_is_topic"):
                    found = self.actors(c)
                    if entry["type"] == "visit":
                        visited = next((a for a in found if a.actor_type == "country"), visited)
                        found = [a for a in found if a.actor_type != "country"]
                    counterparts += found
                elif c.dep_ == "agent":
                    counterparts += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        holders = {tok, verb} - {None}
        if verb is not None:  # "discussed trade with X": the with-phrase may hang on the object
            holders |= {c for c in verb.children if c.dep_ == "dobj"}
        for holder in holders:
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    counterparts += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
                elif c.dep_ == "prep" and c.lower_ == "to" and entry["type"] == "visit":
                    found = [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
                    visited = next((a for a in found if a.actor_type == "country"), visited)
        return agents, counterparts, visited


