"""Who a noun phrase of the parse names: the actor reader shared by the parse-reading extractors.

A token is mapped to the actor the article's actor finder put over it (names, offices,
"his counterpart", "he"), else to the named entity the statistical recogniser put there,
else, for a plural like "African leaders", to a group party named by what unites it.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from . import reference
from .nlp import ensure_entities
from .records import Actor

_PHRASE_DEPS = {"compound", "amod", "appos", "flat", "nmod", "det", "nummod", "punct", "poss", "case"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# the recogniser's organisations are too often documents, licences or products to stand alone
_ENTITY_TYPES = {"PERSON": "person", "GPE": "country", "NORP": "country"}
GROUP_NOUNS = frozenset("""leaders heads ministers presidents premiers counterparts countries states nations
delegations governments members monarchs chiefs""".split())


class ArgumentReader:
    """Reads the actors of one parsed sentence; offsets are shifted by ``base`` into the article."""

    def __init__(self, doc: Doc, base: int, actors):
        self.doc, self.base, self.actors_found = doc, base, actors

    def subjects(self, verb: Token) -> list[Actor]:
        """The verb's subject; a verb conjoined to another or governed by one takes its subject."""
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                return [a for s in subj for a in self.actors(s)]
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return []

    def actors(self, tok: Token) -> list[Actor]:
        """Actors a noun phrase names, and its conjuncts' ("X and Y", "X, Y and Z")."""
        out = self.phrase_actors(tok)
        for c in tok.children:
            if c.dep_ == "conj":
                out += self.actors(c)
        return out

    def head_actor(self, tok: Token) -> list[Actor]:
        """The actor the phrase's head word itself names: "the Kenyan leader", "NATO", "he";
        not one named inside it ("the president's aide", "32 NATO members")."""
        at = self.actors_found.mention_at(self.base + tok.idx)
        if at is not None:
            return [at.actor]
        return _entity_actor(tok) if tok.pos_ == "PROPN" else []

    def phrase_actors(self, tok: Token) -> list[Actor]:
        """The actor a noun phrase names: its head word's, else its apposition's ("his
        counterpart, X"), else a name inside it; never a possessor ("a close X ally")."""
        words = [tok] + [t for c in tok.children if (c.dep_ in _PHRASE_DEPS and c.dep_ != "poss") or
                         (c.dep_ == "prep" and c.lower_ == "of") for t in c.subtree]  # "X of Mali"
        at = self.actors_found.mention_at(self.base + tok.idx)
        if at is not None and at.actor.actor_type == "person":
            return [_with_country(at.actor, words)]
        for appos in (c for c in tok.children if c.dep_ == "appos"):
            people = [m.actor for m in self._mentions(list(appos.subtree)) if m.actor.actor_type == "person"]
            if people:
                return [_with_country(people[0], words)]
        if at is not None:
            return [at.actor]
        inner = [t for c in tok.children if c.dep_ in ("compound", "flat", "nmod", "amod") for t in c.subtree]
        people = [m.actor for m in self._mentions(inner) if m.actor.actor_type == "person"]
        if people:
            return [_with_country(people[-1], words)]
        return _entity_actor(tok) or self._group(tok)

    def _mentions(self, words: list[Token]):
        if not words:
            return []
        lo = self.base + min(t.idx for t in words)
        hi = self.base + max(t.idx + len(t) for t in words)
        return self.actors_found.in_span(lo, hi)

    def _group(self, tok: Token) -> list[Actor]:
        """A plural party named by what unites it: "African leaders", "leaders of the Gulf states"."""
        if tok.tag_ != "NNS" or tok.lower_ not in GROUP_NOUNS:
            return []
        ensure_entities(tok.doc)
        named = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                 and (c.ent_type_ in ("NORP", "GPE", "ORG", "LOC") or c.pos_ == "PROPN")]
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
        if of:
            found = self.phrase_actors(of[0])
            if found and found[0].actor_type == "organization":
                return found  # "leaders of the Gulf Cooperation Council": the council
            named = named or ([of[0]] if of[0].ent_type_ or of[0].pos_ == "PROPN" else [])
        if not named:
            return []
        words = [t for t in tok.subtree if t.dep_ not in ("det", "punct") and t.i <= max(tok.i, *(n.i for n in named))]
        words = [t for t in words if t.i >= min(n.i for n in named + [tok])]
        name = " ".join(t.text for t in words) if not of else f"{tok.text} of {of[0].text}"
        return [Actor(name=name, actor_type="organization")]


def _with_country(person: Actor, words: list[Token]) -> Actor:
    """A person whose country the actor finder missed takes the one its phrase names
    ("Icelandic Prime Minister X", "X of Luxembourg")."""
    if person.country_code:
        return person
    for t in words:
        country = reference.country_for(t.text) if t.dep_ in ("amod", "compound", "pobj") else None
        if country is not None:
            return replace(person, country_code=country.alpha3)
    return person


def _entity_actor(tok: Token) -> list[Actor]:
    """The recogniser's entity at a token, as an actor, when the actor finder had none."""
    ensure_entities(tok.doc)
    label = _ENTITY_TYPES.get(tok.ent_type_)
    if label is None:
        return []
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    name = ent.text.strip()
    if label == "country":
        country = reference.country_for(name)
        return [Actor(name=country.name, actor_type="country", country_code=country.alpha3)] if country else []
    if label == "person" and len(name.split()) < 2:
        return []  # a lone word is too weak a name to stand for a person the article never names fully
    return [Actor(name=name, actor_type=label)]


def unique(actors: list[Actor]) -> list[Actor]:
    """Each actor once, by name, in first-mention order."""
    seen, out = set(), []
    for a in actors:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out
