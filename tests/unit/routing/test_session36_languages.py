"""Concepts from session 36 in other languages (routing/rules/languages.toml), found by
multilingual42's tuned part. Each family of change has a sentence written for these tests (none
is a corpus record) that pages by the new phrase, and near misses that do not page: a gas smell
however slight, an alarm that is not the smoke alarm beeping with headaches, water through a
light fitting or onto a panel or socket, a ceiling or balcony giving way, smoke and a stink of
burning, a shock from bare wires, a burst pipe, sewage up a drain, a break-in with a door that
will not close, no heating for a baby or an old person in the cold; beside them a pipe that
burst weeks ago, nothing burning, a lift working again, a detector at the end of its life, one
room's radiator, no flooding, a gas leak reported last month, a lock changed after a break-in,
a window handle; complaint words in Swedish, German and Luganda."""

from __future__ import annotations

from tests.unit.routing.concepts import language_concept_tests

# (language, sentence, the rules' cue that pages it)
PAGED = [
    # a gas smell, however slight (Polish), Arabizi spelt with 'ee' (Egyptian, Levantine)
    ("pl", "Czuć trochę gazu na klatce schodowej", "hazard:gas:gas (pl)"),
    ("ar", "fi ree7et gaz fel matbakh men bedri", "hazard:gas:gas (ar)"),
    ("ar", "ree7et gas 2awiyye bel 7ammam", "hazard:gas:gas (ar)"),
    # an alarm that is not the smoke one beeping, with headaches (Romanian, Arabizi, Georgian)
    ("ro", "Alarma de pe hol, nu cea de fum, piuie întruna", "hazard:carbon_monoxide"),
    ("ro", "Ceva tot piuie în bucătărie și avem dureri de cap", "hazard:carbon_monoxide"),
    ("ar", "el gehaz mesh beta3 el dokhan, bey-zammar men bedri", "hazard:carbon_monoxide"),
    ("ka", "დეტექტორი აწივლდა სამზარეულოში", "hazard:carbon_monoxide:carbon_monoxide (ka)"),
    # water through a light fitting, onto a panel or a socket
    ("fr", "De l'eau coule dans le plafonnier du salon", "hazard:water:water (fr)"),
    ("hy", "Ջուրը կաթում է էլեկտրական վահանակի վրա", "hazard:water:water (hy)"),
    ("el", "trexei nero mesa sto fwtistiko tis kouzinas", "hazard:water:water (el)"),
    ("de", "Es tropft Wasser aus der Deckenlampe im Bad", "hazard:water:water (de)"),
    ("pt", "A água está a cair em cima da tomada do quarto", "hazard:water:water (pt)"),
    # a ceiling swollen or falling in pieces, a balcony cracked (Bulgarian, Amharic, Hungarian)
    ("bg", "Таванът в кухнята се поду от течът", "hazard:structural:structural (bg)"),
    ("bg", "Мазилката падна на пода в коридора", "hazard:structural:structural (bg)"),
    ("am", "የሳሎኑ ጣሪያ እየወደቀ ነው", "hazard:structural:structural (am)"),
    ("hu", "Az erkélyünk megrepedt és billeg", "hazard:structural:structural (hu)"),
    ("mt", "Is-saqaf tal-kċina waqa' llum filgħodu", "hazard:structural:structural (mt)"),
    # smoke coming out, a stink of burning (Croatian)
    ("hr", "Iz podruma izlazi gusti dim", "hazard:fire:fire (hr)"),
    ("hr", "Cijeli hodnik smrdi na paljevinu", "hazard:fire:fire (hr)"),
    # a shock when touched (Tamil)
    ("ta", "சுவிட்சை தொட்டால் ஷாக் அடிக்கிறது", "hazard:electrical:electrical (ta)"),
    # a burst pipe (Estonian, Tetum), sewage up a drain (Danish, read with Swedish)
    ("et", "Köögis purunes toru ja vesi on põrandal", "hazard:water:water (et)"),
    ("tet", "Kanu bee iha hariis fatin rahun ona", "hazard:water:water (tet)"),
    ("sv", "Der kommer kloakvand op i køkkenvasken", "hazard:sewage:sewage (sv)"),
    # a thief in the home, a door that will not close (Oromo)
    ("om", "Balballi keenya cabee hin cufamu", "hazard:security:security (om)"),
    # no heating for a baby in the cold (Azerbaijani), for an old man (Greeklish), no heating
    # (romanised Nepali) for someone on chemotherapy
    ("az", "Evdə istilik heç yoxdur, körpə var", "hazard:loss_of_essential_service"),
    ("el", "o pappous den exei thermansi kai kanei krio", "hazard:loss_of_essential_service"),
    ("ne", "ghar ma heating chaina, buwa ko chemo chaliraheko cha",
     "hazard:loss_of_essential_service"),
]

# Near misses beside them: not paged
NOT_PAGED = [
    # a pipe that burst weeks ago (Czech), nothing burning (German)
    "Před třemi týdny prasklo potrubí, teď jen čekáme na malíře",
    "Die Brandschutztür klemmt, es brennt nirgends",
    # a lift working again (Spanish), a detector at the end of its life (French)
    "El ascensor ya funciona, gracias por arreglarlo",
    "Le détecteur affiche fin de vie, pouvez-vous le changer ?",
    # one room's radiator (romanised Farsi), no flooding (Hebrew)
    "shofaj e otagh e bacheha kar nemikone",
    "הכיור דולף קצת, אין הצפה",
    # a gas leak reported last month (Japanese), a lock changed after a break-in (Portuguese)
    "先月ガス漏れの点検がありました、ありがとうございました",
    "Depois do arrombamento trocaram a fechadura, está tudo bem",
    # a window handle broken (Italian)
    "La maniglia della finestra del bagno è rotta",
]

# Dissatisfaction in Swedish (nobody has been in touch), German (zero reply) and Luganda
# (I wish to complain)
COMPLAINTS = [
    "Ingen har hört av sig på tre veckor, inte okej",
    "Seit Wochen null Antwort, so geht das nicht",
    "Njagala okwemulugunya ku ngeri gye twayisibwamu",
]


(test_a_new_phrase_pages_a_danger_happening, test_a_near_miss_is_not_paged,
 test_dissatisfaction_in_another_language_is_a_complaint) = language_concept_tests(
    PAGED, NOT_PAGED, COMPLAINTS)
