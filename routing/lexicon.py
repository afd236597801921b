"""The words the router listens for, as data: hazards, vulnerability, dissatisfaction, topics.

Every pattern runs on text from `routing.normalise.normalise`, so it can assume lower case,
expanded contractions ("can not"), mapped shorthand and the folded tokens `nonstop`,
`unlockable`, `unsecurable`, `wontclose`, `notworking`, `cantbreathe` and `nobody`.
Patterns describe concepts (a gas word near a smell word) rather than whole phrasings, so
they carry over to wording nobody wrote down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Separator between words that stays inside one sentence.
_SEP = r"[^\w.!?\n]+"


def near(first: str, second: str, gap: int = 4) -> str:
    """Regex for `first` then `second` with at most `gap` words between, in one sentence."""
    return rf"(?:{first})(?:{_SEP}\w+){{0,{gap}}}?{_SEP}(?:{second})"


def either_order(a: str, b: str, gap: int = 4) -> str:
    """Regex for `a` near `b` in either order."""
    return f"{near(a, b, gap)}|{near(b, a, gap)}"


@dataclass(frozen=True)
class HazardCue:
    """One way a hazard shows up in text.

    kind: "hard" (always an emergency), "soft" (urgent repair, not an emergency),
    "heating"/"hot_water" (an emergency for a vulnerable household or in the cold),
    "water_supply"/"power" (total loss: an emergency), "lift_out" (an emergency when someone
    with reduced mobility is stranded), "at_height" (a failed barrier against a fall: an
    emergency when the text puts it above the ground or fears a fall).
    negatable: False where the negation is part of the cue ("no heating", "not seen her").
    """

    name: str
    hazard: str
    kind: str
    pattern: re.Pattern[str]
    negatable: bool = True
    advice: str = ""


def _cue(name: str, hazard: str, kind: str, regex: str, negatable: bool = True,
         advice: str = "") -> HazardCue:
    return HazardCue(name, hazard, kind, re.compile(regex), negatable, advice or hazard)


_SMELL = r"smell\w*|smelled|stink\w*|stench|whiff\w*|reek\w*|pong\w*|niff\w*|odou?r\w*|fumes"
_GAS_WORD = r"\bgas(?:sy)?\b"
# Gas itself, not the people and paperwork named after it.
_GAS_THING = (r"\bgas\b(?! (?:man|men|engineers?|board|company|people|safe|safety|check|bill"
              r"|supplier|service|card|meter reading|fire|cooker|hob|boiler))")
# How carbon monoxide shows itself in people (with a boiler, a fire or an alarm nearby).
_SYMPTOMS = (r"headaches?|head (?:hurts|is pounding|aches)|dizz\w*|feel\w* (?:sick|faint|funny)"
             r"|nause\w*|drowsy|sleepy|woozy|groggy|light ?headed|faint\w*|confused|vomit\w*"
             r"|throwing up|passed out|blacked out|short of breath|breathless")
_ELEC_THING = (r"sockets?|plugs?|plug sockets?|switch(?:es)?|light switch(?:es)?|fuse ?box"
    r"|fuse board"
               r"|fuses?|consumer unit|electricity meter|meter|wires?|wiring|cables?|extension lead"
               r"|lead|light fittings?|ceiling rose|electrics|charger|appliance|pull ?cords?"
               r"|pull switch")
_WATER_MOVE = (r"pouring|gushing|pissing|streaming|spraying|spurting|cascading|flowing|running"
               r"|coming (?:in|through|down|out|up|into)|dripping|leaking|seeping|everywhere"
               r"|flooding|soaking")
_ELEC_TARGET = (r"electric sockets?|light fittings?|lights?|light switch|lamp|ceiling rose"
    r"|sockets?|plugs?|plug sockets?"
                r"|electrics|electricity|fuse ?box|fuse board|consumer unit|wiring|wires"
                r"|electricity meter|meter cupboard|switch(?:es)?|trip switch")
_STRUCT = (r"ceilings?|roof|walls?|floors?|stairs|staircase|balcony|chimney|stack|building"
           r"|slates?|roof tiles?|chimney pots?|coping stones?|guttering|fascia"
           r"|bricks?|brickwork|masonry|joists?|lintel|canopy|railings?|beams?|plaster ?board"
           r"|steps?|handrail|banister")
_STRUCT_FAIL = (r"collaps\w*|caved in|cave in|caving in|fallen (?:down|in|through|onto|on)"
                r"|fell (?:down|in|through|onto|on)|falling (?:down|in|through|onto|off|apart)"
                r"|(?:come|came|coming) (?:down|in|away|loose)|bowing|sagging|bulg\w*"
                r"|giving way|gave way|given way|blown (?:off|in|down)|hanging off"
                r"|moving|unstable|crumbling (?:onto|away|apart)"
                r"|(?:about|going|ready|likely) to (?:fall|collapse|come (?:down|off|in)|give way"
                r"|cave)")
_EXTERNAL_DOOR = (r"(?:front|back|main|entrance|external|outside|patio|balcony|communal|block"
                  r"|rear|street|garden|my|our|the|flat) doors?"
                  r"|(?<!fire )(?<!internal )(?<!bedroom )(?<!kitchen )(?<!bathroom )"
                  r"(?<!cupboard )(?<!wardrobe )doors?|locks?")
# A cry for help or fear (for the safety net: a hazard word said with urgency).
_URGENCY = (r"\b(?:emergency|urgent\w*|help|as soon as possible|right now|immediately|please come"
            r"|come (?:out )?(?:now|quick\w*)|scared|frightened|terrified|panick\w*|dangerous"
            r"|danger|unsafe|999)\b")


def _urgent_near(hazard_word: str) -> str:
    """Regex for a hazard word near an urgency word (either order), or shouted ("gas!!")."""
    return f"{either_order(hazard_word, _URGENCY, 8)}|(?:{hazard_word})\\s*!{{2,}}"


# What stops a fall from a balcony, walkway or stairs, and that barrier failing.
# ("balcony door / light / window" name something else on the balcony.)
_FALL_BARRIER = (r"\b(?:restrictors?|balcon(?:y|ies)(?! (?:doors?|lights?|windows?|floor|drains?"
                 r"|tiles?|ceiling|roof|blinds?))|railings?|banisters?|bannisters?"
                 r"|hand ?rails?|balustrades?|uprights?|spindles?|glass panels?|guard ?rails?"
                 r"|parapets?)\b")
_BARRIER_FAILED = (r"\b(?:loose|wobbl\w*|missing|gone|snapped|broken|broke|gap"
                   r"|(?:come|came|coming|fallen|fell) (?:out|off|away|loose))\b")
# A window fails as a barrier when it opens too far, not when its handle or glass is broken.
_WINDOW_OPEN = (r"\b(?:opens? (?:full|fully|all the way|right up|wide)|open full|wide open"
                r"|swings? (?:wide )?open|no restrictors?)\b")
# A failed barrier is an emergency when the text puts it above the ground or fears a fall.
AT_HEIGHT = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)? (?:floor|storey)|(?:floor|level) \d+|(?:first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|\d+(?:st|nd|rd|th)) floor"
    r"|(?:floors?|storeys?) (?:up|high)|high up|(?:big|long|sheer|huge|steep) drop"
    r"|drop (?:to|onto|down|below)|(?:could|might|can|will|would) (?:easily )?fall"
    r"|(?:afraid|scared|worried|frightened|terrified) (?:that )?(?:he|she|they|someone|somebody"
    r"|the kids|the children|my \w+|a child) (?:will |might |could |would |is going to )?fall"
    r"|fall (?:out|through|off|over|from)|nearly (?:fell|went (?:over|through|down)|fallen))\b"
)
# A door that will not lock or close; one that will not close by itself has a faulty closer.
_WONT_SECURE = r"unlockable|wontclose(?! (?:by|on) its(?:elf| own)| automatically)"

HAZARD_CUES: tuple[HazardCue, ...] = (
    # gas
    _cue("gas smell", "gas", "hard", either_order(_GAS_WORD, _SMELL, 6)),
    _cue("gas leak", "gas", "hard",
         either_order(_GAS_WORD, r"leak\w*|escap\w*|hiss\w*", 3)),
    _cue("gas smell", "gas", "hard", r"\brotten eggs?\b|\beggy smell"),
    _cue("gas hissing", "gas", "hard",
         either_order(r"hiss\w*", r"(?:gas )?(?:meter|pipe|cooker|hob|boiler)", 4)),
    _cue("odd smell at a gas appliance", "gas", "hard",
         either_order(r"\b(?:funny|strange|weird|odd|horrible|strong|chemical|sulphur\w*)"
                      r" (?:smell\w*|odou?r\w*|whiff)",
                      r"\b(?:cooker|hob|gas fire|boiler|meter|meter cupboard)\b", 6)),
    _cue("gas left on", "gas", "hard", r"\bleft (?:the )?gas on\b"),
    _cue("gas escaping", "gas", "hard",
         rf"{_GAS_THING} (?:is |s )?(?:still )?(?:coming (?:out|from|through|in)|pouring|blowing"
         r"|seeping|flowing|filling|building up|getting in)\b"
         r"|\b(?:full of|filling (?:up )?with|filled (?:up )?with) gas\b"),
    # carbon monoxide
    _cue("CO alarm sounding", "carbon_monoxide", "hard",
         near(r"\b(?:carbon (?:mon|di)oxide|carbon|monoxide|co2?)\b(?:\w+ ){0,2}\s?"
              r"(?:alarm|detector|monitor|sensor|thing|tester)s?",
              r"going off|gone off|went off|go off|sound\w*|beep\w*|bleep\w*|peep\w*|chirp\w*"
              r"|ring\w*|flash\w*|activated|alarming|screech\w*|scream\w*|triggered|nonstop|noise"
              r"|red light|reading \d+|readings?|rising|ppm", 7)),
    _cue("CO alarm sounding", "carbon_monoxide", "hard",
         near(r"alarm|detector", r"carbon (?:mon|di)oxide", 2)),
    _cue("alarm with symptoms", "carbon_monoxide", "hard",
         either_order(r"alarm|detector|beep\w*|bleep\w*|going off", _SYMPTOMS, 12)),
    _cue("carbon monoxide", "carbon_monoxide", "hard",
         r"\bcarbon monoxide (?:poison\w*|leak\w*|escap\w*)"),
    _cue("appliance fumes", "carbon_monoxide", "hard",
         either_order(r"\bfumes|\bfull of (?:smoke|fumes)",
                      r"\b(?:boiler|flue|gas fire|heater|cooker|hob|oven|fire)\b", 5)),
    _cue("fumes with symptoms", "carbon_monoxide", "hard",
         either_order(r"fumes|boiler|gas fire|flue|heater",
                      _SYMPTOMS, 12)),
    # fire and smoke
    _cue("fire", "fire", "hard",
         r"\b(?:on|caught|catch|catching|kitchen|house|flat|chip pan|pan|bin|electrical|small|big"
         r"|massive|huge|a) fire\b(?! (?:door|alarm|safety|risk|exit|escape|service|extinguisher"
         r"|blanket|assessment|inspection|officer|drill|test|brigade|regulation|check))"),
    _cue("fire", "fire", "hard",
         r"(?<!gas )(?<!electric )(?<!coal )(?<!real )\bfire (?:in|at) (?:the|my|our|a|flat|block"
         r"|kitchen|bin|next)\b|\bfire on (?:the )?(?:\w+ )?(?:floor|landing|stairs|balcony|block"
         r"|estate)\b|\bblaze\b|\bflames?\b|\b(?:is|are|s) (?:on fire|burning|alight)\b"
         r"|\balight\b|\bset (?:fire|light) to\b|\bset (?:on )?fire\b"
         r"|\b(?:fire|flames|blaze) (?:is |are |s )?(?:spreading|getting bigger|out of control)"
         r"|\bsmoul?der\w*|\bablaze\b"),
    _cue("explosion", "fire", "hard",
         r"\b(?:exploded|explosion|exploding)\b|\b(?:boiler|cooker|heater|meter|oven|hob|fridge"
         r"|freezer|microwave|washing machine|tumble dryer|dryer|appliance|battery|charger"
         r"|scooter|e ?bike|socket|fuse ?box|consumer unit) (?:has |just |s )*(?:blew|blown) up\b"),
    _cue("smoke", "fire", "hard",
         r"\bsmoke (?:is |was |s )?(?:coming|pouring|billowing|everywhere|filling|from|out|under"
         r"|going (?:in|into|up|through)|getting in|drifting|spreading|seeping|blowing in"
         r"|through|inside|all over|in (?:the|my))|\b(?:full of|filling with|filled with|thick"
         r"|black|see|seeing|saw|smell of|smelling of|smells of|there is|lots of) smoke\b"
         r"|\b(?:is|s|are) smoke\b(?! (?:alarm|detector|free|damage\w*|stain\w*|marks?))"),
    _cue("burning smell", "fire", "hard",
         r"\bburning smell|\b(?:smell\w*|stink\w*|whiff) (?:of |like )?(?:burn\w*|something burn\w*"
         r"|melt\w*)|\bsmells? burnt|\bburnt smell"),
    _cue("fire alarm sounding", "fire", "hard",
         near(r"(?:fire|smoke) alarms?", r"going off|gone off|went off|sound\w*|ring\w*|nonstop",
              3)),
    # electrical
    _cue("sparking", "electrical", "hard", r"\bspark(?:s|ing|ed|y)?\b"),
    _cue("exposed wiring", "electrical", "hard",
         r"\b(?:exposed|bare|live|loose|hanging|dangling|naked|open) (?:electric\w* )?"
         r"(?:wires?|wiring|cables?)\b|\b(?:wires?|wiring|cables?) (?:are |is )?"
         r"(?:just |all |now |still )?(?:exposed|hanging|sticking|showing|poking|dangling|bare|live"
         r"|out of)"),
    _cue("electric shock", "electrical", "hard",
         r"\b(?:electric\w*|small|an|a) shocks?\b|\bshock (?:off|from)\b|\bzapped\b"
         r"|\bshocked (?:me|him|her|us)\b|\bgot a shock\b|\belectrocut\w*"),
    _cue("burning or melting fitting", "electrical", "hard",
         near(rf"\b(?:{_ELEC_THING})",
              r"smok\w*|melt\w*|scorch\w*|charred|burn\w*|blackened|black|buzz\w*|crackl\w*"
              r"|fizz\w*|popp\w*|flash\w*|hot|on fire", 4)),
    _cue("scorched fitting", "electrical", "hard",
         near(r"scorch\w*|charred|burn marks?|melted|blackened|smoke",
              rf"\b(?:{_ELEC_THING})\b", 5)),
    _cue("tree or water on power lines", "electrical", "hard",
         near(r"\btrees?|branch(?:es)?|water|flood\w*",
              r"(?:on|onto|against|touching|across|over|into) (?:the |a |our )?(?:overhead )?"
              r"(?:power|electric\w*) (?:cables?|lines?|wires?)", 10)),
    _cue("water on electrics", "electrical", "hard",
         either_order(r"water|leak\w*|drip\w*|pouring|flood\w*|wet|soak\w*|sodden|gush\w*"
                      r"|piss\w*|pish\w*|spray\w*|seep\w*|streaming",
                      rf"(?:in|into|onto|on|to|through|thru|over|behind|near|round|around|under"
                      rf"|above|from|out of) (?:the |my |our |a |her |his |their )?(?:\w+ )?"
                      rf"(?:{_ELEC_TARGET})\b", 7)
         + rf"|\b(?:{_ELEC_TARGET}) (?:is |are |s |got |gone |getting )?(?:all )?(?:wet|soaked"
         rf"|soaking|dripping|full of water)\b", advice="water"),
    # water and flooding
    _cue("flooding", "water", "hard",
         r"\bflood\w*+(?! (?:in|on) (?:the |our |my )?(?:back |front )?(?:garden|lawn|road|street"
         r"|path|car park|field|drive))(?<!floodlight)(?<!floodlights)(?! lights?\b)"
         r"|" + near(r"\b(?:bathroom|kitchen|flat|house|hall\w*|bedroom|living room|lounge"
                     r"|landing|carpets?|floor)",
                     r"(?:like|literally|into|now) (?:a |an )?(?:swimming pool|lake|river"
                     r"|paddling pool|pond)\b", 4)),
    _cue("burst pipe", "water", "hard",
         r"\b(?:burst|bust|fractured|split|broken|snapped) (?:water )?(?:pipes?|mains?|tank"
         r"|cylinder|hose)\b|\b(?:pipes?|mains?|tank|cylinder)(?: \w+){0,4}? (?:has |have |is |s )?"
         r"(?:just )?(?:burst|bust|fractured|split|exploded)\b"
         r"|\bpipes? (?:has |have |is |s )?(?:just )?(?:gone|went|popped|blew|blown|given way"
         r"|gave way)\b"),
    _cue("water pouring in", "water", "hard",
         near(r"\bwater\b", r"pouring|gushing|pissing|streaming|spraying|spurting|cascading"
              r"|flowing|everywhere|coming (?:in|through|down|out|up|into)|running down"
              r"|(?:dripping|leaking|coming) (?:through|thru|from) (?:the |my )?(?:ceiling|roof)",
              3)
         + "|" + near(r"\b(?:pouring|gushing|pissing|streaming|spraying|spurting|cascading)",
                      r"water\b", 2)),
    _cue("ceiling leak", "water", "hard",
         r"\b(?:ceiling|ceilings) (?:\w+ ){0,2}(?:leak\w*|drip\w*|pour\w*)"
         r"|(?:leak\w*|drip\w*|pour\w*|coming|overflow\w*|gush\w*|pissing|streaming|flowing"
         r"|running|spraying) (?:through|thru|from|out of|down) (?:the |my |our )?"
         r"(?:\w+ ){0,3}ceiling"),
    _cue("cannot stop water", "water", "hard",
         r"\b(?:can|could) not (?:turn|switch) (?:off )?(?:the )?(?:water|stop ?cock|stop tap)"
         r"|\bstop ?(?:cock|tap) (?:will|does|would) not|\bcan not find (?:the )?stop ?(?:cock|tap)"
         r"|\bunable to (?:find|locate|turn off) (?:the )?(?:stop ?cock|stop tap|water)",
         negatable=False),
    _cue("major leak", "water", "hard",
         r"\b(?:uncontrollable|uncontainable|major|massive|huge|serious|severe|bad|big) "
         r"(?:water )?leak\b|\boverflowing (?:everywhere|onto|into|all over)"
         r"|\b(?:tank|cylinder)(?: \w+){0,4} (?:is |s )?overflowing\b"
         r"|\boverflowing (?:through|thru)\b"),
    _cue("leak", "water", "soft", r"\bleak\w*|\bdrip\w*"),
    # sewage
    _cue("sewage", "sewage", "hard",
         r"\b(?:raw )?sewage\b|\bsewers?\b|\bfaeces\b|\bexcrement\b|\bhuman waste\b|\bfoul water\b"
         r"|(?<!dog )\bpoo\b|\bsoil pipe\b"),
    _cue("drains backing up", "sewage", "hard",
         r"\b(?:drains?|toilets?|manhole|plughole) (?:is |are |s )?(?:backing up|backed up"
         r"|overflow\w*|coming up|bubbling up)|\bcoming (?:back )?up (?:through|thru|the) "
         r"(?:\w+ )?(?:drain|plughole|plug hole|shower tray|bath|toilet)"
         r"|\b(?:dirty|foul|black|brown|smelly|sewage) water (?:\w+ ){0,2}(?:coming|come|came"
         r"|comes|bubbling|backing) (?:up|out|back)"),
    _cue("only toilet blocked", "sewage", "hard",
         either_order(r"only (?:toilet|working toilet)|one toilet"
                      r"|toilet (?:is|s) (?:the |my |our )?only one",
                      r"block\w*|overflow\w*|notworking|broken|unusable", 5)),
    # structural
    _cue("structural failure", "structural", "hard",
         near(rf"\b(?:{_STRUCT})\b", _STRUCT_FAIL, 5)
         + "|" + near(r"\b(?:railings?|balcony|handrail|banister|steps?|chimney\w*|coping stones?"
                      r"|slates?|roof tiles?|guttering|fascia|canopy|bricks?|cladding|render"
                      r"|lintel)\b",
                      r"(?:came|come|coming|fell|fallen|falling|broke|broken|snapped|ripped|slid|sliding"
                      r"|slipping|slipped) off",
                      5)
         + r"|\b(?:it|its|it s|it has|has|have) (?:just |now )?(?:come|came|fallen|fell|caved)"
         r" (?:down|in)\b"),
    _cue("cracks spreading", "structural", "hard",
         near(r"\bcracks?|cracking", r"moving|falling|widening|wider|bigger|spreading|opening up"
              r"|bulg\w*|come in|coming in|come down|coming down", 6)),
    _cue("falling masonry or tree", "structural", "hard",
         r"\btree (?:has )?(?:fallen|fell|came down|come down|crashed) (?:on|onto|into|through)"
         r"|\bbricks? (?:are |have |has |already |just )*"
         r"(?:falling|fell|fallen|landed|landing|dropping|dropped|coming down|came down)"
         r"|\bhole in (?:the |my |our )?roof\b"),
    _cue("window fell out", "structural", "hard",
         near(r"\bwindows?", r"(?:fallen|fell|come|came|falling|coming) (?:out|in)\b", 5)),
    _cue("falling debris", "structural", "hard",
         near(r"fell|fallen|falling|(?:came|come|coming) off|dropped|dropping|blown off|slid off"
              r"|sliding (?:off|down)|slipping (?:off|down)",
              r"(?:nearly|almost|narrowly|just) (?:hit|missed|killed)|could (?:have )?(?:hit"
              r"|killed|hurt|kill)|could (?:drop|fall|land|come down) (?:on|onto)\b"
              r"|(?:onto|on to) (?:the )?(?:road|pavement|path|footpath|street|car park"
              r"|playground|people|someone|somebody)\b", 8)),
    _cue("broken glass hanging", "structural", "hard",
         r"\b(?:glass|panes?|glazing)\b (?:is |are |s )?(?:still |just )?(?:hanging|dangling)\b"),
    # A barrier against a fall that has failed: an emergency when the text puts it at height
    # or fears a fall (router: kind "at_height", lexicon AT_HEIGHT), else an urgent repair.
    _cue("barrier against a fall failed", "structural", "at_height",
         either_order(_FALL_BARRIER, _BARRIER_FAILED, 12)
         + "|" + either_order(r"\bwindows?\b", _WINDOW_OPEN, 12), advice="structural"),
    _cue("escape route blocked", "fire", "hard",
         r"\b(?:fire (?:exits?|escapes?)|escape routes?|emergency exits?|exit doors?)\b"
         r"(?: \w+){0,6}? (?:is |are |s |has been |have been |been )?(?:chained|padlocked"
         r"|locked shut|blocked|bolted|obstructed|bricked up|boarded up|nailed shut|screwed shut"
         r"|welded shut)\b|\b(?:chained|padlocked|locked|blocked|bolted|bricked up|boarded up)"
         r" (?:up )?(?:the |our |a )?(?:fire|emergency) (?:exit|escape)", advice="fallback"),
    _cue("crack or hole", "structural", "soft", r"\bcracks?\b|\bcracked\b|\bholes? in\b"),
    # security
    _cue("break-in", "security", "hard",
         r"\bbroken into\b|\bbreak[- ]?in\b|\bburgl\w*|\bforced (?:entry|open|in)\b"
         r"|\b(?:kicked|booted|smashed|forced|jemmied) (?:the door |my door |it )?in\b"
         r"|\b(?:try\w*|tried|attempt\w*) to (?:break|get|kick|force) (?:in|into|the door)"
         r"|\b(?:break|broke|kick\w*|smash\w*|forc\w*|bust\w*) (?:it|the door|my door|the lock"
         r"|her door|his door) (?:in|open|down)\b"
         r"|\bintruder"),
    _cue("home cannot be secured", "security", "hard",
         rf"\bunsecurable\b|\bunlockable up\b"
         rf"|{near(_EXTERNAL_DOOR, _WONT_SECURE, 6)}"
         rf"|{near('unlockable', 'doors?|flat|house|home|property', 3)}", negatable=False),
    _cue("door or lock smashed", "security", "hard",
         near(r"\b(?:front|back|main|entrance|external|patio|balcony|communal|rear) doors?|locks?"
              r"|door frame",
              r"smashed|snapped|kicked|hanging off|forced|splinter\w*|bust|broken off"
              r"|wide open|drilled\w*|ripped out|pulled out|snapped off"
              r"|(?:just )?(?:swings|swinging|blows|blowing) open", 6)),
    _cue("window smashed", "security", "hard",
         near(r"\bwindows?|glass", r"smashed|shattered|put through|wide open|boarded", 6)),
    # loss of essential services
    _cue("no heating", "loss_of_essential_service", "heating",
         r"\bno (?:central )?(?:heating|heat)\b|\b(?:heating|boiler|heaters?)(?: \w+){0,2}"
         r" (?:notworking|broken|broke|packed (?:up|in)|died|dead|kaput|gone|failed|stopped|off"
         r"|out|bust)"
         r"|\b(?:without|not got|have not got|has not got|no) (?:any )?(?:heating|heat)\b"
         r"|\bboiler (?:failure|breakdown)|\bheating (?:failure|breakdown)"
         r"|\b(?:total |complete )?loss of (?:all )?(?:the )?(?:heating|heat)\b"
         r"|\blost (?:the |our |all )?(?:heating|heat)\b|\bcan not get (?:the )?(?:heating|boiler)"
         r"|\b(?:all )?(?:the )?radiators (?:are )?(?:all )?(?:stone )?cold\b"
         r"|\bno gas\b(?! (?:smell|leak|safety|check|man|engineer))", negatable=False,
         advice="heating"),
    _cue("no hot water", "loss_of_essential_service", "hot_water",
         r"\bno hot water\b|\bhot water(?: \w+){0,2} (?:notworking|gone|off|broken)"
         r"|\bwithout (?:any )?hot water", negatable=False, advice="heating"),
    _cue("no water", "loss_of_essential_service", "water_supply",
         r"(?<!hot )\b(?:no|without|lost (?:all )?(?:the )?|not got any) (?:running |cold |mains )?"
         r"water\b(?! pressure)|\bnothing (?:is )?(?:comes?|coming) out (?:of )?(?:the |any )?taps"
         r"|\bwater (?:has been |is |s )?(?:cut off|off)\b|\bno water from"
         r"|\bwater (?:supply )?(?:to|in) (?:the |our |my )?(?:whole |entire )?(?:block|building"
         r"|flat|house|street|estate) (?:has been |is |s )?(?:cut off|off)\b"
         r"|\bwater supply (?:has been |is |s )?(?:cut off|off|gone)\b"
         r"|\bloss of (?:all )?(?:the )?(?:mains )?water\b(?! pressure)", negatable=False,
         advice="water_supply"),
    _cue("no power", "loss_of_essential_service", "power",
         r"\bno (?:electricity|electrics|electric|power|lights)\b(?! (?:in|to|on|from) (?:one|a"
         r"|the|my"
         r"|this|that) (?:\w+ )?(?:socket|plug|light|switch|room|cooker|shower|oven))"
         r"|\bpower (?:cut|outage|gone|off|out|failure)|\blost (?:all )?(?:the )?(?:power"
         r"|electricity|electric)|\b(?:electricity|electrics|electric|power|lights) (?:has "
         r"|have |s )?"
         r"(?:gone|off|out|cut|went)"
         r"|\ball (?:the )?(?:electrics|electricity|lights) (?:have |has )?(?:gone|off|out)"
         r"|\btrip switch (?:will|does) not (?:go back|reset|stay)"
         r"|\bloss of (?:all )?(?:the )?(?:power|electricity|electrics)\b", negatable=False,
         advice="power"),
    # lifts
    _cue("lift entrapment", "lift", "hard",
         near(r"stuck|trapped|jammed|stranded|shut", r"(?:in|inside) (?:the |a )?lift", 4)
         + "|" + near(r"\blift", r"stuck|trapped|jammed", 3)
         + r"|\bbetween floors\b"),
    _cue("lift doors shut on someone", "lift", "hard",
         r"\blift\b[^.!?\n]{0,40}?\b(?:stopped|stuck|jammed|broke down|broken down|juddered)\b"
         r"[^.!?\n]{0,40}?\bdoors? (?:will|would|do|does|did) not open"
         r"|\blift\b[^.!?\n]{0,80}?\b(?:(?:stuck|trapped|shut) (?:in|inside) (?:it|there)\b"
         r"|(?:we|i|he|she|they|someone|somebody|people|(?:my |our |the )?"
         r"(?!engineers?|technicians?|contractors?|workm[ae]n|mechanics?)\w+) (?:are|is|am|s)"
         r" (?:still )?(?:inside|in it|in there)\b(?! (?:now )?(?:fixing|working|repairing"
         r"|servicing|looking)))", negatable=False),
    _cue("lift out of order", "lift", "lift_out",
         near(r"\blift", r"notworking|broken|broke|out of order|out of service|out|down|dead"
              r"|kaput|stopped|failed|packed up|off", 3)),
    # welfare
    _cue("not seen", "welfare", "hard",
         r"\b(?:not|never|nobody) (?:has |have |had |s )?(?:been )?(?:seen|heard from)(?: \w+){0,3}"
         r" (?:him|her|them|neighbour|lady|man|gentleman|woman|mum|dad)\b"
         r"|\b(?:not|never|nobody) (?:has |have |had )?seen (?:him|her|them|my neighbour"
         r"|the (?:man|lady|woman|gentleman|neighbour|old))", negatable=False),
    _cue("no answer from a person", "welfare", "hard",
         r"\b(?:not|nobody|never|no one) (?:has |have |had |s |is |been )?(?:answer\w*|respond\w*"
         r"|open\w*|come to) (?:the |her |his |their |my )?(?:door|phone|calls?|texts?)\b"
         r"(?:\W+\w+){0,8}?\W+(?:days?|since|hours|all week|yesterday)\b"
         r"|\bno answer (?:at|from) (?:the door|her|him|them|the flat)", negatable=False),
    _cue("post piling up", "welfare", "hard",
         near(r"post|mail|newspapers?|milk|letters|parcels|papers",
              r"piling up|piled up|building up|still on|on the (?:step|mat|doorstep)", 3)),
    _cue("person collapsed or hurt", "welfare", "hard",
         r"\b(?:collapsed|unconscious|not breathing|not moving|unresponsive|cantbreathe)\b"
         r"|\b(?:i|he|she|they|someone|somebody|man|woman|lady|gentleman|neighbour|mum|dad|nan"
         r"|gran|husband|wife|partner|son|daughter|child|person|boy|girl) (?:has |have |had |s )?"
         r"(?:just )?(?:fallen|fell|had a fall|collapsed)\b|\bfallen and can not get up"
         r"|\b(?:struggling|fighting|gasping|labouring) (?:to breathe|for (?:breath|air))"
         r"|\bcan (?:barely|hardly) breathe|\bturning blue"
         r"|\b(?:shouting|calling|screaming|crying) (?:out )?for help|\bheard (?:a |him |her )?"
         r"(?:fall|crash|thud|scream\w*)"
         r"|\b(?:he|she|they|neighbour|man|woman|lady|gentleman|mum|dad|nan|gran|someone"
         r"|somebody|person|husband|wife|partner)(?: \w+){0,3} (?:found|lying|laid|lay|lies"
         r"|collapsed|fallen|fell)(?: down)? (?:on|in) the (?:\w+ )?(?:floor|ground)\b"
         r"(?! (?:floor|plan|tiles?|boards?))"
         r"|\bfound (?:him|her|them)(?: \w+){0,2} on the (?:floor|ground)\b", negatable=False),
    _cue("threat to life", "welfare", "hard",
         r"\bthreaten\w* (?:to kill|to hurt|me|us)\b|\bknife\b|\bgun\b|\bstab\w*"
         r"|\battack\w* (?:me|us|him|her)"
         r"|\bassault\w*|\bhitting (?:me|us)\b|\bdomestic (?:abuse|violence)\b|\bgoing to kill"
         r"|\bkill (?:me|myself|himself|herself|us)\b|\bhurt (?:myself|himself|herself)\b"
         r"|\bend (?:it all|my life)\b|\bsuicid\w*|\bself[- ]?harm\w*|\boverdose\w*"
         r"|\bwant to die\b|\bcan not (?:go on|cope|take (?:it|this)) any ?more\b"
         r"|\b(?:tablets|pills) (?:all )?out\b|\btake (?:all )?(?:my |the )?(?:tablets|pills)\b"
         r"|\bbetter off (?:dead|without me)\b|\bno point (?:in )?(?:living|going on)\b"
         r"|\b(?:threaten\w*|going|wants?|wanting|talking about|talk\w* of|says? (?:she|he|they)"
         r" (?:will|is going to|wants? to)) (?:to )?end(?:ing)? (?:it|things)\b"
         r"|\bend (?:his|her|their) (?:own )?life\b|\btake (?:his|her|their|my) own life\b"
         r"|\bkill (?:themselves|themself)\b"
         r"|\bbeing (?:hurt|attacked|beaten|hit|stabbed|strangled|assaulted|battered)\b",
         negatable=False),
    _cue("person shut in", "welfare", "hard",
         r"\b(?:child|baby|toddler|kids?|son|daughter|children) (?:is |are |got |s )?"
         r"(?:locked|shut|stuck|trapped) in\b|\blocked (?:themselves|himself|herself) in\b"
         r"|\b(?:mum|dad|nan|gran|grandad|grandma|neighbour|husband|wife|partner|he|she|i|we"
         r"|someone|somebody|man|woman|lady|gentleman|they) (?:is |are |am |s |has been "
         r"|have been |got |been )?(?:(?<!feel )trapped|locked in"
         r"|stuck in (?:the |her |his |their |my |our )?"
         r"(?:bathroom|toilet|bedroom|room|loo|shower|cupboard))\b"
         r"|\b(?:locked|shut) out\b[^.!?\n]*?\b(?:baby|toddler|child|children|kids?|son|daughter"
         r"|year old|month old|months old)\b[^.!?\n]*?\b(?:inside|indoors|in there|in the house"
         r"|in the flat)\b"),
    _cue("shut in at home", "welfare", "hard",
         r"\bcan not get out of (?:my|our|the|her|his|their) (?:flat|house|home|building|block)\b"
         r"|\b(?:jammed|stuck) shut\b[^.!?\n]*?\b(?:can not|none of us|nobody|no one)\b"
         r"[^.!?\n]{0,25}?\bget out\b",
         negatable=False),
    _cue("stuck in mobility equipment", "lift", "hard",
         near(r"stair ?lifts?|hoists?|sling",
              r"can not (?:lower|get (?:him|her|them|me|us) (?:down|off|out)|get (?:off|out|down))"
              r"|stuck (?:on|in) it|stopped (?:half ?way|with)|(?:s|is|are) in the sling"
              r"|(?:s|is|are) (?:still )?(?:on|in) it", 8), negatable=False),
    _cue("concern for a person", "welfare", "hard",
         r"\bworried about (?:my |the |our )?(?:elderly |old )?(?:neighbour|man|woman|lady"
         r"|gentleman|tenant)\b(?! s)|\bcheck on (?:him|her|them|the man|the lady|my neighbour"
         r"|the woman|the gentleman)\b|\bwelfare (?:check|concern)"),
    # Safety net (when in doubt, escalate): a serious hazard word in the same sentence as a cry
    # for help or fear, with no denial, question, history or resolution around it, even when
    # no specific pattern above describes what is happening.
    _cue("hazard word with urgency", "gas", "hard", _urgent_near(_GAS_THING)),
    _cue("hazard word with urgency", "fire", "hard",
         _urgent_near(r"\bsmoke\b(?! (?:alarm|detector|free))|\bburning\b|\bflames?\b"
                      r"|(?<!gas )(?<!electric )(?<!coal )(?<!real )(?<!log )\bfire\b(?! (?:door"
                      r"|alarm|safety|risk|exit|escape|extinguisher|blanket|assessment|brigade"
                      r"|service|officer|drill|regulations?))")),
    _cue("hazard word with urgency", "carbon_monoxide", "hard", _urgent_near(r"\bfumes\b")),
    # damp and mould (Awaab's law significant hazard, an urgent repair rather than an emergency)
    _cue("damp or mould", "structural", "soft", r"\bmould\w*|\bdamp\b|\bcondensation\b",
         advice="none"),
)

# --- context for hazards -------------------------------------------------------------------

NEGATION = re.compile(
    r"\b(?:no|not|never|nothing|without|none|zero|nor|neither|nobody)\b"
    r"(?! (?:sure|certain|idea|know|knowing|think|too sure|100|only|one|just|long ago|joke|worry"
    r"|mind|forget|like))"
)
# Resolution words that close a hazard ("all sorted", "turned out to be the drains").
RESOLVED = re.compile(
    r"\b(?:sorted|fixed|resolved|repaired|(?<!be )made safe|capped|all (?:ok|okay|fine|good|clear)"
    r"|(?:its|it s|it is|now|all|everything s|everything is) (?:fine|ok|okay|safe)"
    r"|(?:fine|ok|okay|alright|all right|gone|stopped) now|back on|working (?:again|now|fine)"
    r"|has stopped"
    r"|have stopped|it stopped|stopped it|false alarm|turned out|was (?:just|only|nothing)"
    r"|it was (?:the|just|only) (?:\w+ ){0,3}(?:cooker|hob|oven|drains?|battery|toast|cooking"
    r"|bins?|washing machine|hose|candle|neighbours?|test)|found nothing|nothing (?:wrong"
    r"|found)|put (?:it )?out|(?<!are )(?<!got )(?<!get )(?<!is )all out|under control"
    r"|no damage|no longer|not anymore|anymore|burnt (?:the )?(?:toast|food|dinner)"
    r"|(?:my|was|from|just) cooking|dried out|has since been|been and (?:fixed|gone)"
    r"|(?:changed|replaced) the battery|mopped (?:it )?up|(?:dry|dried out) now|it s dry"
    r"|thanks? (?:you )?(?:so much |very much )?for (?:sending|coming|fixing|sorting|attending"
    r"|dealing|the (?:quick|fast)|your (?:quick|fast)|such a (?:quick|fast)))\b"
)
UNRESOLVED = re.compile(
    r"(?<!working )(?<!back on )(?<!fine )(?<!ok )\bagain\b|\blast time\b|\b(?:you|u|they) said\b"
    r"|\bsupposedly\b|\bapparently\b|\bmeant to (?:be|have)\b|\brepaired \w+ last\b"
    r"|\b(?:still(?! (?:fine|ok|okay|works|working))|worse|not (?:been )?(?:sorted|fixed|resolved"
    r"|stopped|gone|safe)|never (?:fixed|sorted)|keeps|is back|are back|came back|come back"
    r"|back again|happening again|started again|doing it again|going off again)\b"
)
HYPOTHETICAL = re.compile(
    r"(?<!not sure )(?<!wondering )(?<!unsure )(?<!know )\b(?:if|in case|in the event(?: of)?"
    r"|what (?:do|should|would|happens) (?:i|we|you)?|who (?:do|should|would) (?:i|we) "
    r"(?:call|ring|contact)|how (?:do|can|would|often) (?:i|we|you)|will there be"
    r"|is there going to be|are you going to|going to be any|number for|just thinking"
    r"|for future reference|thinking of|(?:dangerous|safe|ok|okay|allowed) to (?:have|get|use"
    r"|install|put|keep)|should (?:i|we) (?:turn|switch|leave|put|keep))\b"
)
PAST = re.compile(
    r"\b(?:last (?:year|month|winter|summer|spring|autumn|christmas)|(?:\d+|a|an|one|two|three"
    r"|four|five|six|few|couple of|several|many) (?:months?|years?) ago|years ago|back in"
    r"|(?:in|at) my (?:old|last|previous|former) (?:flat|house|home|property|place|address)"
    r"|previously|in the past|previous tenant|in (?:january|february|march|april|may"
    r"|june|july|august|september|october|november|december)|(?:it|that) took (?:you|them|your"
    r"|the|u)|had a (?:small )?(?:fire|leak|flood)|following the)\b"
)
ONGOING = re.compile(r"\b(?:still(?! (?:ok|okay|fine|safe|good|working|works))|again|right now"
    r"|currently|at the moment|keeps|worse|today"
                     r"|tonight|this (?:morning|evening|afternoon))\b")
REPORT_VERB = re.compile(r"\b(?:report\w*|told (?:you|u)|rang|phoned|called|chased|mentioned)\b")
# A resident saying it can wait only lowers conditional hazards (no heating with a fire on).
CAN_WAIT = re.compile(
    r"\b(?:not (?:an )?(?:urgent|emergency)|no rush|no hurry|when(?:ever)? (?:you|convenient"
    r"|someone) (?:can|is)|fine (?:with|for now)|we are fine|we re fine|we have (?:\w+ )?heaters?"
    r"|have (?:got )?(?:an? )?(?:electric|portable|oil) (?:heaters?|fires?)|using the (?:fire|bath)"
    r"|can shower|not in danger)\b"
)
COLD = re.compile(
    r"\b(?:freezing|frozen|snow\w*|icy|ice|frost\w*|below (?:zero|freezing)|minus \d+|bitter\w*"
    r"|baltic|perishing|arctic|(?:so|really|very|too|extremely|bitterly) cold|cold in here"
    r"|temperature (?:is )?dropping|(?:live|living|sat|sitting) in (?:a |an )?(?:fridge|freezer"
    r"|igloo))\b|-\s?\d+\s?(?:c|degrees)?\b|\b(?:[0-9]|1[0-4]) degrees\b"
)
# Harm to health that makes damp and mould a "significant hazard" under Awaab's Law.
HEALTH_EFFECT = re.compile(
    r"\b(?:asthma\w*|breath\w*|wheez\w*|chest(?: infection\w*)?|cough\w*|respiratory|lungs?"
    r"|inhaler|nebuli[sz]er|allerg\w*|ill|illness|poorly|unwell|sick|hospital\w*|gp|doctor"
    r"|a and e|infections?|rash\w*|eczema)\b"
)
# A smoke or CO alarm asking for a battery or a replacement is a repair, not an alarm.
ALARM_FAULT = re.compile(
    r"\b(?:end of (?:its )?life|says end|low batter(?:y|ies)|batter(?:y|ies) (?:is |are |s )?"
    r"(?:low|dying|flat|going|dead|running out)|needs? (?:a )?(?:new )?(?:batter(?:y|ies)"
    r"|replac\w*)|expired|out of date|once every so often|every (?:so often|now and (?:then"
    r"|again))|flash\w* green|green (?:light|flash\w*)|standby)\b"
)
URGENT = re.compile(r"\b(?:urgent\w*|emergency|asap|as soon as possible|help|immediately"
                    r"|straight away|right away)\b")

# --- vulnerability -------------------------------------------------------------------------

VULNERABILITY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("elderly", re.compile(
        r"\b(?:elderly|pensioners?|oap|frail|old (?:lady|man|gentleman|woman|couple|age|people)"
        r"|(?:aged?|is|am|s|he is|she is|i am|mum|dad|nan) \(?(?:6[5-9]|[7-9]\d|10\d)\b"
        r"|\((?:6[5-9]|[7-9]\d|10\d)\)|(?:6[5-9]|[7-9]\d|10\d) ?(?:years? old|yrs?|yo)\b"
        r"|in (?:his|her|their|my|our) (?:70s|80s|90s|seventies|eighties|nineties)"
        r"|(?:seventy|eighty|ninety)\w*|nan|nana|nanna|gran|granny|grandma|grandmother|grandad"
        r"|grandpa|grandfather|[89]0th"
        r"|(?:mum|mother|dad|father|husband|wife|he|she) (?:is|s) (?:very |quite |getting |too )?"
        r"old)\b(?! enough)")),
    ("child", re.compile(
        r"\b(?:bab(?:y|ies)|newborn|new born|infants?|toddlers?|kids?|children|child|little (?:one"
        r"|ones|boy|girl|un)|sons?|daughters?|grandson|granddaughter|grandchildren|grandkids"
        r"|weans?|bairns?|wee (?:one|ones|un|man|boy|girl)|\d+ (?:month|week|mth|wk)s? old"
        r"|(?:[1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"[ -]?(?:years?|yrs?|months?|weeks?)[ -]old"
        r"|under (?:[1-5]"
        r"|one|two|three|four|five)s?|twins|boy|girl)\b")),
    ("pregnancy", re.compile(
        r"\b(?:pregnant|pregnancy|expecting(?: a baby)?|baby on the way|due in \d+ weeks"
        r"|weeks gone)\b")),
    ("medical_equipment", re.compile(
        r"\b(?:oxygen|concentrator|dialysis|ventilator|nebuli[sz]er|cpap|feeding pump|stair ?lift"
        r"|hoist|electric (?:bed|wheelchair)|medical equipment|insulin|suction machine"
        r"|life support|ventilation machine)\b")),
    ("disability", re.compile(
        r"\b(?:disabled|disabilit\w*|wheelchair|mobility|crutches|walking (?:frame|stick)|zimmer"
        r"|blind|deaf|partially sighted|learning difficult\w*|autis\w*|dementia|alzheimer\w*"
        r"|parkinson\w*|copd|asthma\w*|heart (?:condition|problems?|failure)|cancer|chemo\w*"
        r"|terminally ill|bed ?bound|housebound|carer|care package|epilep\w*|stroke|diabet\w*"
        r"|arthritis|vulnerable|poorly|unwell|ill|chest infection\w*|breathing problems"
        r"|disabled|operation|hip|mental health)\b")),
    ("alone", re.compile(
        r"\b(?:on my own|by myself|live alone|living alone|lives alone|alone|on (?:his|her) own"
        r"|single (?:mum|mother|parent|dad))\b")),
)
VULNERABILITY_SYNONYMS = {
    "older person": "elderly", "older": "elderly", "age": "elderly", "children": "child",
    "baby": "child", "young child": "child", "mobility": "disability",
    "medical": "medical_equipment", "oxygen": "medical_equipment", "pregnant": "pregnancy",
    "lives alone": "alone",
}

# --- dissatisfaction -----------------------------------------------------------------------

_LANDLORD = (r"you|your|magna|landlord|council|housing|contractors?|engineers?|plumbers?"
             r"|electricians?|workm[ae]n|operatives?|staff|officer|surveyor|caretaker|handyman"
             r"|repairs? team|call centre|repair|service|response|they|them|man|guy")

COMPLAINT_CUES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("formal complaint", 3, re.compile(
        r"\b(?:ombudsman|stage (?:2|two|one|1)|formal(?:ly)? complain\w*|escalat\w*"
        r"|compensation|my complaint|complaint (?:ref|reference|about (?:the|your|how|my))"
        r"|(?:make|raise|log|register|making|raising) (?:a |my )?(?:formal )?complaint"
        r"|dissatisf\w*|register my)\b")),
    ("complaint word", 2, re.compile(
        r"\bcomplain\w*\b(?! (?:to|about) (?:my |the |our )?(?:neighbour|noise|next door"
        r"|people|man|woman|family|kids|dog))")),
    ("nobody came or called", 2, re.compile(
        r"\bnobody (?:has |had |have |s |is |ever |even |will |at \w+ \w+ )?(?:came|come|turned up"
        r"|cleaned|emptied|repaired|mended|attended|visited|updated"
        r"|showed|shown|arrived|rang|rung|called|phoned|contacted|replied|responded|got back"
        r"|cut|mowed|cleared|collected|finished|completed|returned|cares"
        r"|gets back|been|bothered|done|did|answer\w*|can|checked|came back|working|tell\w*"
        r"|explain\w*|help\w*|fix\w*|sort\w*|correct\w*|listen\w*|apologi\w*"
        r"|tak\w* responsibility|looked into|look\w* into)"
        r"|\bnobody (?:has|have|did|does|ever does)\b(?= *(?:[.!,]|$))")),
    ("nobody came or called", 2, re.compile(
        r"\b(?:never|not|did not|has not|have not|had not|does not) (?:even |ever |yet )?"
        r"(?:came|come|turned up|turn up|shown up|showed up|show up|showed|arrived|turn\w* up"
        r"|rang|rung|called|phoned|got back|replied|responded|been back|come back|heard"
        r"|returned|happened|bothered|received (?:a|any)|had (?:a|any) (?:reply|response"
        r"|call|update)|get back|call back|ring back|fix\w*|been fixed|been done|sorted|done"
        r"|finished|finish|completed|complete|addressed|resolved|cleaned|been cleaned|emptied"
        r"|been cut|cut|been in|been round"
        r"|visited|consulted|paid|been paid)\b(?! on\b)"
        r"|\b(?:they|you|he|she|it) (?:have|has|did|do|does|was|were) not\s*(?:[.!,]|$)")),
    ("nobody came or called", 2, re.compile(
        r"\b(?<!knocked and )(?<!knocked but )(?<!knocking and )(?<!knocking but )"
        r"no (?:reply|response|answer|call ?back|acknowledgement|word|update|contact)\b"
        r"|\bno sign of (?:anyone|anybody|them|him|her|the (?:engineer|plumber|contractors?"
        r"|workm[ae]n|repair)|a (?:plumber|engineer|contractor))\b|\bheard nothing\b"
        r"|\bnever (?:is|are|will|heard|do|does|did|happen\w*|come|comes)\b"
        r"|\bwithout (?:doing|fixing|finishing|completing|repairing)\b|\bno show"
        r"|\bnothing (?:has |have )?(?:been |was |is being )?done\b"
        r"|\bno work (?:has |have )?(?:been |was )?done\b"
        r"|\b(?:do|done|doing) nothing\b|\bstill nothing\b|\bdo anything about\b"
        r"|\bnothing (?:ever )?(?:gets?|got) (?:done|fixed|sorted|sorted out)\b"
        r"|\bwithout (?:anyone |any(?:body)? )?(?:telling|explaining|notice|warning|consult\w*"
        r"|asking)|\bclosed without|without (?:the work )?(?:being )?(?:done|fixed|completed)"
        r"|\brings? out\b|\bnothing since\b|\bkeeps? (?:saying|telling|promising|sending|fobbing)"
        r"|\bmissed (?:\w+ )?appointments?|\bnot a (?:fix|solution|repair)\b")),
    ("still waiting", 2, re.compile(
        r"\bstill (?:waiting|no|not|nothing|nobody|broken|leaking|hanging|there|outstanding"
        r"|hav\w*|got|the same|a problem|unresolved|getting|cannot|can not)\b"
        r"|\b(?:waited|waiting|wait) (?:in )?(?:all|since|for (?:weeks|months|ages|over|\d+)"
        r"|\d+ (?:hours|hrs|days|weeks|months)|over|in vain|around)"
        r"|\bkept (?:waiting|on hold)|\bon hold\b"
        r"|\b(?:you|u|they) said (?:\w+ ){0,3}(?:would|will|d|was|were|it)\b"
        r"|\b(?:meant|supposed) to (?:come|be|have|fix|ring|call)\b"
        r"|\bhow (?:are|am) (?:we|i) supposed to\b"
        r"|\b(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|few|couple of|several|many)"
        r" (?:days|weeks|months|years) (?:of )?(?:waiting|waited)\b"
        r"|['\"] (?:they|you|he|she) said\b")),
    ("promised", 1, re.compile(r"\b(?:told|promised|promises|assured)\b")),
    ("promise of action", 1, re.compile(
        r"\b(?:told|promised|said|assured) (?:\w+ ){0,4}(?:would|will|d|was going to)\b")),
    ("damage by our people", 2, re.compile(
        r"\b(?:contractors?|engineers?|workm[ae]n|plumbers?|painters?|gardeners?|operatives?"
        r"|your man|handyman|electricians?|surveyor|builders?|fitters?|decorators?)\b(?: \w+){0,6}"
        r" (?:damaged|broke|scratched|strimmed|ruined|smashed|cracked|left (?:scratches|marks"
        r"|damage|stains|my|it|us|me|mud|muck|dirt|a mess|mess|rubbish|rubble|glass)|walked"
        r"|took (?:the |my |our )?(?:old )?\w+ (?:out|off|away)"
        r"|left (?:the |my |our )?(?:\w+ ){0,5}(?:off|open|exposed|unsafe|live|hanging))\b")),
    ("disruption by our works", 2, re.compile(
        r"\b(?:noise|mess|dust|disruption|dirt|racket)\b[^.!?\n]{0,60}\b(?:your|the council s"
        r"|the landlord s) (?:contractors?|workm[ae]n|builders?|operatives?|works)\b"
        r"|\b(?:your|the council s|the landlord s) (?:contractors?|workm[ae]n|builders?"
        r"|operatives?|works)\b[^.!?\n]{0,60}\b(?:noise|mess|dust|disruption|racket)\b")),
    ("repeat report", 2, re.compile(
        r"\b(?:second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|umpteenth|\d+th) time\b"
        r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|numerous|multiple"
        r"|countless|so many) (?:times|calls|emails|visits|reports|phone calls|messages)"
        r"|\bhow many times\b|\bagain and again\b|\bchas(?:ed|ing) (?:this|it|up|again|for"
        r"|\d|several|many|three|four|five|twice)|\b(?:asked|rang|called|reported|emailed"
        r"|told you|chased|phoned|written|wrote|contacted|messaged|texted|complained) (?:you "
        r"|u |them |this |it |about it )?(?:twice|repeatedly"
        r"|before|already|numerous|several|many|again)\b|\brepeatedly\b")),
    ("time waiting", 1, re.compile(
        r"\b(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|few"
        r"|couple of) (?:weeks|months|years|wks)\b|\bover a (?:week|month|year)\b|\bfortnight\b"
        r"|\bsince (?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december|last|the|20\d\d|\d)|\bfor (?:weeks|months|ages|years|a year)\b"
        r"|\bit s been\b|\bits been\b|\bit has been\b|\bagain\b"
        r"|\bstill\b(?! (?:ok|okay|fine|works|working|good|safe))|\bmonths?\b")),
    ("poor work", 2, re.compile(
        r"\b(?:made it worse|did not do (?:the |a |his |her |their |it )?(?:job |work )?properly"
        r"|bodged|botched|shoddy|poor(?:ly)? (?:workmanship|job|work|standard"
        r"|quality|repair|service)|not done properly|bad job|terrible job|did not fix"
        r"|not (?:even )?"
        r"fix(?:ed)? (?:it|properly|anything)|did not (?:have|bring) (?:the |any )?(?:right )?"
        r"(?:parts?|tools?|materials?)|patched|painted over|left (?:a |the |my )?(?:\w+ )?(?:mess"
        r"|rubble|rubbish|debris|holes?|dust|garden full|nails)|left without|ruined"
        r"|paint all over|mud (?:all )?through|falling apart|did not know what|wrong parts"
        r"|not his job|not their job|refused|closed (?:my|the) (?:job|repair)"
        r"|marked as (?:done|complete)|not (?:been )?(?:fixed|done|finished|completed|sorted)"
        r"|(?:says?|said) (?:it s |it is |my \w+ is |the \w+ is )(?:done|complete|fixed)"
        r"|(?:your|their|the contractors?|the council s|council s|contractors?) fault"
        r"|other one s job|not my fault|in a (?:mess|state)"
        r"|left (?:\w+ )?(?:marks|footprints|stains|scuff marks)"
        r"|(?:you|they|your \w+) (?:put up|put in|fitted|installed|replaced|fixed|repaired|laid)"
        r"(?: \w+){0,3} (?:fell (?:down|apart|off)|broke|came (?:off|down|apart|loose)"
        r"|stopped working|started leaking)"
        r"|(?:\d+|two|three|four|five|several|so many) (?:different|diff) (?:things|answers"
        r"|stories|dates|excuses|reasons)|conflicting (?:information|advice|answers)"
        r"|(?:you|they) (?:have |has )?lost (?:my|our|the)"
        r"|(?:application|form|forms|paperwork|file|documents|letter|records|details)"
        r" (?:was|were|has been|have been|got) lost"
        r"|(?:your|their|the) (?:records|system|figures|information) (?:is|are|s) (?:wrong"
        r"|incorrect))\b")),
    ("damage or disruption", 1, re.compile(
        r"\b(?:damaged|scratch\w*|broke (?:my|the|a)|cancell?ed|left (?:the|my|it|us|me|them)"
        r"|blocked my|mess)\b")),
    ("staff conduct", 2, re.compile(
        r"\b(?:rude|swore|swearing at|unprofessional|dismissive|condescending|patronising"
        r"|attitude|shouted at|laughed at|hung up|disrespectful|lied|lie to|fobbed"
        r"|lying(?! (?:on|in|around|across|down|there|under|over|by|next|against|about|flat|face"
        r"|loose|open|outside|everywhere|all|in the))"
        r"|fob (?:us|me) off|pillar to post|ignor\w*|passed around|smoking in my|no apology"
        r"|did not (?:even )?apologi\w*|spoke to me|spoken to|treated|shouty|shouted|aggressive\w*"
        r"|intimidat\w*|bull(?:y|ied|ying)|belittl\w*|made me (?:cry|feel)|liar|called me"
        r"|passed (?:\w+ ){0,3}(?:departments?|teams?|people|officers?)|exaggerat\w*"
        r"|dismissed (?:my|me|it|what)|kept interrupting)\b")),
    ("strong feeling", 2, re.compile(
        r"\b(?:unacceptable|not acceptable|(?:how|why) is (?:it|this|that) acceptable|disgrace\w*"
        r"|appalling|shocking|shocker|shameful|negligent|outrageous|pathetic|useless|incompetent"
        r"|a joke|joke of|ridiculous|not good enough|let down|worst|not happy|unhappy"
        r"|disappoint\w*|fed up|sick of|sick and tired|fuming|furious|angry|frustrat\w*"
        r"|had enough|end of my tether|not impressed|unfair|getting nowhere|rubbish service"
        r"|poor service|terrible service|awful service|very poor|disgust\w*|absolute\w* (?:joke"
        r"|shambles)|shambles|waste of|a nightmare|beyond a joke|expected better|no excuse"
        r"|insult\w*|should be ashamed|not right|not fair|stress\w*|upsetting|upset|distressing"
        r"|not nice"
        r"|we pay (?:a |the )?(?:service charge |rent )?for|paying for (?:this|a service)"
        r"|so hard to|imagine paying|under review|so called|can not make this up"
        r"|what s the point|what is the point|cheap rubbish|cheap and nasty|(?:still|we) pay"
        r" (?:for (?:it|this|that)|for the (?:privilege|service))|top marks)\b")),
    ("money wronged", 1, re.compile(
        r"\b(?:charged (?:me|us|for|£|\d)|want (?:that|my|the|our) money back|wrongly|not my fault"
        r"|who (?:is|s) (?:going to )?pay\w*|(?:your|the council s|the landlord s) responsibility"
        r"|extra out|taken (?:£|\d)|paid (?:and|but)"
        r"|proof|error on (?:my|the)|not paying)\b")),
    ("disputed or owed an apology", 2, re.compile(
        r"\b(?:want (?:it|this|that|the charge|the money|them) (?:reversed|refunded|removed"
        r"|written off|taken off|cancelled)|(?:this|that|it) is (?:wrong|not correct|incorrect"
        r"|unjust)|i (?:never|did not) (?:damage|break|broke|cause)\w*"
        r"|(?:want|expect|demand|deserve)\b[^.!?\n]{0,30}\b(?:apology|sorry)"
        r"|(?:like|want) (?:this|it|that|the charge|the decision) (?:to be )?(?:reviewed"
        r"|reconsidered|looked at again))\b")),
    ("overcharged", 2, re.compile(r"\bover ?charg\w*|\bcharged twice\b")),
    ("sarcasm", 2, re.compile(
        r"\b(?:great|brilliant|fantastic|lovely|wonderful|superb|amazing|excellent|nice one"
        r"|well done|cheers|thanks|thank you|love|wow)\b(?:[^.!?\n]*?)\b(?:for (?:nothing"
        r"|leaving|cancell\w*)|leaving|left|another|again|only took|as (?:always|usual)|missed"
        r"|took (?:\w+ )?(?:weeks|months)|a lot|not|yet again)\b|\bthanks for nothing\b"
        r"|\bonly took\b|\bas (?:always|usual)\b|\breally\.\s*$|\.\.\. not\b")),
    ("question of service", 1, re.compile(
        rf"\b(?:why (?:is|are|has|have|did|does|do|was|were|can|should) (?:\w+ )?(?:{_LANDLORD}"
        rf"|it|this|my|nobody|no)|what is going on|whose job|what do i have to do"
        rf"|what does it take|how long does it take)\b")),
    ("pointed question", 2, re.compile(
        r"\b(?:is (?:anyone|anybody) (?:actually|even|ever|going to)|why (?:did|has|have|is)"
        r" (?:your|you|nobody|no one)|why is it so hard|why lie|anyone actually"
        r"|how (?:could|can|dare) (?:you|they)|who (?:even|actually|ever) (?:fixes|does|answers"
        r"|reads|cares|checks)|how (?:this|that|it) (?:happened|could happen|was allowed)"
        r"|why (?:was|were|am|are|have|has|should|do|did) (?:i|we) (?:been |being )?(?:charged"
        r"|billed|sent|told|left|made|treated|ignored|paying|pay|chas\w*|have to)"
        r"|why (?:i|we) (?:have |has |had )?(?:been |was |were |am |are )?(?:being )?(?:charged"
        r"|billed))\b")),
    ("slow response", 2, re.compile(
        r"\b(?:it|that) took (?:you|them|your \w+|u|the council|the landlord) (?:\w+ ){0,2}"
        r"(?:days|weeks|months)\b|\bcould have (?:been killed|died|been hurt)"
        r"|\b(?:turned up|came|arrived|showed up|rang|called|got back)(?: \w+){0,2} (?:days"
        r"|weeks|months|hours) late(?:r)?\b")),
    # Irony: praise that means its opposite, or a service word in scare quotes ('fixed').
    ("ironic praise", 2, re.compile(
        r"\bso much for\b|\blike everything else (?:round|around|in) here\b"
        r"|\b(?:love|loving|great|brilliant|fantastic|wonderful) (?:that|how) (?:i|we|you|your"
        r"|they|nobody|it)\b"
        r"|['\"](?:fixed|repaired|priority|urgent|emergency|inspection|inspected|survey"
        r"|surveyed|assessed|assessment|investigat\w*|customer (?:promise|service|care|charter)"
        r"|completed?|sorted|done|temporary|in progress|visit|repair|service|help|helpful)['\"]")),
    # A visit or answer that does not deserve its name ("that isn't an inspection").
    ("not the real thing", 2, re.compile(
        r"\b(?:(?:is|s|was) not|call (?:that|this)|calls? (?:that|this)) (?:an? |what i call an? )?"
        r"(?:proper |real |actual )?(?:inspection|survey|investigation|assessment|repair|fix"
        r"|solution|job|visit|answer|response)\b(?! (?:request|question|issue|matter|number"
        r"|reference))"
        r"|\bnever (?:been )?(?:\w+ed|done) (?:properly|right|correctly)\b")),
    ("taking too long", 2, re.compile(
        r"\b(?:is|s|taking|taken|takes|took|way|far|much|waited|waiting|been|wait) too long\b")),
    # Staff telling a resident to live with it ("the officer said 'just get earplugs'").
    ("told to live with it", 2, re.compile(
        r"\b(?:said|says|told (?:me|us|her|him)|suggested)(?: \w+){0,2} (?:to )?['\"]?"
        r"(?:just (?:get|buy|ignore|wear|open|wipe|live with|put up with|deal with|keep)"
        r"|(?:live|put up) with it|(?:get|buy|wear) (?:some )?ear ?plugs)")),
    ("challenges a decision", 2, re.compile(
        r"\b(?:appeal\w* (?:against )?(?:the|this|your|that|their|my|a) decision"
        r"|(?:challenge|dispute|contest|question) (?:the|this|your|that) decision"
        r"|not (?:been )?(?:properly|fairly) (?:considered|assessed|looked at)"
        r"|(?:wrong|unfair|unjust) decision)\b")),
    # A bill for what the resident does not get, or asked to be put right.
    ("charge disputed", 2, re.compile(
        r"\bcharg\w* (?:me |us )?(?:for|of) (?:a |an |the )?['\"]?(?:\w+ ){0,3}['\"]? ?(?:we"
        r"|i) (?:do not|never|did not|have not) (?:have|get|use|receive|got)\b"
        r"|\b(?:explain and |please )correct (?:this|it|the (?:bill|charge|error|mistake))\b")),
    # We could not be reached.
    ("could not reach us", 2, re.compile(
        r"\b(?:line|phone|number|phones) (?:is |was |are |were |s )?(?:always |constantly "
        r"|permanently )?(?:engaged|busy|dead|never answered)\b"
        r"|\b(?:can|could) not get through (?:to (?:you|anyone|anybody|your|the (?:office"
        r"|council|repairs|emergency))|on the phone)|\banswer (?:your|the) (?:phones?|emails?)\b")),
    # An eye-roll or angry face: weak on its own, it adds to other signs of dissatisfaction.
    ("exasperated emoji", 1, re.compile("[\U0001F644\U0001F624\U0001F621\U0001F92C"
                                        "\U0001F620\U0001F926]")),
)

# Asking about the complaints process (complaint-rules.md 1.2/1.3: a complaint is dissatisfaction
# expressed; asking how to complain is a request for information, after which the landlord must
# offer the choice). It stays a complaint when a grievance, a target or an intent is stated.
COMPLAINT_PROCESS = re.compile(
    r"\b(?:how (?:do|can|would|should|to) (?:i |we |you |one )?(?:make|raise|log|submit|put in"
    r"|go about|complain|escalate)|where (?:can|do|would) (?:i|we) (?:find|get|see|read|send)"
    r"|(?:can|could|may) (?:i|we|someone|my \w+) (?:make|raise|put in|submit|complain)"
    r"|how long (?:do|does|will|should) (?:you|it|a|the)|what (?:s|is) the (?:difference|process"
    r"|procedure)|(?:do|does) not want to (?:make a )?complain"
    r"|complaints? (?:policy|procedure|process|form|leaflet))\b"
)
COMPLAINT_STATED = re.compile(
    r"\bcomplain\w* (?:about|re|regarding|against|over)\b"
    r"|\b(?:i|we) (?:want|wish|would like|d like|am going|are going|need) to (?:make|raise|log"
    r"|put in|submit|escalate) (?:a |my |our )?(?:formal )?complaint"
    r"|\b(?:i|we) (?:want|wish|would like|d like) to complain|\bthis is a (?:formal )?complaint"
    r"|\b(?:i|we) (?:am|are) complaining"
)
# A complaint about a neighbour is an anti-social behaviour report, not a complaint about us.
ASB_TARGET = re.compile(
    r"\b(?:neighbours?|next door|upstairs|downstairs|flat \d+|no \d+|number \d+|tenants?"
    r"|people|kids|youths|lads|teenagers|gang|dogs?|they re|man upstairs|family)\b"
)
LANDLORD_TARGET = re.compile(
    rf"\b(?:{_LANDLORD}|appointment|repair\w*|job|reported|report|chas\w*|booked|visit)\b"
)
NEUTRAL_CHASE = re.compile(r"\b(?:any (?:update|news)|just (?:checking|wondering|confirming)"
                           r"|update on|what time|when is|when will|confirm)\b")

# --- topics -------------------------------------------------------------------------------

TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("anti_social_behaviour", re.compile(
        r"\b(?:anti ?-?social|asb|nuisance|noise|noisy|loud|music|part(?:y|ies)|shouting|banging"
        r"|stomping|harass\w*|abus\w*|threaten\w*|intimidat\w*|drug\w*|dealing|cannabis|weed"
        r"|graffiti|vandal\w*|fly ?tip\w*|dumped|fireworks|needles|injecting|barks?|barking"
        r"|dog (?:mess|poo|fouling)|racis\w*|hate|gang|youths|fighting|screaming|kicking a ball"
        r"|throwing stones|parking in my|parked across|abandoned car|boundary dispute)\b")),
    ("income", re.compile(
        r"\b(?:rent|arrears|payments?|pay|paid|paying|direct debit|standing order|universal credit"
        r"|uc|housing benefit|benefits?|balance|statement|owe|debt|refund|overpayment|service"
        r"charges?|charges?|charged|account|money|bank|card|wages|housing costs|esa|income"
        r"|£\d+)\b|£\s?\d+")),
    ("tenancy", re.compile(
        r"\b(?:tenancy|mutual exchange|exchange|swap|homeswapper|transfer|succession|joint tenant"
        r"|lodger|pets?|a dog|permission|right to buy|give notice|notice on|end(?:ing)? my tenancy"
        r"|hand in (?:my |the )?keys|tenancy agreement|satellite dish|shed|move in|moving (?:in"
        r"|out)"
        r"|moving into|my details|phone number|banding|housing register|bigger property"
        r"|reference for|partner|care home|passed away|new tenant|parking (?:permit|space)"
        r"|residents (?:panel|meeting)|newsletter|volunteer\w*|garages?)\b")),
    ("repairs", re.compile(
        r"\b(?:repairs?|fix\w*|broken|broke|leak\w*|drip\w*|boiler|heating|radiators?|hot water"
        r"|taps?"
        r"|toilet|sink|bath|shower|windows?|doors?|locks?|roof|gutters?|damp|mould\w*|condensation"
        r"|fence|gate|lights?|bulb|sockets?|switch|electric\w*|plumber|engineer|extractor|fan"
        r"|cupboard|worktop|floor\w*|ceiling|walls?|crack\w*|lift|mice|mouse|pests?|wasps?"
        r"|cockroach\w*|rats?|gas|smoke alarm|alarm|detector|grab rails?|ramp|stairlift"
        r"|adaptations?"
        r"|paving|handrail|entry ?phone|buzzer|doorbell|oven|cooker|hob|drain\w*|blocked|loft"
        r"|tiles?|plaster|sealant|hinge|handle|draught\w*|pressure|thermostat|fuse|trip\w*"
        r"|flue|pipe\w*|key safe|key fob|hedges?|grass|bins?|caretaker|communal|stair\w*"
        r"|inspection|safety check|service|decorat\w*|kitchen|bathroom|scaffold\w*|flood\w*)\b")),
)

ANTI_SOCIAL_BEHAVIOUR = TOPICS[0][1]

# Nouns that say what a repair is about; two contacts sharing one are about the same thing.
SUBJECT_TERMS = re.compile(
    r"\b(?:boiler|heating|radiators?|hot water|gas|leak\w*|ceiling|roof|damp|mould|window\w*"
    r"|doors?|locks?|toilet|sink|bath|shower|taps?|sockets?|electric\w*|wiring|lift|fence"
    r"|gutter|kitchen|bathroom|floor|stairs|lights?|drains?|sewage|water|power|smoke|fire"
    r"|alarm|neighbour\w*|noise|rent|arrears|pipe|flood\w*)\b"
)

# Cheap pre-checks: a cue's regex can only match if the text contains one of these substrings.
# Skipping the regex otherwise keeps the router well above 5,000 contacts a second.
ANCHORS: dict[str, tuple[str, ...]] = {
    "gas smell": ("gas", "egg"),
    "gas leak": ("gas",),
    "gas hissing": ("hiss",),
    "odd smell at a gas appliance": ("funny", "strange", "weird", "odd", "horrible", "strong",
                                     "chemical", "sulphur"),
    "gas left on": ("gas",),
    "gas escaping": ("gas",),
    "appliance fumes": ("fumes", "full of"),
    "explosion": ("explo", "blew up", "blown up"),
    "CO alarm sounding": ("oxide", "co ", "co2", "carbon"),
    "carbon monoxide": ("monoxide",),
    "fumes with symptoms": ("fumes", "boiler", "gas fire", "flue", "heater"),
    "alarm with symptoms": ("alarm", "detector", "beep", "bleep", "going off"),
    "scorched fitting": ("scorch", "charred", "burn mark", "melted", "blackened", "smoke"),
    "tree or water on power lines": ("power", "electric"),
    "falling debris": ("nearly", "almost", "narrowly", "just hit", "just missed", "just killed",
                       "could", "onto", "on to"),
    "no answer from a person": ("answer", "respond", "open", "come to"),
    "fire": ("fire", "blaze", "flame", "smoul", "smold", "alight", "burning", "set light"),
    "smoke": ("smoke",),
    "burning smell": ("burn", "melt"),
    "fire alarm sounding": ("alarm",),
    "sparking": ("spark",),
    "exposed wiring": ("wir", "cable"),
    "electric shock": ("shock", "zapped", "electrocut"),
    "burning or melting fitting": ("smok", "melt", "scorch", "charred", "burn", "black", "buzz",
                                   "crackl", "fizz", "popp", "flash", "hot", "fire"),
    "water on electrics": ("water", "leak", "drip", "pouring", "flood", "wet", "soak", "sodden",
                           "gush", "piss", "pish", "spray", "seep", "streaming"),
    "flooding": ("flood", "pool", "lake", "river", "pond"),
    "burst pipe": ("burst", "bust", "fractur", "split", "broken", "snapped", "exploded", "pipe"),
    "water pouring in": ("water",),
    "ceiling leak": ("ceiling",),
    "cannot stop water": ("stop", "water"),
    "major leak": ("leak", "overflow"),
    "leak": ("leak", "drip"),
    "sewage": ("sewage", "sewer", "faeces", "excrement", "waste", "foul", "poo", "soil pipe"),
    "drains backing up": ("drain", "toilet", "manhole", "plughole", "coming", " water "),
    "only toilet blocked": ("toilet",),
    "structural failure": ("ceiling", "roof", "wall", "floor", "stair", "balcony", "chimney",
                           "render", "cladding", "scaffold",
                           "stack", "building", "brick", "masonry", "joist", "lintel", "canopy",
                           "railing", "beam", "plaster", "down", " in", "slate", "coping",
                           "gutter", "fascia", "step", "handrail", "banister"),
    "cracks spreading": ("crack",),
    "falling masonry or tree": ("tree", "brick", "hole in"),
    "window fell out": ("window",),
    "crack or hole": ("crack", "hole"),
    "barrier against a fall failed": ("window", "restrictor", "balcon", "railing", "banister",
                                      "bannister", "rail", "balustrade", "upright", "spindle",
                                      "glass panel", "parapet"),
    "escape route blocked": ("exit", "escape"),
    "break-in": ("broken into", "break", "burgl", "forced", "kicked", "booted", "smashed",
                 "jemmied", "to get", "to kick", "to force", "intruder", "broke", "kick", "smash",
                 "forc", "bust"),
    "home cannot be secured": ("unsecurable", "unlockable", "wontclose"),
    "door or lock smashed": ("door", "lock"),
    "window smashed": ("window", "glass"),
    "no heating": ("heat", "boiler", "radiator", "no gas"),
    "no hot water": ("hot water",),
    "no water": ("water", "taps"),
    "no power": ("electric", "power", "lights", "trip switch"),
    "lift entrapment": ("lift", "between floors"),
    "lift doors shut on someone": ("lift",),
    "lift out of order": ("lift",),
    "not seen": ("seen", "heard from"),
    "post piling up": ("post", "mail", "paper", "milk", "letters", "parcels"),
    "person collapsed or hurt": ("collapsed", "unconscious", "breathing", "not moving",
                                 "unresponsive", "cantbreathe", "fall", "fell", "help",
                                 "heard", "breathe", "breath", "for air", "blue", "floor",
                                 "ground"),
    "threat to life": ("threaten", "knife", "gun", "stab", "attack", "assault", "hitting",
                       "domestic", "kill", "hurt", "end it", "end my", "suicid", "harm",
                       "overdose", "die", "go on", "cope", "any more", "anymore", "tablets",
                       "pills", "better off", "no point", "end things", "end his", "end her",
                       "end their", "ending it", "ending things", "own life", "themsel",
                       "beaten", "being hit", "strangl", "battered"),
    "person shut in": ("locked", "shut in", "stuck in", "trapped", "shut out"),
    "shut in at home": ("get out",),
    "stuck in mobility equipment": ("lift", "hoist", "sling"),
    "broken glass hanging": ("hanging", "dangling"),
    "concern for a person": ("worried about", "check on", "welfare"),
    "damp or mould": ("mould", "damp", "condensation"),
    # the urgency words (rarer than the hazard words), or a shout
    "hazard word with urgency": ("emergency", "urgent", "help", "as soon as possible",
                                 "right now", "immediately", "please come", "come now",
                                 "come out now", "come quick", "come out quick", "scared",
                                 "frightened", "terrified", "panick", "danger", "unsafe", "999",
                                 "!!"),
}

# Cues whose regex is cheaper to try after a looser scan (leading word boundaries removed).
LOOSE_FIRST = frozenset({
    "nobody came or called", "sarcasm", "promised", "promise of action", "damage or disruption",
    "overcharged", "question of service", "pointed question", "complaint word", "pregnancy",
    "alone",
    # hazard cues (measured on the dev corpus: the loose scan rules most texts out cheaply)
    "gas smell", "gas leak", "gas left on", "CO alarm sounding", "carbon monoxide", "fire",
    "sparking", "flooding", "water pouring in", "ceiling leak", "cannot stop water", "leak",
    "sewage", "cracks spreading", "falling masonry or tree", "window fell out", "crack or hole",
    "window smashed", "no hot water", "no water", "lift entrapment", "lift out of order",
    "not seen", "concern for a person", "damp or mould",
})
_ASSERTIONS = re.compile(r"\\b|\(\?<[!=][^()]*\)")


def loosen(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern matching wherever `pattern` does (and more), without word-boundary checks.

    Dropping zero-width assertions only widens the match set, so "no loose match" proves
    "no match", and the loose form scans far faster.
    """
    return re.compile(_ASSERTIONS.sub("", pattern.pattern))

COMPLAINT_ANCHORS: dict[str, tuple[str, ...]] = {
    "formal complaint": ("ombudsman", "stage ", "formal", "escalat", "compensation", "complaint",
                         "dissatisf", "register my"),
    "complaint word": ("complain",),
    "still waiting": ("still", "wait", "kept", "on hold", "said", "meant to", "supposed to"),
    "promised": ("told", "promis", "assured"),
    "promise of action": ("told", "promis", "said", "assured"),
    "money wronged": ("charged", "wrongly", "not my fault", "extra out", "taken ", "paid",
                      "proof", "error on", "not paying", "money back", "who ", "responsib"),
    "disputed or owed an apology": ("want", "like", "wrong", "correct", "unjust", "never",
                                    "did not", "expect", "demand", "deserve"),
    "overcharged": ("charg",),
    "question of service": ("why", "what is going on", "whose job", "what do i have",
                            "what does it take", "how long does"),
    "pointed question": ("is any", "why", "anyone actually", "how could", "how can", "how dare",
                         "who ", "how this", "how that", "how it"),
    "sarcasm": ("great", "brilliant", "fantastic", "lovely", "wonderful", "superb", "amazing",
                "excellent", "nice one", "well done", "cheers", "thank", "love", "wow",
                "only took", "as always", "as usual", "really.", "... not"),
    "ironic praise": ("so much for", "everything else", "love th", "love how", "loving th",
                      "loving how", "great th", "great how", "brilliant th", "brilliant how",
                      "fantastic th", "fantastic how", "wonderful th", "wonderful how", "'",
                      '"'),
    "not the real thing": ("not a ", "not an ", "not what", "call that", "call this",
                           "calls that", "calls this", "never "),
    "told to live with it": ("just get", "just buy", "just ignore", "just wear", "just open",
                             "just wipe", "just live", "just put up", "just deal", "just keep",
                             "with it", "plugs"),
    "could not reach us": ("engaged", "busy", "dead", "never answered", "not get through",
                           "answer your", "answer the"),
    "exasperated emoji": ("\U0001F644", "\U0001F624", "\U0001F621", "\U0001F92C",
                          "\U0001F620", "\U0001F926"),
    "repeat report": ("time", "calls", "emails", "visits", "reports", "messages", "again",
                      "chas", "twice", "repeated", "before", "already", "numerous", "several",
                      "many"),
}

# --- danger by effect ----------------------------------------------------------------------
# A broad second net: a hazard OBJECT (what is affected) and an active danger EFFECT (what it
# is doing) in the same sentence, a few words apart, make an emergency even when no hazard
# word is used ("loud bang from the boiler and now a smell"). Plain word lists, so adding a
# word is a one-line change. Phrase syntax (see routing.danger.phrase_regex): words separated
# by spaces; a trailing "*" on a word allows any ending ("crackl*"); "_" stands for any one
# word. Text is normalised first (lower case, "won't" -> "will not", shorthand mapped).

DANGER_OBJECTS: dict[str, tuple[str, ...]] = {
    "gas": (
        "gas", "boiler*", "cooker*", "hob*", "oven", "grill", "gas ring*", "the ring",
        "rings on the", "ring on the", "front ring", "back ring", "flame*", "gas fire",
        "fire in the", "meter*", "pilot light", "flue", "knob*",
    ),
    "water": (
        "water", "pipe*", "tank*", "cylinder", "immersion", "radiator*", "valve*", "tap*",
        "stopcock*", "stop cock", "cistern", "toilet*", "bath", "shower*", "sink",
        "washing machine", "boiler*", "ceiling*", "hose", "overflow",
    ),
    "electrical": (
        "electric*", "socket*", "plug*", "switch", "switches", "fuse*", "consumer unit",
        "trip switch", "wire", "wires", "wiring", "cable*", "light", "lights",
        "light fitting*", "fitting*", "lamp*", "spotlight*", "bulb*", "meter*", "extractor*",
        "fan", "electric shower*", "shower", "pull cord*", "pull switch", "charger*",
        "extension lead*", "lead", "heater*",
        "immersion", "cooker*", "oven", "appliance*", "telly", "tv", "fridge", "freezer",
        "washing machine", "dryer", "microwave", "kettle",
    ),
    "structural": (
        "ceiling*", "wall", "walls", "roof*", "chimney*", "stack", "balcony", "balconies",
        "stair*", "step*", "railing*", "handrail*", "banister*", "floor", "floorboards", "joist*",
        "beam*", "lintel*", "plaster*", "plasterboard", "brick*", "brickwork", "masonry",
        "window frame*", "frame", "pane", "panes", "door frame*", "canopy", "slates",
        "tiles off the roof", "glass",
    ),
    "asbestos": ("asbestos",),
    "opening": (
        "manhole*", "drain cover*", "inspection cover*", "grate", "grating", "grille",
        "hole", "holes", "trench*", "excavation*",
    ),
    "security": (
        "door*", "window*", "lock*", "glass", "pane", "panes", "frame", "patio door*",
        "letterbox",
    ),
    "sewage": (
        "sewage", "sewer*", "toilet*", "drain*", "manhole*", "plughole*", "waste pipe",
        "soil pipe", "foul water",
    ),
    "ceiling_or_electrics": (
        "ceiling*", "light*", "fitting*", "spotlight*", "socket*", "plug*", "electric*",
        "fuse*", "consumer unit", "switch*", "wiring", "wires", "flat below", "downstairs",
    ),
    "lift": ("lift", "lift shaft", "shaft", "stairlift*", "stair lift*", "hoist*",
             "through floor lift"),
    "person": (
        "mum", "mam", "dad", "nan", "nana", "gran", "granny", "grandad", "grandma", "grandpa",
        "son", "daughter", "baby", "toddler", "child", "children", "kid", "kids", "little boy",
        "little girl", "boy", "girl", "brother", "sister", "husband", "wife", "partner",
        "neighbour*", "friend", "lady", "man", "woman", "old man", "old lady", "person",
        "people", "he", "she", "him", "her", "hand", "arm", "leg", "foot", "finger*", "head",
        "aunt*", "uncle", "mother", "father",
        "tenant", "resident",
    ),
}

# Objects that are not the hazard even though their word is in a list above
# ("cupboard door", "bin store door"): a security effect on these is a repair.
DANGER_NOT_SECURITY: tuple[str, ...] = (
    "cupboard", "wardrobe", "unit", "oven", "fridge", "freezer", "shower", "cabinet",
    "bathroom", "toilet", "fire", "bin store", "bin", "internal", "loft", "shed", "garage",
    "car", "bike store", "kitchen cupboard",
)


@dataclass(frozen=True)
class DangerEffect:
    """One family of active danger effects and the hazard it means for each object group.

    hazards: object group -> hazard name; the first group found near the effect wins.
    needs_object: False for effects that are a danger on their own (a person unconscious).
    negatable: False where a negation is part of the effect ("will not turn off").
    unless: words that, anywhere in the sentence, mean it is not this danger
    ("condensation" for water running down a wall).
    """

    name: str
    words: tuple[str, ...]
    hazards: dict[str, str]
    needs_object: bool = True
    negatable: bool = True
    unless: tuple[str, ...] = ()


# Offices, staff and services: not answering or unreachable is then a service complaint.
_NOT_A_PERSON: tuple[str, ...] = (
    "office*", "staff", "team", "contractor*", "engineer*", "plumber*", "surveyor*",
    "operative*", "caretaker*", "manager*", "repair*", "email*", "complaint*", "housing",
    "council", "calls", "call back", "callback", "landlord", "letter*", "anyone",
)
# "can not get hold of mum", "nobody can get through to her" (a person object must be near).
_UNREACHABLE: tuple[str, ...] = tuple(
    f"{who} {verb}"
    for who in ("can not", "could not", "unable to", "not able to", "nobody can", "nobody could")
    for verb in ("get hold of", "get through to", "reach her", "reach him", "reach them",
                 "contact her", "contact him", "contact them")
)

DANGER_EFFECTS: tuple[DangerEffect, ...] = (
    DangerEffect("smell or fumes", (
        "smell*", "smelt", "stink*", "stench", "whiff*", "reek*", "pong*", "fumes", "eggy",
        "rotten egg*", "odour*", "odor*",
    ), {"gas": "gas"}),
    DangerEffect("hissing", (
        "hiss*", "whooshing", "rushing sound",
    ), {"gas": "gas", "water": "gas"}),
    DangerEffect("bang or explosion", (
        "bang", "banged", "loud bang", "loud bangs", "big bang", "big bangs", "massive bang",
        "massive bangs", "boom", "exploded", "explosion", "blew up", "blown up", "loud pop",
        "went pop", "made a pop", "a pop",
    ), {"gas": "gas", "electrical": "electrical"},
        # Pipes or a boiler "banging" when the heating runs is a noise fault (kettling).
        unless=("banging noise*", "banging sound*", "banging pipes", "pipes banging")),
    DangerEffect("sparks, burning or heat", (
        "spark*", "flash", "flashed", "flashes", "blue flash*", "crackl*", "buzzing", "buzzes",
        "buzzed", "burning", "burnt", "burn mark*", "scorch*", "charred", "melt*", "smoking",
        "smoke", "sizzl*", "fizz*", "arcing", "hot to touch", "hot to the touch",
        "warm to touch", "warm to the touch", "too hot to touch", "smells hot", "smell hot",
        "black marks", "blackened", "black round", "gone black", "brown mark*",
        "gave me a shock", "gave me a little shock", "gave _ a shock", "got a shock",
        "got a little shock", "tingl*",
    ), {"electrical": "electrical", "gas": "fire"},
        unless=("burnt out", "burning out", "blown bulb*", "mould*", "sealant",
                "condensation", "smoke alarm*", "smoke detector*")),
    DangerEffect("water escaping", (
        "pouring", "pours", "poured", "gushing", "gushes", "pissing", "pishing", "spraying",
        "sprays", "spurting", "shooting", "cascading", "flooding", "flooded", "overflowing",
        "overflowed", "burst", "bursting", "split", "snapped", "running down the wall*",
        "coming through the ceiling", "through the ceiling", "water everywhere", "everywhere",
        "nonstop", "can not stop", "can not turn it off", "can not find the stopcock",
        "gone soft", "soaking through",
    ), {"water": "water", "sewage": "sewage"},
        unless=("condensation", "mould*", "drips", "dripping tap", "gutter*", "lag*",
                "prevent*", "so they do not", "so it does not", "in case")),
    DangerEffect("water through a ceiling or onto electrics", (
        "leak*", "drip*", "coming through", "coming down", "running through",
        "running down", "seeping", "wet", "soaked", "soaking",
        # where water comes from, in any tense ("water is come from the roof")
        "water coming from", "water is coming from", "water s coming from", "water comes from",
        "water come from", "water is come from", "water came from",
    ), {"ceiling_or_electrics": "water"}),
    DangerEffect("will not turn off", (
        "will not turn off", "will not go off", "will not switch off", "will not go out",
        "will not shut off", "can not turn off", "can not turn it off", "can not switch off",
        "can not switch it off", "does not turn off", "does not go off", "does not go out",
        "not turning off", "not going off", "not going out", "stuck on", "on full",
        "just spins", "keeps spinning", "nonstop", "even when switched off",
        "even when it is switched off", "even when it s switched off",
        "even when the knobs are off", "even when off", "still lit",
    ), {"gas": "gas", "water": "water"},
        unless=("drip*", "heating", "radiator*", "boiler*")),
    DangerEffect("collapse or failing structure", (
        "collaps*", "caved in", "caving in", "cave in", "fallen down", "fallen in",
        "fallen through", "fallen off", "fallen out", "fell down", "fell in", "fell through",
        "fell off", "fell out", "falling down", "falling in", "falling off", "falling out",
        "falling apart", "come down", "came down", "coming down", "come away", "came away",
        "coming away", "come loose", "came loose", "coming loose", "hanging off",
        "hanging out", "hanging down", "hanging by", "sagging", "sags", "sagged", "bowing",
        "bowed", "bulging", "bulges", "bulged", "crumbl*", "cracked open", "cracking",
        "cracks opening", "crack opening", "cracks spreading", "cracks are opening",
        "crack is opening", "split open", "leaning", "gave way", "giving way", "given way",
        "has dropped", "dropped down", "dropping", "sinking", "cracked through",
        "cracked right through", "gone soft", "about to fall", "could fall",
        "hanging over", "dangling", "hanging loose", "bulge", "started to crack",
        "begun to crack", "starting to crack", "going to fall", "might fall", "can fall",
        "will fall", "fall out", "fall off", "fall on",
    ), {"structural": "structural"},
        unless=("paint", "hairline", "wallpaper", "grout", "sealant", "for ages",
                "been there")),
    DangerEffect("door or window broken in", (
        "smashed", "kicked in", "kicked", "booted in", "forced", "broken into", "broke in",
        "break in", "broken in", "shattered", "jemmied", "bust open", "snapped", "split",
        "hanging off", "ripped off",
    ), {"security": "security"}, unless=("key*", "fob*", "handle", "closer")),
    DangerEffect("home cannot be secured", (
        "unlockable", "unsecurable", "wontclose",
    ), {"security": "security"},
        unless=("properly", "handle", "sticky", "stiff", "closer", "by itself", "on its own",
                "draught*", "key*", "fob*")),
    DangerEffect("stuck or trapped", (
        "stuck", "trapped", "locked in", "shut in", "can not get out", "can not get him out",
        "can not get her out", "can not get them out", "can not get it out",
        "stopped between", "between floors", "jammed", "stopped with", "with _ inside",
        "can not get off", "can not get down", "stopped halfway", "stuck halfway",
        "stopped part way", "with _ on it", "with _ _ on it",
        "with _ _ inside", "someone inside", "people inside", "still inside",
    ), {"lift": "lift", "person": "welfare"},
        unless=("key*", "on hold", "stuck waiting", "stuck with", "window is stuck")),
    DangerEffect("sewage overflowing", (
        "overflowing", "overflowed", "coming up", "backing up", "backed up", "spilling",
        "bubbling up", "all over", "under the door", "under the back door",
    ), {"sewage": "sewage"}, unless=("smells a bit", "slow")),
    DangerEffect("asbestos disturbed", (
        "smashed", "broken", "broke", "damaged", "drilled", "drilling", "disturbed", "dust",
        "sanded", "sanding", "cut into", "crumbl*",
    ), {"asbestos": "structural"}),
    DangerEffect("open hole or missing cover", (
        "missing", "open hole", "gaping hole", "uncovered", "no cover", "lifted", "gone",
        # an opening nobody has guarded, or someone has already nearly fallen into
        "no cones", "no barrier*", "no fencing", "no fence", "not fenced", "unfenced",
        "unguarded", "not covered", "nearly fell", "nearly fallen", "almost fell",
        "could fall", "fell in", "fall in",
    ), {"opening": "structural"}, unless=("wall", "plaster*", "sock*", "ceiling")),
    DangerEffect("lift fall", (
        "nearly fell", "nearly stepped", "stepped into the shaft", "fell down the shaft",
        "was not there", "dropped", "plummeted", "free fall*",
    ), {"lift": "lift"}),
    # A person at risk.
    DangerEffect("person hurt or fallen", (
        "lying on the floor", "lying on the ground", "found _ on the floor",
        "found _ _ on the floor", "is on the floor", "s on the floor", "been on the floor",
        "on the floor and", "on the ground and", "can not get up", "can not get him up",
        "can not get her up", "is bleeding", "s bleeding", "bleeding a lot", "bleeding badly",
        "bleeding heavily", "lot of blood", "blood everywhere", "hit his head", "hit her head",
        "hit my head", "banged his head", "banged her head", "is hurt", "he s hurt",
        "she s hurt",
        "badly hurt", "been hurt", "got hurt", "seriously hurt", "injured", "has fallen",
        "s fallen", "just fallen", "had a fall", "has had a fall", "fell over", "fallen over",
        "landed on", "fell on", "stuck in her chair", "stuck in his chair", "stuck in bed",
    ), {"person": "welfare"}),
    DangerEffect("person in danger", (
        "unconscious", "unresponsive", "not breathing", "cantbreathe", "struggling to breathe",
        "turning blue", "gone blue", "will not wake", "not waking", "will not wake up",
        "having a stroke", "heart attack", "having a fit", "seizure", "choking", "scalded",
        "electrocuted", "having an asthma attack", "bad asthma attack", "collapsed",
        "passed out",
        # a personal (community) alarm raised is a call for help
        "pulled her cord", "pulled his cord", "pulled her alarm cord", "pulled his alarm cord",
        "pulled her emergency cord", "pulled his emergency cord", "pressed her pendant",
        "pressed his pendant", "pressed her alarm", "pressed his alarm", "pressed her button",
        "pressed his button", "pulled the emergency cord", "pendant alarm went off",
    ), {}, needs_object=False),
    DangerEffect("person not seen or not answering", (
        "not been seen", "not seen", "not heard from", "not heard anything from",
        "not answered", "not answering", "not answer", "no answer", "not picked up",
        "not picking up", "not responded", "not responding", "not replied",
        "not opened the door", "not open the door", "not opening the door",
        "curtains still shut", "curtains are still shut", "curtains closed",
        "milk on the step", "milk is still on the step", "post piling up", "nobody has seen",
    ), {"person": "welfare"},
        unless=_NOT_A_PERSON),
    # Nobody can reach the person: the negation is the danger, so it is not a denial.
    DangerEffect("person unreachable", _UNREACHABLE, {"person": "welfare"}, negatable=False,
                 unless=_NOT_A_PERSON),
    DangerEffect("threat to self or others", (
        "going to end it", "wants to end it", "end it all", "end it tonight", "end it today",
        "kill himself", "kill herself", "kill myself", "kill themselves", "hurt himself",
        "hurt herself", "hurt myself", "harm himself", "harm herself", "harm myself",
        "suicid*", "take his own life", "take her own life", "take my own life", "overdos*",
    ), {}, needs_object=False),
)

# Asking for information about a loss of service is not reporting one ("send me information on how
# to reset the boiler after a power cut").
INFORMATION_ABOUT = re.compile(
    r"\b(?:information|info|advice|leaflet|guidance|instructions|tips) (?:on|about|for)\b"
)

# A light that is out or flickering, said plainly, is a routine repair: the booster never raises
# it (the rules still catch water or burning near a light).
LIGHT_FAULT = re.compile(
    r"\b(?:lights?|bulbs?|lamps?|light fittings?)\b(?: \w+){0,8} (?:is |are |has |have |s )?"
    r"(?:been )?"
    r"(?:out|gone|blown|flicker\w*|notworking|will not (?:turn|come|go) on|does not (?:turn|come)"
    r" on|not (?:turn|come)\w* on)\b"
)

# Requests for information or admin: the statistical booster never raises these (the rules still
# can). "can i get her phone number", "how do i book my gas safety check".
ASKS_FOR_INFORMATION = re.compile(
    r"\b(?:(?:can|could|may) (?:i|we) (?:get|have|ask|book|request|change|know|apply|swap|arrange)"
    r"|how (?:do|can|long|much|often) (?:i|we|you|does|is|will)|what s the (?:process|number|best)"
    r"|is it possible|would it be possible|(?:to|can|could|want to|like to) (?:book|rebook"
    r"|reschedule|rearrange)|(?:safety|annual|gas) (?:check|service|inspection)"
    r"|(?:quick|general) question|wondering (?:if|whether|when))\b"
)
