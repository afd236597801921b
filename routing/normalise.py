"""Text clean-up so one lexicon fits SMS shorthand, typos, transcripts and emails.

Output is lower case ASCII-ish text in which contractions are expanded ("can't" -> "can not"),
common shorthand and misspellings are mapped to the dictionary word, and a few multi-word
phrases whose negation is part of the meaning ("won't lock", "won't stop") become single
tokens, so that the negation check does not mistake them for a denial.
"""

from __future__ import annotations

import re
import unicodedata

from routing.factoring import trie_pattern

# Longest text we look at: enough for any real message, bounded work for pasted logs.
MAX_CHARS = 5000

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-",
                         # the cold-face emoji is how some residents say "freezing"
                         "\U0001f976": " freezing "})

# One pass for contractions: "can't" -> "can not", "it's" -> "it s", "I'm" -> "i am".
_CONTRACTION = re.compile(r"\b(can|won|ain|shan)'?t\b|(\w)n't\b|(\w)'(m|ve|re|ll|d|s)\b")
_IRREGULAR = {"can": "can not", "won": "will not", "ain": "is not", "shan": "shall not"}
_SUFFIX = {"m": " am", "ve": " have", "re": " are", "ll": " will", "d": " would", "s": " s"}


def _expand(match: re.Match[str]) -> str:
    if match.group(1):
        return _IRREGULAR[match.group(1)]
    if match.group(2):
        return match.group(2) + " not"
    return match.group(3) + _SUFFIX[match.group(4)]


# Shorthand, missing apostrophes and frequent misspellings, mapped token by token.
_TOKENS: dict[str, str] = {
    # negations written without apostrophes
    "cant": "can not", "cannot": "can not", "dont": "do not", "doesnt": "does not",
    "didnt": "did not", "isnt": "is not", "wasnt": "was not", "arent": "are not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "wont": "will not", "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not",
    "aint": "is not", "im": "i am", "ive": "i have", "theres": "there s", "thats": "that s",
    "nobodys": "nobody has", "noones": "no one has", "whats": "what s", "hes": "he s",
    "shes": "she s", "cnt": "can not", "dnt": "do not", "nt": "not",
    # shorthand
    "u": "you", "ur": "your", "yr": "your", "ya": "you", "r": "are", "pls": "please",
    "plz": "please", "plse": "please", "thx": "thanks", "thnx": "thanks", "ty": "thank you",
    "n": "and", "nd": "and", "wiv": "with", "wif": "with", "b4": "before", "2day": "today",
    "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "nite": "night",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "yday": "yesterday", "yest": "yesterday", "bc": "because", "cos": "because",
    "coz": "because", "cuz": "because", "bcoz": "because", "ppl": "people", "msg": "message",
    "wk": "week", "wks": "weeks", "hr": "hour", "hrs": "hours", "min": "minute",
    "mins": "minutes", "yrs": "years", "mths": "months", "mnths": "months",
    "abt": "about", "cld": "could", "wld": "would", "shd": "should",
    "sum1": "someone", "some1": "someone", "any1": "anyone", "every1": "everyone",
    "no1": "no one", "noone": "no one", "nobdy": "nobody", "wot": "what", "wat": "what",
    "wen": "when", "cn": "can", "thru": "through", "tho": "though", "gonna": "going to",
    "wanna": "want to", "dunno": "do not know", "ppl's": "people s", "smthg": "something",
    "smth": "something", "hse": "house", "appt": "appointment",
    "asap": "as soon as possible", "fyi": "for your information", "mam": "mum",
    "ma": "mum", "mom": "mum", "wkend": "weekend", "rly": "really", "v": "very",
    "elec": "electricity", "leccy": "electricity", "lecky": "electricity",
    "heatings": "heating s", "powers": "power s", "waters": "water s",
    "rads": "radiators", "rad": "radiator", "loo": "toilet",
    "in2": "into", "on2": "onto", "2b": "to be",
    # Scots and northern negatives and words
    "nae": "no", "naw": "no", "cannae": "can not", "dinnae": "do not",
    "didnae": "did not", "doesnae": "does not", "isnae": "is not", "wasnae": "was not",
    "havnae": "have not", "havenae": "have not", "wullnae": "will not", "willnae": "will not",
    "wouldnae": "would not", "couldnae": "could not", "nowt": "nothing", "owt": "anything",
    "ded": "dead", "deid": "dead",
    "wc": "toilet", "elevator": "lift", "lifts": "lift", "flat's": "flat s",
    # misspellings of words the rules rely on
    "gass": "gas", "gaz": "gas", "smel": "smell", "smeel": "smell", "smelll": "smell",
    "smellin": "smelling", "smelin": "smelling", "smeling": "smelling", "smelt": "smelled",
    "smelled": "smelled", "leek": "leak", "leeking": "leaking", "leack": "leak",
    "leakin": "leaking", "leeks": "leaks", "celing": "ceiling", "cieling": "ceiling",
    "ceilling": "ceiling", "ceilin": "ceiling", "seiling": "ceiling", "cealing": "ceiling",
    "electic": "electricity", "eletric": "electricity", "electrics": "electrics",
    "sparkin": "sparking", "sparkng": "sparking", "flodding": "flooding",
    "floding": "flooding", "floodin": "flooding", "fludding": "flooding", "flud": "flood",
    "brust": "burst", "boilor": "boiler", "boiller": "boiler", "bioler": "boiler",
    "boilr": "boiler", "heatin": "heating", "heeting": "heating", "heting": "heating",
    "heatng": "heating", "watter": "water", "wtr": "water", "warer": "water",
    "monoxcide": "monoxide", "monoxid": "monoxide", "sewerage": "sewage", "seweage": "sewage",
    "sewige": "sewage", "toliet": "toilet", "toilit": "toilet", "emergancy": "emergency",
    "emergeny": "emergency", "emergecy": "emergency", "emergncy": "emergency",
    "urgant": "urgent", "urgnt": "urgent", "complant": "complaint", "complaing": "complain",
    "ridiculus": "ridiculous", "rediculous": "ridiculous", "ridiclous": "ridiculous",
    "disgustin": "disgusting", "discusting": "disgusting", "apointment": "appointment",
    "appointmen": "appointment", "enginner": "engineer", "engineeer": "engineer",
    "enginer": "engineer", "wireing": "wiring", "wirring": "wiring", "sockit": "socket",
    "soket": "socket", "neighbor": "neighbour", "neighbors": "neighbours",
    "nieghbour": "neighbour", "neighbur": "neighbour", "naybor": "neighbour",
    "mold": "mould", "moldy": "mouldy", "brocken": "broken", "borken": "broken",
    "stuk": "stuck", "traped": "trapped", "smok": "smoke", "smokin": "smoking",
    "burnin": "burning", "freezin": "freezing", "comin": "coming", "goin": "going",
    "pourin": "pouring", "waitin": "waiting", "leakng": "leaking", "evrywhere": "everywhere",
    "everywere": "everywhere", "statment": "statement", "recieved": "received",
    "dissapointed": "disappointed", "dissatisified": "dissatisfied", "unaceptable": "unacceptable",
    "unexceptable": "unacceptable", "disgracefull": "disgraceful", "detecter": "detector",
    "alarum": "alarm", "baloney": "balcony", "dripin": "dripping", "drippin": "dripping",
}

_TOKEN_RE = re.compile(r"[a-z0-9']+")
_SHORTHAND = frozenset(_TOKENS)

# Multi-word phrases whose "not" is the complaint or hazard itself, folded into one token.
_PHRASES = (
    (("not stop", "non-stop", "non stop"),
     re.compile(r"\b(will|would|does|do|did) not stop\b|\bnot stopping\b|\bnon[- ]stop\b"),
     "nonstop"),
    (("lock", "latch"), re.compile(
                r"\b(will|would|does|do|did|can) not (be )?lock(ed)?\b|\bnot locking\b"
                r"|\bunable to (be )?lock(ed)?\b|\bno longer locks?\b"
                r"|\b(no way|nothing) (to|of) lock(ing)?\b"
                r"|\bcan not get (it|the (front |back )?(door|lock)) to lock\b"
                # (session 13) "hasn't locked for a week"; a door that "will not latch" (not
                # "won't latch properly (it does lock with the key)")
                r"|\b(has|have|had) not (been )?lock(ed|ing) (for|since|in)\b"
                r"|\b(will|would|does|do|did|can) not latch\b(?! properly)"
                r"|\bnot latching\b(?! properly)"
                # (session 17) "the door you fitted has never locked properly"
                r"|\b(has|have|had) never (properly )?locked\b"), "unlockable"),
    (("secur",), re.compile(r"\b(can|could) not (be )?secured?\b|\bunable to (be )?secured?\b"
                r"|\bnot secure\b|\binsecure\b|\bunsecured\b"
                # (session 17) "a door that does not even secure my home"
                r"|\b(does|do|did|will|can) not (even )?secure (my|our|the|her|his) "
                r"(home|flat|house|property)\b"), "unsecurable"),
    (("clos", "shut"), re.compile(r"\b(will|would|does|do|did) not (close|shut)\b"
        r"|\bnot (closing|shutting)\b"
                r"|\bunable to (close|shut)\b|\bcan not (close|shut)\b"
                r"|\b(can|could|will|would) not be (closed|shut)\b"
                r"|\b(door|window|it) not (close|shut)\b"), "wontclose"),
    (("not work", "not been work", "stopped work"),
     re.compile(r"\b(is|are|was|were|been|it s|its|not) ?not working\b|\bnot working\b"
                r"|\b(does|do|did|will) not work\b|\bstopped working\b|\bnot workin\b"
                r"|\bnot been working\b|\b(?:has|have|had) not worked\b"),
     "notworking"),
    (("not come", "not turn", "not fire", "not switch"),
     re.compile(r"\b(will|would|does|did) not (come|turn|fire|switch) on\b"), "notworking"),
    (("breathe",), re.compile(r"\b(can|could) not breathe\b"), "cantbreathe"),
    # English as a second language drops the auxiliary: "main door is not close since a week".
    (("not close", "not shut", "not lock"),
     re.compile(r"\b(?:is|are) not (?:close|shut)\b(?! (?:to|by|enough|together))"), "wontclose"),
    (("not lock",), re.compile(r"\b(?:is|are) not lock\b"), "unlockable"),
    # Speech-to-text: "smell guess" (gas), "see oh alarm" (CO), "smoke a lamb" (alarm),
    # "the socket is parking" (sparking), "through the sealing" (ceiling).
    (("guess", "gasp", "gash"), re.compile(
        r"\b(smell\w*|stink\w*|whiff) (of |like )?(?:guess|gasp|gash)\b"), r"\1 \2gas"),
    (("see oh", "sea oh", "c o "),
     re.compile(r"\b(?:see|sea|c) oh?\b(?= (?:alarm|detector|one|thing))"), "co"),
    (("a lamb",), re.compile(r"\b(smoke|fire|co|monoxide) a lamb\b"), r"\1 alarm"),
    (("parking",), re.compile(
        r"\b(sockets?|plugs?|switch(?:es)?|wires?|wiring|fuse ?box|lights?|cables?)((?: \w+){0,3}"
        r" (?:is|are|s|keeps?|was|were|started)) parking\b"), r"\1\2 sparking"),
    (("sealing",), re.compile(r"\b(through|thru|from|in|on|off) the sealing\b"), r"\1 the ceiling"),
    (("no one", "no-one", "nobody"), re.compile(r"\bno one\b|\bno-one\b|\bnobody\b"), "nobody"),
)

# Runs of spaces and other blanks (not single spaces: replacing those changes nothing).
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")
_BLANKS = ("\t", "\r", "\f", "\v")
# Any phrase anchor at all: most texts have none, and then no phrase needs trying.
_PHRASE_ANCHORS = re.compile(
    trie_pattern(sorted({a for anchors, _, _ in _PHRASES for a in anchors}))
)


# Latin letters that do not decompose into a base letter and an accent.
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae",
                              "œ": "oe", "ð": "d", "þ": "th"})
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f]")


def _fold_latin(text: str) -> str:
    """Strip accents from Latin letters ("czuć gaz" -> "czuc gaz"); other scripts as they are.

    Residents type the same words with or without accents, so the rules (including the
    other-language cues in routing/rules/languages.toml) are written without them. Marks on
    other scripts (Devanagari vowel signs, Arabic harakat) are letters there and are kept.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text.translate(_LATIN_EXTRA)):
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """What normalise does to every letter: NFKC, lower case, Latin accents stripped (no
    word is mapped). The other-language phrases' stems are folded so at compile time."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _fold_latin(text) if _LATIN_ACCENTED.search(text) else text


def _map_token(match: re.Match[str]) -> str:
    word = match.group(0)
    return _TOKENS.get(word, word)


def normalise(text: str, subject: str | None = None) -> str:
    """Return the cleaned, lower-case text the lexicon runs on (subject line first)."""
    if subject:
        text = f"{subject}.\n{text}"
    text = text[:MAX_CHARS]
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    if not text.isascii() or "`" in text:  # every other quote to map is non-ASCII
        text = text.translate(_QUOTES)
    text = text.lower()
    if not text.isascii() and _LATIN_ACCENTED.search(text):
        text = _fold_latin(text)
    if "'" in text:
        text = _CONTRACTION.sub(_expand, text)
    text = text.replace("&", " and ").replace(" + ", " and ").replace("w/", "with ")
    if not _SHORTHAND.isdisjoint(_TOKEN_RE.findall(text)):  # most texts need no mapping
        text = _TOKEN_RE.sub(_map_token, text)
    if _PHRASE_ANCHORS.search(text):
        for anchors, pattern, repl in _PHRASES:
            if any(anchor in text for anchor in anchors):
                text = pattern.sub(repl, text)
    if "  " in text or any(blank in text for blank in _BLANKS):  # most texts: none to fold
        text = _SPACES.sub(" ", text)
    return text.strip()
