"""People, organisations and countries an article mentions, resolved within it.

    find_actors(text) -> DocumentActors
    DocumentActors.mentions              every mention, coreferent ones included
    DocumentActors.in_span(start, end)   mentions inside text[start:end]
    DocumentActors.resolve(phrase, pos)  "Putin", "Mr Xi", "the Russian leader",
                                         "his Chinese counterpart", "he",
                                         "the security council", "Moscow" -> Actor
    DocumentActors.actors                distinct actors, at their fullest

Nothing here knows any person. People are found by the language around them:
a title or office before a capitalised name ("Chinese Foreign Minister Wang
Yi", "Gen. Li Shangfu", "presidential aide Yuri Ushakov"), an apposition
("Nikolai Patrushev, the secretary of Russia's Security Council"), a reporting
or meeting verb next to the name ("..., said Hoo Tiang Boon"), or a later
bare surname used as a subject. Organisations are capitalised names ending in
an institutional noun ("Security Council", "Bank of China"), descriptions
("China's foreign ministry", "state broadcaster CCTV"), seats of government
("the Kremlin", "the White House") and news agencies. Countries and their
demonyms come from `reference`; a capital used as an actor ("Moscow has
repeatedly backed Beijing") stands for its country's government.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache

from orchestration.extract.records import Actor, ActorMention
from orchestration.extract.sentences import LABEL_TAIL
from orchestration.extract.text import AGENCIES
from orchestration.extract import reference
from orchestration.extract.dates import MONTHS, WEEKDAYS
from orchestration.extract.indexes import has_word
from orchestration.extract.nlp import recognised_people

# ---------------------------------------------------------------------------
# Reference vocabularies (offices, institutions, function words). No names.
# ---------------------------------------------------------------------------

# Words that name an office or a kind of person and can stand right before a
# name ("Foreign Minister Wang Yi", "aide Yuri Ushakov", "Gen. Li").
TITLE_HEADS = frozenset("""
president vice-president president-elect premier chancellor minister secretary ambassador envoy
spokesman spokeswoman spokesperson chairman chairwoman chairperson chair leader diplomat chief
head aide adviser advisor director governor mayor senator congressman congresswoman lawmaker
legislator representative commissioner king queen prince princess emir sheikh sultan emperor
pope cardinal general gen admiral adm colonel col lieutenant lt major maj captain capt marshal
commander sergeant sgt brigadier mr mrs ms miss mx dr prof professor sir dame lord lady analyst
researcher fellow economist expert official officer ceo cfo executive founder counterpart
colleague journalist correspondent reporter editor scholar strategist negotiator mediator judge
prosecutor lawyer attorney councillor councilor councilman speaker deputy premier president
commandant rapporteur coordinator administrator governor-general viceroy ayatollah imam rabbi
patriarch bishop archbishop monarch dictator strongman opposition activist excellency assistant
""".split())

# Honorifics: the word right after is a name even when alone ("Mr Xi").
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady gen adm col lt maj capt sgt".split())

# Words that may sit inside an office phrase before its head.
ROLE_MODIFIERS = frozenset("""
foreign defense defence finance trade commerce economy economic energy interior home justice
deputy vice first prime state national security affairs top senior special presidential general
chief executive commercial military former then acting new longtime veteran press political
international external internal public health education culture transport agriculture
industry emergency emergencies development science technology digital labour labor climate
environment ecology natural resources sports youth social regional local federal supreme
principal assistant associate research senior junior permanent plenipotentiary extraordinary
army navy air force naval staff armed forces intelligence counter counterintelligence police
minister secretary council councilor councillor party central committee government cabinet
""".split())

# Offices that lead a country ("the Chinese leader" may be any of these).
LEADER_ROLES = ("president", "premier", "prime minister", "chairman", "leader", "king", "queen",
                "chancellor", "emir", "sultan", "head of state", "general secretary", "supreme leader",
                "monarch", "emperor")

# Nouns that end the name of an institution ("Security Council", "Bank of China").
ORG_HEADS = frozenset("""
ministry council department agency bank organization organisation administration commission
committee office service institute institution university college academy corporation company
group fund association party forum union parliament congress senate assembly duma government
treasury cabinet court army navy forces guard police customs authority authorities bureau
federation alliance network broadcaster television radio times post news press journal daily
gazette tribune herald telegraph observer guardian review channel centre center foundation
board chamber secretariat directorate inspectorate mission embassy consulate presidency
politburo legislature command staff coalition movement front league society holdings inc
corp ltd plc llc jsc pjsc ag sa gmbh exchange fed reserve nations
motors electric dynamics industries technologies airlines airways petroleum
""".split())

# Lowercase institutional descriptions that are actors ("China's foreign ministry said").
_ORG_DESCRIPTIONS = re.compile(
    r"\b(?:(?P<det>[Tt]he|[Aa]|[Ii]ts|[Tt]heir)\s+)?"
    r"(?:(?P<cty>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+)?"
    r"(?P<core>(?i:"
    r"(?:foreign|defen[cs]e|finance|commerce|trade|economy|economic development|interior|justice|energy|"
    r"education|health|emergencies|emergency situations|agriculture|industry|industry and trade|"
    r"transport|culture|digital development|natural resources|economic|commerce)\s+ministry"
    r"|ministry\s+of\s+(?:foreign\s+affairs|defen[cs]e|finance|commerce|economy|trade|economic development|"
    r"energy|industry\s+and\s+trade|the\s+interior|justice|emergency\s+situations)"
    r"|security\s+council|state\s+council|national\s+security\s+council|foreign\s+office|"
    r"state\s+department|defen[cs]e\s+department|press\s+service|press\s+office|customs\s+(?:administration|service|office)|"
    r"central\s+bank|national\s+bank|cabinet\s+office|"
    r"state(?:-run|-owned)?\s+(?:media|television|tv|broadcaster|news\s+agency|newspaper|radio)|"
    r"official\s+media|news\s+agency|government|administration|embassy|military|army|navy|presidency))"
    r"\b")

# Seats of government used for the government itself.
GOVERNMENT_SEATS = {
    "kremlin": ("Kremlin", "RUS"),
    "white house": ("White House", "USA"),
    "pentagon": ("Pentagon", "USA"),
    "downing street": ("Downing Street", "GBR"),
    "elysee": ("Elysee", "FRA"),
    "élysée": ("Elysee", "FRA"),
    "zhongnanhai": ("Zhongnanhai", "CHN"),
    "blue house": ("Blue House", "KOR"),
    "quai d'orsay": ("Quai d'Orsay", "FRA"),
    "foggy bottom": ("State Department", "USA"),
    "bundeskanzleramt": ("Chancellery", "DEU"),
}

# Outlets the world's news quotes through (cited_by, or speakers of their own reports).
# The news agencies (text.AGENCIES) and the broadcasters and papers most quoted through.
OUTLET_WORDS = frozenset(a.lower() for a in AGENCIES) | frozenset(
    "cctv cgtn izvestia kommersant vedomosti bbc cnn nhk rt".split())
OUTLET_NOUNS = ("news agency", "agency", "broadcaster", "television", "tv", "newspaper", "daily",
                "outlet", "channel", "radio", "media", "website", "portal", "network", "tabloid")

# Capitalised words that are never part of a person's name.
STOP_CAPS = frozenset("""
the a an in on at but and or nor this that these those there he she it they we i you his her
its their our my your as after before while when since if for last earlier later according
under despite however meanwhile yet so also still though although because during with without
between among about against over into onto from to by of up down out off both each every all
some many most more much such no not only just even then than what which who whom whose where
why how today yesterday tomorrow tonight now here monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november
december mr mrs ms dr new western eastern
northern southern central west east north south asian european african arab latin soviet
sino federal national international global world state states republic kingdom union united
people peoples president minister prime foreign defense defence chairman premier leader general
secretary ambassador deputy vice chief official head his photo image file video read watch
editor's note update updated related advertisement click subscribe share follow comments
day week month year years days weeks months summit talks forum war cold olympics games
cathedral church square hall palace street avenue road belt initiative project pipeline sea
ocean river island islands peninsula region province city county district strait gulf bay
lake mountain mountains valley desert airport port station bridge tower house
treaty agreement accord pact declaration statement plan strategy doctrine vision programme
program expo exhibition festival conference meeting session congress parliament assembly
armed forces army navy air force guard police communist socialist democratic republican
liberal conservative labour labor green party orthodox catholic muslim christian islamic
jewish buddhist hindu covid coronavirus pandemic crisis economy trade energy gas oil power
siberia internet cyber tiktok twitter facebook telegram youtube instagram wechat google apple
microsoft amazon tesla boeing airbus kremlin pentagon white blue downing
further moreover additionally furthermore finally instead notably separately nevertheless besides
indeed thus therefore hence accordingly overall currently recently previously speaking addressing
excellency his her summary highlights excerpts transcript note
one two three four five six seven eight nine ten eleven twelve twenty hundred thousand million
billion first second third fourth fifth sixth seventh eighth ninth tenth
""".split())

_REPORT_VERBS = (
    "said|says|say|told|tells|stated|states|added|adds|noted|notes|stressed|stresses|emphasized|"
    "emphasised|emphasizes|underlined|underscored|highlighted|warned|warns|urged|urges|argued|"
    "insisted|explained|recalled|remarked|declared|announced|asserted|claimed|acknowledged|"
    "admitted|reiterated|confirmed|suggested|wrote|writes|replied|responded|answered|continued|"
    "believes|believed|thinks|thought|hopes|hoped|expressed|praised|criticized|criticised|"
    "accused|called|pointed|proposed|reported|reports|announces|agreed|denied|denies|"
    "met|meets|visited|visits|arrived|arrives|held|holds|hosted|hosts|greeted|welcomed|invited|"
    "congratulated|spoke|speaks|discussed|signed|traveled|travelled|attended|described|shared|"
    "observed|affirmed|reaffirmed|pledged|vowed|promised|assured|conceded|countered|maintained|"
    "predicted|expects|expected|estimated|added|concluded|opined|indicated|signalled|signaled|"
    "addressed|asked|demanded|condemned|dismissed|rejected|welcomed|lauded|hailed|touted|"
    "is|was|has|had|will|would")
_VERBS_AFTER = frozenset(_REPORT_VERBS.split("|")) | {"who", "also", "then", "later"}
_REPORT_AFTER = re.compile(r"\s*(?:,[^,]{1,80},\s*|,\s*(?=said\b|says\b|told\b|added\b|stated\b|wrote\b))?(?:(?:also|then|later|earlier|further|had|has|today|yesterday|"
                           r"tonight|himself|herself|once\s+again|again)\s+){0,2}(?:" + _REPORT_VERBS + r")\b")
_REPORT_BEFORE = re.compile(r"\b(?:said|says|told|added|stated|wrote|according\s+to|noted|asked|by)\s*,?\s*$")

# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                     # U.S., U.N.
    r"|G-?\d{1,2}\b"                        # G7, G20: the groups
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"         # words, hyphenated, O'Brien, Russia's
    r"|\d+(?:[.,]\d+)*"
    r"|[^\w\s]", re.UNICODE)
LEADING_PARTICLES = frozenset("von van de der den di da du".split())
_PARTICLES = frozenset("bin ibn al el de da di del della dos das du van von der den la le ter ten zu abu".split())
_POSSESSIVE = re.compile(r"['’]s$")
# a family name carrying the Arabic article ("Sami al-Arian", "el-Sisi") counts as capitalised
_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ul|ud)-[A-Z][a-z]")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    word: str      # without a possessive 's
    low: str
    poss: bool
    cap: bool      # starts with a capital letter
    is_word: bool


@lru_cache(maxsize=65536)
def _fold(low: str) -> str:
    """A word without its diacritics: "Vučić" and "Vucic" are one name as outlets spell it."""
    return low if low.isascii() else (reference.fold(low) or low)


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        is_word = t[0].isalpha()
        poss = bool(is_word and _POSSESSIVE.search(t) and len(t) > 2)
        word = t[:-2] if poss else t
        out.append(_Tok(t, m.start(), m.end(), word, _fold(word.lower()), poss,
                        is_word and (t[0].isupper() or bool(_ARTICLE_NAME.match(t))), is_word))
    return out


# ---------------------------------------------------------------------------
# Reference look-ups (cached)
# ---------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _country_of(word: str) -> reference.Country | None:
    w = word.strip()
    if not w or not (w[0].isupper()):
        return None
    return reference.country_for(w)


@lru_cache(maxsize=8192)
def _is_country_name(word: str) -> bool:
    """A country's name (not only its demonym)."""
    c = _country_of(word)
    if c is None:
        return False
    w = word.strip().removesuffix("'s").removesuffix("’s")
    if w[:4].lower() == "the ":
        return False
    return w not in c.demonyms or w in c.alt_names or w == c.name


@lru_cache(maxsize=8192)
def _capital_of(word: str) -> str | None:
    if not word or not word[0].isupper():
        return None
    return reference.capital_country(word)


@lru_cache(maxsize=8192)
def _city_of(word: str) -> str | None:
    if not word or not word[0].isupper():
        return None
    return reference.city_country(word)


def _demonym_form(code: str | None) -> str | None:
    c = reference.country_by_code(code) if code else None
    if c is None:
        return None
    dem = [d for d in c.demonyms if d[0].isupper() and "." not in d and len(d) > 2]
    return sorted(dem, key=len)[0] if dem else c.name


def _country_name(code: str | None) -> str | None:
    c = reference.country_by_code(code) if code else None
    return c.name if c else None


# ---------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------

_PRONOUNS = frozenset({"he", "she", "him", "her"})
# "a senior official", "one source" before a position (searched up to it, the text not copied)
_UNNAMED_OFFICIAL = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){0,3}(?:official|source)s?\b")
_DETERMINERS = ("the ", "his ", "her ", "its ", "their ", "a ", "an ", "our ")


@dataclass
class _Entity:
    name: str
    actor_type: str
    country_code: str | None = None
    role: str | None = None
    tokens: set = field(default_factory=set)  # lower-case name words (people)

    def actor(self) -> Actor:
        return Actor(self.name, self.actor_type, self.country_code, self.role)


class DocumentActors:
    def __init__(self, text: str, mentions: list[ActorMention], subject_starts: set[int]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: (m.char_start, -m.char_end))
        self._starts = [m.char_start for m in self.mentions]
        self._subject_starts = subject_starts
        seen: dict[tuple, Actor] = {}
        for m in self.mentions:
            seen.setdefault((m.actor.name, m.actor.actor_type), m.actor)
        self.actors: list[Actor] = list(seen.values())
        self._by_actor: dict[Actor, list[int]] = {}  # each actor's mentions, as indexes in order
        for i, m in enumerate(self.mentions):
            self._by_actor.setdefault(m.actor, []).append(i)

    # -- queries -----------------------------------------------------------
    def in_span(self, start: int, end: int) -> list[ActorMention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].char_start < end:
            m = self.mentions[i]
            if m.char_end <= end:
                out.append(m)
            i += 1
        return out

    def mention_at(self, position: int) -> ActorMention | None:
        """The longest mention starting at `position`, or covering it."""
        i = bisect_left(self._starts, position)
        if i < len(self.mentions) and self.mentions[i].char_start == position:
            return self.mentions[i]
        j = bisect_right(self._starts, position) - 1
        while j >= 0 and j >= i - 8:
            m = self.mentions[j]
            if m.char_start <= position < m.char_end:
                return m
            j -= 1
        return None

    def _before(self, position: int):
        j = bisect_left(self._starts, position) - 1
        while j >= 0:
            yield self.mentions[j]
            j -= 1

    def _after(self, position: int):
        j = bisect_left(self._starts, position)
        while j < len(self.mentions):
            yield self.mentions[j]
            j += 1

    def _nearest(self, position: int, wanted) -> Actor | None:
        """The actor of the first mention that a scan back from `position` (`_before`), then on
        from it (`_after`), finds `wanted` to accept. Each actor is asked once and its mentions
        bisected, rather than every mention of the article read per question."""
        j = bisect_left(self._starts, position)
        before, after = -1, len(self.mentions)
        for actor, idxs in self._by_actor.items():
            if wanted(actor):
                k = bisect_left(idxs, j)
                if k:
                    before = max(before, idxs[k - 1])
                if k < len(idxs):
                    after = min(after, idxs[k])
        if before >= 0:
            return self.mentions[before].actor
        return self.mentions[after].actor if after < len(self.mentions) else None

    def last_person(self, position: int, subject: bool = True, exclude: Actor | None = None) -> Actor | None:
        """The person mentioned last before `position` (preferring sentence subjects)."""
        fallback = None
        for k, m in enumerate(self._before(position)):
            if m.actor.actor_type != "person" or m.actor == exclude:
                continue
            if not subject or m.char_start in self._subject_starts:
                return m.actor
            if fallback is None:
                fallback = m.actor
            if k > 60:
                break
        return fallback

    def resolve(self, phrase: str, position: int) -> Actor | None:
        """The in-article actor a phrase at `position` refers to, if any."""
        if not phrase:
            return None
        raw = phrase.strip().strip(",.;:")
        m = self.mention_at(position)
        if m is not None and m.char_start == position and \
                self.text[m.char_start:m.char_end].lower() == raw.lower():
            return m.actor
        low = raw.lower()
        if low in _PRONOUNS:
            return self.last_person(position)
        if low in ("they", "it", "we"):
            return None
        det = ""
        for d in _DETERMINERS:
            if low.startswith(d):
                det, low = d.strip(), low[len(d):]
                raw = raw[len(d):]
                break
        raw = _POSSESSIVE.sub("", raw)
        low = _POSSESSIVE.sub("", low)
        # seats of government and capitals
        if low in GOVERNMENT_SEATS:
            name, code = GOVERNMENT_SEATS[low]
            return self._find_org(name) or Actor(name, "organization", code)
        # a person by name words
        words = [w for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", raw) if w]
        name_words = [w for w in words if w.lower() not in TITLE_HEADS and w.lower() not in ROLE_MODIFIERS
                      and not _country_of(w) and w[0].isupper()]
        if name_words and not det:
            person = self._person_by_words([w.lower() for w in name_words], position)
            if person:
                return person
        # an organisation by its words
        org = self._org_by_words(low, position)
        if org:
            return org
        # a description: "[the] Russian leader", "his Chinese counterpart", "the President of China"
        desc = _describe(raw)
        if desc is not None:
            code, role = desc
            if role in ("official", "source") and _UNNAMED_OFFICIAL.search(self.text, 0, position):
                return None  # "the official" goes back to an unnamed "a senior official"
            if det in ("a", "an"):
                # an indefinite description introduces someone: only a person named just after,
                # of the same country ("according to a top Chinese diplomat. ... Ambassador Zhang")
                if code is None:
                    return None
                for m in self._after(position):
                    if m.char_start - position > 600:
                        break
                    if m.actor.actor_type == "person" and m.actor.country_code == code:
                        return m.actor
                return None
            if role is not None or code is not None:
                peer = self._possessor(position, code) if role == "counterpart" and det in ("his", "her") else None
                hit = self._person_by_description(code, role, position, peer)
                if hit:
                    return hit
        if not det:
            c = _country_of(raw)
            if c is not None and _is_country_name(raw):
                return Actor(c.name, "country", c.alpha3)
            cap = _capital_of(raw)
            if cap:
                return Actor(_country_name(cap) or raw, "country", cap)
        if name_words and not det:
            # the words name no one we know; a bare name used as an actor
            return None
        return None

    # -- helpers -------------------------------------------------------------
    def _find_org(self, name: str) -> Actor | None:
        for a in self.actors:
            if a.actor_type == "organization" and a.name.lower() == name.lower():
                return a
        return None

    def _possessor(self, position: int, code: str | None) -> Actor | None:
        """Whose counterpart "his Chinese counterpart" is: the last person of another country."""
        for k, m in enumerate(self._before(position)):
            if k > 60:
                break
            if m.actor.actor_type == "person" and (code is None or m.actor.country_code != code):
                return m.actor
        return None

    def _person_by_words(self, words: list[str], position: int) -> Actor | None:
        want = set(words)
        return self._nearest(position, lambda a: a.actor_type == "person" and
                             want <= {w.lower() for w in a.name.split()})

    def _org_by_words(self, low: str, position: int) -> Actor | None:
        low = re.sub(r"\s+", " ", low).strip()
        if not low:
            return None
        core = low.split()
        if not any(w in ORG_HEADS or w in OUTLET_WORDS for w in core) and low not in OUTLET_WORDS:
            return None
        def named(a: Actor) -> bool:
            name = a.name.lower()
            return a.actor_type == "organization" and (
                name == low or name.endswith(" " + low) or low.endswith(name) or
                (len(core) >= 2 and " ".join(core[-2:]) in name))
        return self._nearest(position, named)

    def _person_by_description(self, code: str | None, role: str | None, position: int,
                               peer: Actor | None = None) -> Actor | None:
        strict = True
        peer_rank = _office_rank(peer.role) if peer is not None else None

        def ok(a: Actor) -> bool:
            if a.actor_type != "person":
                return False
            if code and a.country_code and a.country_code != code:
                return False
            if code and not a.country_code and (strict or (len(a.name.split()) == 1 and not a.role)):
                return False  # ("Trudeau", named alone, is not "the Indian Prime Minister")
            if role:
                r = (a.role or "").lower()
                if not r and not strict:
                    return True
                if role == "leader":
                    return any(x in r for x in LEADER_ROLES) or not r
                if role == "counterpart" and peer_rank and _office_rank(a.role) not in (None, peer_rank):
                    return False  # a president's counterpart is no vice premier
                if role in ("counterpart", "official", "diplomat", "colleague"):
                    return True
                if re.search(r"\b(?:vice|deputy)\b", r) and not re.match(r"(?:vice|deputy)\b", role):
                    return False  # "the president" is not the vice president
                return role.replace("-", " ") in r.replace("-", " ") or (role == "president" and "leader" in r)
            return True
        for strict in (True, False):
            hit = self._nearest(position, ok)
            if hit is not None:
                return hit
            if not code:
                break
        if role and role not in ("leader", "counterpart", "official"):
            # loosen the office: any person of that country
            return self._person_by_description(code, None, position) if code else None
        return None


def _office_rank(role: str | None) -> str | None:
    """Heads of state or government and ministers: the ranks a counterpart shares."""
    r = (role or "").lower()
    if not r or re.search(r"\b(?:vice|deputy|former|ex)\b", r):
        return "other" if r else None
    if any(x in r for x in LEADER_ROLES):
        return "leader"
    if re.search(r"\b(?:minister|secretary)\b", r):
        return "minister"
    return None


# Offices a description names a person by ("the Russian leader", "his Chinese counterpart");
# the finder looks for these after "the"/"his", the resolver also for the wider list below.
_DESC_OFFICES = ["leader", "president", "premier", "prime minister", "foreign minister", "defen[cs]e minister",
                 "minister", "chairman", "counterpart", "ambassador", "envoy", "diplomat", "official", "spokesman",
                 "spokeswoman", "spokesperson", "head of state", "chancellor", "colleague", "crown prince", "king",
                 "queen", "emir", "sultan"]
_DESC_ROLE = re.compile(
    r"(?:(?P<pre>[\w.'’ -]*?)\s+)?(?P<role>" + "|".join(sorted(
        _DESC_OFFICES + ["head", "chief", "secretary", "aide", "adviser", "advisor", "general", "admiral",
                         "head of the [\\w ]+", "commander", "governor", "mayor"], key=len, reverse=True))
    + r")(?:\s+of\s+(?P<of>.+))?$", re.I)


def _initials_fit(acronym: str, name: str) -> bool:
    """"MBS" abbreviates "Mohammed bin Salman", "AMLO" "Andrés Manuel López Obrador"."""
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name)).upper()
    return len(acronym) >= 2 and initials[:1] == acronym[:1] and \
        re.fullmatch(".*".join(map(re.escape, acronym.upper())) + ".*", initials) is not None


def _describe(phrase: str) -> tuple[str | None, str | None] | None:
    """("RUS", "leader") for "Russian leader"; ("CHN", "president") for "President of China"."""
    p = re.sub(r"\s+", " ", phrase.strip())
    m = _DESC_ROLE.fullmatch(p)
    if not m:
        return None
    role = m.group("role").lower()
    code = None
    parts = [m.group("pre") or "", m.group("of") or ""]
    vice = re.search(r"\b(vice|deputy)[\s-]*$", parts[0], re.I)
    if vice:
        role = f"{vice.group(1).lower()} {role}"  # "the vice president": an office of its own
    if role.startswith("head of the"):
        parts.append(m.group("role"))
        role = "head"
    for part in parts:
        for w in re.findall(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*", part):
            c = _country_of(w) or next((_country_of(x) for x in w.split() if _country_of(x)), None)
            if c is not None:
                code = c.alpha3
                break
        if code:
            break
    if role.endswith("minister") and role != "minister":
        role = role.replace("defence", "defense")
    return code, role


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

def _name_like(t: _Tok) -> bool:
    """Could this token be part of a person's name?"""
    if not t.cap or not t.is_word:
        return False
    w = t.word
    if len(w) < 2 and not w.isupper():
        return False
    if w.isupper() and len(w) > 1 and "." not in w and not any(c.islower() for c in w) and not (
            len(w) == 2 and w.isalpha() and w.lower() not in _ACRONYM_STOP and not _country_of(w)):
        return False  # acronyms: CCTV, NATO (but initials: "JD Vance")
    low = t.low
    if low in STOP_CAPS or low in TITLE_HEADS or low in ORG_HEADS or low in OUTLET_WORDS or \
            (low.endswith("s") and low[:-1] in ORG_HEADS):
        return False
    if "-" in w and any(_country_of(p) or p.lower() in TITLE_HEADS for p in w.split("-")):
        return False
    if _country_of(w) or _capital_of(w):
        return False
    if "." in w:
        return False
    return True


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.people: list[_Entity] = []
        self.orgs: dict[str, _Entity] = {}
        self.countries: dict[str, _Entity] = {}
        self.raw_mentions: list[tuple[_Entity, int, int]] = []
        self.subject_starts: set[int] = set()
        self.covered: set[int] = set()  # token indices inside a mention
        self._cov = bytearray(len(text) + 1)  # characters inside a mention
        self._starts_by_ent: dict[int, list[int]] = {}
        self._sent_starts = self._sentence_starts()

    def _push(self, ent: _Entity, s: int, e: int):
        self.raw_mentions.append((ent, s, e))
        insort(self._starts_by_ent.setdefault(id(ent), []), s)  # sorted: _person_for_words bisects
        self._cov[s:e] = b"\x01" * (e - s)

    def _sentence_starts(self) -> set[int]:
        from orchestration.extract.sentences import split_sentences
        starts = {s for s, _ in split_sentences(self.text)}
        out = set()
        j = 0
        for i, t in enumerate(self.toks):
            if t.start in starts:
                out.add(i)
        return out

    # -- people ----------------------------------------------------------
    def _person(self, name_toks: list[_Tok], role: str | None, code: str | None) -> _Entity:
        name = " ".join(t.word for t in name_toks)
        words = {t.low for t in name_toks}
        # the same person under a fuller or shorter form
        for p in self.people:
            if words <= p.tokens or (p.tokens <= words and len(p.tokens) >= 1 and
                                     _compatible(p, code)):
                if len(words) > len(p.tokens):
                    p.name, p.tokens = name, words
                p.role = p.role or role
                p.country_code = p.country_code or code
                return p
        e = _Entity(name, "person", code, role, words)
        self.people.append(e)
        return e

    def _runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens (with name particles), as token index ranges."""
        runs = []
        toks = self.toks
        i, n = 0, len(toks)
        while i < n:
            # "von der Leyen", "de Gaulle": a surname may open with its particles
            lead_particles = not toks[i].cap and toks[i].low in LEADING_PARTICLES and \
                (i == 0 or not toks[i - 1].cap) and (
                    (i + 1 < n and toks[i + 1].cap) or
                    (i + 2 < n and toks[i + 1].low in _PARTICLES and toks[i + 2].cap))
            if toks[i].cap or lead_particles:
                j = i + 1
                while j < n:
                    t = toks[j]
                    if "\n" in self.text[toks[j - 1].end:t.start]:
                        break
                    if t.low in WEEKDAYS or (t.low in MONTHS and j + 1 < n and toks[j + 1].text[:1].isdigit()):
                        break  # "President Trump Monday morning", "Trudeau March 3": a date ends the name
                    if t.cap and not toks[j - 1].poss:
                        j += 1
                    elif t.text == "." and j + 1 < n and toks[j + 1].cap and toks[j - 1].cap and \
                            (len(toks[j - 1].word) == 1 or toks[j - 1].low in HONORIFICS) and \
                            toks[j + 1].start == t.end + 1:
                        j += 1  # "L. Oyun-Erdene", "Gen. Li"
                    elif t.low in _PARTICLES and not t.cap and (
                            (j + 1 < n and toks[j + 1].cap) or
                            (j + 2 < n and toks[j + 1].low in _PARTICLES and toks[j + 2].cap)):
                        j += 1
                    else:
                        break
                runs.append((i, j))
                i = j
            else:
                i += 1
        return runs

    def _platform(self, k: int, b: int) -> bool:
        """"Writing on Truth Social", "his Truth Social platform": where something was posted."""
        toks = self.toks
        return (k - 2 >= 0 and toks[k - 1].low == "on" and toks[k - 2].low in _POSTING_VERBS) or \
            (b < len(toks) and toks[b].low in _MEDIA_NOUNS)

    def _role_before(self, i: int) -> tuple[str | None, str | None, bool]:
        """Office phrase ending right before token i: (role, country, has_head)."""
        toks = self.toks
        j = i - 1
        # "China's Xi Jinping": a country's possessive marks a person of that country
        if j >= 0 and toks[j].poss and toks[j].cap and i + 1 < len(toks) and _name_like(toks[i + 1]):
            c = _country_of(toks[j].word)
            if c is not None and _is_country_name(toks[j].word):
                return None, c.alpha3, True
        if j >= 0 and toks[j].text == "." and j - 1 >= 0 and toks[j - 1].low in HONORIFICS:
            j -= 1
        comma = j >= 0 and toks[j].text == ","
        if comma:
            j -= 1  # "Chinese leader, Xi Jinping"; "President of China, Xi Jinping"
        if j < 0 or not toks[j].is_word or toks[j].low not in TITLE_HEADS or toks[j].low in ("head",):
            # "General Director of First Group JSC Alexey Poroshin": look further back
            k, steps = j, 0
            found = None
            while k >= 0 and steps < 13:
                t = toks[k]
                if k in self.covered:
                    # "General Secretary of the Communist Party of Vietnam Nguyen Phu Trong":
                    # an institution the office is of
                    kk = k
                    while kk >= 0 and kk in self.covered:
                        kk -= 1
                    if kk >= 0 and toks[kk].low in ("of", "the") and k == i - 1:
                        steps += k - kk
                        k = kk
                        continue
                    break
                if not t.is_word:
                    break
                if t.low in TITLE_HEADS and t.low not in ("head",) and (t.cap or steps == 0 or
                                                                        toks[k + 1].low == "of"):
                    found = k
                    break
                if "\n" in self.text[t.end:toks[k + 1].start]:
                    break
                if t.low == "to" and k - 1 >= 0 and toks[k - 1].cap and toks[k - 1].low in TITLE_HEADS:
                    k -= 1
                    steps += 1
                    continue  # "Chinese Ambassador to Russia Zhang Hanhui"
                if not (t.cap or t.low in ("of", "the") or t.low in ORG_HEADS):
                    break
                if _name_like(t) and not (t.word.isupper() or _capital_of(t.word)) and \
                        not (toks[k + 1].low in ORG_HEADS or (toks[k + 1].cap and _name_like(toks[k + 1]) and
                                                              k + 2 < len(toks) and toks[k + 2].low in ORG_HEADS)):
                    break  # a name we would cross belongs to someone else ("Impaya Rus company" is crossed)
                if t.low in STOP_CAPS and t.cap and not (_country_of(t.word) or t.low in ROLE_MODIFIERS
                                                         or t.low in ORG_HEADS or t.low in ("people", "peoples",
                                                                                            "republic", "united",
                                                                                            "kingdom", "states")
                                                         or toks[k + 1].low in ORG_HEADS):  # "Communist Party"
                    break
                k -= 1
                steps += 1
            if found is None:
                return None, None, False
            one_word = i + 1 >= len(toks) or not _name_like(toks[i + 1]) or \
                "\n" in self.text[toks[i].end:toks[i + 1].start]
            if one_word and not (toks[found].low in _HEAD_TITLES and toks[i - 1].cap and
                                 _country_of(toks[i - 1].word) and _is_country_name(toks[i - 1].word)):
                # "the patriarch of Judaism": a far office needs a full name, unless a head of
                # state's office ends in the country ("President of the Republic of Tajikistan Rahmon")
                return None, None, False
            j_head = found
        else:
            j_head = j
        if comma and j_head != j and not (toks[j].cap and (_country_of(toks[j].word) or toks[j].low in ORG_HEADS)):
            return None, None, False
        # extend left over modifiers and a demonym/country, which ends the phrase
        k = j_head
        names_crossed = 0
        while k - 1 >= 0:
            t = toks[k - 1]
            if "\n" in self.text[t.end:toks[k].start] or (k - 1) in self.covered:
                break
            if not t.is_word:
                if t.text == "." and k - 2 >= 0 and toks[k - 2].low in HONORIFICS:
                    k -= 1
                    continue
                break
            if t.cap:
                two = k - 2 >= 0 and toks[k - 2].cap and \
                    _country_of(toks[k - 2].word + " " + t.text.removesuffix("'s").removesuffix("’s"))
                if two:
                    k -= 2  # "South Korean President", "South Africa's President"
                    break
                if _country_of(t.word) or _capital_of(t.word):
                    k -= 1
                    if k - 1 >= 0 and toks[k - 1].cap and _country_of(toks[k - 1].word + " " + t.word):
                        k -= 1
                    break
                if t.poss:
                    k -= 1  # "Gazprom's chief"
                    break
            low = t.low
            if low in ("of", "the", "for"):
                if k - 2 >= 0 and toks[k - 2].cap and toks[k].cap and \
                        "\n" not in self.text[toks[k - 2].end:t.start]:
                    k -= 1
                    continue
                break
            if low == "and" and k - 2 >= 0 and toks[k - 2].low in TITLE_HEADS and toks[k - 2].cap and \
                    toks[k].cap and (toks[k].low in TITLE_HEADS or toks[k].low in ROLE_MODIFIERS):
                k -= 1  # "Deputy Prime Minister and Foreign Minister X": one person, two offices
                continue
            if low in ROLE_MODIFIERS or low in TITLE_HEADS:
                if low in TITLE_HEADS and low not in ROLE_MODIFIERS and not t.cap and \
                        toks[k].low in TITLE_HEADS and not toks[k].cap:
                    break  # "defense minister to ..." belongs to someone else
                k -= 1
                continue
            if t.cap and (low in ORG_HEADS or (t.word.isupper() and len(t.word) > 1)):
                k -= 1
                continue
            if t.cap and _name_like(t) and names_crossed < 2 and (toks[k].low in ORG_HEADS or
                                                                   toks[k].low in TITLE_HEADS or names_crossed):
                names_crossed += 1
                k -= 1
                continue
            break
        while k < j_head and toks[k].low in ("the", "of", "to", "for", "and", "on", "at", "in", "a", "an"):
            k += 1
        span_toks = toks[k:i]
        code = None
        kept: list[_Tok] = []
        after_to = False
        skip_next = False
        for idx, t in enumerate(span_toks):
            if skip_next:
                skip_next = False
                continue
            if t.text == ",":
                continue
            c = _country_of(t.word) if t.cap else None
            if t.cap and idx + 1 < len(span_toks) and span_toks[idx + 1].cap:
                c2 = _country_of(t.word + " " + span_toks[idx + 1].word)
                if c2 is not None:
                    c, skip_next = c2, True
            if c is None and t.cap and not kept:
                cap = _capital_of(t.word)
                if cap:
                    code = code or cap
                    continue
            if c is not None and not after_to:
                code = code or c.alpha3
                if not kept:
                    continue
            if skip_next:
                skip_next = False
            if t.low in ("to",):
                after_to = True
            kept.append(t)
        while kept and kept[0].low in ("the", "of", "to", "and", "for", "a", "an"):
            kept.pop(0)
        while kept and (kept[-1].low in ("the", "of", "to", "and", "for") or not kept[-1].is_word):
            kept.pop()
        role = self.text[kept[0].start:kept[-1].end] if kept else None
        if role:
            role = re.sub(r"\bGen\b\.?", "General", role)
            role = _POSSESSIVE.sub("", role)
        # the office of a country named after "of": "President of China"
        if code is None:
            for t in span_toks:
                c = _country_of(t.word) if t.cap else None
                if c is not None:
                    code = c.alpha3
                    break
        return role, code, True

    def _apposition_after(self, j: int) -> tuple[str | None, str | None, bool]:
        """", the secretary of Russia's Security Council," after a name ending at token j."""
        toks = self.toks
        if j >= len(toks) or toks[j].text != ",":
            return None, None, False
        k = j + 1
        if k >= len(toks) or not (toks[k].low in ("the", "a", "an", "his", "her", "its") or
                                  toks[k].cap or toks[k].low in TITLE_HEADS or toks[k].low in ROLE_MODIFIERS):
            return None, None, False
        words: list[_Tok] = []
        head_at = None
        code = None
        stop = None
        while k < len(toks) and len(words) < 14:
            t = toks[k]
            if "\n" in self.text[toks[k - 1].end:t.start]:
                stop = "\n"
                break
            if not t.is_word and t.text not in ("-", "'", "’", "."):
                stop = t.text
                break
            if t.text == "." and not (words and words[-1].word in ("U.S", "U.K", "Gen", "Jr", "St")):
                stop = "."
                break
            if t.low in ("who", "which", "whose", "chaired", "appointed", "based", "where", "when", "whom"):
                stop = t.low
                break
            if t.low == "and" and head_at is not None and k + 1 < len(toks) and \
                    (toks[k + 1].low in TITLE_HEADS or toks[k + 1].low in ROLE_MODIFIERS) and \
                    not (k + 2 < len(toks) and toks[k + 2].cap and _name_like(toks[k + 2])):
                words.append(t)  # ", chairman of the African Union and president of the Comoros,"
                k += 1
                continue
            if not t.cap and (t.low in _VERBISH or t.low in ("and", "also", "that")):
                return None, None, False  # "Truth Social, the US president also announced ..."
            if t.cap and t.low in _TEMPORAL:
                stop = t.low
                break
            if t.low in ("on", "in") and k + 1 < len(toks) and (toks[k + 1].low in _TEMPORAL or
                                                                 toks[k + 1].text[:1].isdigit()):
                stop = t.low
                break
            if t.cap and _name_like(t) and k + 1 < len(toks) and _name_like(toks[k + 1]) and \
                    head_at is not None and not (k + 2 < len(toks) and toks[k + 2].cap):
                return None, None, False  # another person's name: not an apposition of ours
            if t.cap:
                c = _country_of(t.word)
                if c is not None and code is None:
                    code = c.alpha3
            if t.low in TITLE_HEADS and t.low not in HONORIFICS and head_at is None:
                head_at = len(words)
                if k + 1 < len(toks) and toks[k + 1].cap and _name_like(toks[k + 1]):
                    return None, None, False  # ", President Joe Biden and ..." is a new person
            words.append(t)
            k += 1
        if head_at is None or head_at > 5 or stop is None:
            return None, None, False
        while words and words[0].low in ("the", "a", "an", "his", "her", "its"):
            words.pop(0)
        while words and not words[-1].is_word:
            words.pop()
        role = self.text[words[0].start:words[-1].end] if words else None
        return role or None, code, True

    def find_people(self):
        toks = self.toks
        runs = self._runs()
        pending: list[tuple[int, int]] = []
        for (a, b) in runs:
            # split off leading office/demonym tokens; name is the trailing name-like part
            k = b
            if b - a >= 2 and toks[b - 1].low in _NAME_SHORT_WORDS and _name_like(toks[b - 2]):
                k = b - 1  # "Vice Premier Liu He": a capitalised "He" after a name is the name's
            while k > a and (_name_like(toks[k - 1]) or (
                    toks[k - 1].low in _PARTICLES and not toks[k - 1].cap and k < b and
                    (k - 1 == a or (k - 2 >= a and (_name_like(toks[k - 2]) or toks[k - 2].low in _PARTICLES))))):
                k -= 1
            if k == b:
                continue
            if b < len(toks) and toks[b].is_word and not toks[b].cap and (toks[b].low in ORG_HEADS or
                                                                          toks[b].low in _MEDIA_NOUNS):
                continue  # "the Impaya Rus company", "his Truth Social platform"
            if sum(1 for t in toks[k:b] if t.low not in _PARTICLES) > 3:
                # a long name stands only right after an office or honorific ("President
                # Luiz Inácio Lula da Silva"); otherwise keep its last two name words
                if not (sum(1 for t in toks[k:b] if t.low not in _PARTICLES) <= 5 and
                        k - 1 >= 0 and toks[k - 1].is_word and
                        (toks[k - 1].low in TITLE_HEADS or toks[k - 1].low in HONORIFICS)):
                    k, seen = b, 0
                    while k > a and seen < 2:
                        k -= 1
                        if toks[k].low not in _PARTICLES:
                            seen += 1
            name_toks = toks[k:b]
            if k - 1 >= 0 and toks[k - 1].cap and _country_of(toks[k - 1].word + " " + toks[k].word):
                continue  # "Saudi Arabia"
            role, code, has_head = self._role_before(k)
            via_role = has_head
            honorific = k - 1 >= 0 and (toks[k - 1].low in HONORIFICS or
                                        (toks[k - 1].text == "." and k - 2 >= 0 and toks[k - 2].low in HONORIFICS))
            if not has_head and not self._platform(k, b):  # "Writing on Truth Social, the US president ..."
                arole, acode, has_app = self._apposition_after(b)
                if has_app and not _city_of(self.text[toks[k].start:toks[b - 1].end]):
                    role, code, has_head = arole, acode, True
            if has_head and role and role.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "mx", "sir", "dame"):
                role = None
            if honorific and toks[k - 1].low not in ("mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord", "lady") \
                    and not (toks[k - 1].text == "." and toks[k - 2].low in ("mr", "mrs", "ms")):
                honorific_role = role or {"gen": "General", "adm": "Admiral", "col": "Colonel", "lt": "Lieutenant",
                                          "maj": "Major", "capt": "Captain", "sgt": "Sergeant", "dr": None,
                                          "prof": "Professor"}.get(toks[k - 2 if toks[k - 1].text == "." else k - 1].low)
            else:
                honorific_role = None
            if has_head or honorific:
                if len(name_toks) == 1 and not honorific and role and \
                        role.split()[-1].lower() not in TITLE_HEADS:
                    pass
                ent = self._person(name_toks, role if not honorific else honorific_role, code)
                self._add(ent, toks[k].start, toks[b - 1].end, k, b, surface_start=self._role_start(a, k) if via_role and not honorific else None)
                continue
            pending.append((k, b))
        # a bare surname as the subject of a verb promotes an earlier bare full name
        multi = [(k, b) for (k, b) in pending if b - k >= 2]
        for (k, b) in pending:
            if b - k != 1 or not self._verb_context(k, b):
                continue
            w = toks[k].low
            if any(w in p.tokens for p in self.people):
                continue
            for (k2, b2) in multi:
                if k2 < k and w in (toks[k2].low, toks[b2 - 1].low) and \
                        not _city_of(self.text[toks[k2].start:toks[b2 - 1].end]):
                    ent = self._person(toks[k2:b2], None, None)
                    self._add(ent, toks[k2].start, toks[b2 - 1].end, k2, b2)
                    break
        # bare runs: people when a reporting / meeting verb or a later surname says so
        for (k, b) in pending:
            name_toks = toks[k:b]
            words = {t.low for t in name_toks}
            if any(words <= p.tokens for p in self.people):
                continue  # resolved in the coreference pass
            if len(name_toks) < 2:
                continue
            if not self._verb_context(k, b) or _city_of(self.text[toks[k].start:toks[b - 1].end]) or \
                    self._platform(k, b):
                continue
            ent = self._person(name_toks, None, None)
            self._add(ent, toks[k].start, toks[b - 1].end, k, b)
        self._recognised(pending)
        # a lone name the article never gives in full ("Trudeau said that he ..."): a person
        # when it reports speech and is "he" or "she" right after
        for (k, b) in pending:
            if b - k == 1 and not any(i in self.covered for i in range(k, b)) and \
                    self._person_for_words([toks[k].low], toks[k].start) is None and \
                    self._verb_context(k, b) and self._lone_name_is_person(k):
                self._person(toks[k:b], None, None)
        # bare surnames and "Mr X": coreference to the fullest name
        for (k, b) in pending:
            if any(i in self.covered for i in range(k, b)):
                continue
            words = [t.low for t in toks[k:b]]
            hit = self._person_for_words(words, toks[k].start)
            if hit is not None:
                self._add(hit, toks[k].start, toks[b - 1].end, k, b)

    def _recognised(self, pending: list[tuple[int, int]]) -> None:
        """Bare names of two words or more that no office, apposition or verb marks ("Alexis
        Tsipras and Zoran Zaev, the former prime ministers"): people when the statistical
        recogniser reads the whole run as a PERSON. It runs only on the sentences holding one."""
        toks = self.toks
        runs = [(k, b) for (k, b) in pending if sum(t.low not in _PARTICLES for t in toks[k:b]) >= 2
                and not any(i in self.covered for i in range(k, b))
                and not any({t.low for t in toks[k:b]} <= p.tokens for p in self.people)
                and not all(has_word(self.text, t.low) for t in toks[k:b])  # "Energy Summit"
                and not _city_of(self.text[toks[k].start:toks[b - 1].end]) and not self._platform(k, b)]
        if not runs:
            return
        starts = sorted(self._sent_char_starts())
        bounds = {}
        for k, _ in runs:
            i = bisect_right(starts, toks[k].start) - 1
            lo = starts[i] if i >= 0 else 0
            bounds[lo] = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        people = recognised_people(self.text, sorted(bounds.items()))
        for k, b in runs:
            s, e = toks[k].start, toks[b - 1].end
            if any(ps <= s and e <= pe for ps, pe in people):
                ent = self._person(toks[k:b], None, None)
                self._add(ent, s, e, k, b)

    def _role_start(self, a: int, k: int) -> int | None:
        """Start of the office words right before the name (inside the same capitalised run)."""
        i, toks = k, self.toks

        def office(t: _Tok) -> bool:
            return t.low in TITLE_HEADS or t.low in ROLE_MODIFIERS or bool(_country_of(t.word)) or t.text == "."
        while i - 1 >= a and office(toks[i - 1]):
            i -= 1
        # "Chinese Ambassador to France Lu Shaye": the office runs on before "to France"
        if a < k and i == a and i >= 2 and toks[i - 1].low in ("to", "of", "for", "at") and \
                (toks[i - 2].low in TITLE_HEADS or toks[i - 2].low in ROLE_MODIFIERS):
            i -= 1
            while i - 1 >= 0 and office(toks[i - 1]) and "\n" not in self.text[toks[i - 1].end:toks[i].start]:
                i -= 1
        return toks[i].start if i < k else None

    def _person_for_words(self, words: list[str], pos: int) -> _Entity | None:
        want = set(words)
        best = None
        best_pos = -1
        for p in self.people:
            if want <= p.tokens:
                # most recent mention before pos wins
                starts = self._starts_by_ent.get(id(p), [])
                k = bisect_right(starts, pos)
                last = starts[k - 1] if k else -1
                if best is None or last > best_pos:
                    best, best_pos = p, last
        return best

    def _lone_name_is_person(self, k: int) -> bool:
        """A single capitalised word is a person's name, not a body's or a place's, when the
        article goes on with "he"/"she" (bodies are "it") and the word names nothing we know."""
        t = self.toks[k]
        if k > 0 and self.toks[k - 1].cap and "\n" not in self.text[self.toks[k - 1].end:t.start]:
            return False  # the last word of a longer name ("Foreign Affairs")
        if t.low.endswith(("ing", "ly", "ed", "ese")) or has_word(self.text, t.low):
            return False  # "Chatting with reporters, ...": an English word, capitalised by its place
        before = self.text[max(0, t.start - 5):t.start]
        if t.low.endswith("s") and (not before.strip() or before.rstrip()[-1:] in ".!?\n"):
            return False  # "Officials said ...": a plural noun opening its sentence
        if re.search(r"(?:\b(?:the|a|an)\s+|[“\"‘«])$", before, re.I) or reference.is_continent(t.word):
            return False  # "the Koran was burned", "“Reconciliation will not ...", "Africa"
        if not _name_like(t) or len(t.word) < 2 or t.low in OUTLET_WORDS or _city_of(t.word) or \
                t.low in ORG_HEADS or any(t.low in o.name.lower().split() for o in self.orgs.values()):
            return False
        after = self.text[t.end:t.end + 300]
        he = re.search(r"\b(?:he|she|his|her|him)\b", after, re.I)
        it = re.search(r"\b(?:it|its)\b", after)
        return he is not None and (it is None or he.start() < it.start())

    def _verb_context(self, k: int, b: int) -> bool:
        after = self.text[self.toks[b - 1].end:self.toks[b - 1].end + 120]
        if _REPORT_AFTER.match(after):
            return True
        before = self.text[max(0, self.toks[k].start - 30):self.toks[k].start]
        if _REPORT_BEFORE.search(before):
            return True
        # a transcript: "Name: words" (or "Name (03:07):") at the start of a line
        if LABEL_TAIL.match(after) and (self.toks[k].start == 0 or
                                      self.text[:self.toks[k].start].rstrip(" \t").endswith("\n")):
            return True
        # apposition with ", who" / ", a ..."
        if re.match(r"\s*,\s*(?:who|a|an|the)\b", after):
            return True
        return False

    def _add(self, ent: _Entity, start: int, end: int, k: int | None = None, b: int | None = None,
             surface_start: int | None = None):
        s = surface_start if surface_start is not None else start
        self._push(ent, s, end)
        if k is not None:
            self.covered.update(range(k, b))
            # a subject: first mention of its sentence, or right before a reporting verb
            i = k
            while i - 1 >= 0 and not (i in self._sent_starts) and (self.toks[i - 1].cap or self.toks[i - 1].text in (".", ",")
                                                                    or self.toks[i - 1].low in ROLE_MODIFIERS):
                i -= 1
                if i in self._sent_starts:
                    break
            if i in self._sent_starts or _REPORT_AFTER.match(self.text[end:end + 60]):
                self.subject_starts.add(s)

    # -- organisations ---------------------------------------------------
    def alias_acronyms(self):
        """"The European Commission (EC) announced ... the EC said": the acronym is the body."""
        full: dict[str, _Entity] = {}
        for ent, s, e in self.raw_mentions:
            if ent.actor_type not in ("organization", "person"):
                continue
            m = _ACRONYM_AFTER.match(self.text, e)
            if m and m.group(1) != ent.name and (ent.actor_type == "organization" or _initials_fit(m.group(1), ent.name)):
                full.setdefault(m.group(1), ent)  # "Mohammed bin Salman (MBS)" too
        if not full:
            return
        for i, (ent, s, e) in enumerate(self.raw_mentions):
            target = full.get(ent.name) if ent.actor_type == "organization" else None
            if target is not None and target is not ent:
                self.raw_mentions[i] = (target, s, e)
        for acr, ent in full.items():
            self.orgs.pop(acr.lower(), None)
            for m in re.finditer(rf"\b{re.escape(acr)}\b", self.text):
                if not self._cov[m.start()]:
                    self._push(ent, m.start(), m.end())

    def _org(self, name: str, code: str | None) -> _Entity:
        key = name.lower()
        e = self.orgs.get(key)
        if e is None:
            # "Security Council" and "Russian Security Council" are one body
            for k2, e2 in self.orgs.items():
                if k2.endswith(" " + key) or key.endswith(" " + k2):
                    if code and e2.country_code and code != e2.country_code:
                        continue
                    if len(name) > len(e2.name):
                        del self.orgs[k2]
                        e2.name = name
                        self.orgs[key] = e2
                    e2.country_code = e2.country_code or code
                    return e2
            e = _Entity(name, "organization", code)
            self.orgs[key] = e
        e.country_code = e.country_code or code
        return e

    def find_orgs(self):
        toks = self.toks
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if i in self.covered:
                i += 1
                continue
            # capitalised institution names
            if t.cap and t.low in ORG_HEADS and not (t.low in ("government", "administration", "military", "army",
                                                             "navy", "police", "authorities", "press", "news", "times",
                                                             "post", "daily", "party", "union", "group", "board",
                                                             "federation") and not self._has_cap_left(i)):
                a = i
                while a - 1 >= 0 and toks[a - 1].cap and not (a - 1) in self.covered and \
                        "\n" not in self.text[toks[a - 1].end:toks[a].start] and \
                        toks[a - 1].low not in ("the", "a", "an", "in", "on", "at", "as", "but", "and", "according") \
                        and not toks[a - 1].poss and (toks[a - 1].low not in TITLE_HEADS or
                                                      toks[a - 1].low in ("general", "state")):
                    a -= 1
                    # "Industrial and Commercial Bank"
                    if a - 2 >= 0 and toks[a - 1].low == "and" and toks[a - 2].cap and not toks[a - 2].poss:
                        a -= 2
                b = i + 1
                # "Ministry of Defense of the Russian Federation", "Bank of China"
                while b < n:
                    if "\n" in self.text[toks[b - 1].end:toks[b].start]:
                        break
                    if toks[b].cap and (not toks[b - 1].poss or toks[b - 1].low == "people") and \
                            toks[b].low not in TITLE_HEADS:
                        if b - 2 > i and toks[b - 2].low == "of" and _is_country_name(toks[b - 1].word) and \
                                _name_like(toks[b]) and toks[b].low not in ORG_HEADS:
                            break  # "General Secretary of the Communist Party of Vietnam Nguyen Phu Trong"
                        if toks[b - 1].low in ORG_HEADS and b + 1 < n and _name_like(toks[b]) and \
                                _name_like(toks[b + 1]) and toks[b].low not in ORG_HEADS and \
                                toks[b + 1].low not in ORG_HEADS and "\n" not in self.text[toks[b].end:toks[b + 1].start]:
                            break  # "the National Security Council Kurt Campbell": a person after the body
                        b += 1
                    elif toks[b].low in ("of", "for", "on") and b + 1 < n and toks[b + 1].low not in _TEMPORAL and (
                            toks[b + 1].cap or (toks[b + 1].low == "the" and b + 2 < n and toks[b + 2].cap)):
                        b += 2 if toks[b + 1].cap else 3
                    elif toks[b].low == "and" and b + 1 < n and toks[b + 1].cap and b + 2 < n and \
                            (toks[b + 2].cap or toks[b + 2].low in ("of",)) and toks[b - 1].low not in ORG_HEADS:
                        b += 2
                    else:
                        break
                # trim a trailing person name picked up by mistake
                while b - 1 > i and (b - 1) in self.covered:
                    b -= 1
                while b - 1 > i and toks[b - 1].low in ("of", "for", "on", "the", "and"):
                    b -= 1
                name_toks = toks[a:b]
                code = None
                for x in name_toks:
                    c = _country_of(x.word)
                    if c is not None:
                        code = c.alpha3
                        break
                if code is None and a - 1 >= 0 and toks[a - 1].poss and toks[a - 1].cap:
                    c = _country_of(toks[a - 1].word)
                    if c is not None:
                        code = c.alpha3
                start = name_toks[0].start
                pre, _, rest = name_toks[0].word.partition("-")
                if rest[:1].isupper() and _is_country_name(pre):
                    start += len(pre) + 1  # "the China-Gulf Cooperation Council summit": the council's
                name = self.text[start:name_toks[-1].end]
                name = _POSSESSIVE.sub("", name)
                if _country_of(name) is not None or name.lower() in GOVERNMENT_SEATS:
                    i = b
                    continue
                if len(name_toks) == 1 and code:
                    pass
                if code and not any(_country_of(x.word) for x in name_toks):
                    dem = _demonym_form(code)
                    if dem:
                        name = f"{dem} {name}"
                if len(name_toks) == 1 and not code and name_toks[0].low in ("ministry", "council", "department",
                                                                             "office", "bank", "agency", "government",
                                                                             "committee", "commission", "treasury",
                                                                             "cabinet", "embassy", "presidency"):
                    # a bare "Ministry" refers back
                    ent = self._org_ref(name_toks[0].low, t.start)
                    if ent is None:
                        i = b
                        continue
                else:
                    ent = self._org(name, code)
                self._add(ent, start, name_toks[-1].end, a, b)
                i = b
                continue
            i += 1
        # lowercase descriptions ("China's foreign ministry", "the security council")
        for m in _ORG_DESCRIPTIONS.finditer(self.text):
            core = re.sub(r"\s+", " ", m.group("core")).lower()
            start = m.start("core")
            if self._cov[start]:
                continue
            cty = m.group("cty")
            code = None
            if cty:
                c = _country_of(cty) or _country_of(cty.split()[-1])
                if c is not None:
                    code = c.alpha3
                else:
                    cap = _capital_of(cty)
                    code = cap
            after = self.text[m.end():m.end() + 60]
            speaks = bool(_REPORT_AFTER.match(after)) or \
                self.text[max(0, m.start() - 16):m.start()].rstrip().lower().endswith("according to")
            if core in ("government", "administration", "military", "army", "navy", "presidency", "embassy") \
                    and (not code or not speaks):
                continue
            if re.match(r"\s+[A-Z]", after) and ("media" in core or "agency" in core or "television" in core
                                                 or "broadcaster" in core or "tv" in core or "radio" in core
                                                 or "newspaper" in core):
                continue  # "state broadcaster CCTV": the outlet is named next
            if core in ("news agency",) and not code:
                continue
            if code is None and not cty:
                ent = self._org_ref(core, start)
                if ent is None:
                    name = core.title()
                    if core.startswith("state") or core.startswith("official"):
                        name = core
                    ent = self._org(name, None)
            else:
                pretty = core.title() if not core.startswith(("state", "official")) else core
                dem = _demonym_form(code) if code else None
                name = f"{dem} {pretty}" if dem else (f"{cty} {pretty}" if cty else pretty)
                ent = self._org(name, code)
            s = m.start("cty") if cty and code else start
            self._push(ent, s, m.end("core"))
            if _REPORT_AFTER.match(self.text[m.end():m.end() + 60]):
                self.subject_starts.add(s)
        # seats of government
        for m in _SEATS_RE.finditer(self.text):
            name, code = GOVERNMENT_SEATS[m.group(0).lower()]
            if self._cov[m.start()]:
                continue
            ent = self._org(name, code)
            self._push(ent, m.start(), m.end())
        # news outlets and acronyms of institutions
        for i, t in enumerate(toks):
            if i in self.covered or not t.is_word:
                continue
            if t.low in OUTLET_WORDS and (t.cap and (t.word.isupper() or t.word[0].isupper())):
                if self._cov[t.start]:
                    continue
                if t.low in ("ap",) and not t.word.isupper():
                    continue
                if i > 0 and toks[i - 1].text == "(" and i + 1 < len(toks) and toks[i + 1].text == ")":
                    continue  # a dateline credit "(AP)"
                name = t.word
                ent = self._org(name, None)
                self._push(ent, t.start, t.start + len(t.word))
                if _REPORT_AFTER.match(self.text[t.end:t.end + 60]):
                    self.subject_starts.add(t.start)
            elif t.word.isupper() and 2 <= len(t.word) <= 6 and t.word.isalpha() and t.low not in STOP_CAPS and \
                    not (i + 1 < len(toks) and toks[i + 1].word.isupper() and toks[i + 1].is_word and
                         len(toks[i + 1].word) > 1) and \
                    not (i > 0 and toks[i - 1].word.isupper() and toks[i - 1].is_word and len(toks[i - 1].word) > 1) and \
                    not _country_of(t.word) and t.low not in _ACRONYM_STOP and not _city_of(t.word) and \
                    not (i + 1 < len(toks) and toks[i + 1].text == "-"):
                if self._cov[t.start]:
                    continue
                if i > 0 and toks[i - 1].text == "(":
                    continue  # "(SCO)" after the full name
                ent = self._org(t.word, None)
                self._push(ent, t.start, t.start + len(t.word))

    def _has_cap_left(self, i: int) -> bool:
        return i - 1 >= 0 and self.toks[i - 1].cap and self.toks[i - 1].low not in STOP_CAPS - {
            "national", "state", "federal", "communist", "democratic", "republican", "labour", "people",
            "peoples", "united", "central", "supreme", "international", "world", "global", "armed", "general"}

    def _org_ref(self, core: str, pos: int) -> _Entity | None:
        """The most recent organisation whose name ends like `core`."""
        best, best_pos = None, -1
        for e, s, _ in self.raw_mentions:
            if e.actor_type != "organization" or s > pos:
                continue
            name = e.name.lower()
            if name.endswith(core) or core in name:
                if s > best_pos:
                    best, best_pos = e, s
        if best is None:
            for e in self.orgs.values():
                if e.name.lower().endswith(core):
                    return e
        return best

    # -- countries -------------------------------------------------------
    def find_countries(self):
        toks = self.toks
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if not t.cap or i in self.covered:
                i += 1
                continue
            if self._cov[t.start]:
                i += 1
                continue
            # multi-word country names first ("United States", "People's Republic of China")
            hit = None
            for span in (5, 4, 3, 2, 1):
                if i + span > n:
                    continue
                last = toks[i + span - 1]
                if not last.is_word and last.text != "U.S":
                    continue
                phrase = self.text[t.start:last.end]
                phrase_np = _POSSESSIVE.sub("", phrase)
                c = _country_of(phrase_np) if len(phrase_np) > 1 else None
                if c is not None and _is_country_name(phrase_np):
                    hit = (c, i + span, last.start + len(last.word) if last.poss else last.end)
                    break
            if hit:
                c, j, end = hit
                ent = self.countries.get(c.alpha3)
                if ent is None:
                    ent = self.countries[c.alpha3] = _Entity(c.name, "country", c.alpha3)
                self._push(ent, t.start, end)
                if _REPORT_AFTER.match(self.text[end:end + 40]) and not t.poss:
                    self.subject_starts.add(t.start)
                i = j
                continue
            code = _capital_of(t.word)
            if code and i + 1 < n and toks[i + 1].cap and not t.poss and toks[i + 1].low not in ("and",):
                i += 1
                continue  # "Moscow Kremlin", "Beijing Winter Olympics"
            if code and not (i - 1 >= 0 and toks[i - 1].low in _LOCATIVE):
                ent = self.countries.get(code)
                if ent is None:
                    ent = self.countries[code] = _Entity(_country_name(code) or t.word, "country", code)
                self._push(ent, t.start, t.start + len(t.word))
            i += 1

    # -- descriptions: "the Russian leader", "his Chinese counterpart" -----
    def find_descriptions(self, doc: DocumentActors):
        for m in _DESC_RE.finditer(self.text):
            if self._cov[m.start("body")]:
                continue
            phrase = m.group("body")
            desc = _describe(phrase)
            if desc is None:
                continue
            code, role = desc
            if code is None and role in ("official", "head", "chief", "general", "secretary", "minister"):
                if m.group("det").lower() != "the":
                    continue
            if role in ("official", "general"):
                nxt = re.match(r"\s+([A-Za-z]+)", self.text[m.end():m.end() + 30])
                if nxt and nxt.group(1) not in _VERBS_AFTER:
                    continue  # "the official news agencies": an adjective
            actor = doc.resolve(m.group(0), m.start())
            if actor is None or actor.actor_type != "person":
                continue
            if actor is None:
                continue
            ent = next((p for p in self.people if p.name == actor.name), None)
            if ent is None:
                continue
            self._push(ent, m.start(), m.end())
            if _REPORT_AFTER.match(self.text[m.end():m.end() + 40]) or m.start() in self._sent_char_starts():
                self.subject_starts.add(m.start())

    def _sent_char_starts(self) -> set[int]:
        if not hasattr(self, "_scs"):
            self._scs = {self.toks[i].start for i in self._sent_starts}
        return self._scs

    def _gender_hints(self) -> dict[int, str]:
        """Grammatical gender known from titles and honorifics ("Ms", "spokeswoman", "King")."""
        out: dict[int, str] = {}
        for ent, s, e in self.raw_mentions:
            if ent.actor_type != "person" or id(ent) in out:
                continue
            words = set(re.findall(r"[a-z]+", (ent.role or "").lower()))
            before = self.text[max(0, s - 6):s].lower()
            surface = self.text[s:e].lower()
            if words & _FEMALE or re.search(r"\b(?:ms|mrs|miss|madam|madame)\.?\s*$", before) or \
                    re.match(r"(?:ms|mrs|miss|madam)\b", surface):
                out[id(ent)] = "f"
            elif words & _MALE or re.search(r"\bmr\.?\s*$", before) or re.match(r"mr\b", surface):
                out[id(ent)] = "m"
        return out

    def _fronted_subjects(self) -> None:
        """"However, US Secretary of State Antony Blinken took ...": a person named right after a
        fronted adverbial and followed by a verb is the sentence's subject."""
        starts = sorted(self._sent_char_starts())
        for ent, s, e in self.raw_mentions:
            if ent.actor_type != "person" or s in self.subject_starts:
                continue
            i = bisect_right(starts, s) - 1
            ss = starts[i] if i >= 0 else 0
            if _FRONTED_ADVERBIAL.fullmatch(self.text, ss, s) and _VERB_NEXT.match(self.text, e):
                self.subject_starts.add(s)

    def find_pronouns(self, doc: DocumentActors):
        self._fronted_subjects()
        gender = self._gender_hints()
        by_name = {p.name: p for p in self.people}
        sent_starts = sorted(self._sent_char_starts())

        def sentence_start(pos: int) -> int:
            i = bisect_right(sent_starts, pos) - 1
            return sent_starts[i] if i >= 0 else 0

        for m in _GENDERED_RE.finditer(self.text):
            word = m.group(0).lower()
            g = "f" if word in ("she", "her", "hers", "herself") else "m"
            pos = m.start()
            if doc.mention_at(pos) is not None:
                continue  # the "He" of "Liu He": part of a name
            chosen = fallback = None
            for k, mm in enumerate(doc._before(pos)):
                if mm.actor.actor_type != "person" or k > 80:
                    continue
                ent = by_name.get(mm.actor.name)
                if ent is None or gender.get(id(ent), g) != g:
                    continue
                if mm.char_start in doc._subject_starts:
                    chosen = ent
                    break
                if fallback is None:
                    fallback = ent
            ss = sentence_start(pos)
            here = [x for x in doc.in_span(ss, pos) if x.actor.actor_type == "person"]
            named = {x.actor.name for x in here}
            if len(named) == 1 and by_name.get(here[0].actor.name) is not None and \
                    gender.get(id(by_name[here[0].actor.name]), g) == g and any(
                    x.char_start in doc._subject_starts or x.surface.endswith(("'s", "’s")) or
                    _POSSESSOR_AFTER.match(self.text, x.char_end)
                    for x in here):
                # "Joe Biden's visit in July, during which he called for ...": the one person
                # this sentence has named as its subject or a possessor
                chosen = by_name[here[0].actor.name]
            ent = chosen or fallback
            if ent is None:
                continue
            # one person named so far in this sentence: the pronoun tells that person's gender
            if id(ent) not in gender and named == {ent.name}:
                gender[id(ent)] = g
            if word in ("he", "she"):
                self._push(ent, m.start(), m.end())
                self.subject_starts.add(m.start())

    def mentions(self) -> list[ActorMention]:
        out = []
        seen = set()
        for ent, s, e in self.raw_mentions:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            out.append(ActorMention(ent.actor(), self.text[s:e], s, e))
        return out


# nouns after a name that make it a product or a service, not a person
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")
_MEDIA_NOUNS = frozenset("platform account app channel website site page network feed handle".split())
_POSTING_VERBS = frozenset("writing wrote written posting posted post posts said saying announced".split())
_POSSESSOR_AFTER = re.compile(r"['’]s?\s")


def _compatible(p: _Entity, code: str | None) -> bool:
    return not (code and p.country_code and code != p.country_code)


_TEMPORAL = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
today yesterday tomorrow last next this earlier later""".split())
# given names that are also short English words, capitalised only as names mid-sentence
_NAME_SHORT_WORDS = frozenset({"he", "an"})
_VERBISH = frozenset(re.sub(r"\\s\+", " ", _REPORT_VERBS).split("|")) - {"called", "expected"}
_LOCATIVE = frozenset("in to from at into near outside inside via toward towards across around through "
                      "within visited visit visiting reached leaving left arrived".split())
_ACRONYM_STOP = frozenset("""
ceo cfo coo gdp covid usd eur cny rub gbp jpy inr am pm bc ad tv ok id ii iii iv vi vii viii ix
xi xii xx usa uk eu ai it pc bcm lng mw gw kw km kg
""".split()) - {"eu"}
_SEATS_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in GOVERNMENT_SEATS), key=len, reverse=True))
                       + r")\b", re.I)
_CAPW = r"[A-Z][\w'’-]*"
_DESC_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?P<body>(?:" + _CAPW + r"\s+){0,2}(?i:(?:vice|deputy)[\s-]+)?(?i:"
    + "|".join(sorted(_DESC_OFFICES, key=len, reverse=True)) +
    r"|head of the (?:" + _CAPW + r"\s+)?(?:[a-z]+\s+){0,3}(?:department|ministry|delegation|government|council)"
    r")(?:\s+of\s+(?:the\s+)?" + _CAPW + r"(?:\s+(?:of\s+)?" + _CAPW + r"){0,4})?)(?=\W)")
_HEAD_TITLES = frozenset("president premier chancellor king queen emir sultan".split())
_PRONOUN_RE = re.compile(r"\b(?:He|She|he|she)\b")
_FRONTED_ADVERBIAL = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6},\s*")
_VERB_NEXT = re.compile(r"\s+(?:[a-z]+ly\s+)?(?!(?:of|and|or|in|on|at|to|with|for|from|by|as|the|a|an|who|which|"
                        r"that|whose)\b)[a-z]{3,}\b")
_GENDERED_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")
_FEMALE = frozenset("queen princess chairwoman spokeswoman congresswoman businesswoman madam dame lady empress "
                    "duchess countess baroness sister mother wife daughter".split())
_MALE = frozenset("king prince chairman spokesman congressman businessman sir lord emperor duke count baron "
                  "brother father husband son sheikh emir sultan".split())


def find_actors(text: str) -> DocumentActors:
    """Every actor mention in `text`, with in-document coreference resolved."""
    b = _Builder(text)
    b.find_people()
    b.find_orgs()
    b.alias_acronyms()
    b.find_countries()
    doc = DocumentActors(text, b.mentions(), b.subject_starts)
    b.find_descriptions(doc)
    doc = DocumentActors(text, b.mentions(), b.subject_starts)
    b.find_pronouns(doc)
    # refresh actors with the final (fullest) names and attributes
    return DocumentActors(text, b.mentions(), b.subject_starts)
