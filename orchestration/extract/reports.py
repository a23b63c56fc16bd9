"""Reported speech read from the parse: a reporting verb, its subject and its clause.

"X said that C", "X warned C", "he told reporters C": the verb is one of the lexicon's
reporting verbs (``lexicons/reporting.json``), the speaker is its subject resolved to an
actor, and the words are its clausal complement as the parser bounds it, so no list of
punctuation or sentence shapes decides where a report ends. A clause in quotation marks
is a direct quotation and is left to the quotation reader, as is a verb inside one; a few
quoted words inside a reported clause leave it a report.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from .arguments import ArgumentReader
from .nlp import parse_spans
from . import reference
from .records import Actor, Statement
from .sentences import OPEN_QUOTES
from .indexes import Claims, SpanIndex

LEXICON = Path(__file__).parent / "lexicons" / "reporting.json"
_FIRST_PERSON = {"i", "we", "you", "me", "us"}
# common nouns that name one office-holder the article has named ("the Kenyan leader said")
_OFFICES = {"leader", "president", "premier", "minister", "chancellor", "king", "queen", "prince", "emir",
            "sultan", "counterpart", "secretary", "monarch", "pope", "governor", "mayor"}
_EDGE_PUNCT = " ,;:.—–-"
_SCARE_WORDS = 3  # ANNOTATION.md: one- to three-word scare quotes are no quotation of their own
_QUOTED = re.compile(r'“[^”]*”|«[^»]*»|"[^"]*"')


@dataclass(frozen=True)
class _Lexicon:
    verbs: frozenset[str]
    forms: re.Pattern
    min_words: int
    institutions: frozenset[str]
    bodies: re.Pattern
    stance_verbs: frozenset[str]
    stance_preps: dict[str, tuple[str, ...]]
    topic_nouns: frozenset[str]
    topic: re.Pattern  # "the importance of" opening a reported phrase


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    forms = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, data["forms"]), key=len, reverse=True)) + r")\b")
    return _Lexicon(verbs=frozenset(data["verbs"]), forms=forms, min_words=data["min_words"],
                    institutions=frozenset(data["institutions"]),
                    bodies=re.compile(r"\b(?:" + "|".join(data["institutions"]) + r")\b", re.I),
                    stance_verbs=frozenset(data["stance_verbs"]),
                    stance_preps={v: tuple(ps) for v, ps in data["stance_preps"].items()},
                    topic_nouns=frozenset(data["topic_nouns"]),
                    topic=re.compile(r"\s*the\s+(?:" + "|".join(data["topic_nouns"]) + r")\s+of\b", re.I))


def reported_speech(text: str, sents: list[tuple[int, int]], actors,
                    taken: list[tuple[int, int]]) -> list[Statement]:
    """Indirect statements whose words no statement in ``taken`` (start, end spans) holds."""
    lex = lexicon()
    held, added = SpanIndex(taken), Claims()  # the other readers' spans, and this reader's own
    # only sentences that name someone and whose words no other reader took need the parser
    wanted = [(s, e) for s, e in sents if lex.forms.search(text, s, e)
              and (actors.in_span(s, e) or lex.bodies.search(text, s, e))
              and not _quotes_a_passage(text[s:e])  # quotations are the quotation reader's
              and sum(min(b, e) - max(a, s) for a, b in held.overlapping(s, e)) < 0.5 * (e - s)]
    out = []
    for (start, _), doc in zip(wanted, parse_spans(text, wanted)):
        reader = ArgumentReader(doc, start, actors)
        for tok in doc:
            st = _report(reader, tok, text, start)
            # a few quoted words inside the clause ("said ties were 'solid'") leave it a report
            if st is not None and not added.overlaps(st.char_start, st.char_end) and not any(
                    len(text[a:b].split()) > _SCARE_WORDS for a, b in held.overlapping(st.char_start, st.char_end)):
                taken.append((st.char_start, st.char_end))
                added.add(st.char_start, st.char_end)
                out.append(st)
    return out


def _quotes_a_passage(quote: str) -> bool:
    """A clause that quotes more than a few words ("said ties “have been hard-earned and must be
    cherished”") is the quotation reader's; scare quotes ("a “mutually beneficial” deal") leave it a report."""
    marks = sum(quote.count(q) for q in "“”«»\"")
    spans = _QUOTED.findall(quote)
    return marks != 2 * len(spans) or any(len(q.split()) > _SCARE_WORDS for q in spans)


def _last_visible(text: str, pos: int) -> str:
    """The last character before `pos` that is not whitespace ('' if none): what
    `text[:pos].rstrip()[-1:]` gives, without copying the text before it."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos else ""


def _report(reader: ArgumentReader, verb: Token, text: str, base: int) -> Statement | None:
    lex = lexicon()
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or _inside_quotes(verb) or not (
            lemma in lex.verbs or lemma in lex.stance_verbs or lemma in lex.stance_preps):
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in ("if", "unless")) for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None) if lemma in lex.verbs else None
    if clause is None:
        words = _stance_words(reader, verb)
    elif clause.i < verb.i and not _fronted(verb, clause):
        return None
    elif clause.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None  # "emphasized that close relationship": no clause, no report
    else:
        words = [t for t in clause.subtree if not (t.i == clause.left_edge.i and t.dep_ == "mark")]
    if not words:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].lower_ in _FIRST_PERSON:
        return None
    if any(c.dep_ == "conj" for c in subjects[0].children):
        return None  # "X and Y both stressed ...": a joint speaker, not the first of them
    speakers = reader.head_actor(subjects[0]) or _institution(subjects[0])
    if not speakers or (subjects[0].pos_ == "NOUN" and subjects[0].lemma_.lower() not in _OFFICES
                        and speakers[0].actor_type == "person"):
        return None  # "the official said": a person the article leaves unnamed
    lo = base + words[0].idx
    hi = base + words[-1].idx + len(words[-1])
    while hi > lo and text[hi - 1] in _EDGE_PUNCT:
        hi -= 1
    quote = text[lo:hi]
    opener = _last_visible(text, lo) or quote[:1]
    if len(quote.split()) < lex.min_words or (opener and opener in OPEN_QUOTES) or quote[0] in OPEN_QUOTES \
            or _quotes_a_passage(quote):
        return None  # a clause that opens a quotation, or is mostly one, is the quotation reader's
    cue_start = base + min(subjects[0].left_edge.idx, verb.idx)
    return Statement(speaker=speakers[0], kind="indirect", quote_text=quote, char_start=lo, char_end=hi,
                     cue=text[cue_start:base + verb.idx + len(verb)])


def _stance_words(reader: ArgumentReader, verb: Token) -> list[Token]:
    """What a stance verb reports without a clause: the object of its preposition ("called for
    X"), or its object and what follows it in the verb's phrase ("reaffirmed its support for X",
    "lauded India for its role in ..."). A party as object reports nothing unless a for-phrase
    gives the reason ("praised Kenya"); verbs whose object is a guest ("welcomed X") are no
    stance verbs in the lexicon."""
    lex = lexicon()
    preps = lex.stance_preps.get(verb.lemma_.lower())
    if preps:
        objs = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i
                for o in c.children if o.dep_ == "pobj"]
        return list(objs[0].subtree) if objs else []
    if verb.lemma_.lower() not in lex.stance_verbs:
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.lemma_.lower() in lex.topic_nouns:
        return []  # "stressed the importance of cooperation": a topic named, nothing said of it
    if reader.head_actor(obj) and not any(c.dep_ == "prep" and c.lower_ == "for" and c.i > obj.i
                                          for c in list(verb.children) + list(obj.children)):
        return []  # "praised Kenya": a party; "lauded India for its role": a stance
    last = verb.right_edge.i
    while last > obj.i and (obj.doc[last].is_punct or obj.doc[last].dep_ == "cc"):
        last -= 1
    return [t for t in obj.doc[obj.left_edge.i:last + 1]]


def _institution(subject: Token) -> list[Actor]:
    """A body named by its country or its holder's office: "the Kenyan government", "Chile's
    foreign ministry", "the prime minister's office" speak as that body."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in lexicon().institutions:
        return []
    words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ != "det"]
    country = next((c for t in words if (c := reference.country_for(t.text)) is not None), None)
    owner = any(t.dep_ == "poss" for t in subject.children)
    if country is None and not owner:
        return []  # "the government said": whose, the parse does not say
    name = subject.doc[words[0].i:subject.i + 1].text
    return [Actor(name=name, actor_type="organization", country_code=country.alpha3 if country else None)]


def _fronted(verb: Token, clause: Token) -> bool:
    """"C, X said": a clause before its verb is reported when a comma sets it off."""
    return verb.i > 0 and verb.doc[clause.right_edge.i + 1:verb.i].text.strip().startswith(",")


def _inside_quotes(tok: Token) -> bool:
    before = tok.doc[:tok.i].text
    return sum(before.count(q) for q in "“«") > sum(before.count(q) for q in "”»") or before.count('"') % 2 == 1
