"""Concepts from session 35 in other languages (routing/rules/languages.toml, routing/language.py),
found by multilingual41's tuned part. Each family of change has a sentence written for these
tests (none is a corpus record) that pages by the new phrase, and a near miss beside it that
does not page: no water at all (not "no hot water"), a wall, ceiling, balcony or window frame
giving way (not a garden fence), a door broken in a burglary (not a cupboard door), someone
locked in (not a bill "included" in the rent), an alarm tested or a detector's battery, a fire
said not to be there, a burglar only feared, a stolen bin, a past collapse; complaint words in
Igbo, Farsi and Pashto; and the little words that name romanised Georgian, Armenian, Telugu,
Kinyarwanda, Nigerian Pidgin, Wolof and Xhosa."""

from __future__ import annotations

import pytest

from routing import Message
from tests.unit.routing.concepts import ROUTER, language_concept_tests

# (language, sentence, the rules' cue that pages it)
PAGED = [
    # no water at all, not a drop (romanised Telugu, romanised Levantine Arabic)
    ("te", "maa intlo ninna nundi asalu neellu raavatledu, pillalu unnaru",
     "hazard:loss_of_essential_service:no_water (te)"),
    ("ar", "ma fi mai bel bait min el sob7, wala qatra", "hazard:loss_of_essential_service"),
    # a lift stopped with people inside (romanised Telugu)
    ("te", "lift 3rd floor daggara aagipoyindi, lopala maa thatha unnaru", "hazard:lift:lift (te)"),
    # a wall, ceiling, balcony or window frame giving way
    ("ku", "Dîwarê hewşê xwar bûye û kevir dikevin ser rê", "hazard:structural:structural (ku)"),
    ("ms", "Siling dapur kami tiba-tiba runtuh pagi tadi", "hazard:structural:structural (ms)"),
    ("ms", "Balkoni flat saya dah longgar dan bergoyang", "hazard:structural:structural (ms)"),
    ("es", "Cayó un pedazo del techo del pasillo esta mañana", "hazard:structural:structural (es)"),
    ("ml", "അടുക്കളയിലെ സീലിംഗ് ഇന്നലെ രാത്രി ഇടിഞ്ഞുവീണു", "hazard:structural:structural (ml)"),
    ("sw", "Dari ya sebule imeanza kubonyea baada ya mvua", "hazard:structural:structural (sw)"),
    ("ur", "کھڑکی کا فریم باہر کی طرف جھک گیا ہے", "hazard:structural:structural (ur)"),
    ("sl", "Strop v kopalnici se je udrl", "hazard:structural:structural (sl)"),
    # a smell of gas, a hissing gas pipe
    ("ku", "بۆنی غاز لە ماڵەکەمان دێت", "hazard:gas:gas (ku)"),
    ("ka", "gazis suni modis samzareulodan", "hazard:gas:gas (ka)"),
    ("mr", "swayampak gharat gas cha vaas yetoy", "hazard:gas:gas (mr)"),
    # a burglary, a door that will not lock
    ("ku", "dwene shaw diz hatin bo malakaman", "hazard:security:security (ku)"),
    ("bg", "Някой разби вратата на апартамента и тя не се заключва",
     "hazard:security:security (bg)"),
    ("cs", "Někdo se nám v noci pokusil vloupat a vylomil zámek", "hazard:security:security (cs)"),
    ("hy", "Gisherov mer durn kotrel en", "hazard:security:security (hy)"),
    # someone locked in
    ("om", "Haadhan koo mana fincaanii keessatti cufamte", "hazard:welfare:trapped (om)"),
    ("de", "Mein Sohn hat sich im Badezimmer eingeschlossen, das Schloss geht nicht auf",
     "hazard:welfare:trapped (de)"),
    # headaches indoors that ease outside (Hausa)
    ("ha", "Kullum muna ciwon kai a cikin gida, idan mun fita waje sai mu ji sauki",
     "hazard:carbon_monoxide:carbon_monoxide (ha)"),
    # no electricity for a grandmother (Zulu), no heating for a grandmother (Spanish)
    ("zu", "Ugesi ucimile endlini yonke, ugogo uneminyaka engu-85",
     "hazard:loss_of_essential_service:no_power (zu)"),
    ("es", "Sin calefacción desde el lunes y mi abuela tiene 90 años",
     "hazard:loss_of_essential_service:no_heating (es)"),
    # water pouring in, onto a light or towards the sockets
    ("cy", "Mae dŵr yn llifo o'r llofft i lawr at y golau yn y cyntedd",
     "hazard:water:water (cy)"),
    ("ru", "У соседей снизу с потолка льёт, у нас прорвало трубу", "hazard:water:water (ru)"),
    ("ml", "kitchen il pipe pottiyittundu, vellam nikkunnilla", "hazard:water:water (ml)"),
    ("pl", "Od rana leje się z sufitu w kuchni", "hazard:water:water (pl)"),
    ("rw", "Amazi menshi ari kuva mu gisenge", "hazard:water:water (rw)"),
    ("yo", "Omi n san wo ile lati oke, o ti de ibi socket", "hazard:water:water (yo)"),
    ("wo", "Ndox mu bari ngi wacc ci kaw, mu jem ci prise yi", "hazard:water:water (wo)"),
    # mould with a doctor's or specialist's word on the danger
    ("pt", "O médico disse que o bolor na sala é um risco grave para a saúde do meu filho",
     "hazard:welfare:damp_mould (pt)"),
    ("ro", "Pneumologul spune că mucegaiul din dormitor îi face rău copilului",
     "hazard:welfare:damp_mould (ro)"),
    # electric shocks
    ("hu", "A radiátor megrázott, amikor hozzáértem", "hazard:electrical:electrical (hu)"),
    ("sq", "Më zuri rryma kur preka lavatriçen", "hazard:electrical:electrical (sq)"),
    # smoke out of a socket (Xhosa)
    ("xh", "Kuphuma umsi kwi-socket egumbini lokuhlala", "hazard:fire:fire (xh)"),
]

# Near misses beside them: not paged
NOT_PAGED = [
    # only the hot water (Telugu), only the hot water (Arabizi)
    "vedi neellu raavatledu, boiler check cheyyandi",
    "ma fi mai sukhn bel bait, el boiler kharban",
    # a garden fence, a cupboard door, a bill "included"
    "pagar taman kami longgar sikit, bila boleh baiki?",
    "سڵاو، دەرگای کابینەی چێشتخانەکەم شکاوە، کەی چاکی دەکەن؟",
    "Die Nebenkosten sind in der Miete eingeschlossen, oder?",
    # a water stain on a ceiling (Welsh)
    "Mae staen dŵr ar y nenfwd ers y gollyngiad llynedd",
    # no fire, only the battery (Sinhala); a carbon monoxide alarm tested (Thai); a detector's
    # battery beeping (Latvian)
    "ගින්නක් නෑ, smoke alarm එකේ battery එක විතරයි",
    "ช่างมาทดสอบ alarm คาร์บอนมอนอกไซด์ เมื่อวาน ทุกอย่างปกติ",
    "Dūmu detektors pīkst, jānomaina baterija",
    # burglars only feared (Dutch), a stolen bin (Panjabi), a past collapse (French), a carpet
    # ruined (Somali)
    "Ik ben bang dat inbrekers via de steiger naar binnen kunnen komen",
    "ਸਾਡਾ ਬਿਨ ਚੋਰੀ ਹੋ ਗਿਆ, ਨਵਾਂ ਚਾਹੀਦਾ",
    "Après l'effondrement du plafond l'an dernier, nous attendons toujours la peinture",
    "Biyihii ayaa burburiyey roogga, hadda waa la hagaajiyey",
]

# Dissatisfaction in Igbo (pay me for the damage), Farsi (no answer came) and Pashto (delayed
# again, this is not right)
COMPLAINTS = [
    "Achọrọ m ka unu kwụọ m ụgwọ maka carpet m mebiri",
    "سه بار ایمیل زدم ولی هیچ جوابی نیامد",
    "زما د تشناب ترمیم بیا وځنډول شو، دا سمه نه ده",
]

# Little words that name the language
DETECTED = [
    ("gamarjobat, sakhlshi gazis suni modis, ras vaketeb?", "ka"),
    ("barev, mer shenqi durn kotrel en, khndrum em ekeq", "hy"),
    ("Muraho, amazi menshi ari mu nzu, mudufashe vuba", "rw"),
    ("Abeg una, water dey leak for my kitchen, make una come check am", "pcm"),
    ("hello sir, maa intlo ninna nundi current ledu, evarinaina pampandi", "te"),
    ("Salaam, ndox mu bari dafay wacc ci kaw, yonneel nu kenn leegi", "wo"),
    ("Molo, kuphuma umsi kwi-plug kwaye kunuka kakhulu, ndicela ninceda ngoku", "xh"),
]


(test_a_new_phrase_pages_a_danger_happening, test_a_near_miss_is_not_paged,
 test_dissatisfaction_in_another_language_is_a_complaint) = language_concept_tests(
    PAGED, NOT_PAGED, COMPLAINTS)


@pytest.mark.parametrize(("text", "language"), DETECTED)
def test_little_words_name_the_language(text: str, language: str) -> None:
    assert ROUTER.route(Message(text)).language == language
