"""Concepts from session 37 in other languages (routing/rules/languages.toml), found by
multilingual43's tuned part. Each family of change has a sentence written for these tests (none
is a corpus record) that pages by the new phrase, and near misses that do not page: a hose burst
and a valve that will not close, a CO alarm that went off or beeps with a headache, a ceiling
starting to fall, cracked and bulging or dropping plaster, a burst pipe with water all over the
house, water dripping from a light fitting, a room under water, someone locked in who cannot get
out, smoke coming out, a burglary and a window that will not close, no heating for a sick child,
a huge crack and a leaning wall, a CO detector going off, headaches by the gas water heater, no
heating for a baby of months in the cold, Afrikaans (the Dutch entry's) burning smell and burst
pipe; beside them nothing on fire, a CO detector's battery, a leak repaired, a leak lived with
and mended, no smoke, a CO alarm tested; complaint words in Irish and Albanian."""

from __future__ import annotations

from tests.unit.routing.concepts import language_concept_tests

# (language, sentence, the rules' cue that pages it)
PAGED = [
    # a hose burst, a valve that will not close (Slovak)
    ("sk", "Pod drezom praskla hadica a všade je voda", "hazard:water:water (sk)"),
    ("sk", "Ventil pod umývadlom nejde zavrieť, voda ide stále", "hazard:water:water (sk)"),
    # a CO alarm beeping, or gone off with a headache (Romanian)
    ("ro", "Alarma de CO din hol face beep de o oră",
     "hazard:carbon_monoxide:carbon_monoxide (ro)"),
    ("ro", "Alarma de CO a pornit și acum am o durere de cap puternică",
     "hazard:carbon_monoxide:carbon_monoxide (ro)"),
    # a ceiling starting to fall (Kinyarwanda)
    ("rw", "Igisenge cy'igikoni kiri kugwa, mudufashe", "hazard:structural:structural (rw)"),
    # plaster dropping, a ceiling bulging down (Thai)
    ("th", "เศษปูนร่วงจากเพดานห้องน้ำตลอดเวลา", "hazard:structural:structural (th)"),
    ("th", "เพดานห้องครัวโป่งลงมาเยอะมาก", "hazard:structural:structural (th)"),
    # a pipe bursting, water all over the house (romanised Sinhala)
    ("si", "Naanagaraye pipe eka pupuruwa, mokada karanne", "hazard:water:water (si)"),
    # water dripping from a light fitting (Cantonese characters)
    ("yue", "廚房盞燈滴落好多水", "hazard:water:water (yue)"),
    # a room under water (romanised Panjabi)
    ("pa", "Upar ton pani aa reha, saara kamra dubb gaya", "hazard:water:water (pa)"),
    # someone locked in who cannot get out (Wolof)
    ("wo", "Sama jigéen dafa tëju ci biir néeg bi, mënul a génn",
     "hazard:welfare:trapped (wo)"),
    # smoke coming out, a burglary, a window that will not close (Arabizi)
    ("ar", "fi do5an tale3 men el matbakh", "hazard:fire:fire (ar)"),
    ("ar", "sara2o el bait mbere7 bel leil", "hazard:security:security (ar)"),
    ("ar", "el shebbak ma byetsaker ba3d ma kasaro", "hazard:security:security (ar)"),
    # a window that will not lock after someone tried to get in (Hebrew)
    ("he", "החלון בחדר השינה לא ננעל אחרי שמישהו ניסה להיכנס", "hazard:security:security (he)"),
    # no heating for a sick child (Oromo)
    ("om", "Boylarri hin hojjetu, mucaan keenya dhukkubsataa dha",
     "hazard:loss_of_essential_service:no_heating (om)"),
    # a huge crack, a wall leaning (Italian)
    ("it", "Sulla facciata c'è una crepa enorme e il muro sembra inclinato",
     "hazard:structural:structural (it)"),
    # a CO detector going off, the verb first (Greek)
    ("el", "Χτυπάει συνέχεια ο ανιχνευτής μονοξειδίου στην κουζίνα",
     "hazard:carbon_monoxide:carbon_monoxide (el)"),
    # a headache or sickness by the gas water heater (romanised and Cyrillic Russian)
    ("ru", "Kogda vklyuchaem kolonku, u rebenka bolit golova",
     "hazard:carbon_monoxide:carbon_monoxide (ru)"),
    ("ru", "От колонки в ванной всех тошнит", "hazard:carbon_monoxide:carbon_monoxide (ru)"),
    # no heating for a baby of months in the cold (romanised Telugu)
    ("te", "Boiler pani cheyyatledu, intlo chala challaga undi, papa ki 3 nelalu",
     "hazard:loss_of_essential_service:no_heating (te)"),
    # Afrikaans, in the Dutch entry: a burning smell, a burst pipe
    ("af", "Daar is 'n sterk brandreuk in die gang", "hazard:fire:fire (nl)"),
    ("af", "Die pyp onder die wasbak het gebars", "hazard:water:water (nl)"),
]

# Near misses beside them: not paged
NOT_PAGED = [
    # nothing on fire (Chinese)
    "楼道里没有着火，请放心",
    # a carbon monoxide detector's battery to change, the alarm not sounding (Italian)
    "Vorrei cambiare la batteria del rilevatore di monossido, l'allarme non suona",
    # a leak from the ceiling repaired (Hausa)
    "Ruwa daga rufin falo an gyara shi jiya, babu matsala yanzu",
    # a leak lived with for a year, now mended (Somali)
    "Waxaan la noolaa biyo ka soo daadanaya saqafka muddo sanad ah, hadda waa la hagaajiyay",
    # no smoke at all (Arabizi)
    "ma fi do5an abadan, kel shi tamam",
    # a CO alarm tested (Romanian)
    "Am testat alarma de CO și a sunat, totul e bine",
]

# Dissatisfaction in Irish (dissatisfied, nobody answered) and Albanian (disappointed, calls not
# returned)
COMPLAINTS = [
    "Tá mé míshásta, níor fhreagair aon duine mo litir",
    "Jam shumë i zhgënjyer me mënyrën si u trajtova",
    "Askush nuk m'i kthen telefonatat prej dy javësh",
]


(test_a_new_phrase_pages_a_danger_happening, test_a_near_miss_is_not_paged,
 test_dissatisfaction_in_another_language_is_a_complaint) = language_concept_tests(
    PAGED, NOT_PAGED, COMPLAINTS)
