"""Language detection on the decision, the safety question band, and the model-free preview."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from routing import Message, Router
from routing.language import detect_language
from routing.model import load_model
from routing.normalise import normalise
from tools.router_eval import MULTILINGUAL_TUNED, TUNED, load, multilingual_held_out

ROUTER = Router()


@pytest.mark.parametrize(("text", "language"), [
    ("my boiler has stopped working again", "en"),
    ("Czuję gaz w kuchni, proszę o pomoc", "pl"),
    ("Huele a gas en la cocina, por favor vengan", "es"),
    ("رائحة غاز قوية في المطبخ", "ar"),
    ("রান্নাঘরে গ্যাসের গন্ধ পাচ্ছি", "bn"),
    ("厨房里有很浓的煤气味", "zh"),
    ("kitchen vich gas di smell aa rahi aa, tuhada engineer nu bhejo ji", "pa"),
    # Ge'ez script: Amharic "fire broke out in my house", Tigrinya "a fire has started at home"
    ("ቤቴ ውስጥ እሳት ተነሳ እባካችሁ ቶሎ ኑ", "am"),
    ("ኣብ ገዛና ሓዊ ተላዒሉ ኣሎ", "ti"),
    # Session 12, written for these tests: languages the detector does not know or confuses,
    # and languages written in Roman letters.
    ("Ndjej erë gazi në kuzhinë, ju lutem ejani shpejt", "sq"),  # Albanian, not Spanish
    ("Tôi ngửi thấy mùi gas trong bếp, xin hãy đến ngay", "vi"),  # Vietnamese
    ("toi ngui thay mui gas trong nha bep, xin den ngay, cam on", "vi"),
    ("بۆنی گاز لە چێشتخانەکەم دێت، تکایە زوو وەرن", "ku"),  # Sorani Kurdish, not Arabic
    ("Bêhna gazê ji mitbaxa min tê, ez ditirsim, ji kerema xwe zû werin", "ku"),  # Kurmanji
    ("amar rannaghore gas er gondho ashche, ami khub bhoy pacchi, ekhon keu ashte parben?",
     "bn"),
    ("maara ghar ma gas ni vaas aave che, tame jaldi koi ne mokli shako?", "gu"),
    ("enga veetla gas smell romba varuthu, yaaravathu udane anuppunga", "ta"),
    ("salam, too ashpazkhane booye gaz miad, lotfan zood biayn", "fa"),
    ("marhaba, fi ri7et gaz bel matbakh, ana khayfe, shukran", "ar"),
    ("dobryi den, u mene na kukhni duzhe pakhne hazom, bud laska pryidit", "uk"),
    # Session 14, written for these tests: Bulgarian in Cyrillic and in Latin letters (its
    # "q" for я), a short Russian message the detector alone read as Bulgarian, romanised
    # Amharic and Russian
    ("Здравейте, в банята няма вода от сутринта, моля елате", "bg"),
    ("zdraveite, v kuhnqta mirishe na gaz, moga li da vi se obadq", "bg"),
    ("Розетка на кухне почернела и трещит, страшно", "ru"),
    ("selam, bet wust betam yishetal, min ladirg?", "am"),
    ("zdravstvuite, uzhe dva dnya net otopleniya, ya ne mogu dozvonitsya", "ru"),
    # Session 16, written for these tests (each read as another language before): romanised
    # Tamil and Arabizi among many English words, Vietnamese without its accents, Polish
    # without its letters, Romanian with Panjabi-looking "ne", "si", "nu", Tigrinya in Ge'ez
    # without its glottal "ኣ", romanised Pashto and Bengali
    ("boiler switch on pannitten, hot water varala, radiator ellaam cold-a irukku", "ta"),
    ("kitchen tap leak aagudhu, neenga plumber anuppunga, thanni floor fulla", "ta"),
    ("el boiler 3am ya3mel noise w el radiators ma fi 7arara, ba3d el service sar hek. shu a3mel?",
     "ar"),
    ("salam, el shower taba3na 3am yna2et may, ma fi 7ada yisla7o, please send someone", "ar"),
    ("mui khet lam, giup voi!! flat 12 Birch Court", "vi"),
    ("Wiadomosc o przegladzie gazu przyszla na czwartek, czy mozna inny termin?", "pl"),
    ("Buna ziua, ne-a cazut o bucata din tavan in baie si nu se mai opreste apa, va rog", "ro"),
    ("ካብ ትማሊ ጀሚሩ ማይ የለን፣ መዓስ ክትመጹ ኢኹም?", "ti"),
    ("ቤቴ ውስጥ ውሃ የለም፣ አሁን ምን ላድርግ?", "am"),
    ("salam, zma kor ke sabaa plumber raoleghai, mehrabani", "ps"),
    ("amader bathroom er light ta kothay kinte pabo? notun lagbe", "bn"),
    # and English that has a look of those signals: flat numbers and text-speak with digits,
    # a Polish surname, names and words that are Tamil or Vietnamese little words elsewhere
    ("The men from the gas company checked flats 3a, 5b and 9c today", "en"),
    ("c u 2day or 2moro, the lam fitting in the hall is broken", "en"),
    ("Can you send the 2nd form to 7b, the 6ft fence at no 3c fell in 2day's wind", "en"),
    ("Mr Szczepanski next door says the czar of the committee will call", "en"),
    ("Our son Rendu and my mum Mela are staying, the heating is off", "en"),
    # Session 22, written for these tests (each but the Slovak read as another language
    # before): romanised Hindustani, Panjabi, Nepali, Telugu, Amharic, Russian and Ukrainian,
    # Dutch and Croatian beside Spanish's and Ukrainian's little words, Sorani in Latin letters,
    # Bengali, Bulgarian words Russian does not write, Slovak ahead of Polish's shared words;
    # and English with names that are those languages' little words
    ("kal plumber aaya tha lekin kaam abhi bhi theek nahi hua, kab aayega koi?", "ur"),
    ("bathroom da pankha kam nahi karda, kado theek karoge?", "pa"),
    ("hamro bathroom ko dhara chuhiraheko chha, kohi pathaunus", "ne"),
    ("tapai ko manche aaunu bhayena, ajhai pani kehi garnu bhayena", "ne"),
    ("maa intlo heating pani cheyyatledu, evaru raaledu, meeru eppudu vastaru?", "te"),
    ("Er komt rook uit de meterkast en de kinderen zijn bang, moet ik de deur dichtdoen?", "nl"),
    ("Ne možemo koristiti kupaonicu jer iz odvoda izlazi voda, već je u hodniku", "hr"),
    ("Trebam pomoć, u stanu je vlaga na zidu, susjed kaže da je i kod njega", "hr"),
    ("Slaw, kareba la malakaman nîya, tkaye binêrin", "ku"),
    ("Selam, yebet kiray wereket yasfeligegnal, be email tichilalachihu? Amesegnalehu", "am"),
    ("Pochemu mne nikto ne otvechaet? Esli ya zvonyu, kazhdyi raz govoryat zhdat", "ru"),
    ("Dobryi den, dity spliat u kimnati, a z vykhodu kapaie voda", "uk"),
    ("Мирише на изгоряло в коридора, спешно", "bg"),
    ("Получих писмо за ремонта, може ли следващата седмица?", "bg"),
    ("Deti rozbili okno na chodbe, som sama doma a nemôžem to zakryť, nie je to bezpečné, aj "
     "susedia to vidia", "sk"),
    ("onek din dhore kaaj hoy ni, amra jani na keno, eta thik na", "bn"),
    # (session 27, written for these tests) romanised Bengali among English words, romanised
    # Ukrainian, Malayalam and Sinhala, Welsh, and Finnish with its doubled letters (not
    # Hungarian's "tt")
    ("bathroom e pipe fete gese, o ghor e pani, stopcock khuje pacchi na. taratari kauke pathan",
     "bn"),
    ("Dobryi vechir, pid nashym balkonom i na skhody ide dym, povidomliaiu vam", "uk"),
    ("njangalude kitchen tap leak aanu, eppol varan pattum?", "ml"),
    ("Mama maasa dekak thissé call karanawa, kawuruth awe naha", "si"),
    ("Rydw i wedi ffonio dair gwaith ond does neb wedi dod, dw i'n siomedig iawn", "cy"),
    ("Hei, olen jo soittanut, että katto vuotaa ja vettä tippuu, kukaan ei ottanut yhteyttä",
     "fi"),
    # session 34 (multilingual40's tuned part, written for these tests): Estonian, Slovenian,
    # Irish and Scottish Gaelic, romanised Thai, Nepali and Pashto, Darija among English words
    ("Tere, mis nüüd saab? Aken ei sulgu, aga ma olen kodus", "et"),
    ("Kdo bo prišel? Radiator vsakih nekaj minut ropota", "sl"),
    ("Dia dhuit, an féidir libh teacht chun an doras a dheisiú?", "ga"),
    ("Tha fàileadh neònach bho chidsin an nàbaidh", "gd"),
    ("chuay duay krub, pratu hong nam pid mai dai laew", "th"),
    ("hamro bhanchha ko dhara bigreko cha, kaile banauna aaune? pachi garne?", "ne"),
    ("salam, dwa myashte makhke me report warkare wo, zah dera khapa yam", "ps"),
    ("kayna a water leak under the kitchen sink, ta7t the floor, 3afak send chi wa7ed", "ar"),
    ("Maa and the kids are staying with Anni while the heating is off", "en"),
    ("Sam at the stan by the bins says the tara lid is broken", "en"),
])
def test_the_decision_carries_the_language_it_was_written_in(text: str, language: str) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.language == language
    assert decision.to_dict()["language"] == language


def test_the_webhook_preview_uses_the_rules_alone() -> None:
    text = "the wardrobe in the hall keeps wobbling since last night"
    model = load_model()
    assert model is not None
    keen = Router(model=replace(model, thresholds={**model.thresholds, "page": 0.0}))
    assert keen.route(Message(text)).category == "emergency"  # the model at page 0 raises it
    preview = keen.route(Message(text), preview=True)
    assert preview.category == "service_request"
    assert preview.language is None and not preview.ask_safety_question
    assert all(not r.cue.startswith(("model", "statistical")) for r in preview.reasons)


def test_a_contact_between_possible_and_page_gets_the_safety_question() -> None:
    model = load_model()
    assert model is not None
    text = "there is a funny noise from the boiler cupboard"
    p = ROUTER.model.scores(  # type: ignore[union-attr]
        __import__("routing.normalise").normalise.normalise(text)).emergency
    between = Router(model=replace(model, thresholds={**model.thresholds, "possible": p / 2,
                                                      "page": min(1.0, p * 2 + 0.01)}))
    decision = between.route(Message(text))
    assert decision.category != "emergency"
    assert decision.ask_safety_question and decision.to_dict()["ask_safety_question"] is True
    above = Router(model=replace(model, thresholds={**model.thresholds, "possible": 0.999,
                                                    "page": 0.9999}))
    assert not above.route(Message(text)).ask_safety_question


def test_an_emergency_never_asks_the_question_it_is_already_escalated() -> None:
    decision = ROUTER.route(Message("I can smell gas in the kitchen"))
    assert decision.category == "emergency" and not decision.ask_safety_question


def test_a_number_is_one_feature_whatever_it_is_and_an_address_is_none() -> None:
    from routing.model import NUMBER, features  # noqa: PLC0415 - this test only

    assert features("leak 4") == features("leak 27b") == ["leak", f"leak {NUMBER}"]
    # "flat" and a number say nothing of the class: only beside another word are they one
    assert features("flat 4") == features("flat 27") == []
    assert features("battery flat") == ["battery", "battery flat"]


@pytest.mark.parametrize("text", ["flat", "my flat", "hello, I live in flat 3", "Flat 12B",
                                  "the battery is flat"])
def test_an_address_alone_is_never_paged(text: str) -> None:
    # "flat" alone read 0.99 an emergency and "hello, I live in flat 3" was paged: the
    # corpora's writers gave emergencies an address far more often than other messages.
    assert ROUTER.route(Message(text)).category != "emergency"


@pytest.mark.parametrize("text", ["water", "door", "smoke"])
def test_a_word_or_two_the_rules_do_not_know_is_asked_not_paged(text: str) -> None:
    # The model reads "water" alone as 1.00 an emergency; with fewer than MIN_EVIDENCE known
    # features it may not page on it, so the resident is asked instead.
    decision = ROUTER.route(Message(text))
    assert decision.category != "emergency" and decision.ask_safety_question


@pytest.mark.parametrize("text", ["4", "1", "Kitchen tap dripping at flat 4",
                                  "The kitchen tap is dripping, 12 Larch Close"])
def test_a_routine_text_with_a_flat_number_or_a_bare_number_gets_no_question(text: str) -> None:
    # "4" read 0.55 an emergency while numbers were words (a survey answer was asked,
    # and unanswered it paged on-call).
    decision = ROUTER.route(Message(text))
    assert decision.category != "emergency"
    assert not decision.ask_safety_question


@pytest.mark.parametrize("text", [
    # (session 26, multilingual32's tuned part) A hazard word held in a harmless one: Urdu
    # "علیکم" (peace be upon you) and "لیکن" (but) hold "لیک" (leak); Tagalog "dumating" (came)
    # holds Lithuanian "dum*" (smoke); a gas safety check (Polish, romanised Ukrainian), a
    # boiler's yearly check (Dutch), "not urgent" (Greek), a leak that is fixed (French)
    "السلام علیکم، مجھے کرایہ کی رسید چاہیے",
    "Nagpa-appointment ako pero walang dumating noong Lunes",
    "Kiedy będzie przegląd gazowy w naszym bloku?",
    "Koly bude perevirka gazu u nashomu budynku?",
    "Kan de jaarlijkse controle van de cv-ketel naar volgende week?",
    "Η βρύση στάζει λίγο, δεν είναι επείγον",
    "Le plombier est venu pour la fuite, c'est réparé, merci",
    # (session 29, multilingual35's tuned part, written for these tests) a fever (Turkish
    # "ateş", fire), burnt out at work (Spanish), about it (Polish "o tym", Albanian's smoke),
    # the yearly gas check (Albanian), left a job half done (romanised Panjabi "chhad", Bengali's
    # roof), "no danger any more" (Yoruba), a leak we had, sorted (Dutch)
    "Kızımın ateşi var, yarınki randevuyu değiştirebilir miyiz?",
    "Estoy muy quemado con el trabajo, ¿puedo pagar el alquiler el lunes?",
    "Nikt mi o tym nie powiedział, proszę o nowy termin",
    "Kur vjen kontrolli vjetor i gazit këtë vit?",
    "Mistri kamm adha chhad gaya, kado aauga?",
    "Won ti tun un se, ko si ewu mo, e se",
    "We hadden een lekkage maar die is opgelost, bedankt",
    # session 30 (multilingual36's tuned part, written for these tests): a gas check or gas safety
    # check (Lithuanian, Urdu), a gas bill or the gas company (Farsi, Bulgarian), a boiler service
    # (Turkish, Spanish), a smoke alarm's battery (Polish), "not dangerous" (Korean)
    "Kada bus dujų patikrinimas mūsų name?",
    "گیس سیفٹی چیک کی تاریخ بدل سکتے ہیں؟",
    "قبض گاز این ماه نیومده",
    "Кой е телефонът на газовата компания?",
    "Kombi bakımı için randevu alabilir miyim?",
    "Quería pedir que revisen la caldera, hace ruido",
    "Czujnik dymu pika, chyba trzeba wymienić baterię",
    "문 손잡이가 헐거워요, 위험하진 않아요",
    # session 31 (multilingual37's tuned part, written for these tests): a gas boiler's yearly
    # check (Bulgarian), a gas bill (Arabic, Vietnamese), a gas safety certificate (French,
    # Panjabi), Pashto "a letter" ("لیک", Urdu's leak), a smoke alarm's battery (Hungarian), a
    # leak there had been (Urdu), Slovak "with it" ("s tým", Albanian's smoke)
    "Кога ще е проверката на газовата инсталация тази година?",
    "وصلتني فاتورة الغاز، وين بقدر ادفعها؟",
    "Cho tôi hỏi hóa đơn tiền gas tháng này bao nhiêu?",
    "Pourriez-vous m'envoyer le certificat de sécurité gaz pour l'assurance ?",
    "ਗੈਸ ਸੇਫਟੀ ਸਰਟੀਫਿਕੇਟ ਦੀ ਕਾਪੀ ਭੇਜ ਦਿਓ",
    "مهرباني وکړئ د کرایې په اړه یو لیک راولیږئ",
    "Kérem, cseréljék ki a füstjelző elemét a lakásban, köszönöm",
    "پچھلے مہینے باتھ روم میں لیک ہوا تھا، اب صرف پینٹ چاہیے",
    "Nie som spokojný s tým, ako dlho to trvá",
    # session 32 (multilingual38's tuned part, written for these tests): a gas bill and heating
    # charges (Polish), a gas bill (Arabizi), a gas meter reading and British Gas (romanised
    # Urdu), an evacuation plan in case of fire (Spanish)
    "Dostałam podwójny rachunek za gaz w tym miesiącu",
    "Kto ustala opłaty za ogrzewanie w naszym bloku?",
    "wasalatni fatoorat el gas marteyn hal shaher",
    "gas meter ka reading kaise dena hai? British Gas wale call kar rahe hain",
    "¿Tienen un plan de evacuación del edificio en caso de incendio?",
    # pinyin "xiu" (to repair), not Vietnamese "xiu" (to faint); Portuguese "fumou" (smoked a
    # cigarette)
    "ni hao, chufang de shuilongtou shenme shihou neng xiu hao?",
    "O vizinho fumou na escada outra vez, podem colocar um aviso?",
    # session 34 (multilingual40's tuned part, written for these tests): a gas safety check
    # (romanised Urdu, Arabic, Welsh, Korean), a smoke detector asked for (Spanish), "not
    # dangerous" (Vietnamese), "not urgent" (Croatian), Romanian "dumneavoastră" (holds a smoke
    # word), a gas engineer (Ukrainian), a dripping tap (Farsi, Czech)
    "Mera gas safety check kab hai? Main Monday ko ghar nahi hun",
    "متى فحص الغاز هذه السنة؟",
    "Pryd mae'r gwiriad diogelwch nwy eleni?",
    "가스 안전 점검 날짜를 알고 싶어요",
    "Quiero pedir un detector de humo para el dormitorio",
    "Cửa sổ hơi kẹt, không nguy hiểm, khi nào sửa được?",
    "Molim zamjenu kvake na ormaru, nije hitno",
    "Vă rog să-mi spuneți dumneavoastră când vine instalatorul",
    "Коли прийде газовик на щорічну перевірку?",
    "شیر حموم یه کم چکه میکنه",
    "Kohoutek v kuchyni trochu protéká",
    # Welsh "dim ond" (only: Croatian's smoke word "dim"), a window that leaks when it rains
    # (Polish)
    "Dim ond un cwestiwn sydd gen i: pryd mae'r rhent yn ddyledus?",
    "Okno w łazience przecieka jak pada, proszę o uszczelnienie",
])
def test_a_hazard_word_inside_a_harmless_phrase_gets_no_question(text: str) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category != "emergency" and not decision.ask_safety_question, (
        decision.reasons)


# (session 23) multilingual29 labels varieties the detector reports by their language: Kurmanji
# ("kmr") is Kurdish, Dari ("prs") is Farsi, Cantonese ("yue") is Chinese, Sylheti ("syl") is
# Bengali, and Serbian ("sr") is the Croatian entry's (Croatian, Serbian, Bosnian); (session 24)
# so is Bosnian ("bs", multilingual30); (session 26) Western Panjabi ("pnb", multilingual32,
# written in Shahmukhi) is Panjabi, as multilingual25's "pa-Arab" is; (session 34) Afrikaans
# ("af", multilingual40) is the Dutch entry's (its phrases are there).
_REPORTED_AS = {"ckb": "ku", "kmr": "ku", "prs": "fa", "yue": "zh", "syl": "bn", "sr": "hr",
                "bs": "hr", "pnb": "pa", "af": "nl"}


def _written_in(code: str) -> str:
    """(session 17) multilingual22 labels a script ("ur-Latn", "zh-Hans", "pa-Arab") and
    Sorani as "ckb": the language alone is compared (Sorani is the detector's "ku").
    (session 34) multilingual40 labels a message that switches into English "so+en": the
    language before the "+" is the one compared."""
    language = code.split("-")[0].split("+")[0]
    return _REPORTED_AS.get(language, language)


def _detected(names: tuple[str, ...]) -> tuple[int, int, list[tuple[str, str | None]]]:
    """How many of the corpora's records (tuned parts only) are detected as the language
    their writer wrote; romanised Hindi is reported as Urdu (they read alike). Records
    labelled "mixed" (multilingual22: English with another language) are not counted."""
    model = load_model()
    right, wrong = 0, []
    records = [r for name in names for r in load(name)
               if (name == "multilingual8" or not multilingual_held_out(r))
               and r["language"] != "mixed"]
    for record in records:
        found = detect_language(record["text"], model.scores(normalise(record["text"])).coverage)
        written = _written_in(record["language"])
        if found == written or (written, found) == ("hi", "ur"):
            right += 1
        else:
            wrong.append((record["language"], found))
    return right, len(records), wrong


def test_the_language_is_detected_for_forty_nine_in_fifty_other_language_contacts() -> None:
    """Tuned parts of the multilingual corpora: 78 % before session 12 (Albanian read as
    Spanish, Vietnamese as Portuguese, Sorani as Arabic, romanised Bengali as English); 97.2 %
    before session 16 (romanised Tamil and Arabizi among English words, Vietnamese without
    accents, Tigrinya read as Amharic), 98.4 % after; 98.4 % with multilingual22's tuned part
    (session 17: 160 of its 162 records not labelled "mixed"); 98.5 % with multilingual29's
    (session 23, its varieties compared as the language reported), 98.6 % after (Swedish,
    Finnish, Swahili, Shona, Croatian, romanised Malayalam and Nepali little words); 97.9 %
    with multilingual33's (session 27), 98.1 % after (romanised Bengali, Ukrainian, Malayalam
    and Sinhala, Welsh, and Finnish not read as Hungarian); 98.0 % with multilingual36's
    (session 30), 98.2 % after (Marathi, Lingala beside Twi, Estonian and Somali words); 97.5 %
    with multilingual40's (session 34), 97.9 % once its code-switched labels ("so+en") name the
    language before the "+" and Afrikaans is the Dutch entry's, 98.0 % after (Estonian,
    Slovenian, Irish and Scottish Gaelic, romanised Thai, Nepali and Pashto, Darija words)."""
    right, total, wrong = _detected(MULTILINGUAL_TUNED)
    assert right / total >= 0.98, Counter(wrong).most_common(10)


def test_no_english_contact_is_read_as_another_language() -> None:
    model = load_model()
    for name in TUNED:
        for record in load(name):
            found = detect_language(record["text"],
                                    model.scores(normalise(record["text"])).coverage)
            assert found in ("en", None), (record["id"], found)


@pytest.mark.parametrize(("text", "language", "word"), [
    # (session 26) Romanian, French and Italian safety advice (reviewed = false), after the
    # English lines
    ("Miroase puternic a gaz in bucatarie, va rog veniti repede", "ro", "Sunați"),
    ("Il y a une forte odeur de gaz dans la cuisine, venez vite s'il vous plaît", "fr",
     "Appelez"),
    ("Sento un forte odore di gas in cucina, per favore venite subito", "it", "Chiami"),
])
def test_romanian_french_and_italian_get_advice_in_their_language(
        text: str, language: str, word: str) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category == "emergency" and decision.language == language
    assert any("0800 111 999" in line and word in line for line in decision.safety_advice)
