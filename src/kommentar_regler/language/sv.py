"""Swedish closed-class words: pronouns, modals, negations, articles, prepositions, conjunctions.

These are grammar, not vocabulary: a rule pattern may name them (``@negation``, ``@pron_2``) or
write one of them out (``"som"``), while every content word lives in a lexicon. The lists are
closed: Swedish gets no new pronouns. Spoken and chat spellings are included ("ja" for "jag",
"dej" for "dig", "dom" for "de/dem", "e" for "är"), because comments are written that way.
"""

from __future__ import annotations

from functools import cache

__all__ = ["CLOSED_CLASSES", "ROLE_NAMES", "closed_classes_of"]

_CLASSES: dict[str, str] = {
    # personal pronouns, by person and number, subject and object forms
    "pron_1s": "jag ja jaa mig mej",
    "pron_1p": "vi oss",
    "pron_2s": "du dig dej",
    "pron_2p": "ni er eder",
    "generic": "man en",
    "pron_3": "han hon hen den det de dom dem honom henne hans hennes deras denne denna",
    # who a threat or an insult is about: the speaker, the reader, a third person
    "i_we": "jag ja jaa vi",
    "you": "du dig dej ni er eder",
    "your": "din ditt dina er ert era eran",
    "them": "honom henne dem dom hen",
    "he_she": "han hon hen ho",
    # possessives
    "poss_1": "min mitt mina vår vårt våra",
    "poss_2": "din ditt dina er ert era eran",
    "poss_3": "hans hennes hens dess deras sin sitt sina",
    # reflexive
    "refl": "sig sej själv själva",
    # the future, intention and obligation
    "should": "borde bör ska skall måste behöver",
    "wh": "vem vad var vart när hur varför vems",
    "en_question": "how when where what who which why can could is are does do will",
    # English copula, for the few English patterns (comments are sometimes written in English)
    "en_be": "is are was were am be been r",
    "modal": "ska skall kommer tänker vill måste borde bör får kan skulle kunde ämnar planerar",
    "future": "ska skall kommer tänker ämnar planerar",
    "att": "att",
    "negation": "inte ej icke aldrig inga ingen inget ingenting knappast knappt int",
    "article": "en ett den det de",
    "demonstrative": "den det de denna detta dessa där här sådan sådant sådana",
    "preposition": "i på av till för med om från under över efter vid utan mot hos åt genom "
    "mellan bakom framför bredvid utanför innanför runt nära mittemot längs inom",
    "conjunction": "och å eller men utan samt så fast",  # "å": spoken "och" ("leta upp dig å slå")
    "subjunction": "om ifall när då eftersom därför innan sedan medan tills så",
    "condition": "om ifall såvida",
    "question_word": "vem vad var vart när hur varför vilken vilket vilka vems",
    "be": "är e ä ar va var vara varit blir bli blev blivit vore",
    "have": "har ha hade haft",
    "so_then": "så då",
    "relative": "som",
    "degree": "så för väldigt jätte mycket helt totalt riktigt ganska lite extremt sjukt",
    "particle": "upp ner ned bort in ut av på om fram till",
    "focus": "bara endast enbart just",
    "quantifier": "alla allihop allihopa varenda hela varje några många allt allting",
    "indefinite": "någon nån något nåt någonting ingen",
    "adverb_time": "nu snart idag ikväll imorgon inatt igen redan fortfarande längre",
}

#: class name -> its words
CLOSED_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(words.split()) for name, words in _CLASSES.items()
}

#: The Swedish names of the roles a pattern's slots carry, as explanations show them.
ROLE_NAMES: dict[str, str] = {
    "speaker": "talare",
    "protest": "protest",
    "people": "folk",
    "tree": "träd",
    "intent": "avsikt",
    "harm": "hot",
    "target": "mål",
    "weapon": "vapen",
    "addressee": "tilltal",
    "insult": "skällsord",
    "group": "grupp",
    "contempt": "förakt",
    "asset": "sak",
    "fault": "fel",
    "place": "plats",
    "service": "verksamhet",
    "evaluation": "omdöme",
    "wish": "önskan",
    "case": "ärende",
    "person": "person",
    "attribute": "uppgift",
    "offer": "erbjudande",
    "contact": "kontakt",
    "profit": "vinst",
    "crime": "brott",
    "praise": "beröm",
    "thanks": "tack",
    "question": "fråga",
    "politics": "politik",
    "swearing": "svordom",
    "negation": "nekande",
    "condition": "villkor",
    "call": "uppmaning",
    "material": "material",
    "link": "länk",
    "price": "pris",
    "victim": "offer",
    "child": "barn",
    "role": "roll",
    "bait": "lockbete",
    "know": "vetskap",
    "work": "verk",
    "spread": "spridning",
    "outcome": "följd",
    "free": "gratis",
    "dl": "nedladdning",
    "violence": "våld",
    "verb": "verb",
    "trait": "egenskap",
    "show": "visning",
    "punishment": "straff",
    "pity": "beklagan",
    "money": "pengar",
    "life": "privatliv",
    "ask": "fråga",
    "age": "ålder",
    "act": "handling",
    "about": "om",
    "what": "vad",
    "warning": "varning",
    "threat": "hot",
    "thing": "sak",
    "record": "journal",
    "piracy": "piratkopia",
    "pay": "betalning",
    "mishap": "olycka",
    "meet": "möte",
    "look": "utseende",
    "loan": "lån",
    "kin": "anhörig",
    "intimate": "intimt",
    "happen": "händelse",
    "gift": "gåva",
    "game": "tävling",
    "dumped": "dumpning",
    "death": "död",
    "compliment": "komplimang",
    "bring": "medför",
    "attire": "klädsel",
    "amount": "belopp",
    "opinion": "åsikt",
    "who": "vem",
    "routine": "vardag",
    "warn": "varning",
    "weapon_means": "medel",
    "channel": "kanal",
    "code": "kod",
    "land": "plats",
    "evaluation_en": "omdöme",
    "again": "igen",
    "phrase": "fras",
    "rate": "takt",
    "owner": "ägare",
    "body": "kroppsdel",
    "essence": "väsen",
    "lack": "brist",
    "deny": "förnekande",
    "aim": "syfte",
    "bomb": "sprängmedel",
    "boom": "explosion",
    "cannot": "omöjligt",
    "claim": "påstående",
    "crowd": "folkmassa",
    "done": "gjort",
    "hint": "antydan",
    "home": "hem",
    "human": "människa",
    "injury": "skada",
    "means": "medel",
    "menace": "hot",
    "name": "namn",
    "nude": "nakenbild",
    "placed": "utplacerad",
    "protected": "skyddad",
    "risk": "risk",
    "street": "gata",
    "throw": "kast",
    "thrown": "kastat",
    "vote": "val",
    "wait": "väntan",
    "when": "när",
}


@cache
def _classes_by_word() -> dict[str, frozenset[str]]:
    """Each closed-class word's classes: one lookup a word, not one per class."""
    out: dict[str, set[str]] = {}
    for name, words in CLOSED_CLASSES.items():
        for word in words:
            out.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in out.items()}


_NONE: frozenset[str] = frozenset()


def closed_classes_of(word: str) -> frozenset[str]:
    """The closed classes ``word`` (normalised, lower case) belongs to."""
    return _classes_by_word().get(word, _NONE)
