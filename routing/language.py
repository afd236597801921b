"""Which language a contact is written in (ISO 639-1 code), for advice and an interpreter flag.

English is recognised without any model: most words are ones the router's learned model knows
(or English function words). Other text is split by script first (Gurmukhi is Panjabi, Bengali
script is Bengali, Han is Chinese, ...); only where one script serves several languages (Latin,
Arabic, Cyrillic) does lingua-language-detector decide, in its low-accuracy mode (small, fast,
its models ship inside the package: nothing is fetched at run time) and restricted to the
community languages the router has rules for. Detection never changes whether a contact is an
emergency: the hazard phrases of every language are always tried.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

_LETTER = re.compile(r"[^\W\d_]")
# Scripts used by exactly one of the languages we serve.
_SINGLE_SCRIPT = (
    (re.compile(r"[\u0a00-\u0a7f]"), "pa"),  # Gurmukhi
    (re.compile(r"[\u0980-\u09ff]"), "bn"),  # Bengali
    (re.compile(r"[\u0a80-\u0aff]"), "gu"),  # Gujarati
    (re.compile(r"[\u0b80-\u0bff]"), "ta"),  # Tamil
    (re.compile(r"[\u0900-\u097f]"), "hi"),  # Devanagari
    # (session 19, multilingual25) Japanese kana and Korean Hangul, before Han: Japanese
    # writes Han too, but a third of its letters are kana
    (re.compile(r"[\u3040-\u30ff]"), "ja"),  # Hiragana, Katakana
    (re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"), "ko"),  # Hangul
    (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "zh"),  # Han
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), "el"),  # Greek (session 17)
    (re.compile(r"[\u0d00-\u0d7f]"), "ml"),  # Malayalam (session 18)
    (re.compile(r"[\u0c00-\u0c7f]"), "te"),  # Telugu (session 18)
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),  # Thai (session 19)
    # (session 21, multilingual27) Georgian, Armenian, Hebrew, Sinhala, Burmese and Khmer
    (re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf]"), "ka"),  # Georgian
    (re.compile(r"[\u0530-\u058f]"), "hy"),  # Armenian
    (re.compile(r"[\u0590-\u05ff]"), "he"),  # Hebrew
    (re.compile(r"[\u0d80-\u0dff]"), "si"),  # Sinhala
    (re.compile(r"[\u1000-\u109f]"), "my"),  # Myanmar (Burmese)
    (re.compile(r"[\u1780-\u17ff]"), "km"),  # Khmer
)
# Ge'ez (Ethiopic) script serves Amharic and Tigrinya: Tigrinya writes the glottal "ኣ" where
# Amharic writes "አ" (ኣሎ / አለ), so whichever is more common decides (session 11).
_ETHIOPIC = re.compile(r"[\u1200-\u137f]")
_ETHIOPIC_WORD = re.compile(r"[\u1200-\u137f]+")
# (session 16) A message without either glottal letter: Tigrinya's own "ቐ" row (Amharic has no
# such sound) and its little words ("ካብ" from, "ናይ" of, "ሕጂ" now, "ነይሩ" was, the question
# word "ዶ") vote for it; Amharic's ("ነው" is, "ውስጥ" in, "ግን" but, "አሁን" now, "የለም" there
# is none) against it.
_TIGRINYA_LETTERS = re.compile(r"[\u1250-\u125d]")
_TIGRINYA_WORDS = frozenset(("ካብ", "ናይ", "ኣብ", "ሕጂ", "ነይሩ", "ዶ", "እዩ", "ኣሎ", "ኣሎና", "ክንደይ",
                             "ኣይ", "እንታይ", "ብዙሕ", "ገዛይ", "ገዛና",
                             # session 17: "እየ" I am, "ከመይ"/"ብኸመይ" how, "ሓድሽ" new
                             "እየ", "ከመይ", "ብኸመይ", "ሓድሽ"))
_AMHARIC_WORDS = frozenset(("ነው", "ውስጥ", "ግን", "አሁን", "የለም", "አለ", "እባክዎ", "እባካችሁ", "በጣም",
                            "ቤቴ", "ላይ", "ምን", "እና"))
# Letters Sorani Kurdish adds to the Arabic script (ڕ ڵ ۆ ێ ە), and Vietnamese's own letters
# (ơ ư đ and the tone-marked vowels of Latin Extended Additional), and Albanian's ë.
_SORANI = re.compile(r"[\u0695\u06b5\u06c6\u06ce\u06d5]")
# Letters only Pashto adds to the Arabic script (ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې; Urdu's ٹ ڈ ڑ and
# Sorani's ڕ ێ are other letters), and Pashto's little word "د" (of), which Urdu, Farsi and
# Arabic never write alone: lingua does not know Pashto (session 14, langs14).
_PASHTO = re.compile(r"[\u067c\u0681\u0685\u0689\u0693\u0696\u069a\u06ab\u06bc\u06cd\u06d0]")
_PASHTO_WORDS = frozenset(("د", "دا", "دغه", "هغه", "زما", "ستا", "ستاسو", "زموږ", "مونږ", "دلته",
                           "شپه"))
_VIETNAMESE = re.compile(r"[\u01a1\u01b0\u0111\u1ea0-\u1ef9]", re.IGNORECASE)
# (session 19, multilingual25) Yoruba writes ẹ, ọ (which Vietnamese writes too) and ṣ: with
# two of them and fewer than two of Vietnamese's other letters (ơ ư đ, ạ, ấ, ...), it is Yoruba.
_YORUBA = re.compile(r"[\u1eb8\u1eb9\u1ecc\u1ecd\u1e62\u1e63]")
_VIETNAMESE_OWN = re.compile(r"[\u01a1\u01b0\u0111\u1ea0-\u1eb7\u1eba-\u1ecb\u1ece-\u1ef9]",
                             re.IGNORECASE)
# (session 20, multilingual26) Igbo writes ị, ọ and ụ (and ṅ): Vietnamese writes those three
# too, but with its other letters (ơ ư đ, ạ, ấ, ...) beside them; two of Igbo's, one of them
# ị, ụ or ṅ (Yoruba writes ọ but none of these), and fewer than two of Vietnamese's others:
# Igbo. Twi (Akan) writes ɛ and ɔ, which no other language we serve writes.
_IGBO = re.compile(r"[\u1eca\u1ecb\u1ecc\u1ecd\u1ee4\u1ee5\u1e44\u1e45]")
_IGBO_OWN = re.compile(r"[\u1eca\u1ecb\u1ee4\u1ee5\u1e44\u1e45]")
_VIETNAMESE_NOT_IGBO = re.compile(r"[\u01a1\u01b0\u0111\u1ea0-\u1ec9\u1ece-\u1ee3\u1ee6-\u1ef9]",
                                  re.IGNORECASE)
_CROATIAN_LETTERS = re.compile(r"[čćšž]", re.IGNORECASE)
_TWI = re.compile(r"[\u025b\u0254\u0190\u0186]")
_ALBANIAN = re.compile(r"ë", re.IGNORECASE)
# (session 21, multilingual27) Azerbaijani's ə, which no other language we serve writes, and
# Kazakh's own Cyrillic letters (ә ғ қ ң ө ұ ү һ: Russian, Ukrainian and Bulgarian write none).
_AZERBAIJANI = re.compile(r"ə", re.IGNORECASE)
_KAZAKH = re.compile(r"[әғқңөұүһ]", re.IGNORECASE)
# (session 24, multilingual30) Serbian's (and Bosnian's) own Cyrillic letters (ђ ј љ њ ћ џ: none
# of Russian, Ukrainian, Bulgarian or Kazakh writes them): the Croatian entry serves Serbian and
# Bosnian, so they are reported as it.
_SERBIAN_CYRILLIC = re.compile(r"[ђјљњћџ]", re.IGNORECASE)
# (session 28, multilingual34) Macedonian's own Cyrillic letters (ѓ ќ ѕ: no other language we
# serve writes them; it shares ј љ њ џ with Serbian), and its little words and articles ("во"
# in, "молам" please, "денес" today, "некој" someone, "мојот" my, "што" what) against Serbian's
# ("у", "молим", "данас", "неко", "мој", "шта", "није", "ће"): Macedonian has an entry of its own.
_MACEDONIAN_LETTERS = re.compile(r"[ѓќѕ]", re.IGNORECASE)
_MACEDONIAN_WORDS = frozenset(("во", "молам", "денес", "некој", "мојот", "мојата", "нашиот",
                               "нашата", "вашиот", "вашата", "сум", "што", "кај"))
_SERBIAN_WORDS = frozenset(("у", "молим", "данас", "неко", "мој", "моја", "шта", "није", "ће",
                            "ћу", "сам", "јер"))
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SCRIPT_LANGUAGES = {
    "arabic": ("ARABIC", "URDU", "PERSIAN"),
    "cyrillic": ("UKRAINIAN", "RUSSIAN"),
    "cyrillic_bg": ("UKRAINIAN", "RUSSIAN", "BULGARIAN"),
    "latin": ("ENGLISH", "POLISH", "ROMANIAN", "PORTUGUESE", "SPANISH", "LITHUANIAN", "SOMALI",
              "TURKISH", "ITALIAN", "FRENCH"),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Languages written in Roman letters by many who speak them (no detector knows these
# spellings), and Latin-script languages the detector's low-accuracy mode confuses: their
# commonest little words, written from the languages, then extended from the tuned parts of
# the multilingual corpora (session 12; session 13 added multilingual16's).
# Romanised Hindi and Urdu read alike; they are reported as Urdu.
_ROMAN_HINDUSTANI = _words("hai hain nahi nahin raha rahi rahe mein ki ke se kar karo "
                           "bahut aap ham hum "
                           # session 20 (multilingual26): what, can, am, is needed, own, was
                           "kya sakta sakti sakte hoon chahiye apni apna apne tha thi "
                           # session 22 (multilingual28): of, gone, for, now, also, anyone,
                           # fine, all, when, where, me, to do, will be, and, if, then, water,
                           # place, thank you (not "ko": Nepali's too)
                           "ka gaya gayi gaye liye abhi bhi koi theek sab kab kahan mujhe karna "
                           "hoga hogi hota hoti aur agar toh jaye paani jagah shukriya")
_ROMAN_PANJABI = _words("vich nu ditta dittiyan tuhada saade kive aa ji haan ne si reha ton "
                        "asi tusi sanu sadi keeta hoyi rahiyan hunda kithe kinni mainu tenu "
                        "jado sade tutt lagataar jeha hove hauli aunda kehnda layi vaari tuhadi "
                        # session 14 (multilingual17)
                        "kiven sakde sakda kitta rakhya kehdi kehda eh "
                        # session 22 (multilingual28): also, of, and/on, when, does, his/her,
                        # brother (not "di": Hindustani's "khol di", "de di")
                        "vi da te kado karda karde kardi ohdi ohda paaji")
# Romanised Pashto (session 14, langs14): words of its own, none a little word of Urdu,
# Panjabi, Farsi or the Latin-script languages ("zma" my, "nishta" there is none, "shwe"
# became, "kawi" does, "dagha" this, "manana" thank you, "khpal" own, "ghwaram" I want).
_ROMAN_PASHTO = _words("zma zmung zamung zmong zamong staso stasu tasu taso mung mong nishta "
                       "shwe shwa shawi shaway kawi kawam kawai kege kegi kegey kigi dagha daghe "
                       "daase sanga manana khpal khpala ghwaram ghwarum ghwari rasha rashai "
                       "rashay wakrai wakray oba obe obo logay ranaghay osa dey zai raazi wazi "
                       "zar zra moor kotay kotai qulf gir mashoom mashum behosha prata nazhde "
                       "lagedale lagedali akhisti wachawd olwedo badegi bandegi chalegi gerzi "
                       "shwi shawe sparghay sparghai tsatsi "
                       # session 14 (multilingual19)
                       "mashuman yawazi chaa kra kro shpa kawum wahale tsanga kawalay zama kor "
                       "shta kho "
                       # session 15 (multilingual20): "pakar" needed, "kum" which
                       "pakar pakaar kum "
                       # session 16: "sabaa" tomorrow, "mehrabani" please, "wokrai" do,
                       # "raoleghai" send, "zoy" son, "khlasegi" opens, "zher" quickly
                       "sabaa saba mehrabani wokrai okrai raoleghai raolegai zoy khlasegi zher "
                       # session 20: "dre" three, "myashti" months, "hes sok" nobody, "raghalay"
                       # came
                       "dre myashti myasht hes sok raghalay raghale "
                       # session 34 (multilingual40): months, ago, I reported, (it) broke,
                       # none, upset
                       "myashte makhke warkare kedo hich khapa")
_WORD = re.compile(r"[a-z]+")
# Arabic written in Latin letters uses digits for its own letters (7 for ح, 3 for ع, 2 for ء:
# "7ada", "3am", "sa2f"); ordinals and units ("3rd", "2pm", "10mins") are not such words.
# (session 17) Nor "2x" (twice: "ja liguei 2x ontem").
# (session 25, multilingual31) A UK postcode ("CV5 6FS", "SW9 7SJ", "HA9 7QS") is no Arabizi:
# its halves were two such words, and a German, French or Romanian letter ending in one was read
# as Arabic. Taken out before Arabizi words are counted in a text without English.
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b")
# (session 28, multilingual34) Nor a French or Somali ordinal ("le 2e", "dabaqa 6aad").
_ARABIZI = re.compile(r"\b(?:[a-z]+[235679][a-z]*|[235679][a-z]+)\b(?<!\d(?:st|nd|rd|th|am|pm))"
                      r"(?<!\dmins)(?<!\dmin)(?<!\dhrs)(?<!\dkg)(?<!\dcm)(?<!\dmm)(?<!\b\dx)"
                      r"(?<!\b\de)(?<!\b\deme)(?<!\b\daad)(?<!\b\d\daad)")
# Little words of the Latin-script languages (accents stripped): a clear lead among these
# decides before the detector, whose low-accuracy mode is weak on short messages.
_FUNCTION_WORDS = {
    "es": _words("el la los las en de del que y por favor una hay esta muy con para mi se "
                 # session 17 (multilingual23): hello, nobody, where, it smells
                 "hola nadie donde huele"),
    "pt": _words("o os as em no na do da que e um uma nao com para esta ta muito meu minha"),
    "it": _words("il lo gli le di che e un una non con per sono ho della nel molto "
                 "ogni sia qualcuno potete mio mia anche questo sempre ancora "
                 # session 17 (multilingual22): "dei" of the, "posso" can I, "volevo" I wanted
                 "dei posso volevo grazie salve"),
    "fr": _words("le la les de des du que et un une est pas avec pour je il y a dans tres"),
    "pl": _words("w z i nie jest sie na do prosze mam jak to co mnie od juz "
                 "czy ze dla przez"),  # session 16
    "ro": _words("si in nu este de la pe cu un o sunt am foarte va rog mai"),
    "lt": _words("ir yra nuo labai prasau mano kad is i jau su be"),
    "so": _words("waa ka ku oo iyo ayaa aan la waxaa ma fadlan "
                 # session 30 (multilingual36): I (do), he (did), I want, what, for, the house
                 "waxaan wuxuu wuu rabaa maxaa loogu guriga"),
    "tr": _words("ve bir bu cok var yok icin ile mi de da ben lutfen merhaba dair ama gibi "
                 "sonra hala artik diye kadar benim bizim yarin annem babam "
                 # session 28 (multilingual34): thank you, from where
                 "tesekkurler nereden"),
    "sq": _words("dhe nga eshte nuk ju lutem nje qe kam jam uje kemi shume shtepi dhomen "
                 "pershendetje uji gjithe shtepia poshte tani mund vini erdhi javen "
                 "faleminderit vetem kaluar "  # session 14 (multilingual19)
                 # session 17 (multilingual23): "vjen" comes, "ere" smell, "ende" still, "punon"
                 # works, "prej" since, "ngrohja" the heating (not "po", "ne": Bulgarian's and
                 # Lithuanian's too)
                 "vjen ere ende punon prej ngrohja"),
    "vi": _words("toi cua khong co va roi anh chi em bi nha duoc nguoi cam on xin hoi bao lau "
                 "thi phai mot lan moi "
                 # session 16, Vietnamese typed without its accents: "giup" help, "voi" with,
                 # "lam" do/very, "mui" smell, "nong" hot, "nuoc" water, "dien" electricity,
                 # "nhieu" many, "dang" (is) -ing, "ngay" day, "bep" kitchen, "hong" broken
                 "giup voi lam mui nong nuoc dien nhieu dang ngay bep hong"),
    "ku": _words("ji li bi min ez em heye tune dike dikim pir kir dibe ye tkaye kesek niye deka "
                 "silav dixwazim bizanim ciqas xwe deri buye bihna zarokan zaroken odeya carina "
                 "tene naye xera "
                 # session 15 (multilingual20): on, smell, they say, go out, neighbours, strong
                 "ser behna dibejin derkevin ciran xurt "
                 # session 22 (multilingual28): Sorani in Latin letters: hello, did,
                 # electricity, look (its "ł" splits a word)
                 "slaw kird kareba binerin"),
    # Romanised: Bengali, Gujarati, Tamil, Farsi ("Finglish"), Arabic ("Arabizi"),
    # Chinese (pinyin), Ukrainian, Russian.
    "bn": _words("ami amar amra apni apnar apnader ache achhe nai kore korte korchi hoyeche "
                 "theke er ar ekhon khub kintu jonno geche jabe thakbo korbo jacche hocche "
                 "dicche korche pani puro "
                 # session 16: "hobe" will be, "kothay" where, "notun" new, "keu" anyone,
                 # "lagbe" is needed, "parben" can you, "gese"/"gechhe" has gone, "amader" our
                 "hobe kothay kothai notun keu kichu lagbe parben gese gechhe amader tomar dite "
                 # session 22: "korlam" I did, "eta" this, "onek" much, "mone" (I) think,
                 # "jani" (I) know, "ekjon" someone, "baire" outside
                 "korlam eta onek mone jani ekjon baire "
                 # session 27 (multilingual33): quickly, looking for, (I) find, send, below's
                 "taratari khuje pacchi pathan nicher "
                 # session 29 (multilingual35): ever, (you) do, properly, was
                 "kokhono koren moto silo chilo "
                 # session 37 (multilingual43): having become, is doing, stuck, his or her
                 # (honorific), (I) do, (I) gave (Sylheti), closed, a smell
                 "hoye kortese atke unar kori disi bondho gondho"),
    # session 35 (multilingual41): about, information, years, (I) live, (I) am, to me, to
    # know, will get, how much, thanks (not "thi", "kya": Hindustani's too)
    "gu": _words("vishe mahiti varas rahu chu mare janvu malse ketlo aabhar "
                 "che chhe nathi hatu hati ane mathi mate maru mara maara tame tamara amne kem "
                 "shu aavyu karyu koi bahu ame chhiye rahine lagya ni pan aave thay thai "
                 "gayu gayo mane tamne pachi sathe kyare didhu didhi hu"),
    "ta": _words("romba enga unga naan enna illa illai irukku irukkuthu pannunga pannanum "
                 "kitta oda thaan vandhu varala aagi mudiyuma mudiyala aagala varudhu varuthu "
                 "pannitten pakkathula keezha veetla ulla nikkudhu irukkanga irundhu oru vaasanai "
                 "potta chinna idhu pesinaanga ennai vechuttu pannitaanga ungal aayiduchu "
                 "theriyala venum vanakkam sollitten onnum pannala mosam "
                 # session 16: "neenga" you, "naanga" we, "panna" do, "pakkathu" next (to),
                 # "veedu"/"veetu" house, "idhukku" for this, "ellaam" all, "mela" above,
                 # "thanni" water, "seekiram" soon, "yaarum" nobody, "kooda" even, "rendu" two,
                 # "pugai" smoke, "konjam" a little, "ippo" now
                 "neenga naanga panna pakkathu veedu veetu idhukku edhavadhu ellaam mela thanni "
                 "seekiram yaarum kooda rendu sollala pugai konjam ippo"),
    "fa": _words("bayad gereftam mamnoon aya darbare anjam bedam "
                 "salam shoma dar ro az ba khane khoone mikonam nist hast lotfan kheili "
                 "kheyli chera mikone mishe mizane miad darim omadim kardim zadim nemide kasi "
                 "hame hich nadarim ham va alan "
                 # session 17 (multilingual22): "hastam" I am, "shode" has become, "nemishe"
                 # cannot be
                 "hastam hastim shode nemishe "
                 # session 36 (multilingual42): but, still, (a) report, I gave, they say,
                 # right (fixed), upset, please do (not "ke", "har", "bar": Hindustani's and
                 # Turkish's too)
                 "vali hanooz hanuz gozaresh dadam migan dorost narahatam konid"),
    "ar": _words("ana inta fi el ya wallah mafi mish shu kteer ktir lazim bel fel mn shukran "
                 "marhaba kol men "
                 # session 34 (multilingual40): Moroccan Darija's "of" and "there is"
                 "dyal dyali dyalna dyalkom kayn kayna"),
    "ti": _words("ale alo nihna kab nay nahsi hagezuna wedey "
                 # session 14 (multilingual19)
                 "selam ab geza iyu ane kedu koynu eti diyu zelo nab"),
    "zh": _words("wo ni de le shi bu zai jia hen hao qing women mei keyi qingwen meiyou "
                 "xianzai yijing shenme zenme huai lai dou "
                 # session 24 (multilingual30): Cantonese in Jyutping (reported as Chinese): I,
                 # he or she, not have, water / years, warm, have, how, change, want, broken, day
                 "ngo keoi mou seoi nyun jau dim gaai soeng waai jat"),
    "uk": _words("ya u v ne mene meni duzhe bud laska tse shcho yak dobryi diakuiu dyakuyu "
                 "mozhna mozhe tezh vsia vse nichoho shche vzhe koly tyzhden tyzhnia vid dlia "
                 "shchos zaraz kvartyry kvartyra teche "
                 # session 14 (multilingual19)
                 "vona moya odna rokiv dveri vash khochu yogo podaty zlamav "
                 # session 22 (multilingual28): children, room, next to, it drips, visible
                 "dity ditei kimnati kimnata poruch kapaie vydno "
                 # session 24 (multilingual30): light, straight (Russian "svet", "pryamo")
                 "svitlo priamo "
                 # session 27 (multilingual33): evening, our, near, building, stairs, I report
                 # (Russian "vecher", "nashim", "okolo", "zdaniya", "lestnitsa", "soobshchayu")
                 "vechir nashym bilia budynku skhody povidomliaiu "
                 # session 28 (multilingual34): we ask, today, to come, one, terrible, small
                 # (Russian "prosim", "segodnya", "priekhat", "odin", "strashnyi", "malenkie")
                 "prosymo sohodni pryikhaty odyn strashnyi malenki"),
    "ru": _words("ochen spasibo zdravstvuyte vchera eto chto net menya pozhaluysta vse "
                 "zdravstvuite uzhe mogu k byla byl bylo mozhno gde kto nikto "
                 # session 17 (multilingual23): "iz" from, "pahnet" smells, "deti" children,
                 # "svet" light
                 "iz pahnet deti svet "
                 # session 20 (multilingual26): "raz" time, "voobshe" at all, "sovsem" quite,
                 # "normalno" all right, "kvartire" flat, "sosedei" neighbours, "sveta" light
                 "raz voobshe sovsem normalno kvartire sosedei sosedey sveta "
                 # session 21 (multilingual27): I know, help, still, here, works, between, smells
                 "znayu pomogite eshche tut rabotaet mezhdu pakhnet "
                 # session 22 (multilingual28): to me, if, why, each, above, we wait, they
                 # open (Ukrainian "meni", "yakshcho", "chomu", "kozhen", "zverkhu")
                 "mne esli pochemu kazhdyi kazhdyy sverhu sverkhu zhdem otkryvayut "
                 # session 25 (multilingual31): please, today, can, her, I write, send
                 "pozhaluista segodnya mozhet neyo pishu prishlite "
                 # session 28 (multilingual34): also, goes, husband, (in the) kitchen, (with
                 # the) child, flat (Ukrainian "tezh", "ide", "cholovik", "kukhni", "dytynoiu",
                 # "kvartyra")
                 "tozhe idet muzh kuhne rebenkom kvartira "
                 # session 29 (multilingual35): an hour, aches, head, feels sick, we went out,
                 # (in the) kitchen, the child, detector (Ukrainian "hodyna", "bolyt", "holova",
                 # "nudyt", "vyishly", "kukhni", "dytynu", "datchyk")
                 "chas bolit golova toshnit vyshli kukhne rebenka datchik "
                 # session 35 (multilingual41): in the entrance, collapsed, of the ceiling, of
                 # the floor (storey), are hanging, still, people
                 "podezde obvalilsya potolka etazha visyat eshche lyudi"),
    # session 14 (multilingual17): romanised Bulgarian and Amharic
    "bg": _words("tova mnogo beshe moga zdraveite zdravejte nyama nqma veche molya kakvo "
                 "neshto sled vseki tuk sme ste ot se "
                 # session 20 (multilingual26): nobody, will, told, bad, smells, switched off
                 "nyakoi nikoi shte kazahte losho mirishe spryah izleze meseca puti "
                 # session 21 (multilingual27): I want, whether, must, thank you, ask
                 "iskam dali tryabva blagodarya popitam "
                 # session 24 (multilingual30): how much, it costs
                 "kolko struva "
                 # session 28 (multilingual34): still, one, before, send, big
                 "oshte edno predi pratete golyamo"),
    "am": _words("betam alle yalew wust ena gin yelem ahun new lay yichalal bemin bet ladirg "
                 "yishetal "
                 # session 22 (multilingual28): hello (Tigrinya's too), thank you, can you, I
                 # need
                 "selam amesegnalehu amesegnallehu tichilalachihu yasfeligal yasfeligegnal"),
    # session 17 (multilingual22): Greek in Latin letters ("Greeklish"), Czech and Hungarian
    # typed without their accents (not Hungarian "nem", not: Turkish "nem" is damp)
    "el": _words("kai sto sti stin sta einai den exw exoume echoume poly mou sas parakalo "
                 "kalimera kalispera efxaristo efharisto tha spiti mas "
                 # session 20 (multilingual26): from, I do, it runs, it stops, ceiling, bathroom
                 "apo kano trexei trehei stamataei tavani mpanio "
                 # session 21 (multilingual27): can, come, someone, tonight, kitchen, smells
                 "mporei erthei kapoios apopse kouzina myrizei "
                 # session 24 (multilingual30): that / who, came, nothing, everywhere, new
                 "pou irthe tipota pantou kainouria "
                 # session 29 (multilingual35): they have, I can, every, so, the rent (its
                 # "w" for omega: "mporw")
                 "exoun mporw mporo kathe etsi enoikio"),
    "cs": _words("je jsem jsme jste mam mame prosim dobry den dekuji uz neni nemuzu nemame "
                 "jsou bytu byte hlavne doma citit kde velmi moc tady taky "
                 # session 17 (multilingual23): "nas" us, "byli" were, "muzete" can you,
                 # "nebo" or, "nikdo" nobody, "tim" that, "uplne" completely, "voda" water,
                 # "koupelne" bathroom, "primo" straight, "tece" runs, "ze" from / that
                 # (Polish's too)
                 "nas byli muzete nebo nikdo tim uplne voda koupelne primo tece ze"),
    "hu": _words("es van egy nagyon jo napot kerem koszonom lakasban lakas mar most vagy "
                 "hogy mert az kinyitottam kimentunk itt ez senki semmi minden neki utan miatt ota "
                 "szeretnem szeretnenk "
                 # session 17 (multilingual23): "segitseg" help, "mult heten" last week, "lett"
                 # became, "azota" since, "rendben" fine, "csak" only, "megy" goes
                 "segitseg mult heten lett azota rendben csak megy"),
    # session 18 (multilingual24): German, Slovak, Latvian (accents stripped), Tagalog, Hausa
    # and Yoruba (typed without its tone marks); none a little word of the languages above
    # ("den", "ste", "ir", "su", "este", "ile", "o", "e", "a" are theirs)
    "de": _words("ich wir uns bei ist nicht und der das dem ein eine einen bitte schon auch mit "
                 "auf aus zum zur sehr haben hallo guten danke wie wann seit noch kein keine "
                 "mein meine unser unsere jemand wohnung "
                 # session 25 (multilingual31): or, can, a few, I take (it)
                 "oder konnen paar nehme"),
    "sk": _words("sa som sme aj ako ked cez vo zo tiez preco chcem dakujem lebo mame nemame "
                 "susedia kuchyni "
                 # session 20 (multilingual26): what, to do, to feel, I opened (feminine)
                 "co robit citit otvorila"),
    # (not "ar", "uz", "bet", "mes", "musu", "jau", "vel", "man", "sveiki": Lithuanian's too)
    "lv": _words("par mums ludzu paldies labdien nav nevaru nevar udens dzivokli"),
    "tl": _words("ang ng mga po namin kami yung hindi wala pero lang naman ito salamat pwede "
                 "ikaw niya nila sila ngayon kasi bahay "
                 # session 37 (multilingual43): I (am), nobody, (is) calling (not "lagi",
                 # always: Malay's "more")
                 "akong walang tumatawag"),
    "ha": _words("akwai sannu yanzu don wani wata gidan gida amma kuma tun jiya mun muna suna "
                 "kuna babu sosai nan "
                 # session 20 (multilingual26): because, who, this, not, water, from, under
                 "saboda wanda wannan bai ruwa daga karkashin"),
    "yo": _words("wa ni ti lati sugbon pupo ati ninu eyi won jowo ejowo omi kaaro ekaaro loni "
                 "nitosi enikan "
                 # session 32 (multilingual38): typed without its marks: about, times, person,
                 # good, not at all
                 "nipa igba eni dara rara"),
    # session 19 (multilingual25): Swahili and Shona (not "na", "ni", "ya", "wa": Tagalog's,
    # Yoruba's, Hausa's or Arabic's too)
    "sw": _words("hakuna kuna tangu yangu wangu yetu wetu sana ndani kwenye habari tafadhali "
                 "siwezi hatuwezi maji nyumba kwa za wala hii sasa leo jana asante mimi sisi "
                 # session 20 (multilingual26): big, of, down, outside, I am afraid, wall
                 "mkubwa vya chini nje naogopa ukuta "
                 # session 21 (multilingual27): about, three, at all, your, service
                 "kuhusu tatu kabisa yenu huduma "
                 # session 23 (multilingual29): neighbour, he or she, has not, cannot, days,
                 # himself or herself, at home
                 "jirani yeye hana hawezi siku mwenyewe nyumbani "
                 # session 36 (multilingual42): help, quickly, part, from, above, other,
                 # kitchen
                 "msaada haraka sehemu kutoka juu nyingine jikoni "
                 # session 37 (multilingual43): I ask, how, a problem
                 "naomba jinsi shida"),
    # session 20 (multilingual26): Igbo typed without its dots, and Twi without its ɛ and ɔ
    # (not "na", "m", "ya", "no", "wo", "me": other languages' too)
    "ig": _words("ndewo biko daalu anaghi enweghi ugbu ukwuu nke maka ulo anyi unu mmiri "
                 "umuaka nne nna"),
    "tw": _words("maakye maaha maadwo mepa kyew medaase yen efise nnora mmofra fie nkoaa "
                 "ewiase"),
    # session 20 (multilingual26): Malay (not "di", "dan", "ada": Italian's, Hungarian's or
    # Tagalog's too) and romanised Malayalam (not "illa": Tamil's too)
    "ms": _words("saya tiada tak sejak rumah dalam boleh tolong sebab pun tidak kami sudah belum "
                 "sangat terima kasih helo antara berfungsi"),
    # session 35 (multilingual41): brother, from, into, it seems, does not stop, all over,
    # is flowing
    "ml": _words("chetta chettan ninnu ilekku thonunnu nikkunnilla muzhuvan ozhukunnu "
                 "aayi nalla thanne undaayirunnu vannu cheyyamo athu ente njan njangal ningal "
                 "aanu aano kazhinju ippol ayakkamo "
                 # session 23 (multilingual29): today, morning, even, is not coming, cannot,
                 # anyone, will (someone) come, elder sister (not "vellam", "muthal", "und":
                 # Tamil's or German's too)
                 "innu raavile polum varunnilla pattunnilla aarenkilum varumo chechi "
                 # session 27 (multilingual33): our, now, to come, can (not "alla": Italian's)
                 "njangalude eppol varan pattum "
                 # session 28 (multilingual34): to him, that it is, (in the) room, other, wrote
                 # (not "maasam", "vellam": Tamil's too)
                 "avanu aanennu muriyil vere ezhuthi "
                 # session 37 (multilingual43): that (quoting), will be, said (not "varum", will
                 # come: Tamil's too)
                 "ennu aayirikkum paranju paranjirunnu"),
    "sn": _words("mhoro iri riri vari vana ndine handina hamuna asi zvino nekuti kwete imba "
                 "mvura makati zvachose nazvo mazuva ndapota "
                 # session 23 (multilingual29): hello (to several), I am, alone, with the
                 # children, someone, a person, send, today, at night
                 "mhoroi ndiri ndega nevana mumwe munhu tumirai nhasi usiku "
                 # session 28 (multilingual34): years, in the house, this, twice, because of,
                 # and, we have no, other, saying (not "ese", "make": Spanish's, English's)
                 "makore mumba rino kaviri nekuda uye hatina imwe achiti"),
    # session 21 (multilingual27): Croatian (Serbian, Bosnian), Uzbek, Dutch, Lingala, Welsh,
    # and Georgian and Armenian in Latin letters: words of their own, not English ones
    "hr": _words("nije smo molim hvala postovani zelio zeljela zelim bih nesto jer gdje ovdje "
                 "vec jos hitno vani zgrade zgradi dobar javljam znate kod ali "
                 # session 22 (multilingual28): I am, I need, neighbour, flat, I feel,
                 # bathroom, corridor, we can
                 "sam trebam treba susjed susjeda susjedi stan stanu osjecam osjeca kupaonica "
                 "kupaonice kupaonici kupaonicu hodnik hodniku mozemo "
                 # session 23 (multilingual29): hello, how, today, tomorrow, yesterday, we do,
                 # key
                 "pozdrav kako danas sutra jucer radimo kljuc "
                 # session 24 (multilingual30): while, before, after, were, door, room, someone
                 # (Serbian, Bosnian), nobody, did, in the morning
                 "dok prije nakon bili vrata vratima sobi neko nekoga niko uradio ujutru"),
    "uz": _words("assalomu alaykum iltimos rahmat kerak uchun bugun yuboring boshqa bilan "
                 "yoq emas ham juda xonadagi"),
    "nl": _words("ik het een niet mijn wij graag alstublieft goedemiddag goedemorgen "
                 "onderwerp keer maar ook nog wacht afspraak gemaakt "
                 # session 22 (multilingual28): comes, out of, under, where, of/to, I have,
                 # must, children
                 "komt uit onder waar naar heb moet kinderen "
                 # session 37 (multilingual43): you (all), (I) think, almost, no, come
                 "jullie denk bijna geen komen "
                 # session 37 (multilingual43): Afrikaans, which the Dutch entry serves (and is
                 # reported as Dutch), its own words (not "die", "is", "en", "nie", "nou", "baie",
                 # "sal", "dis", "vir": English's, Spanish's, Polish's, Romanian's, French's or
                 # Portuguese's too): I, please, good, good day, you, you (all), they, evening,
                 # tonight, thank you, yesterday, today, look, phoned, the living room
                 "ek asseblief goeie goeiedag jy julle hulle naand vanaand dankie gister vandag "
                 "kyk gebel sitkamer"),
    "ln": _words("mbote ezali bazali biso bino mpe ndako awa nini te lisusu malamu mabe "
                 "bosalisa botinda noki"),
    "cy": _words("hoffwn ydy diolch mae gyda fy cael bosib yn helo "
                 # session 25 (multilingual31): have (done), not, come (please), from it, worry,
                 # as soon as, our, your, they, also
                 "wedi ddim dewch ohono poeni cyn gynted ein eich nhw hefyd "
                 # session 27 (multilingual33): I am, two, month, times, everyone, say, will,
                 # someone, nobody, very, but
                 "rydw dw ddau fis gwaith pawb dweud bydd rhywun neb iawn ond"),
    # session 25 (multilingual31): Zulu, words of its own: hello, please, thank you, and, very,
    # in the house, this, but, today, yesterday, quickly, my, our
    "zu": _words("sawubona sicela ngiyabonga futhi kakhulu endlini lokhu kodwa namuhla izolo "
                 "ngokushesha wami wethu lethu yami"),
    "ka": _words("gamarjoba dzalian aravin aris madloba gtxovt minda "
                 # session 29 (multilingual35): week, twice, nor, came, you (not "ori", "rom",
                 # "var", "da": Romanian's, Turkish's or others' too)
                 "kvira kviraa orjer arc mosula movida tkven "
                 # session 35 (multilingual41): hello (to several), in the house, the house,
                 # what shall I do, please, my, our, head, aches
                 "gamarjobat sakhlshi sakhli vaketeb gtkhovt chemi chveni tavi mtkiva"),
    "hy": _words("barev dzez uzum em chem shnorhakalutyun shnorhakal khndrum "
                 # session 35 (multilingual41): our, not, I have, today, at night, this
                 # morning, children, people, now, come (not "en", Spanish's "in")
                 "mer chi unem aysor gisherov aravotyan erekhaner mardik hima ekeq"),
    # session 22 (multilingual28): romanised Nepali and Telugu, words of their own (not "ko",
    # "ma", "le", "lai", "pani", "meri", "dekhi", "namaste": Hindustani's, Somali's, Italian's
    # or pinyin's too; not "lo", "anni": Italian's, an English name)
    "ne": _words("hami hamro hamilai mero malai tapai tapaiko tapailai chha chhan chhaina chaina "
                 "thiyo bhayo bhayena bhaneko garna gareko garda garnus garnuhos gardaina hunchha "
                 "ani tara kohi kehi ahile aile dherai kasto ajhai ajhasamma matra hajur "
                 "pathaunus pathaidinus saknuhunchha "
                 # session 23 (multilingual29): all, below's, burst, cannot be stopped, leaked
                 "sabai talako phutyo rokinna chuhiyo "
                 # session 29 (multilingual35): times, did, did not come, such, again, felt, up
                 # to, is (honorific), has come (not "bata", "cha": Tagalog's, pinyin's too)
                 "choti gare aayena yasto feri lagyo samma hunuhuncha hunuhunchha aairacha "
                 # session 34 (multilingual40): to do, having done, after, is coming
                 "garne garisake garisakyo pachi aairaheko"),
    "te": _words("meeru mee maa memu nenu naaku maaku ledu undi unnayi unnaru ayyindi evaru "
                 "chesi chesanu cheyyandi kani inka ippudu chala emi "
                 # session 35 (multilingual41): yesterday, since, at all, is not coming, is not
                 # happening, but, even, will not come, send, anyone, are coming
                 "ninna nundi asalu raavatledu avvatledu kaani raadu pampandi evarinaina "
                 "vastunnayi"),
    # session 27 (multilingual33): romanised Sinhala, words of its own (not "mama", "mata",
    # "na": Spanish's, Malay's or Polish's too): (I) am doing, nobody, is not, the, one,
    # two, came, from, very
    "si": _words("karanawa karanna kawuruth kawruth naha nehe eke ekak ekakwath dekak awe "
                 "thisse gena kanagatui hari "
                 # session 29 (multilingual35): hello, to pay, can (I), what, thank you, from
                 # it (not "ona": Polish's too)
                 "ayubowan gewanna puluwanda puluwan mokadda sthuthi eken "
                 # session 37 (multilingual43): quickly, someone, send, a lot, is going (not
                 # "baha", cannot: Tagalog's "flood")
                 "ikmanata kenek ewanna godak yanawa"),
    # session 23 (multilingual29): Swedish and Finnish (accents stripped), words of their own
    # (not "vi", "min", "som", "nu", "en", "har", "for", "se", "ja", "bara", "moi", "tama":
    # other languages' too)
    "sv": _words("och det jag inte att ska vad hej tack mycket eller hur ocksa ingen inget "
                 "nagon nagot mitt mina finns redan idag igar granne grannen "
                 "lagenhet lagenheten hyresvard kunna skulle varit efter"),
    "fi": _words("olen olemme ole ei etta kun mutta myos tai kiitos hei minun meidan nyt "
                 "viela kanssa kukaan koska joka jotain asunto asunnossa todella ollut "
                 "kaksi nelja kertaa joku eika voitteko mitaan"),
    # session 24 (multilingual30): Haitian Creole (accents stripped), words of its own, none
    # French's (not "la", "a", "pa", "se", "ki", "nan", "pou": French's, Greek's or others' too)
    # session 25 (multilingual31): Estonian (accents stripped), words of its own (not "ja",
    # "ei", "on", "oli", "kas", "paha": Finnish's, Lithuanian's or English's too)
    "et": _words("tere aitah palun meie meil mul oleme olen millal eelmine sooviksin korteris "
                 "ning kuidas praegu pea "
                 # session 30 (multilingual36): I wish, to know, if, with whom, of it (not
                 # "kas", whether: Lithuanian's "who")
                 "soovin teada kui kellega sellest "
                 # session 31 (multilingual37): from there, straight, onto, already, here,
                 # there, water (not "on", "ja": English's, Finnish's and German's too)
                 "sealt otse peale juba siin seal vesi vett "
                 # session 34 (multilingual40): now, what, but
                 "nuud mis aga"),
    "ht": _words("mwen nou yon gen bonjou bonswa tanpri mesi lakay kounye kounya toujou deyo "
                 "pitit kijan eske konprann kote paske anpil pesonn "
                 # session 25 (multilingual31): since, even, mother, neighbours, month, each,
                 # time, never, pay (not "vini": Albanian's too)
                 "depi menm manman vwazen mwa chak fwa janm peye"),
    # session 28 (multilingual34): romanised Macedonian, words of its own (not "zdravo",
    # "ovde", "imame", "vchera", "shto": Serbian's, Bulgarian's or romanised Russian's too):
    # please, someone, today, send, (in the) house, the boiler, outside, we have not, much, will
    "mk": _words("molam nekoj denes ispratete kukjata kotelot nadvor nemame mnogu kje"),
    # session 28 (multilingual34): Slovenian (accents stripped), words of its own (not "smo",
    # "hvala", "prosim", "in": Croatian's, Czech's or English's too): am, because, let, that,
    # what, nice, someone, Tuesday, now, can, (in the) flat
    "sl": _words("sem ker naj tega kar lep nekdo torek zdaj lahko stanovanju stanovanje "
                 # session 29 (multilingual35): hello, again, nobody, because of, each time, I
                 # wish, the third time
                 "pozdravljeni spet nihce zaradi vsakic zelim tretjic "
                 # session 34 (multilingual40): who, every, something
                 "kdo vsakih nekaj"),
    # session 28 (multilingual34): Irish and Scottish Gaelic (accents stripped), words of their
    # own (not "agus", "ach", "sios", "duine": both's; not "nach", "leo": German's, a name)
    "ga": _words("ta nil anois aon feidir dul cad bhfuil ata inniu freisin orm ag agam againn "
                 # session 34 (multilingual40): (God be with) you, with you (all), to, coming
                 "dhuit libh chun teacht "
                 # session 37 (multilingual43): you (all), did not (past), ago ("o shin")
                 "sibh nior shin"),
    "gd": _words("tha chan eil bha bidh feumaidh cuideigin dhuibh thugaibh diugh airson dhomh "
                 "dheidhinn faisg chionn tainig tighinn sinn "
                 # session 34 (multilingual40): from, a smell, kitchen, cooker
                 "bho faileadh chidsin cucair"),
    # session 29 (multilingual35): Kinyarwanda, Tetum and Oromo, words of their own (not "mu",
    # "ejo", "ami", "ona", "ho", "la", "fi", "kun": other languages' too)
    "rw": _words("muraho murakoze nyamuneka ntabwo ndashaka mfite dufite cyane kandi ariko kuva "
                 "umuntu inzu mwohereze hanze uyu munsi "
                 # session 35 (multilingual41): I am, together with, help us, quickly, water,
                 # much, reached, at once, children, small
                 "ndi kumwe mudufashe vuba amazi menshi yageze uhita abana bato "
                 # session 36 (multilingual42): much, coming from, all, is, smoke, fire, smell
                 # (not "hari", "there is": Malay's and Indonesian's "day")
                 "mwinshi uva kose iri umwotsi umuriro impumuro"),
    "tet": _words("bondia botarde bonoite obrigadu obrigada amin sira hela hatene "
                  "labarik barak liuhosi "
                  # session 36 (multilingual42): in, inside, still, but, send, look, whole,
                  # burning (a light), broken, full, room, change (not "ema", "ida": Estonian's
                  # "mother", Spanish's "going")
                  "iha laran nafatin maibe haruka haree tomak lakan rahun nakonu kuartu troka"),
    "om": _words("akkam nagaa keenya maaloo nuuf galatoomaa himeera keessumaa qabdi qabna "
                 "jira dhufaa amma isheetiif koo"),
    # session 34 (multilingual40): romanised Thai, words of its own (not "ka", "mai", "dai":
    # Somali's or Vietnamese's too): help, please, already, there is, polite particles
    "th": _words("chuay duay laew mee krub khrap khrub kha"),
    # session 31 (multilingual37): Romani (in, house, with us, out, comes, how, you, please,
    # children; not "si", is, Croatian's and Romanian's too), which carons alone would call
    # Croatian
    # session 35 (multilingual41): romanised Marathi (our, in, from, is coming, are, is, all,
    # shall I do, we, you), Wolof (water, is, on, above, room, towards, now, send, someone;
    # typed without its letters ë, à, ŋ) and Xhosa (hello, and, but, I have, small, I ask,
    # thank you, now, I don't know, smoke, it comes out, it smells), which the detector
    # does not know
    "mr": _words("amchya amcha amchi madhe madhye madhun yetoy yetay ahet aahe sagle karu amhi "
                 "tumhi zala jhala"),
    "wo": _words("ndox dafay wacc kaw neeg ngi jem leegi yonneel kenn dama sama sunu jerejef "
                 "ndax lool waaw "
                 # session 37 (multilingual43): (he, she) is, quickly, help (us)
                 "dafa gaaw dimbali dimbalileen"),
    "xh": _words("molo kwaye ndiyicimile ndinabantwana abancinci ndicela ndiyacela enkosi "
                 "ngoku andazi umsi kuphuma kunuka udonga"),
    "rom": _words("ando andro andre kher khere amenca amenge tumen tumenge avri avel sar "
                  "mangav chavore chave "
                  # session 32 (multilingual38): the greeting "lacho dives" (good day), come
                  # (you all), quickly
                  "lacho dives aven sigo"),
}
# (session 31, multilingual37) Krio writes ɛ and ɔ too (Sierra Leone's English-lexicon creole):
# two of its little words as detection reads them ("una" you, "os" house, "di" the, "pikin"
# child, "wetin" what, "noto" is not, "yestiday", "tide" today, "bifo" before, "padi" friend),
# more than Twi's, say it is Krio.
_KRIO_WORDS = _words("una os di pikin wetin noto yestiday tide bifo padi kushe")
# Bulgarian in Latin letters writes я as "q" (kuhnqta, izlqzohme): after a consonant and before
# a letter that is not pinyin's i or u (qi, qu), a vote for Bulgarian (session 14).
_SHLYOKAVITSA = re.compile(r"[bcdfgjklmnprstvz]q(?![iu])[a-z]")
# Polish without its letters (ą ę ł ó ś ż) still writes its digraphs: "cz", "sz", "rz" and "prz"
# ("czy", "przeglad", "szafka", "rzecz"), which none of the other Latin-script languages we serve
# writes (romanised Ukrainian's "rzh" is r and zh); each word with one is a vote for Polish
# (session 16, multilingual21).
_POLISH_DIGRAPH = re.compile(r"\b[a-z]*(?:cz|sz|rz)(?!h)[a-z]*\b")
# (session 17) Hungarian writes "sz" too: a word with its "gy" or "zs" ("gyerekszobaban") is no
# vote for Polish, and a word with "gy" or a doubled "tt" ("miatt", "elfogadhatatlan"), which
# Polish does not write, is a vote for Hungarian (not "tti", "tte": Turkish "gitti", "sikayette").
_HUNGARIAN_DIGRAPH = re.compile(r"gy|zs")
_HUNGARIAN_SPELLING = re.compile(r"gy|tt(?![ie])")
# (session 19) Hungarian's own letters ő ű (double acute), Czech's ř ů ě, and Hausa's hooked
# ƙ ɗ ɓ ƴ: each word with one is a vote.
_HUNGARIAN_LETTERS = re.compile(r"[őű]")
_HAUSA_LETTERS = re.compile(r"[ƙɗɓƴ]")
# Letters Polish never writes (Hungarian's, Czech's, Slovak's é á ő ű): no vote for its digraphs.
_NOT_POLISH_LETTERS = re.compile(r"[éáőű]")
# At least this share of known words: English, with no detector needed.
ENGLISH_SHARE = 0.6


@lru_cache(maxsize=4)
def _detector(script: str) -> Any:
    """A lingua detector for one script's languages, built on first use."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _SCRIPT_LANGUAGES[script]]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _lingua(script: str, text: str) -> str | None:
    language = _detector(script).detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language is not None else None


def detect_language(text: str, english_share: float) -> str | None:
    """ISO 639-1 code of `text` (as written: accents help), or None when there are no letters.

    english_share: the share of its words the router reads as English (routing.model coverage).
    """
    if english_share >= ENGLISH_SHARE:  # most contacts: one letter is enough to say so
        if not _LETTER.search(text):
            return None
        return _mixed_with_english(text) or "en"
    letters = _LETTER.findall(text)
    if not letters:
        return None
    sample = "".join(letters[:400])
    return _by_script(text, sample) or _by_words(text)


# (session 28) Scottish Gaelic's little words read among English ones: not "tha", an English
# typing of "the".
_GAELIC_AMONG_ENGLISH = _FUNCTION_WORDS["gd"] - {"tha"}


def _mixed_with_english(text: str) -> str | None:
    """(session 16) Messages that mix in many English words ("switch board", "carbon
    monoxide") can have most words known and still be another language's: three Arabizi words
    of three letters or more ("ya3mel", "7ada", not a flat's "3b" or "6ft") and an Arabic little
    word (not "men"), or three little words of romanised Tamil, say so (no English contact of
    the tuned corpora has more than one of either). Romanised Bengali's little words and a
    non-Latin script for a third of the letters would be as sound, but on three tuned "gas
    safety check" bookings they turn on the other-language safety question: left out until that
    rule is looked at."""
    lower = text.lower()
    words = set(_WORD.findall(lower))
    arabizi = [w for w in _ARABIZI.findall(lower) if sum(map(str.isalpha, w)) >= 3]
    if len(arabizi) >= 3 and words & _FUNCTION_WORDS["ar"] - {"men"}:
        return "ar"
    if len(words & _FUNCTION_WORDS["ta"]) >= 3:
        return "ta"
    # (session 28, multilingual34) Scottish Gaelic's little words, three of them: English words
    # ("a", "an", "mi", "seo") are most of its words. (Jamaican Patois's own spellings would be
    # as sound, but the English tuned corpora hold Patois contacts labelled English: left as
    # English.)
    if len(words & _GAELIC_AMONG_ENGLISH) >= 3:
        return "gd"
    # (session 35, multilingual41) three little words of Nigerian Pidgin, or of romanised
    # Telugu or Marathi (among "kitchen", "bathroom", "gas pipe"), or of Tagalog: no English
    # contact of the tuned corpora has three of any of them.
    for code, own in _AMONG_ENGLISH:
        if len(words & own) >= 3:
            return code
    return None


# Each language's words that are safe to count among English ones: Telugu's little words less
# those English or other languages type too; Tagalog's less "ito", "lang", "pero", "sila" and
# the like (Spanish's, or English names), with a few of its own the detector list lacks.
_AMONG_ENGLISH = (
    ("pcm", _words("abeg una dey wey pikin wetin oga sabi wahala comot abi sef")),
    ("te", _FUNCTION_WORDS["te"] - _words("maa mee emi undi kani inka chala")),
    ("mr", _FUNCTION_WORDS["mr"]),
    ("tl", _words("po ang ng mga namin kami yung hindi wala naman salamat pwede kailan gusto "
                  "tungkol sana sanang")),
)


def _by_script(text: str, sample: str) -> str | None:
    """The language a script or its own letters name, where they name one (else None)."""
    for pattern, code in _SINGLE_SCRIPT:
        if len(pattern.findall(sample)) * 3 >= len(sample):
            return _devanagari(text) if code == "hi" else code
    if len(_ETHIOPIC.findall(sample)) * 3 >= len(sample):
        return "ti" if _tigrinya(text) else "am"
    if len(_ARABIC_SCRIPT.findall(sample)) * 3 >= len(sample):
        if _pashto(text, sample):
            return "ps"
        if _shahmukhi(text):
            return "pa"
        return "ku" if len(_SORANI.findall(sample)) >= 2 else _lingua("arabic", text)
    if len(_CYRILLIC.findall(sample)) * 3 >= len(sample):
        if len(_KAZAKH.findall(sample)) >= 2:
            return "kk"
        if _macedonian(text, sample):
            return "mk"
        if len(_SERBIAN_CYRILLIC.findall(sample)) >= 2:
            return "hr"
        return "bg" if _bulgarian(text) else _lingua("cyrillic", text)
    return _by_latin_letters(sample, text)


def _lingala(text: str) -> bool:
    """(session 30, multilingual36) Lingala writes ɛ and ɔ too: two of its little words
    ("mbote", "ezali", "ndako", "biso", ...), more than Twi's, say it is Lingala."""
    words = set(_WORD.findall(_strip_accents(text.lower())))
    lingala = len(words & _FUNCTION_WORDS["ln"])
    return lingala >= 2 and lingala > len(words & _FUNCTION_WORDS["tw"])


def _krio(text: str) -> bool:
    """(session 31, multilingual37) Krio writes ɛ and ɔ as Twi does: two of its little words,
    more than Twi's, say it is Krio."""
    words = set(_WORD.findall(_strip_accents(text.lower())))
    krio = len(words & _KRIO_WORDS)
    return krio >= 2 and krio > len(words & _FUNCTION_WORDS["tw"])


def _wolof(text: str) -> bool:
    """(session 37, multilingual43) Wolof writes ë as Albanian does ("mënul", "tëju"): two of
    its little words ("sama", "dafa", "ngi", ...), more than Albanian's, say it is Wolof."""
    words = set(_WORD.findall(_strip_accents(text.lower())))
    wolof = len(words & _FUNCTION_WORDS["wo"])
    return wolof >= 2 and wolof > len(words & _FUNCTION_WORDS["sq"])


def _by_latin_letters(sample: str, text: str) -> str | None:
    """Latin letters only one language we serve writes (Twi, Igbo, Yoruba, Vietnamese, Albanian,
    Azerbaijani; Albanian's ë is Wolof's too, told apart by the little words)."""
    if len(_TWI.findall(sample)) >= 2:
        if _lingala(text):
            return "ln"
        return "kri" if _krio(text) else "tw"
    if (len(_IGBO.findall(sample)) >= 2 and _IGBO_OWN.search(sample)
            and len(_VIETNAMESE_NOT_IGBO.findall(sample)) < 2):
        return "ig"
    if len(_YORUBA.findall(sample)) >= 2 and len(_VIETNAMESE_OWN.findall(sample)) < 2:
        return "yo"
    # (session 24) "đ" beside č ć š ž is Croatian's (Serbian, Bosnian), not Vietnamese's
    croatian_d = sample.lower().count("đ") if _CROATIAN_LETTERS.search(sample) else 0
    if len(_VIETNAMESE.findall(sample)) - croatian_d >= 2:
        return "vi"
    if len(_ALBANIAN.findall(sample)) >= 2:
        return "wo" if _wolof(text) else "sq"
    if len(_AZERBAIJANI.findall(sample)) >= 2:
        return "az"
    return None


# Nepali in Devanagari (session 18, multilingual24): its little words ("छ" is, "छन्" are, "छैन"
# is not, "हो" is, "हाम्रो" our, "मेरो" my, "पनि" also, "भयो" happened, "थियो" was, "तपाईं"
# you, "म" I), its polite imperative "-नुहोस्" and plural "-हरू", more of them than of Hindi's
# ("है", "हैं", "नहीं", "में", "का", "की", "से", "और"), which the script alone would call it.
_DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f]+")  # not the danda "।"
_NEPALI_WORDS = frozenset(("छ", "छन्", "छैन", "छौं", "छु", "हो", "हाम्रो", "हाम्रा", "मेरो", "मेरा", "पनि",
                           "भयो", "थियो", "भएको", "गरेको", "तपाईं", "तपाई", "तपाईंको", "गर्नुहोस्",
                           "म",
                           # session 19: we, he or she (honorific), went
                           "हामी", "उहाँ", "गयो"))
_HINDI_WORDS = frozenset(("है", "हैं", "नहीं", "में", "का", "की", "से", "और", "हूँ", "हूं", "था", "थी"))


def _nepali(text: str) -> bool:
    words = _DEVANAGARI_WORD.findall(text)
    own = sum(w in _NEPALI_WORDS or w.endswith(("नुहोस्", "नुभयो", "नुहुन्छ")) or "हरू" in w
              for w in words)
    return own >= 2 and own > sum(w in _HINDI_WORDS for w in words)


# (session 30, multilingual36) Marathi in Devanagari: its little words ("आहे" is, "आहेत" are,
# "आणि" and, "नाही" not, "पण" but, "मी" I, "आम्ही" we, "तुम्ही" you, "माझा"/"माझी"/"माझे" my,
# "खूप" very, "होते" was, "झाला"/"झाली"/"झाले" happened, "कोणी" someone; not "आज", today,
# which Hindi writes too), its letter "ळ", which Hindi does not write, and its postpositions
# written onto a word ("-मध्ये" in, "-च्या" of), more of them than of Hindi's little words: the
# script alone would call it Hindi.
_MARATHI_WORDS = frozenset(("आहे", "आहेत", "आहोत", "आणि", "नाही", "नाहीत", "पण", "मी", "आम्ही",
                            "तुम्ही", "माझा", "माझी", "माझे", "माझ्या", "आमचा", "आमची", "आमचे",
                            "आमच्या", "खूप", "होते", "होता", "होती", "झाला", "झाली", "झाले",
                            "कोणी", "कोणीही", "काही", "लवकर", "आजच", "करा", "पाठवा"))


def _marathi(text: str) -> bool:
    words = _DEVANAGARI_WORD.findall(text)
    own = sum(w in _MARATHI_WORDS or "ळ" in w or w.endswith(("मध्ये", "च्या")) for w in words)
    return own >= 2 and own > sum(w in _HINDI_WORDS for w in words)


def _devanagari(text: str) -> str:
    """Devanagari: Nepali or Marathi by their own little words, else Hindi."""
    if _nepali(text):
        return "ne"
    return "mr" if _marathi(text) else "hi"


def _tigrinya(text: str) -> bool:
    """Ge'ez script: more of Tigrinya's glottal "ኣ", "ቐ" row and little words than of Amharic's
    "አ" and little words."""
    words = _ETHIOPIC_WORD.findall(text)
    own = (text.count("\u12a3") + len(_TIGRINYA_LETTERS.findall(text))
           + sum(w in _TIGRINYA_WORDS for w in words))
    return own > text.count("\u12a0") + sum(w in _AMHARIC_WORDS for w in words)


def _pashto(text: str, sample: str) -> bool:
    """Pashto in Arabic script: two of its own letters (or one and its word "د"), and more of
    them than of Sorani's, and (session 26, multilingual32) than Shahmukhi Panjabi's little
    words ("وچ", "اے", "نیں", "ساڈا"): its "دا" (of) is Pashto's "دا" (this) too."""
    words = text.split()
    own = len(_PASHTO.findall(sample)) + 2 * sum(w in _PASHTO_WORDS for w in words)
    panjabi = sum(w in _SHAHMUKHI_WORDS - {"دا"} for w in _ARABIC_WORD.findall(text))
    return own >= 2 and own > len(_SORANI.findall(sample)) and own > panjabi


# Panjabi in Arabic letters (Shahmukhi, session 17, multilingual22): its little words ("وچ" in,
# "نوں" to, "دا" of, "اے" is, "نیں" are, "آں" am, "تسیں" you, "اسیں" we, "ساڈا" our, "نئیں" not,
# "ہن" now, "وی" also, "توں" from, "ایہہ" this), more of them than of Urdu's ("ہے", "نہیں", "سے",
# "کو", "تھا", "کا", "کی"), which the detector would otherwise call it.
_ARABIC_WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u06d5]+")
_SHAHMUKHI_WORDS = frozenset(("وچ", "وچوں", "نوں", "دا", "اے", "نیں", "آں", "ای", "تسیں", "اسیں",
                              "ساڈا", "ساڈے", "ساڈی", "تہاڈا", "تہاڈے", "تواڈا", "نئیں", "ہن",
                              "کیتی", "کیتا", "وی", "توں", "ہوندا", "ہوندی", "ایہہ", "کیہڑا"))
_URDU_WORDS = frozenset(("ہے", "ہیں", "نہیں", "سے", "کو", "تھا", "تھی", "کا", "کی"))


def _shahmukhi(text: str) -> bool:
    words = _ARABIC_WORD.findall(text)
    own = sum(w in _SHAHMUKHI_WORDS for w in words)
    return own >= 3 and own > sum(w in _URDU_WORDS for w in words)


# Bulgarian in Cyrillic (session 14): no letter of Russian's (ы э ё) or Ukrainian's (і ї є ґ),
# more of its little words than of Russian's (е "is", се, това, няма, ...; a noun's article
# "-ът"), and the detector, asked with Bulgarian among its languages, agrees. The detector alone
# read a short Russian message ("Розетка на кухне почернела и трещит") as Bulgarian.
_NOT_BULGARIAN = re.compile(r"[ыэёіїєґ]", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_BULGARIAN_WORDS = _words("е се съм сме сте са аз това тази този тук няма нямаме има имаме много "
                          "вече моля здравейте благодаря какво нещо някой никой всеки след пак "
                          "като във със към защото сега днес вчера "
                          # session 22: it smells, urgent(ly), I received, can, next, week,
                          # letter (Russian "пахнет", "срочно", "получил", "может",
                          # "следующий", "неделя", "письмо")
                          "мирише спешно получих получихме може следващата следващия седмица "
                          "писмо")
_RUSSIAN_WORDS = _words("что это у уже очень нет есть меня мне я мы из к пожалуйста здравствуйте "
                        "сейчас только где когда нас вас он она они его ее ей нам вам был была "
                        "было были бы же мой моя наш наша")


def _macedonian(text: str, sample: str) -> bool:
    words = _CYRILLIC_WORD.findall(text.lower())
    own = sum(w in _MACEDONIAN_WORDS for w in words)
    if own <= sum(w in _SERBIAN_WORDS for w in words):
        return False
    return bool(_MACEDONIAN_LETTERS.search(sample)) or own >= 2


def _bulgarian(text: str) -> bool:
    if _NOT_BULGARIAN.search(text):
        return False
    words = _CYRILLIC_WORD.findall(text.lower())
    bulgarian = sum(w in _BULGARIAN_WORDS or w.endswith("ът") for w in words)
    russian = sum(w in _RUSSIAN_WORDS for w in words)
    return bulgarian > russian and _lingua("cyrillic_bg", text) == "bg"


def _by_words(text: str) -> str | None:
    """Latin letters: romanised Panjabi or Hindustani, a clear lead of one language's little
    words, else the detector."""
    if len(_ARABIZI.findall(_POSTCODE.sub(" ", text.lower()))) >= 2:
        return "ar"
    words = set(_WORD.findall(text.lower()))
    pashto = len(words & _ROMAN_PASHTO)
    if pashto >= 3 and pashto > len(words & _ROMAN_PANJABI) + len(words & _ROMAN_HINDUSTANI):
        return "ps"
    # Romanised Gujarati shares some of Panjabi's little words ("nu", "ne", "aa"): more of
    # its own decide for it (session 14, multilingual19).
    # (session 16) Romanian's "si", "ne", "nu" are Panjabi's too: a European language with more
    # of its own little words keeps the message (multilingual21).
    folded = set(_WORD.findall(_strip_accents(text.lower())))
    raw = set(_RAW_WORD.findall(text.lower()))
    votes = sorted(((len(folded & ws) + _extra_votes(code, folded, raw), code)
                    for code, ws in _FUNCTION_WORDS.items()), reverse=True)
    european = max(n for n, code in votes if code in _EUROPEAN)
    panjabi = len(words & _ROMAN_PANJABI)
    if panjabi >= 3 and panjabi > len(words & _FUNCTION_WORDS["gu"]) and panjabi >= european:
        return "pa"
    # (session 22) Romanised Gujarati shares Hindustani's "koi", "ke", "gaya": more of its own
    # little words keep it.
    hindustani = len(words & _ROMAN_HINDUSTANI)
    if hindustani >= max(3, european) and hindustani > len(words & _FUNCTION_WORDS["gu"]):
        return "ur"
    if votes[0][0] >= 2 and votes[0][0] >= 2 * votes[1][0]:
        return votes[0][1]
    # (session 28, multilingual34) Croatian and Slovenian ahead, with the same carons: the little
    # words only one of them writes decide ("jer", "sam", "nije" against "ker", "sem", "naj"),
    # Croatian (Serbian, Bosnian) on a tie.
    if {votes[0][1], votes[1][1]} == {"hr", "sl"} and votes[0][0] >= 2:
        slovenian = len(folded & _FUNCTION_WORDS["sl"])
        return "sl" if slovenian >= 2 and slovenian > len(folded & _FUNCTION_WORDS["hr"]) else "hr"
    if {votes[0][1], votes[1][1]} == {"ru", "uk"} and (east := _russian_or_ukrainian(folded)):
        return east
    if {votes[0][1], votes[1][1]} == {"cs", "sk"} and votes[0][0] >= 2:
        return "sk" if _slovak_spelling(raw) else "cs"
    # (session 22) Czech or Slovak ahead, and a letter only they write (ť ď ň ř ů ě ľ ĺ ŕ ô):
    # Polish's little words ("nie", "do", "na", "od", "to") are theirs too.
    if votes[0][1] in ("cs", "sk") and votes[0][0] >= 2 and _carons(raw):
        return "sk" if _slovak_spelling(raw) else "cs"
    return _lingua("latin", text)


# (session 26, multilingual32) Romanised Russian and Ukrainian share little words ("ya", "u",
# "v", "ne", "vse", "moya", "vash", "khochu", "dobryi"), which the Ukrainian list holds: with the
# two ahead and neither leading twice over, the words only one of them writes decide ("mozhno",
# "spasibo", "rabotaet", "chto" against "mozhna", "dyakuyu", "shcho", "meni"), two of them at
# least.
_ROMAN_EAST_SLAVIC_SHARED = _words("ya u v ne vse moya odna dveri vash khochu dobryi")


def _russian_or_ukrainian(folded: AbstractSet[str]) -> str | None:
    russian = len(folded & _FUNCTION_WORDS["ru"] - _ROMAN_EAST_SLAVIC_SHARED)
    ukrainian = len(folded & _FUNCTION_WORDS["uk"] - _ROMAN_EAST_SLAVIC_SHARED)
    if max(russian, ukrainian) >= 2 and russian != ukrainian:
        return "ru" if russian > ukrainian else "uk"
    return None


_EUROPEAN = frozenset(("es", "pt", "it", "fr", "pl", "ro", "lt", "tr", "sq", "el", "cs", "hu",
                       "de", "sk", "lv",
                       # session 22: Croatian's "da", "ne" are Panjabi's too
                       "hr", "nl",
                       # session 23
                       "sv", "fi",
                       # session 25
                       "et",
                       # session 28
                       "sl", "mk", "ga", "gd"))


# (session 18) Letters with accents only Latvian (ā ē ī ģ ķ ļ ņ; Lithuanian writes ą ę ė į ų ū) or
# only Slovak (ľ ĺ ŕ ô; Czech writes ř ů ě) writes among the languages we serve: each word with one
# is a vote for it (a pinyin tone mark ā or ē is no vote: pinyin has no other word of Latvian's).
_RAW_WORD = re.compile(r"[^\W\d_]+")
_LATVIAN_LETTERS = re.compile(r"[āēīģķļņ]")
_SLOVAK_LETTERS = re.compile(r"[ľĺŕô]")


# Czech and Slovak write carons (č š ž ť ď ň), which Polish does not: each word with one is a
# vote for both, once the text has a letter only they write (ť ď ň ř ů ě ľ ĺ ŕ ô: Lithuanian and
# Latvian write č š ž too).
# Between the two, Slovak's diphthongs ("ie", "ia", "iu": "prišiel", "tečie", "susedia") and
# letters against Czech's ř ů ě decide.
_CARON = re.compile(r"[čšžťďňľ]")
_CZECHOSLOVAK_LETTERS = re.compile(r"[ťďňřůěľĺŕô]")
_SLOVAK_SPELLING = re.compile(r"[ľĺŕôä]|i[eau]")
_CZECH_LETTERS = re.compile(r"[řůě]")


# (session 24, multilingual30) Croatian (Serbian, Bosnian in Latin letters) writes č ć š ž đ and
# no accented vowel: Czech and Slovak write á é í ý ě ..., Lithuanian ą ę ė į ų ū, Latvian ā ē ī,
# Polish ą ę ł ó ś ź ż ń, Hungarian á é ő ű. In a text with none of those, each word with one of
# its letters is a vote for it.
_CROATIAN_VOTE = re.compile(r"[čćšžđ]")
_NOT_CROATIAN = re.compile(r"[áéíóúýäôěřůťďňľĺŕąęėįųūāēīģķļņłśźżńőűöüâîășțşğı]")


def _croatian_carons(raw: AbstractSet[str]) -> int:
    if any(_NOT_CROATIAN.search(w) for w in raw):
        return 0
    return sum(bool(_CROATIAN_VOTE.search(w)) for w in raw)


def _carons(raw: AbstractSet[str]) -> int:
    if not any(_CZECHOSLOVAK_LETTERS.search(w) for w in raw):
        return 0
    return sum(bool(_CARON.search(w)) for w in raw)


def _slovak_spelling(raw: AbstractSet[str]) -> bool:
    slovak = sum(bool(_SLOVAK_SPELLING.search(w)) for w in raw)
    return slovak > sum(bool(_CZECH_LETTERS.search(w)) for w in raw)


def _extra_votes(code: str, folded: set[str], raw: AbstractSet[str] = frozenset()) -> int:
    """Spellings that vote for a language besides its little words: Bulgarian's "q" for я,
    Polish's digraphs, Hungarian's "gy" and "tt", Latvian's and Slovak's own letters."""
    if code == "lv":
        return sum(bool(_LATVIAN_LETTERS.search(w)) for w in raw)
    if code == "sk":
        return sum(bool(_SLOVAK_LETTERS.search(w)) for w in raw) + _carons(raw)
    if code == "cs":
        return _carons(raw) + sum(bool(_CZECH_LETTERS.search(w)) for w in raw)
    if code == "bg":
        return len(_SHLYOKAVITSA.findall(" ".join(folded)))
    if code == "sv":  # (session 25) "å", which no other language we serve writes
        return sum("å" in w for w in raw)
    if code == "hu":
        if any("ä" in w for w in raw):  # (session 27) Finnish's "ä" and doubled letters
            return 0
        return (sum(bool(_HUNGARIAN_SPELLING.search(w)) for w in folded)
                + sum(bool(_HUNGARIAN_LETTERS.search(w)) for w in raw))
    if code == "ha":
        return sum(bool(_HAUSA_LETTERS.search(w)) for w in raw)
    if code in ("hr", "sl"):  # (session 28) Slovenian writes č š ž too, and no other accent
        return _croatian_carons(raw)
    if code == "pl":
        if any(_NOT_POLISH_LETTERS.search(w) for w in raw):  # (session 19) é, á, ő, ű
            return 0
        return sum(bool(_POLISH_DIGRAPH.fullmatch(w)) and not _HUNGARIAN_DIGRAPH.search(w)
                   for w in folded)
    return 0


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))
