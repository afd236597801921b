"""Emergencies in other languages (routing/rules/languages.toml), written for these tests."""

from __future__ import annotations

import re
import tomllib

import pytest

from routing import Message, Router
from routing.normalise import normalise
from routing.rules import RULES_DIR, compile_rules, phrase_pattern

ROUTER = Router(use_model=False)


@pytest.mark.parametrize(("language", "text"), [
    ("pl", "Czuję gaz w kuchni, proszę szybko"),
    ("pl", "W łazience iskrzy gniazdko i czuć spaleniznę"),
    ("ro", "Miroase a gaz pe scară de dimineață"),
    ("ro", "Apa curge din tavan peste priza din hol"),
    ("pa", "ਰਸੋਈ ਵਿੱਚ ਗੈਸ ਦੀ ਬਦਬੂ ਆ ਰਹੀ ਹੈ"),
    ("pa", "kitchen vich gas di smell aa rahi hai"),
    ("ur", "کچن میں گیس کی بو آ رہی ہے"),
    ("ur", "boiler se dhuan nikal raha hai, jaldi aayen"),
    ("pt", "Há um cheiro a gás muito forte na cozinha"),
    ("pt", "O teto da sala caiu esta noite"),
    ("es", "Huele a gas en la cocina"),
    ("es", "Mi hijo está atrapado en el ascensor"),
    ("ar", "في رائحة غاز قوية في المطبخ"),
    ("ar", "حريق في المطبخ"),
    ("bn", "রান্নাঘরে গ্যাসের গন্ধ পাচ্ছি"),
    ("bn", "ঘরে আগুন লেগেছে"),
    ("gu", "રસોડામાં ગેસની વાસ આવે છે"),
    ("lt", "Virtuvėje kvepia dujomis"),
    ("so", "Urta gaaska ayaa jikada ka imanaysa"),
    ("tr", "Mutfakta gaz kokusu var"),
    ("tr", "Tavan çöktü, yardım edin"),
    ("uk", "На кухні пахне газом"),
    ("uk", "Затопило квартиру, вода біля розетки"),
    ("fa", "توی آشپزخونه بوی گاز میاد"),
    ("zh", "厨房里有很浓的煤气味"),
    ("zh", "插座冒烟了"),
    ("ru", "В подъезде пахнет газом"),
    ("hi", "घर में आग लग गई है"),
    ("it", "C'è puzza di gas in cucina"),
    ("fr", "Il y a une odeur de gaz dans la cuisine"),
    ("ta", "சமையலறையில் கேஸ் வாசனை வருது"),
    # session 12 (multilingual14's tuned part): the concepts, in words written for these tests
    ("uk", "У коридорі смердить газом від плити"),
    ("uk", "Вода тече зі стелі на світильник у коридорі"),
    ("pa", "ਬਾਥਰੂਮ ਦੀ ਛੱਤ ਥੱਲੇ ਨੂੰ ਝੁਕ ਰਹੀ ਹੈ"),
    ("pa", "kitchen vich dhuan hi dhuan hai"),
    ("zh", "wo ma bei kun zai dianti li"),
    ("fa", "pesaram tu asansor gir oftade"),
    ("lt", "Katilas sugedo, vaikas serga, bute labai salta"),
    ("tr", "Banyodaki priz cızırdıyor ve kokuyor"),
    ("pl", "Ktoś wyważył drzwi wejściowe w nocy"),
    ("ar", "سقف الحمام منتفخ وفيه شقوق"),
    ("ta", "bathroom pipe vedichiduchu, thanni ellam paravudhu"),
    ("ku", "bapirê min 80 salî ye, kombi naxebite"),
    ("sq", "Bie ujë mbi llambën e kuzhinës"),
    ("vi", "ong nuoc trong nha tam bi be roi, nuoc phun ra tung toe"),
    # session 15 (multilingual15): symptoms near a heater, a hot or crackling socket or panel,
    # a broken lock, sewage, a sagging ceiling, a burst tank, a gas smell in pinyin, a lift
    ("it", "Appena accendiamo la caldaia ci viene mal di testa e nausea"),
    ("ro", "Centrala e pornita si copiii sunt ametiti de dimineata"),
    ("hi", "हीटर चलाते ही सबको चक्कर आ रहे हैं"),
    ("ru", "Розетка в спальне трещит, вилка вся горячая"),
    ("uk", "Розетка у ванній почорніла і дуже гаряча"),
    ("lt", "Virtuvėje jaučiasi degančių laidų kvapas"),
    ("pt", "A fechadura avariou e não consigo trancar a casa"),
    ("fa", "fazelab az toilet zade biroon"),
    ("fr", "Le plafond du salon s'affaisse, on l'entend craquer"),
    # session 14: soot marks round the boiler with headaches
    ("fr", "Des traces noires autour de la chaudière et nous avons tous mal à la tête depuis hier"),
    ("am", "የሳሎኑ ኮርኒስ ወደቀ"),
    ("gu", "બાથરૂમની ટાંકી ફાટી ગઈ"),
    ("zh", "wo jia chufang you meiqi wei"),
    ("ar", "jarti 3al2a bil lift mn sa3a"),
    ("es", "Desde que encendemos la estufa tenemos mareos y dolor de cabeza"),
    ("pl", "Gniazdko w przedpokoju trzeszczy i jest gorące"),
    ("vi", "o cam trong phong ngu rat nong va co mui khet"),
    ("tr", "Kapıyı kilitleyemiyorum, kilit kırılmış"),
    # session 13 (multilingual16): no water at all, rotten eggs, a yellow flame, a window that
    # will not lock, a bulging ceiling, a crackling socket, a split pipe, a CO alarm in Arabizi
    ("ar", "ما في مي بالشقة من الصبح"),
    ("lt", "Visame name nėra vandens nuo ryto"),
    ("so", "Biyo ma jiraan guriga tan iyo subaxdii"),
    ("fa", "از دیشب آب نداریم"),
    ("uk", "Біля плити якийсь запах, наче тухлі яйця"),
    ("es", "La caldera tiene una llama amarilla desde ayer"),
    ("tr", "Pencere kırık, kapanmıyor ve kilitlenmiyor"),
    ("zh", "客厅的ceiling往下鼓了，还有裂缝"),
    ("lt", "Rozetė kambaryje pajuodo ir spragsi"),
    ("sq", "Tubi në kuzhinë u ça dhe uji del pa ndalim"),
    ("ar", "el alarm 3am yzammir min sa3a"),
    # session 14 (multilingual17): Bulgarian; a swollen ceiling, sewage coming back up, a child
    # shut in a room, no water at all, symptoms that pass outdoors, a gas smell in romanised
    # Somali and Amharic, sparks in romanised Amharic, frost and a heart condition
    ("bg", "Мирише на газ в кухнята, моля елате бързо"),
    ("bg", "Таванът в банята се е издул и капе вода"),
    ("bg", "spuka se trubata v banqta, navsqkade e voda"),
    ("bg", "От апартамента отдолу излиза дим"),
    ("it", "Il soffitto del bagno si è gonfiato"),
    ("it", "Dal lavandino risale lo scarico fognario"),
    ("it", "Mia figlia è rimasta chiusa in bagno e non riusciamo ad aprire"),
    ("it", "Non abbiamo acqua da stamattina, niente dal rubinetto"),
    ("it", "Il riscaldamento non funziona e fuori gela"),
    ("ro", "Nu avem apă deloc, nici rece nici caldă"),
    ("ar", "ما في مية أبدًا بالبيت من الصبح"),
    ("ar", "el sa2f bel ma6bakh 3am yenzel"),
    ("so", "Urta gas ayaa qolka ka imanaysa"),
    ("am", "ye gas shitta alle, betam yishetal"),
    ("am", "socket-u bilichta yawetal"),
    ("hi", "do din se sir dard hai, bahar jaate hi theek ho jata hai"),
    ("uk", "bolyt holova, a na vulytsi vse prokhodyt"),
    # session 14 (langs14): Pashto in its script (also typed with گ and ی on a Persian keyboard)
    # and romanised; Tamil and Tanglish, Kurmanji and Sorani Kurdish, Tigrinya in Ge'ez and
    # romanised: a gas smell, a CO alarm or headaches by a heater, fire and smoke, a sparking or
    # smoking socket, water on a light, a burst pipe, sewage coming up, a ceiling coming down, a
    # break-in or a door that will not lock, someone shut in or in a lift, no heating with a
    # baby or in the cold, no water at all
    ("ps", "زما په پخلنځي کې د ګاز بوی راځي"),
    ("ps", "د گاز بوی راځی، ژر راشئ"),
    ("ps", "da gas boy raazi, zar rashai"),
    ("ps", "د کاربن مونو اکساید الارم غږ کوي"),
    ("ps", "کله چې هیټر بلوو ټولو ته سر درد پیدا کېږي"),
    ("ps", "boiler chalawo no sar me gerzi aw zra me badegi"),
    ("ps", "په کور کې اور لګېدلی دی"),
    ("ps", "zma kor ke or lagedale, zar rashai"),
    ("ps", "له ساکټ نه لوګی راځي او ډېر ګرم دی"),
    ("ps", "socket garm shawi aw sparghay wazi"),
    ("ps", "له چت نه اوبه څراغ ته څاڅي"),
    ("ps", "tashnab ke pipe wachawd, oba har zai di"),
    ("ps", "په تشناب کې ګندې اوبه راپورته کېږي"),
    ("ps", "د کوټې چت ولوېد"),
    ("ps", "da kotay chat olwedo ta nazhde de"),
    ("ps", "شپه غل زموږ کور ته ننوت"),
    ("ps", "darwaza na bandegi, qulf mat shawi"),
    ("ps", "زما زوی په تشناب کې دننه بند پاتې دی"),
    ("ps", "zma moor behosha prata da, sa na akhli"),
    ("ps", "زه په لفټ کې ګیر شوی یم"),
    ("ps", "mung lift ke gir shawi yu"),
    ("ps", "هیټینګ خراب دی او ډېر سوړ دی، ماشوم مې ناروغ دی"),
    ("ps", "heating kar na kawi, kor ke mashoom dey"),
    ("ps", "له سهار راهیسې هیڅ اوبه نشته"),
    ("ta", "சமையலறையில கேஸ் வாடை அடிக்குது"),
    ("ta", "gas kasiyudhu, cylinder pakkathula romba naatam"),
    ("ta", "heater pottaa ellarukkum thala vali, vaanthi varuthu"),
    ("ta", "kitchen la thee pidichiduchu, veedu fulla pugai"),
    ("ta", "socket la irundhu spark varudhu, karugina vaasanai"),
    ("ta", "ceiling la irundhu light la thanni ozhugudhu"),
    ("ta", "toilet la irundhu drainage thanni mela varudhu"),
    ("ta", "bathroom ceiling vizhura maadhiri thongudhu"),
    ("ta", "raathiri thirudan vandhu TV eduthuttu poyittan"),
    ("ta", "main door lock aagala, bayama irukku"),
    ("ta", "en paiyan room la maattikittan, veliya vara mudiyala"),
    ("ta", "heating work aagala, veetla kuzhandhai irukku, romba kulir"),
    ("ta", "சாக்கெட்டில் இருந்து புகை வருது"),
    ("ku", "Bêhna gazê tê, ez ditirsim"),
    ("ku", "Dema kombî vedikin serê min diêşe û gêj dibim"),
    ("ku", "Perde agir girt, dûman li her derê ye"),
    ("ku", "Prîza li odeyê çirûsk davêje û bêhna şewatê tê"),
    ("ku", "Av ji banî tê ser lempeyê"),
    ("ku", "Ban dikeve, gelek qelişî ye"),
    ("ku", "Diz ketin mala me"),
    ("ku", "Zarokê min di odeyê de asê ma, nikare derkeve"),
    ("ku", "Em di liftê de asê bûne"),
    ("ku", "Kalorîfer naxebite, pitikê me heye û pir sar e"),
    ("ku", "کاتێک سۆبە هەڵدەکەین سەرگێژ دەبین"),
    ("ku", "ئاگر کەوتۆتەوە لە چێشتخانە"),
    ("ku", "پلاکی کارەبا دووکەڵی لێ دێت"),
    ("ku", "ئاو دەڕژێت بۆ سەر سۆکێت"),
    ("ku", "ئاوەڕۆ تەقیوە و پیسایی دەردەچێت"),
    ("ku", "بنمیچەکە خەریکە بکەوێت"),
    ("ku", "دز هاتە ژوورەوە بۆ ماڵەکەمان"),
    ("ku", "گیرمان خواردووە لە ئاسانسۆر"),
    ("ku", "کۆمبی کار ناکات و منداڵی ساوامان هەیە"),
    ("ti", "ኣብ ክሽነ ጨና ጋዝ ኣሎ"),
    ("ti", "nay gas chena alo ab kishne"),
    ("ti", "ማሞቒ ምስ ከፈትና ርእሰይ ይሓምመኒ"),
    ("ti", "hawi telailu ab geza"),
    ("ti", "socket tiki yiwets'e alo"),
    ("ti", "kab nahsi may yiwerid alo ab mebrahti"),
    ("ti", "ፍሳስ ካብ ሽንቲ ቤት ይወጽእ ኣሎ"),
    ("ti", "ናሕሲ ናይ መደቀሲ ወዲቑ"),
    ("ti", "ለይቲ ሰራቒ ናብ ገዛና ኣትዩ"),
    ("ti", "ወደይ ኣብ ክፍሊ ተዓጽዩ ክወጽእ ኣይክእልን"),
    ("ti", "ማሞቒ ኣይሰርሕን፣ ህጻን ኣሎና፣ ቆሪ ኣሎ"),
    # session 14 (multilingual19): someone who cannot get out, a broken lock or door, a gas
    # smell, a ceiling coming down, a break-in tried, no heating in the cold
    ("uk", "babusia ne mozhe vyity z vannoi, dveri zaklynylo"),
    ("uk", "vchora zamok zlamavsia i teper dveri ne zakryvaiutsia"),
    ("ps", "chaa zmung darwaza mat kra"),
    ("ps", "pa kitchen ke da gas der ziyat bui de"),
    ("ar", "ri7et gaz bel matba5 w el wlad jowwa"),
    ("ar", "سقط جزء كبير من سقف المطبخ"),
    ("ar", "بنتي علقت جوا غرفتها والباب ما بيفتح"),
    ("pt", "alguém tentou entrar pela janela da cozinha esta noite"),
    ("so", "saqafka musqusha qayb weyn oo ka mid ah ayaa dhacay"),
    ("gu", "rasoda ni chhat ma tirad vadhi ane vachche thi niche aavi gai"),
    ("ti", "nay geza maetso tesebiru alo"),
    ("pt", "Estamos sem aquecimento e a casa está gelada"),
    ("pa", "ਹੀਟਿੰਗ ਬੰਦ ਹੈ ਅਤੇ ਰਾਤ ਨੂੰ ਬਹੁਤ ਠੰਢ ਹੈ"),
    # session 15 (multilingual20): a burst tank or cylinder, a ceiling bulging or coming down,
    # something burning, unable to get out (formal Tamil), locked in and a key broken in the
    # lock (romanised Tigrinya), a lift (romanised Sorani), no heating since yesterday for an
    # older person, or with a baby, a rotten-egg smell
    ("tr", "Banyodaki sicak su tanki patladi, lutfen hemen gelin"),
    ("ur", "گیزر کا ٹینک پھٹ گیا ہے، جلدی آئیں"),
    ("ta", "சமையலறை கூரை உப்பி இருக்கு, பயமா இருக்கு"),
    ("es", "Se ha caído parte del techo de la cocina"),
    ("gu", "bathroom nu plaster vachche thi jhuki gayu che, dar lage che"),
    ("ta", "சமையலறையில் ஏதோ எரிகிற மாதிரி இருக்கு"),
    ("ta", "பாட்டி குளியலறையில் இருக்கிறார், வெளியே வர முடியவில்லை"),
    ("ti", "nihna ab geza te'asna alena, hagezuna"),
    ("ti", "mefteh tesebiru ab qulfi"),
    ("ku", "bawkim le lifteke gir bwe, tkaye werin"),
    ("bn", "Gotokal theke heating kaj korche na, ammar boyosh 80, khub thanda"),
    ("uk", "Не працює опалення, а в нас немовля"),
    ("hi", "रसोई में सड़े अंडे जैसी बदबू आ रही है"),
    # session 16 (multilingual21's tuned part): stuck in the lift with colloquial Albanian
    # "ngel", heating broken or "neither heating nor hot water" in the cold (Urdu, Arabic), a
    # flat caught fire and full of smoke (Tanglish), a light dripping and a floor all water
    # (Chinese), a door that will not lock and a thief who tried to get in (Amharic)
    ("sq", "Vajza ime ngeli ne ashensor, ju lutem ejani shpejt"),
    ("ur", "ہیٹنگ خراب ہے اور باہر برف پڑ رہی ہے"),
    ("ur", "ammi ki tabiyat theek nahi, na heating hai na garam pani, bahut thand"),
    ("ar", "التدفئة معطلة من امبارح والطقس تحت الصفر"),
    ("ta", "kitchen la theeppidichirukku, staircase fulla pugai"),
    ("zh", "卧室的灯一直在滴水"),
    ("zh", "地板上都是水，楼上的水一直往下流"),
    ("am", "የፊት በሩ አይቆለፍም፣ ብቻዬን ነኝ"),
    ("am", "ዛሬ ሌሊት ሌባ ወደ ቤቴ ለመግባት ሞከረ"),
    # session 17 (multilingual22's tuned part): Greek (and Greeklish) gas and a carbon monoxide
    # alarm with dizziness, Czech gas and a sparking socket, Hungarian gas and sparks, a large
    # part of a ceiling fallen (Urdu), water from a light (Panjabi), a floor drain backing up
    # (Chinese 反水), shut in a lift (Amharic), a boiler stopped for an older woman (Romanian),
    # Darija "rihat gaz"
    ("el", "Μυρίζει έντονα γκάζι στην κουζίνα, βγήκαμε έξω"),
    ("el", "mirizei gkazi sti skala, elate grigora"),
    ("el", "Ο ανιχνευτής μονοξειδίου χτυπάει και έχω ζαλάδα"),
    ("cs", "Na chodbe je citit plyn, prosim prijedte"),
    ("cs", "Zasuvka u postele jiskri a smrdi to"),
    ("hu", "Gazszagot erzek a lepcsohazban, kerem jojjenek"),
    ("hu", "A furdoszobaban szikrazik a konnektor"),
    ("ur", "چھت کا ایک بہت بڑا اور بھاری حصہ کمرے کے فرش پر گر گیا"),
    ("pa", "ਰਸੋਈ ਦੀ ਲਾਈਟ ਵਿੱਚੋਂ ਪਾਣੀ ਚੋ ਰਿਹਾ ਹੈ"),
    ("zh", "厕所 的 地漏 反水 了 臭水 到处 都是"),
    ("am", "ሊፍቱ ውስጥ ተዘግቶብኛል፣ በሩ አይከፈትም"),
    ("ro", "Centrala s-a oprit azi noapte si bunica are 84 de ani"),
    ("ar", "rihat gaz qwiya f lkuzina, 3afak ajiw"),
    # session 17 (multilingual23's tuned part): the heating not running for someone of 80
    # (Pashto), a toilet overflowing (Chinese with English), a prised-open door that will not
    # lock and broken heating below zero (Traditional Chinese), a ceiling bulging (Greek), a
    # lift stopped between floors (Gujarati, romanised Bulgarian), stuck in the lift (Turkish),
    # smoke coming out (Italian), no heating, "nai" (Bengali), thieves broke the door (Arabizi),
    # a toilet overflowing (Portuguese), the heating will not come on and it is freezing (Spanish)
    ("ps", "زما نیا اتیا کلنه ده، تودوخه له پرونۍ راهیسې نه چلیږي"),
    ("zh", "厕所马桶一直overflow"),
    ("zh", "有人撬開了後門，現在鎖不上"),
    ("zh", "奶奶家的暖氣壞了，外面零下"),
    ("el", "Το ταβάνι στην κουζίνα φούσκωσε και στάζει"),
    ("gu", "લિફ્ટ બે માળ વચ્ચે અટકી ગઈ, અંદર મારી દીકરી છે"),
    ("bg", "zasedahme mezhdu etazhite s bebeto, nikoi ne otgovarya"),
    ("tr", "Annemle asansörde kaldık, yardım edin"),
    ("it", "Dalla lavatrice esce del fumo nero"),
    ("bn", "আমার বৃদ্ধ মায়ের ঘরে তিন দিন হিটিং নাই"),
    ("ar", "lbare7 fetou 7aramiyye 3al beit w kasarou el bab"),
    ("pt", "O toilet esta a transbordar"),
    ("es", "Hace dos dias que la calefaccion no enciende y esta helando"),
    # session 18 (multilingual24's tuned part), in sentences written for these tests: German,
    # Slovak, Latvian, Malayalam, Telugu, Tagalog, Hausa, Yoruba and Nepali (a gas smell, sparks
    # or smoke from a socket, a fire, water through the ceiling onto a light, a burst pipe,
    # sewage coming up, a door that will not lock, stuck in the lift, a carbon monoxide alarm,
    # no heating with a baby or in the cold); a smashed window anyone can get through (Spanish),
    # headaches and dizziness since the heating went on (romanised Urdu), a ceiling bulging and
    # about to fall (Somali), concrete falling from a balcony (Ukrainian), a Cantonese lock that
    # will not lock
    ("de", "Im Treppenhaus riecht es stark nach Gas"),
    ("de", "Aus der Steckdose im Flur kommen Funken"),
    ("de", "Wasser läuft durch die Decke und tropft auf die Lampe"),
    ("de", "Das Abwasser kommt aus der Toilette hoch"),
    ("de", "Die Wohnungstür lässt sich nicht mehr abschließen"),
    ("de", "Wir stecken im Aufzug fest"),
    ("de", "Der Kohlenmonoxidmelder piept ununterbrochen"),
    ("de", "Die Heizung ist ausgefallen und unser Baby friert"),
    ("sk", "Cez strop v obývačke tečie voda"),
    ("sk", "Zásuvka v spálni sa roztavila a dymí"),
    ("sk", "Sme zaseknutí vo výťahu medzi poschodiami"),
    ("sk", "Dvere sa nedajú zamknúť, zámok je zlomený"),
    ("sk", "Nemáme kúrenie a doma je malé bábätko"),
    ("lv", "Virtuvē ļoti smird pēc gāzes"),
    ("lv", "Vannas istabā pārsprāga caurule, ūdens visur"),
    ("lv", "No rozetes nāk dzirksteles"),
    ("lv", "Durvis nevar aizslēgt, slēdzene salauzta"),
    ("lv", "Esam iestrēguši liftā"),
    ("lv", "Nav apkures, un mājās ir zīdainis"),
    ("ml", "അടുക്കളയിൽ ഗ്യാസ് മണം വരുന്നു"),
    ("ml", "സോക്കറ്റിൽ നിന്ന് തീപ്പൊരി വരുന്നു"),
    ("ml", "ഞങ്ങൾ ലിഫ്റ്റിൽ കുടുങ്ങി"),
    ("ml", "വാതിൽ പൂട്ടാൻ പറ്റുന്നില്ല"),
    ("ml", "മച്ചിൽ നിന്ന് വെള്ളം ലൈറ്റിലേക്ക് വീഴുന്നു"),
    ("te", "వంటగదిలో గ్యాస్ వాసన వస్తోంది"),
    ("te", "సాకెట్ నుండి నిప్పురవ్వలు వస్తున్నాయి"),
    ("te", "మేము లిఫ్ట్ లో ఇరుక్కుపోయాం"),
    ("te", "మా మెయిన్ డోర్ లాక్ కావడం లేదు, భయంగా ఉంది"),
    ("te", "కార్బన్ మోనాక్సైడ్ డిటెక్టర్ శబ్దం చేస్తోంది"),
    ("te", "సీలింగ్ నుండి నీళ్ళు లైట్ మీద పడుతున్నాయి"),
    ("tl", "Amoy gas sa kusina namin"),
    ("tl", "Umuusok ang saksakan sa kwarto"),
    ("tl", "Naipit kami sa elevator ng building"),
    ("tl", "Tumutulo ang tubig mula sa kisame papunta sa ilaw"),
    ("tl", "Ayaw mag-lock ng pinto namin"),
    ("tl", "Tumutunog ang CO alarm at nahihilo ako"),
    ("ha", "Ana jin warin gas a dakin girki"),
    ("ha", "Wuta ta kama a gidan mu"),
    ("ha", "Mun makale a cikin lifta"),
    ("ha", "Ruwa yana zuba daga rufin daki"),
    ("yo", "Oorun gaasi lagbara ninu ile idana"),
    ("yo", "Ina n jo ninu ile wa"),
    ("yo", "A ha sinu lifti"),
    ("ne", "भान्सामा ग्यासको गन्ध आइरहेको छ"),
    ("ne", "सकेटबाट झिल्का निस्कियो"),
    ("ne", "हामी लिफ्टमा फसेका छौं"),
    ("ne", "ढोकामा ताल्चा लाग्दैन"),
    ("ne", "हिटिङ चलेको छैन, घरमा सानो बच्चा छ"),
    ("es", "Me rompieron el cristal de la ventana y cualquiera puede entrar"),
    ("ur", "heating on karne ke baad sab ko sar dard ho raha hai"),
    ("so", "Saqafka jikada wuu fooraray, waxaan ka baqayaa inuu soo dhaco"),
    ("uk", "З балкона падають шматки бетону"),
    ("zh", "我屋企道門鎖唔到，好驚"),
    # session 19 (multilingual25's tuned part), in sentences written for these tests: the lift
    # stopped with someone inside (Pashto, Arabic), stuck (Hindi "अटक"), on a stairlift halfway
    # (Panjabi, Nepali), a door broken and not closing (Hausa with "ƙ"), the heating off in the
    # snow (Urdu), the boiler off ("khamoosh") for a grandmother of 85 (Farsi), the boiler stopped
    # with a baby at home (Greek)
    ("ps", "لفټ ودرېد او زما پلار دننه دی"),
    ("ar", "الاسانسير وقف وفيه ولادي، حدا يساعدنا"),
    ("hi", "लिफ्ट अटक गई है और मेरे पापा अंदर हैं"),
    ("pa", "ਬਾਪੂ ਜੀ ਸਟੇਅਰਲਿਫਟ ਤੇ ਵਿਚਕਾਰ ਰੁਕ ਗਏ, ਉੱਤਰ ਨਹੀਂ ਸਕਦੇ"),
    ("ne", "हजुरआमा stairlift मा बीचमा अड्किनुभयो"),
    ("ha", "An fasa ƙofar gida, ba ta rufuwa yanzu"),
    ("ur", "ہیٹنگ کل سے مکمل طور پر بند ہے، باہر برف ہے"),
    ("fa", "بویلر از دیشب خاموشه و مادربزرگم ۸۵ سالشه"),
    ("el", "Ο λέβητας σταμάτησε χθες και έχουμε μωρό στο σπίτι"),
    # session 19 (multilingual25's tuned part): Swahili, Japanese, Korean, Malay and Shona (a burst
    # pipe, a gas smell, no heating with a cold newborn, trapped in the lift, a ceiling coming
    # down)
    ("sw", "Bomba la maji limepasuka bafuni, maji kila mahali"),
    ("sw", "Kuna harufu kali ya gesi jikoni kwetu"),
    ("sw", "Hakuna joto ndani tangu jana na mtoto mchanga ana baridi"),
    ("ja", "台所でガスの臭いがします"),
    ("ja", "エレベーターに閉じ込められました、助けてください"),
    ("ko", "엘리베이터에 갇혔어요, 도와주세요"),
    ("ko", "부엌에서 가스 냄새가 나요"),
    ("ms", "Kami terperangkap dalam lif di tingkat tiga"),
    ("ms", "Ada bau gas yang kuat di dapur"),
    ("sn", "Denga remba yedu riri kudonha nekuda kwemvura"),
    # session 20 (multilingual26's tuned part), in sentences written for these tests: Thai, Igbo
    # and Twi (a gas smell, a burst pipe, stuck in the lift, burglars, smoke from a socket); a
    # burst pipe in romanised Ukrainian, got in through a window (Ukrainian, Italian), a
    # bulging ceiling (Farsi, Bulgarian), burnt plastic (Spanish), sewage from the toilet (Czech),
    # no water at all (Turkish, Vietnamese), the heating off in the cold (Hindi, Ukrainian), bare
    # wires (Korean), a cracked leaning wall (Swahili), a kitchen full of water (Hausa)
    ("th", "ในห้องนั่งเล่นมีกลิ่นแก๊สค่ะ"),
    ("th", "ท่อน้ำแตกในห้องครัว น้ำไหลไม่หยุด"),
    ("th", "ลูกชายติดลิฟต์อยู่ชั้นสาม"),
    ("ig", "Anyị na-anụ isi gas n'ime ụlọ"),
    ("ig", "Ndị ohi batara n'ụlọ anyị n'abalị"),
    ("ig", "paipu dị na kichin gbawara, mmiri jupụtara ebe niile"),
    ("tw", "Gas bɔn wɔ yɛn dan mu"),
    ("tw", "Wusiw pii reba fi socket no mu"),
    ("uk", "Na kukhni lopnula truba pid rakovynoiu"),
    ("uk", "Вночі залізли через вікно на кухні"),
    ("it", "Hanno sfondato la finestra del soggiorno stanotte"),
    ("fa", "سقف حموم داره باد میکنه، میترسم بریزه"),
    ("bg", "Таванът в кухнята се издува от водата"),
    ("es", "Huele a plástico quemado en el dormitorio"),
    ("cs", "Ze záchodu teče špinavá voda do chodby"),
    ("tr", "Dünden beri evde hiç su yok"),
    ("vi", "Nhà tôi mất nước hoàn toàn từ hôm qua"),
    ("hi", "हीटिंग कल से पूरी तरह बंद है और बाहर बहुत ठंड है"),
    ("uk", "Немає опалення, а на вулиці мінус десять"),
    ("ko", "거실 천장 전선이 드러나 있어요"),
    ("sw", "Ukuta wa nyumba una ufa mkubwa na unaegemea barabarani"),
    ("ha", "Ruwa ya cika dakin girki, ban san inda zan rufe ba"),
    # session 21 (multilingual27's tuned part), in sentences written for these tests: Georgian,
    # Kazakh, Hebrew, Uzbek, Armenian, Croatian, Jamaican Patois, Sinhala and Burmese (smoke,
    # sparks, a gas smell, a swollen ceiling, a flood, stuck in the lift); no power for someone on
    # oxygen or dialysis (Russian, Korean, Arabic); water in a light (Traditional Chinese)
    ("ka", "სადარბაზოში გაზის სუნი დგას, ბავშვები გარეთ გავიყვანე"),
    ("kk", "Ас үйдегі розеткадан түтін шығып тұр"),
    ("he", "יש ריח של גז חזק במטבח"),
    ("uz", "Hammomdagi quvur yorildi, hamma yoq suv bosdi"),
    ("hy", "Մուտքում գազի հոտ կա, շատ ուժեղ"),
    ("hr", "U kuhinji nešto gori, pun je stan dima"),
    ("jam", "Mi cyaan believe it, water a drip inna di light inna mi bathroom"),
    ("si", "කාමරේ ප්ලග් එකෙන් ගිනි පුපුරු එනවා"),
    ("my", "အိမ်မီးလောင်နေတယ် အမြန်လာပါ"),
    ("ru", "С ночи нет света, а папа дышит через кислородный аппарат"),
    ("ko", "어머니가 산소 치료를 받는데 집에 전기가 나갔어요"),
    ("ar", "أمي على غسيل الكلى في البيت والكهرباء مقطوعة من الصبح"),
    ("zh", "廚房的燈一直在滴水，好像樓上漏水"),
    # session 22 (multilingual28's tuned part), in sentences written for these tests: a door that
    # cannot be locked (Lithuanian), carbon monoxide poisoning and a bowed ceiling (Czech), a
    # carbon monoxide detector beeping (Hausa), no heating in the cold for an older person
    # (Yoruba, Slovak, the verb first), broken window glass (Slovak), sewage from a toilet
    # (Shona), no water at all (Panjabi in Gurmukhi and Shahmukhi, Farsi), and Dutch: smoke from
    # a socket, a gas smell, stuck in the lift
    ("lt", "Lauko durų neįmanoma užrakinti, spyna sulūžo"),
    ("cs", "Syn se přiotrávil oxidem uhelnatým z karmy v koupelně"),
    ("cs", "V obýváku se prohnul strop a kape z něj voda"),
    ("ha", "Na'urar gano iskar CO tana ƙara a ɗakin kwana"),
    ("yo", "Ko si heating ninu ile, otutu n mu iya agba mi"),
    ("sk", "Už od rána nejde kúrenie, vonku mrzne a mám osemdesiat rokov"),
    ("sk", "Sklo na okne v spálni je rozbité a nedá sa zavrieť"),
    ("sn", "Tsvina iri kubuda muchimbuzi ichipinda mumba"),
    ("pa", "ਸਵੇਰ ਤੋਂ ਪਾਣੀ ਬਿਲਕੁਲ ਨਹੀਂ ਆ ਰਿਹਾ"),
    ("pa", "ساڈے فلیٹ وچ کل توں پانی بالکل نہیں آ رہیا"),
    ("fa", "از دیشب هیچ آب نیست، نه سرد نه گرم"),
    ("nl", "Er komt rook uit het stopcontact in de slaapkamer"),
    ("nl", "We ruiken gas in de keuken en het wordt erger"),
    ("nl", "Mijn vader zit vast in de lift tussen twee verdiepingen"),
    # session 23 (multilingual29's tuned part), in sentences written for these tests: no
    # heating for someone after a stroke or in a wheelchair (German), below zero or 88 years old
    # (Latvian); no power with dialysis (Thai) or insulin in the fridge (Italian); a smell of
    # smoke, a hot blackened socket, a child locked in (Croatian); a lock that does not work and
    # a door that does not close (Dari in Latin letters, romanised Amharic, Shona, Portuguese
    # 'nem fecha', romanised Ukrainian); a lift stopped with people in it (Amharic); no heat for
    # an older woman and toilet water coming back (Swahili); a very cold home with a baby
    # (Arabizi); sewage water (Czech); no water at all (romanised Malayalam); a burst pipe that
    # cannot be stopped (romanised Nepali); water spraying or that cannot be stopped (Slovak); a
    # ceiling creaking (Romanian); and Swedish and Finnish: a burning smell with the fire alarm,
    # a gas smell, stuck in the lift, a smoking socket, a burst pipe
    ("de", "Die Heizung geht nicht, mein Mann hatte letzte Woche einen Schlaganfall"),
    ("de", "Keine Heizung, und meine Mutter sitzt im Rollstuhl"),
    ("lv", "Nav apkures, ārā mīnuss desmit"),
    ("lv", "Katls nestrādā, mammai ir 88 gadi"),
    ("th", "ไฟดับทั้งบ้านตั้งแต่เช้า แม่ต้องฟอกไตที่บ้าน"),
    ("it", "È saltata la corrente in tutto l'appartamento e l'insulina è in frigo"),
    ("hr", "U hodniku se osjeti jak miris dima"),
    ("hr", "Utičnica u kuhinji je vruća i pocrnjela"),
    ("hr", "Kći se zaključala u kupaonici i ne možemo je izvući"),
    ("fa", "Qulf-e darwaza kar nemekona, dar basta nemesha"),
    ("am", "Ye bete ber aydegam, qulfu tesebrwal"),
    ("am", "ሊፍቱ ቆሟል ውስጡ ሦስት ሰዎች አሉ"),
    ("sw", "Mama yangu mzee hana joto nyumbani tangu jana"),
    ("sw", "Maji machafu ya choo yamejaa bafuni"),
    ("sn", "Gonhi rekumashure harisi kuvhara, lock yakatyoka"),
    ("pt", "A fechadura da entrada já nem fecha, tenho medo à noite"),
    ("uk", "Dytiache vikno ne zakryvaietsia, ruchka zlamana, tretii poverkh"),
    ("ar", "El bet bared kteer w el baby 3omro shahrein"),
    ("cs", "Ze sklepního odtoku teče splašková voda"),
    ("ml", "Innale muthal flat-il vellam illa, oru tap-ilum onnum varunnilla"),
    ("ne", "Bhanchha ko pipe phutyo ra pani rokinna"),
    ("sk", "V kuchyni strieka voda spod drezu"),
    ("sk", "Z bojlera tečie voda a neviem ju zastaviť"),
    ("ro", "Tavanul din dormitor trosnește de aseară"),
    ("sv", "Det luktar bränt i trapphuset och brandlarmet tjuter"),
    ("sv", "Det luktar gas i köket, vi har gått ut"),
    ("sv", "Min pappa sitter fast i hissen mellan två våningar"),
    ("fi", "Keittiön pistorasia savuaa ja kipinöi"),
    ("fi", "Keittiön putki on haljennut ja vesi suihkuaa lattialle"),
    # session 24 (multilingual30's tuned part), in sentences written for these tests: shut in a
    # lift, a lift stopped between floors (Greek); a cellar on fire, a stairwell full of smoke
    # (German); no heating after a stroke, the verb first (romanised and Cyrillic Russian); a
    # toilet filled up and spilling (Somali); plaster falling, a socket that went bang and is
    # black (Romanian); a ceiling fallen (Shona); no power at all with small children (Hausa);
    # a lamp smoking, a smell of burning (Latvian); sewage water overflowing (Malay); no heating
    # with a word between, for an older man (Bengali); a ceiling sagging, plaster falling
    # (Finnish)
    ("el", "Η κόρη μου είναι κλεισμένη στο ασανσέρ εδώ και μισή ώρα"),
    ("el", "Το ασανσέρ σταμάτησε ανάμεσα σε δύο ορόφους με τον πατέρα μου μέσα"),
    ("de", "Der Keller brennt, bitte sofort kommen"),
    ("de", "Im Treppenhaus ist alles voller Rauch"),
    ("ru", "Ne rabotaet otoplenie uzhe dva dnya, papa posle insulta"),
    ("ru", "Не работает отопление, муж после инсульта и очень мёрзнет"),
    ("so", "Musqusha ayaa buuxsantay, wasakhdii waxay ku daadatay sagxadda"),
    ("ro", "Au căzut bucăți de tencuială din tavan în sufragerie"),
    ("ro", "Priza din hol a pocnit și acum e neagră"),
    ("sn", "Siringi yekicheni yadonha nezuro husiku"),
    ("ha", "Babu wutar lantarki ko kaɗan, muna da ƙananan yara uku"),
    ("lv", "Virtuves lampa sāka dūmot, smird pēc deguša"),
    ("ms", "Air kumbahan keluar dari tandas dan melimpah ke bilik"),
    ("bn", "বাবার বয়স ৮৫, হিটিং দুদিন ধরে কাজ করছে না, ঘর ঠান্ডা"),
    ("fi", "Olohuoneen katto painuu alas ja rappausta putosi lattialle"),
    # and two languages new in session 24: Haitian Creole (a gas smell, a ceiling fallen) and
    # Cantonese in Jyutping (no heating in the cold for a 90-year-old, a son shut in the lift)
    ("ht", "Gen yon sant gaz nan kay la depi aswè a"),
    ("ht", "Plafon sal la tonbe sou kabann lan"),
    ("yue", "Ngo maa maa 90 seoi, uk kei mou nyun hei, hou dung"),
    ("yue", "Ngo go zai kwan zyu hai lip leoi min"),
    # and (session 24) dangers the other-language model paged on its own before its retrain with
    # multilingual30, in sentences written for these tests: not a drop of water (Gujarati), no
    # water at all (romanised Urdu, Turkish from any tap, Croatian with a baby), headaches that go
    # outside the home (Somali), no power with an oxygen machine (Somali), a ceiling swollen and
    # cracking (Ukrainian), plaster fallen (Malayalam), a ceiling sagging (Korean), a chimney
    # hanging and bricks falling (Czech), water into a light (Shona), a gas smell (Yoruba typed
    # without its marks), a boiler fault in the cold with a baby (Chinese), water dripping onto
    # a light and the power tripped (Cantonese), the only toilet broken (Twi), sewage from the
    # toilet (Lingala, new)
    ("gu", "સવારથી રસોડામાં ટીપું પણ પાણી નથી આવ્યું"),
    ("so", "Carruurta madax xanuun ayaa haya, marka ay guriga ka baxaan way ka tagtaa"),
    ("so", "Koronto ma jirto guriga, aabahay wuxuu isticmaalaa oksijiin"),
    ("ur", "Subah se ghar mein bilkul pani nahi hai, ammi beemar hain"),
    ("tr", "Evde hiçbir musluktan su gelmiyor, yatalak annem var"),
    ("uk", "Стеля в коридорі надулася і щось тріщить"),
    ("ml", "അടുക്കളയിൽ പ്ലാസ്റ്റർ താഴെ വീണു"),
    ("ko", "거실 천장이 내려앉고 있어요"),
    ("cs", "Z komína visí uvolněný kus a padají cihly"),
    ("hr", "Od jutra nemamo vode, imam bebu od dva mjeseca"),
    ("sn", "Mvura iri kudonha ichipinda mu light yekicheni"),
    ("yo", "Gaasi n run ni ile idana wa"),
    ("zh", "锅炉显示故障代码，屋里很冷，宝宝三个月"),
    ("yue", "廚房天花滴水落個燈度，成間屋跳咗掣"),
    ("tw", "Yɛn toilet no asɛe, ɛno nkoaa na yɛwɔ, mmofra wɔ fie"),
    ("ln", "Mai ya bosoto ezali kobima na toilette, bana mike bazali awa"),
    # session 25 (multilingual31's tuned part): a gas smell and a sagging ceiling (Welsh, new), a
    # fire with smoke (Zulu, new), a carbon monoxide alarm beeping (Estonian, new), shut in a
    # room (Gujarati), a ceiling coming down (Lingala), the only toilet blocked (Italian,
    # Lithuanian, Swedish), a burst pipe (Shona, romanised Sinhala), a ceiling bellying down
    # (Finglish), water pouring in (Kazakh), the heating gone with an old person (Chinese),
    # sparks (romanised Armenian), water into a light (Hebrew "המנורה"), a door broken in
    # (romanised Tigrinya), no power with oxygen (Portuguese, Uzbek) or a bedridden father
    # (Italian), a door that will not shut (romanised Bengali), no heating with the cold and old
    # age (Amharic) or asthma (romanised Russian)
    ("cy", "Mae arogl nwy cryf yn y gegin ers y bore"),
    ("cy", "Mae'r nenfwd yn y stafell fyw yn sagio ar ôl y glaw"),
    ("zu", "Kukhona umlilo egaraji, intuthu igcwele yonke indawo"),
    ("et", "Vingugaasi andur piiksub ja lapsel on pea valus"),
    ("gu", "મારી દીકરી રૂમમાં બંધ થઈ ગઈ છે, બહાર નથી નીકળી શકતી"),
    ("ln", "Plafond ya cuisine ezali kokita, tobangi mingi"),
    ("it", "Abbiamo un unico bagno ed è intasato da ieri sera"),
    ("lt", "Tualetas užsikimšo ir vanduo kyla, kito neturime"),
    ("sv", "Vår enda toalett är igensatt sedan i morse"),
    ("sn", "Pipe yaputika mubathroom, mvura iri kuyerera"),
    ("si", "Bathroom eke pipe eka pupurala"),
    ("fa", "Saghf-e hamoom dare mesle shekam miad paeen"),
    ("kk", "Жоғарыдан су құйылып тұр, бөлмеміз суға толды"),
    ("zh", "家里暖气突然没了，老人八十多岁"),
    ("hy", "Rozetkayic kaytsner en galis"),
    ("he", "מים מטפטפים לתוך המנורה במטבח"),
    ("ti", "Nay gezana ma'tso tesebiru, hiji ayi'tsun"),
    ("pt", "Estamos sem luz nenhuma desde ontem, a minha avó usa oxigénio"),
    ("bn", "Amader main door ta bondho-i hoy na, raat e eka thaki"),
    ("uz", "Uyda elektr yo'q, bobomning kislorod apparati bor"),
    ("am", "ማሞቂያው አይሰራም፣ ቤቱ ቀዝቅዟል፣ አያቴ ሰማንያ አመቷ ነው"),
    ("ru", "Boiler ne rabotaet, doma 12 gradusov, u mamy astma"),
    ("it", "Niente corrente in casa e mio padre è allettato"),
    # session 26 (multilingual32's tuned part): a door broken and not shutting (Arabizi), a
    # heating off for someone of ninety (Gurmukhi Panjabi), water dripping onto a light switch
    # (Dari), water reaching the sockets and a grandfather's heating not working (Portuguese), a
    # break-in and a door that cannot be closed (Croatian), no heating at eighty-eight
    # (romanised Malayalam), a ceiling cracking (Igbo), sewage coming up (Estonian), a window
    # that will not close at all (French), trapped in the lift (Cantonese), water out of a
    # light (Dutch)
    ("ar", "el bab ta3 el bet maksour w ma 3am ysakker, ana la7ali"),
    ("pa", "ਮੇਰੀ ਮਾਂ ਦੀ ਹੀਟਿੰਗ ਕੱਲ੍ਹ ਤੋਂ ਬੰਦ ਹੈ, ਉਹ ਨੱਬੇ ਸਾਲ ਦੀ ਹੈ"),
    ("fa", "از بالا چکه می‌کند روی سویچ برق اتاق"),
    ("pt", "A água da casa de banho já está a chegar às tomadas"),
    ("pt", "O aquecimento na casa do meu avô não funciona e está muito frio"),
    ("hr", "Netko nam je provalio u stan, ulazna vrata se više ne mogu zatvoriti"),
    ("ml", "Veetil heating work cheyyunnilla, appachanu 88 vayassund"),
    ("ig", "Elu ụlọ kichin anyị na-agbaji, anyị na-atụ egwu"),
    ("et", "Tualetist tuleb kanalisatsiooni vett üles"),
    ("fr", "La fenêtre du salon ne se ferme plus du tout, on habite au rez-de-chaussée"),
    ("yue", "我老豆困咗喺大廈部𨋢度，已經半個鐘"),
    ("nl", "Er druppelt water uit de lamp in de keuken"),
    # session 27 (written for these tests): damp or mould with a doctor's word on the risk to
    # health, which the English rules page as a welfare hazard (Polish, Ukrainian, Arabic,
    # Spanish, Serbian in Cyrillic, Somali, Urdu, Portuguese)
    ("pl", "Lekarz powiedział, że pleśń w sypialni szkodzi płucom mojego synka"),
    ("uk", "Лікар сказав, що пліснява в кімнаті небезпечна для дитини"),
    ("ar", "الطبيب قال إن العفن في غرفة النوم سبب نوبات الربو عند ابني"),
    ("es", "El médico dice que el moho de la habitación es peligroso para mi hija"),
    ("hr", "Лекар је рекао да је буђ у соби опасна за бебу"),
    ("so", "Dhakhtarka ayaa sheegay in caarada qolka ay waxyeello u tahay ilmaha"),
    ("ur", "ڈاکٹر نے کہا ہے کہ کمرے کی پھپھوندی بچے کے لیے خطرناک ہے"),
    ("pt", "O médico disse que o bolor no quarto está a piorar a asma do meu filho"),
    # session 27 (multilingual33's tuned part, written for these tests): Serbian a gas smell
    # (Cyrillic) and a burst pipe ("cev"); water that will not stop (Thai), onto the fuse box
    # (Swahili), into a light fitting (Greeklish); no electricity and oxygen (Lithuanian,
    # Hausa); a door broken in (romanised Gujarati), a lock broken (Estonian); trapped in the
    # lift (pinyin in two syllables); sewage up from the toilet (Hebrew); no heating with a
    # baby of weeks (Hungarian)
    ("hr", "Осећа се јак мирис гаса у ходнику, молим вас дођите"),
    ("hr", "U kupatilu je pukla cev i voda curi svuda"),
    ("th", "ก๊อกน้ำในครัวเสีย น้ำไหลไม่หยุด"),
    ("sw", "Maji yanadondoka kwenye sanduku la fyuzi jikoni"),
    ("el", "Trexei nero mesa sto fotistiko tou saloniou"),
    ("lt", "Nuo ryto nėra elektros, mama naudoja deguonies koncentratorių"),
    ("ha", "Wutar lantarki ta dauke tun jiya, kakata tana amfani da na'urar numfashi"),
    ("gu", "Raate koi e amaro darwajo todi nakhyo, have band nathi thato"),
    ("et", "Keegi lõhkus öösel ukse luku, uks ei lähe enam lukku"),
    ("zh", "dian ti huai le, wo ba ba bei kun zai li mian"),
    ("he", "הביוב עולה מהאסלה ומציף את האמבטיה"),
    ("hu", "Nem működik a fűtés, három hetes babánk van"),
    # session 27: no heating in the snow for someone of 85 (Irish), a carbon monoxide alarm
    # sounding and headaches (Scottish Gaelic), languages the detector reads as English
    ("ga", "Níl aon teas sa teach agus tá sneachta amuigh, tá mo mháthair 85 bliain d'aois"),
    ("gd", "Tha an inneal-rabhaidh a' glaodhaich agus tha ceann goirt oirnn uile"),
    # session 27 (the emergency floor after the other-language model's retrain): a flat door
    # that will not shut after someone tried to break it (Egyptian Arabic)
    ("ar", "باب الشقة ما يتسكرش من امبارح بعد ما حد حاول يكسره"),
    # session 28 (multilingual34's tuned part, written for these tests): no heating for the old
    # in frost (Macedonian in Cyrillic and Latin letters, Slovenian, Romanian's boiler that will
    # not start, Dutch's boiler and pneumonia); sparks from a socket (Slovenian); lumps of
    # concrete falling (romanised Russian); a ceiling bulging and shedding plaster (Welsh); mould
    # a doctor warns of (Swahili); a chimney moving (Scottish Gaelic); a burning smell (Irish)
    ("mk", "Парното не работи од вчера, мајка ми има 85 години и надвор е минус"),
    ("mk", "Nema greenje vo stanot, babata e bolna i nadvor e minus"),
    ("sl", "Ogrevanje ne dela že od včeraj, mama ima 84 let in zunaj je minus"),
    ("sl", "Iz vtičnice v kuhinji letijo iskre in smrdi po zažganem"),
    ("ro", "Centrala nu mai porneste de ieri, bunica are 90 de ani"),
    ("ru", "S balkona padayut kuski betona pryamo na trotuar"),
    ("cy", "Mae'r nenfwd yn chwyddo ac mae darnau o blastr wedi disgyn"),
    ("sw", "Daktari amesema ukungu chumbani ni hatari kwa mtoto wangu"),
    ("gd", "Tha an similear a' gluasad anns a' ghaoith"),
    ("ga", "Tá boladh dóite sa halla ó mhaidin"),
    ("nl", "De cv-ketel doet het niet meer en mijn moeder heeft longontsteking"),
    # session 29 (multilingual35's tuned part, written for these tests): a ceiling come down
    # (romanised Russian, Estonian); water in a light fitting (romanised Malayalam); mould a
    # doctor or health worker links to a child's breathing (romanised Bengali, Yoruba, French,
    # Polish, Oromo); no heating for the ill, old or a baby in the cold (Hindi, Egyptian Arabic,
    # Greeklish, Kinyarwanda); a CO alarm beeping and a child sick (Romanian); water across the
    # flat (Spanish); sewage coming up (romanised Nepali); a lock broken in (Macedonian); a fire
    # next door and smoke coming in (Tetum)
    ("ru", "Na kukhne obvalilsya potolok, shtukaturka sypletsya na plitu"),
    ("et", "Vannitoa lagi on vajunud ja krohv kukkus põrandale"),
    ("ml", "Kulimuriyile vilakkil ninnu vellam irangunnu, switch-il ninnu kariyunna manam"),
    ("bn", "Ghore kalo fungus, meyer shash nite kosto hocche"),
    ("yo", "Dokita so pe mould inu yara naa lo n se omo mi"),
    ("fr", "Mon fils fait de l'asthme à cause de la moisissure dans sa chambre"),
    ("pl", "Lekarka mówi, że grzyb w pokoju szkodzi dziecku, już dwa razy był w szpitalu"),
    ("om", "Doktarri akka jedhetti mould kun daa'ima koo miidhaa jira"),
    ("hi", "बॉयलर तीन दिन से खराब है और मेरी माँ की कीमोथेरेपी चल रही है"),
    ("ar", "التدفئة قاطعة من يومين والدنيا ساقعة وأبويا عامل عملية قلب"),
    ("el", "Den douleuei i thermansi kai exei pagonia, o pappous einai 90 xronon"),
    ("rw", "Nta bushyuhe mu nzu kandi harakonje, mfite uruhinja"),
    ("ro", "Alarma de CO piuie continuu si copilul a vomitat"),
    ("es", "Hay agua por todo el piso y sigue saliendo del calentador"),
    ("ne", "Charpi bata phohor pani aaudai cha, ghar bhari gandha"),
    ("mk", "Некој ја скрши бравата и сега вратата не се заклучува"),
    ("tet", "Ahi han ami-nia kozinha, ahi-suar barak iha uma laran"),
    # the same in the other script (Greek, Bengali) and Romanian's "monoxid"
    ("el", "Δεν δουλεύει η θέρμανση και έχει παγωνιά, η γιαγιά μου είναι 90 χρονών"),
    ("bn", "ঘরে ছত্রাক, বাচ্চার শ্বাস নিতে কষ্ট হচ্ছে"),
    ("ro", "Alarma de monoxid piuie de o ora si ne doare capul"),
    # session 29 (the emergency floor after the other-language model's retrain, written for these
    # tests): stuck in a lift with the vowel doubled (Igbo), a ceiling holding a bag of water
    # and cracking (Spanish)
    ("ig", "Nna m rapaara n'ime lift ugbu a, biko bia ngwa ngwa"),
    ("es", "El techo del salón tiene una bolsa de agua y se está agrietando"),
    # session 30 (multilingual36's tuned part, written for these tests): a gas smell written
    # "hwa" (Twi); a fire started, smoke coming out (Lingala, 'mɔ́tɔ' with its open o and
    # 'molinga'); a smoke smell (Sinhala); black water up the toilet (Spanish); a light fitting
    # dripping (Italian); a big piece fallen (romanised Bengali); Marathi (new): a gas smell, a
    # ceiling collapsed, sparks and a burning smell, no heating with a baby
    ("tw", "Gas hwa wɔ me dan mu, mesrɛ mo mommra"),
    ("ln", "Mɔ́tɔ ebandi na ndako ya bana, bosalisa"),
    ("ln", "Molinga ezali kobima na kuzina"),
    ("si", "කාමරේ දුම් ගඳක් එනවා, කරුණාකර ඉක්මනට එන්න"),
    ("es", "Sale agua negra por el inodoro y por la ducha"),
    ("it", "Il lampadario in cucina gocciola da stamattina"),
    ("bn", "Rannaghorer plaster er ekta boro tukra matha r kache pore gese"),
    ("mr", "स्वयंपाकघरात गॅसचा वास येत आहे"),
    ("mr", "हॉलच्या छताचा काही भाग कोसळला आहे"),
    ("mr", "सॉकेटमधून ठिणग्या येत आहेत आणि जळण्याचा वास येतो"),
    ("mr", "बॉयलर बंद पडला आहे आणि माझे बाळ दोन महिन्यांचे आहे"),
    # session 30 (the emergency floor after the other-language model's retrain, written for these
    # tests): water reaching an extension lead (Portuguese)
    ("pt", "A água da máquina de lavar já está a chegar à extensão do frigorífico"),
    # session 31 (multilingual37's tuned part, written for these tests): a shock from a tap
    # (Bosnian) and wires hanging and sparking (Serbian in Cyrillic); a sagging ceiling (Czech);
    # a balcony railing wobbling (Greek); a tree on the roof (Spanish); water dripping onto a
    # lamp (Estonian); no water at all (Indonesian, in the Malay entry); a tingling shock from a
    # socket (Korean); a rotten-egg smell (Kurmanji); no heating with an old man of 85 and a
    # smoke smell on the stairs (Latvian); water coming in and rising (romanised Nepali); a
    # faint gas smell (Brazilian Portuguese); stuck inside, the door will not open from inside
    # (Tamil); a gas smell (Moroccan Arabizi); no heating with a disabled, bedbound father
    # (Somali); Azerbaijani, Romani, Krio and Nigerian Pidgin (new entries)
    ("bs", "Kad dodirnem slavinu u kupatilu, udari me struja"),
    ("sr", "У ходнику голе жице висе из зида и варниче"),
    ("cs", "Strop v kuchyni je prohnutý a omítka opadává na linku"),
    ("el", "Τα κάγκελα στο μπαλκόνι κουνιούνται και φοβάμαι για τα παιδιά"),
    ("es", "Anoche con el viento cayó un árbol encima del tejado de la casa"),
    ("et", "Köögis tilgub vesi otse lambi peale"),
    ("id", "Dari kemarin malam tidak ada air sama sekali di rumah"),
    ("ko", "거실 콘센트를 만지면 찌릿해요"),
    ("ku", "Li hewşê bêhneke wek hêka xerabûyî tê, ez ditirsim"),
    ("lv", "Nestrādā apkure jau divas dienas, vectēvs ir 85 gadus vecs"),
    ("lv", "Kāpņu telpā ož pēc dūmiem, kaimiņi ir ārā"),
    ("ne", "Jhyal bata pani bhitra pasyo ra pani badhdai cha"),
    ("pt", "Tô sentindo um cheirinho de gás no corredor faz dois dias"),
    ("ta", "என் அம்மா பாத்ரூம்ல மாட்டிக்கிட்டாங்க, உள்ளிருந்து திறக்க முடியல"),
    ("ar", "Salam, kayna ri7a dyal lgaz f dar, ana khayfa"),
    ("so", "Kuleylku ma shaqeynayo, aabahay waa naafo"),
    ("az", "Dəhlizdə qaz iyi var, uşaqlar evdədir"),
    ("az", "Rozetkadan qığılcım çıxır"),
    ("rom", "Khandel o gazo ando kher, ame sam avri"),
    ("kri", "Current dɔn ɔf sins mɔnin, mi insulin de na di fridj"),
    ("pcm", "Thief don break my back door, the door no fit close again"),
    # session 32 (multilingual38's tuned part, written for these tests): no heating for a father
    # of 86 and a home gone cold (Tamil); a ceiling coming down, a piece of it fallen (Finglish);
    # water that will not stop, buckets filled (romanised Urdu); thieves broke the door, a lock
    # that does not work (Krio); smoke in the house, a cable burning (Romani); a pipe burst, a
    # lot of water coming in (romanised Amharic); water that will not stop, a flooded hallway
    # (Japanese); part of a ceiling collapsed, a wall collapsed (Georgian)
    ("ta", "heating இல்லை, என் அப்பாவுக்கு 86 வயது"),
    ("ta", "boiler வேலை செய்யவில்லை, வீடு முழுக்க குளிரா இருக்கு"),
    ("fa", "saghf-e ashpazkhune dare mirize, mitarsam"),
    ("fa", "ye tikke az saghf-e otagh oftad ru zamin"),
    ("ur", "upar se pani aa raha hai aur ruk hi nahi raha"),
    ("ur", "kitchen mein do balti bhar gayi hain, chhat se tapak raha"),
    ("kri", "Tif dem brok mi bak doh yestede"),
    ("kri", "Di lɔk nɔ de wok, a nɔ ebul lɔk mi os"),
    ("rom", "Andro kher si but thuv, aven sigo"),
    ("rom", "O kablo palal o frigideri phabol"),
    ("am", "Ye kushina tubo tefenadto, wuha eyefese new"),
    ("am", "Bizu wuha bet wust eyegeba new"),
    ("ja", "お風呂の水が止まらない、どうしよう"),
    ("ja", "トイレから水があふれて廊下が水浸しです"),
    ("ka", "აბაზანაში ჭერის ნაწილი ჩამოინგრა"),
    ("ka", "ეზოში კედელი ჩამოიქცა"),
    # session 34 (multilingual40's tuned part, written for these tests): a socket that banged
    # and went black, a scorched smell, no heating with a baby and frost (Estonian); a break-in
    # tried, a door that no longer locks (Zulu); wires sticking out, bare wires (romanised and
    # Cyrillic Ukrainian); smoke coming out, a short circuit (romanised Thai); a window broken by
    # someone, a door that cannot be closed (Swahili); smoke coming out, a burning smell
    # (romanised Pashto); water dripping from a light switch (Afrikaans); a smell of gas
    # (romanised Telugu, Nepali, Sinhala); a window smashed, one that will not close (Farsi); a
    # fire, smoke coming in (Darija in Latin letters); a fire caught, smoke filling the house
    # (Yoruba); stuck in the lift (Hungarian); a ceiling sagging, plaster falling (Bosnian); a
    # ceiling sagging and cracking (Slovenian); a burst pipe, a room flooding (Catalan)
    ("et", "Köögi pistikupesa tegi pauku ja on nüüd must"),
    ("et", "Koridoris lõhnab kõrbenud juhtmete järele"),
    ("et", "Küte ja radiaatorid ei tööta, meil on imik ja õues on miinuskraadid"),
    ("zu", "Amasela azame ukugqekeza ifasitela ebusuku"),
    ("zu", "Umnyango wasekhishini awusakhiyeki, ngiyesaba"),
    ("uk", "U vannii z-pid rozetky styrchat droty, dity bigayut poruch"),
    ("uk", "З розетки в коридорі стирчать дроти"),
    ("th", "mee kwan ok ma jak tu yen"),
    ("th", "fai chot tee pluk nai krua"),
    ("sw", "Mtu amevunja dirisha la chumba cha kulala usiku"),
    ("sw", "Mlango wa nyuma hauwezi kufungwa tena"),
    ("ps", "zama da kitchen la socket na lugay rawazi"),
    ("ps", "pa kor ke da swazidu bu dey"),
    ("nl", "Water drup uit die ligskakelaar in die gang"),
    ("te", "intlo gas vaasana vastundi"),
    ("ne", "bhanchha ma gas ko gandha aauchha"),
    ("si", "kussiye gas ganda enawa"),
    ("fa", "شب پنجره رو شکستن، الان بسته نمیشه"),
    ("ar", "kayna l3afya f sala dyal l3imara"),
    ("ar", "dukhan kaydkhol mn taht lbab"),
    ("yo", "Ina ti mu ni yara ibusun"),
    ("yo", "Eefin ti kun gbogbo ile wa"),
    ("hu", "Ragadt bent valaki a liftünkben"),
    ("hr", "Plafon u kupatilu se ulegnuo i malter pada"),
    ("sl", "Strop v dnevni sobi se je povesil in poka"),
    ("it", "La canonada del bany ha rebentat"),
    ("it", "El menjador s'està inundant"),
    # (the emergency floor after the other-language model's retrain) a pipe burst named in
    # English, water everywhere (Polish); the power gone, a breaker that will not go back on,
    # with a baby or an old man in the cold (Slovak)
    ("pl", "W łazience pękła pipe pod wanną"),
    ("pl", "Woda jest wszędzie w przedpokoju, nie mogę jej zatrzymać"),
    ("sk", "Vypadol prúd v celom byte, máme bábätko a je zima"),
    ("sk", "Istič nejde nahodiť, dedko má 85 rokov a je zima"),
    # session 34 (the tuned parts of multilingual, 16, 24 and 25, written for these tests): no
    # electricity with a baby in the cold (Latvian), with a grandfather who is ill (Tagalog,
    # "po" between), with a grandmother of 90 (Tamil); a carbon monoxide alarm's screen showing
    # CO (Romanian)
    ("lv", "Dzīvoklī nav elektrības, mazulim divi mēneši un ir auksti"),
    ("tl", "Wala pong kuryente sa bahay, si lolo ay may sakit"),
    ("ta", "வீட்டில் கரண்ட் இல்லை, பாட்டிக்கு 90 வயது"),
    ("ro", "Detectorul de lângă centrală piuie și pe ecran scrie CO"),
])
def test_a_core_hazard_in_another_language_is_an_emergency(language: str, text: str) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category == "emergency", (language, decision.reasons)


@pytest.mark.parametrize("text", [
    "Chciałbym zapłacić rachunek za gaz",  # pay the gas bill
    "Quiero pagar el alquiler de este mes",  # pay this month's rent
    "sunt inundata de scrisori pentru fostul chirias",  # flooded with letters
    "le detecteur de fumee bip, c'est la pile",  # smoke alarm battery
    "biilka gaaska ayaa imaaday, yaa bixinaya?",  # Somali: the gas bill came, who pays?
    "almari da darwaza tutt gaya, koi jaldi nahi",  # Panjabi: a cupboard door broke, no hurry
    "Хочу поставить новую розетку на кухне",  # Russian: I'd like a new socket in the kitchen
    "Preciso de uma chave nova para a fechadura da porta",  # Portuguese: a new key for the lock
    "कृपया आगे की जानकारी दें",  # Hindi: please give further details ("आग", fire, is in "आगे")
    "براہ کرم آگاہ کریں کہ مرمت کب ہوگی",  # Urdu: please let me know when the repair will be
    "la porte de la salle de bain ne ferme plus",  # French: the bathroom door no longer closes
    # session 13: Tamil "you gave" holds "தீ" (fire); a flood that is over; a charge for a lock
    "நீங்கள் சொன்னபடி வந்து சரி செய்து கொடுத்தீர்கள், நன்றி",
    "Дякую, після затоплення все висушили, тепер треба пофарбувати стелю",
    "Me cobraron 60 libras por cambiar la cerradura rota, no es justo",
    "Nėra karšto vandens nuo vakar",  # Lithuanian: no hot water (not no water at all)
    # session 14: a smoke alarm's battery ("bip" is not Albanian "bie", rings), a CO alarm and
    # a gas leak last month or last week, since dealt with, a charge for a lock that was broken
    # before, Turkish "gün" (day), no hot water in Bulgarian and Romanian
    "Il mio smoke alarm fa bip da ieri, sarà la batteria scarica?",
    "Il mese scorso è scattato l'allarme del monossido; hanno cambiato la caldaia e va tutto bene",
    "На прошлой неделе была утечка газа, всё починили, нужно покрасить стену",
    "Perché mi è stato addebitato il cambio della serratura? Era già rotta quando sono arrivata",
    "Kirayı o gün ödeyebilir miyim? Maaşım bir gün sonra yatıyor",
    "Нямаме топла вода от вчера",
    "Nu avem apă caldă de ieri",
    "Здравейте, искам да сменя крана в кухнята, не е спешно",
    # session 14 (langs14): a gas bill, a fire extinguisher, a smoke alarm's battery, no hot
    # water, a cupboard door, a light that stays on, a cracked window, in Pashto, Tamil, Kurdish
    # and Tigrinya
    "غواړم د ګاز بل ورکړم",  # Pashto: I want to pay the gas bill
    "د اور وژونکی مو بدل کړئ مهرباني",  # Pashto: please replace our fire extinguisher
    "د لوګي الارم بیټرۍ خلاصه شوې، ږغ کوي",  # Pashto: the smoke alarm's battery is flat, it beeps
    "ګرمې اوبه نشته، بیړنۍ نه ده",  # Pashto: no hot water, not urgent
    "د پخلنځي د المارۍ دروازه ماته شوې",  # Pashto: a kitchen cupboard door is broken
    "da gas bill me ta rawaleget, manana",  # romanised Pashto: send me the gas bill, thanks
    "கேஸ் பில் எவ்வளவு கட்டணும்?",  # Tamil: how much is the gas bill to pay?
    "வராண்டா லைட் நாள் முழுக்க எரியுது, switch வேலை செய்யல",  # Tamil: the veranda light stays on all day
    "smoke alarm battery maathanum, alarm adikkudhu",  # Tanglish: the smoke alarm needs a battery
    "ئەلارمی دووکەڵ پاترییەکەی تەواو بووە",  # Sorani: the smoke alarm's battery has run out
    "Dixwazim fatûreya gazê bidim",  # Kurmanji: I want to pay the gas bill
    "Pencereya odeyê şikestî ye, ne lezgîn e",  # Kurmanji: a bedroom window is cracked, not urgent
    "ናይ ትኪ ኣላርም ባትሪ ክቕየር ኣለዎ",  # Tigrinya: the smoke alarm's battery needs changing
    "ናይ ጋዝ ቢል ክንደይ እዩ?",  # Tigrinya: how much is the gas bill?
    # session 14 (multilingual19): a Tamil fire safety meeting; Polish "tym" (this) is not
    # Albanian "tym" (smoke)
    "தீ பாதுகாப்பு கூட்டம் எப்போது நடக்கும்?",
    "Proszę się tym zająć, chodzi o czynsz za marzec",
    # session 15 (multilingual20): Turkish "ateş pahası" (very dear) and a fire if it breaks
    # out, a letter about repairs after a fire (Romanian), thanks to the one who came for a gas
    # leak (Farsi), if ever a fire (Panjabi), an alarm that had gone off (romanised Gujarati),
    # feeling trapped (Somali), a Sorani fire door, Vietnamese "phản hồi" (a reply)
    "Kira ateş pahası oldu, indirim var mı?",
    "Yangın çıkarsa hangi kapıdan çıkmalıyız?",
    "Vă rog o scrisoare că apartamentul a fost renovat după incendiu",
    "ممنون از آقایی که دیروز برای نشت گاز آمد",
    "ਜੇ ਕਦੇ ਅੱਗ ਲੱਗ ਜਾਵੇ ਤਾਂ ਕਿੱਥੇ ਜਾਈਏ?",
    "Gaya athvadiye smoke alarm vagyu hatu, have badhu barabar che",
    "Carruurtu waxay dareemayaan inay ku xayiran yihiin flat-ka yar",
    "کەی دەرگای دژە ئاگرەکە چاک دەکەنەوە؟",
    "Mong nhận được phản hồi sớm. Trân trọng, Lan",
    # session 16 (multilingual21): a fire lit on purpose for a party (Farsi), the full rent
    # (Gujarati "પૂરું" holds "પૂર", a flood), a fire alarm test (Portuguese, Spanish), prices
    # "on fire" (Arabic), a neighbour's cigarette smoke (Tanglish), water stains on the floor
    # (Chinese), a burst pipe last week, since mended (Somali)
    "برای جشن تولد می‌خوایم تو حیاط آتیش روشن کنیم، اشکالی نداره؟",
    "મેં આ મહિને પૂરું ભાડું ભરી દીધું છે",
    "Quando vai ser o teste do alarme de incêndio no prédio?",
    "¿La prueba de la alarma de incendio es el lunes?",
    "الأسعار صارت نار، بدي أدفع الإيجار على دفعتين",
    "mel veetu aal cigarette pugai romba varudhu, kuzhandhai irukku",
    "地板上都是水渍，能不能派人来打磨一下",
    "Todobaadkii hore tuubada ayaa qaraxday, hadda waa la hagaajiyay",
    # session 17 (multilingual22's tuned part): a flood we had, now dry (Romanian), no gas smell
    # (Turkish), were stuck in the lift last month (Gujarati), a socket that used to give shocks
    # (Portuguese), a fire at a relative's in the village back home (Panjabi), there was a gas
    # smell, since sorted (Arabizi), a deadline "burning" (Ukrainian)
    "Am avut o inundatie luna asta, acum e uscat, doar peretele trebuie varuit",
    "Evde gaz kokusu yok, sadece sayacin yerini sormak istiyorum",
    "ગયા મહિને અમે લિફ્ટમાં ફસાઈ ગયા હતા, હવે બધું બરાબર છે",
    "A tomada que dava choque ja foi trocada, obrigado",
    "ਸਾਡੇ ਪਿੰਡ ਵਿੱਚ ਚਾਚੇ ਦੇ ਘਰ ਅੱਗ ਲੱਗੀ ਸੀ, ਮੈਂ ਕੁਝ ਦਿਨ ਬਾਹਰ ਹਾਂ",
    "mbara7 kan fi ri7et gaz bel matbakh bas el fanni salla7o",
    "Дедлайн горить, надішліть довідку сьогодні",
    # session 17 (multilingual23's tuned part): how to test a carbon monoxide detector
    # (Ukrainian), a gas smell there was yesterday, now mended (Russian), last month's gas leak
    # (French), a small fire weeks ago (Farsi), a door that does not close by itself (Urdu)
    "Чи треба мені самому перевіряти датчик чадного газу раз на місяць?",
    "Вчера был запах газа, мастер всё исправил, нужно заменить шланг",
    "Suite a la fuite de gaz du mois dernier, quand passera le technicien pour le compteur ?",
    "سه هفته پیش آتش کوچیکی تو حیاط داشتیم، الان فقط باید دیوار رو تمیز کنن",
    "فلیٹ کا دروازہ خود سے پورا بند نہیں ہوتا، کلوزر ڈھیلا ہے",
    # session 18 (multilingual24's tuned part): a question about fitting a carbon monoxide
    # detector (French), a fire in the building opposite (Italian), February's gas leak, since
    # mended (Portuguese, Spanish), a fire alarm test at nine o'clock ("baje", not
    # "baj", rings: romanised Urdu), the gas bill (German), a smoke alarm's battery (Tagalog)
    "Nous n'avons pas de détecteur de monoxyde de carbone, pouvez-vous en installer un ?",
    "Ieri c'è stato un incendio nel palazzo di fronte, avete un piano di evacuazione?",
    "A fuga de gás de fevereiro já está resolvida, mas quero uma explicação sobre a demora",
    "La fuga de gas de febrero ya está arreglada, pero quiero una explicación",
    "Fire alarm ka test kal subah 9 baje hoga, kya hamein bahar jana hai?",
    "Ich möchte meine Gasrechnung bezahlen",
    "Kailangan palitan ang battery ng smoke alarm, hindi urgent",
    # session 19 (multilingual25's tuned part): a bathroom door that does not close (Sorani), a pot
    # burnt while cooking (Vietnamese), a stairwell light left on, "burning" (Lithuanian, Russian,
    # Polish, Ukrainian), a gas smell there was, since mended (Albanian, Vietnamese), or made safe
    # by the emergency service (Polish), no gas smell (Portuguese), no sparks any more (Turkish)
    "دەرگای حەمامەکە داناخرێت، دەستەکەی شکاوە",
    "Nồi bị cháy khét lúc nấu canh, giờ hết rồi, máy hút mùi kêu to",
    "Koridoriuje šviesa dega visą parą, reikia pakeisti jungiklį",
    "На лестнице лампа горит весь день, можно поставить датчик?",
    "Na korytarzu światło pali się cały czas, proszę naprawić czujnik",
    "У під'їзді світло горить цілодобово, треба замінити датчик",
    "Para dy ditësh kishte erë gazi, tani është rregulluar, dua vetëm të kontrollohet soba",
    "Sem cheiro de gás, só o forno que não liga",
    "Usta geldi, şimdi kıvılcım falan yok ama duvarda iz kaldı",
    "Tháng trước có mùi gas, thợ đã sửa xong, giờ tôi muốn hỏi về hóa đơn",
    "Czuliśmy gaz, przyjechało pogotowie i zakręciło, teraz trzeba wymienić kuchenkę",
    # session 20 (multilingual26's tuned part): a carbon monoxide detector to fit (Lithuanian), a
    # gas leak there was, now fine (Gujarati), a broken cupboard door (Somali)
    "Sveiki, norėčiau įrengti anglies monoksido detektorių virtuvėje",
    "ગયા અઠવાડિયે ગેસ લીક થયું હતું, હવે બરાબર છે",
    "Albaabka armaajada qolka jiifka ayaa jaban, fadlan hagaaji",
    # session 21 (multilingual27's tuned part): a power cut with nobody vulnerable (Russian,
    # Hebrew), a carbon monoxide alarm to fit (Spanish, Chinese), a letter about fire doors
    # (Portuguese), a smoke alarm's battery with no smoke (Romanian), 'not urgent' (Hebrew 'not
    # burning'), a fire safety talk (Georgian)
    "В офисе опять нет света, перенесите, пожалуйста, встречу",
    "אין חשמל בחדר הכביסה, זה לא בוער, אפשר לתקן בשבוע הבא",
    "¿Me podrían instalar un detector de monóxido de carbono en el salón?",
    "可以幫我安裝一氧化碳警報器嗎？謝謝",
    "Recebi um aviso sobre as portas corta-fogo do prédio, o que tenho de fazer?",
    "Alarma de fum piuie, nu e fum, doar bateria e pe terminate",
    "ხანძრის უსაფრთხოების შეხვედრა როდის იქნება?",
    # session 22 (multilingual28's tuned part): a go-ahead (French 'feu vert'), fury at a bill
    # (Romanian 'am luat foc', romanised Hindustani 'aag lag gayi', Greek bills 'are fire'), a
    # washing machine's door (Panjabi), no problem with the gas (Lithuanian), a gas smell the gas
    # network came and turned off (Polish, the network named first)
    "Bonjour, j'ai reçu le feu vert pour l'échange de logement, quelle est la suite ?",
    "Am luat foc când am primit factura, de ce e atât de mare?",
    "bijli ka bill dekh ke aag lag gayi, itna zyada kyun hai?",
    "ਠੇਕੇਦਾਰ ਨੇ ਵਾਸ਼ਿੰਗ ਮਸ਼ੀਨ ਦਾ ਦਰਵਾਜ਼ਾ ਤੋੜ ਦਿੱਤਾ, ਹੁਣ ਕੌਣ ਠੀਕ ਕਰੇਗਾ?",
    "Οι λογαριασμοί του ρεύματος είναι φωτιά, μπορώ να πληρώσω σε δόσεις;",
    "Su dujomis jokių problemų nėra, tik noriu sužinoti, kas yra tiekėjas",
    "Wczoraj był pan z Cadent, bo czuć było gaz, zakręcił dopływ i teraz potrzebna nowa kuchenka",
    # and routine Dutch: the heating to look at, a smoke detector to replace
    "Kunt u volgende week de verwarming komen nakijken? Het is niet dringend",
    "Wanneer wordt de brandmelder in de gang vervangen?",
    # session 23 (multilingual29's tuned part): no hot water (romanised Malayalam: not no water
    # at all), a gas smell there was (Hungarian), a broken cupboard door (romanised Amharic), and
    # routine Swedish and Finnish: a smoke detector to change, when the lift is serviced
    "Choodu vellam illa, kulikkan pattunnilla, aarenkilum varumo?",
    "Tavaly gázszag volt a pincében, azóta minden rendben",
    "Ye metatebiya bet kumsatin ber tesebrwal, meche tseglalachihu?",
    "Kan ni byta brandvarnaren i hallen? Det är inte bråttom",
    "Haluaisin tietää, milloin hissi huolletaan",
    # session 24 (multilingual30's tuned part): a bill for a door the resident is said to have
    # broken (Hindi), a carbon monoxide alarm's battery (Tamil), no carbon monoxide alarm yet
    # (Portuguese, Spanish), a flood months ago complained about (Slovak), German "ohne"
    # (without), which is not Czech "ohně" (of fire)
    "आपने बिल भेजा कि मैंने दरवाज़ा तोड़ा, यह गलत है",
    "கார்பன் மோனாக்சைடு அலாரம் பேட்டரி மாற்ற வேண்டும்",
    "Não temos alarme de monóxido de carbono, podem instalar um?",
    "No tenemos detector de monóxido de carbono en el piso, ¿nos ponen uno?",
    "Chcem sa sťažovať, záplavu pred tromi mesiacmi ste riešili veľmi pomaly",
    "Ohne Termin kann ich nicht kommen, bitte rufen Sie mich an",
    # routine Cantonese (a toilet cistern to mend, not urgent) and Haitian Creole (a wardrobe
    # door to mend, "li pa ijan": not urgent)
    "Ngo soeng jyu joek jan lai sau lei ci so seoi sam, m gap",
    "Bonjou, kilè nou ka vin ranje pòt pandri a? Li pa ijan",
    # session 25 (multilingual31's tuned part and the last session's findings): a carbon
    # monoxide alarm chirping once a minute, its name further than the harmless reach from the
    # chirp (Tamil); Latvian "atkal" (again), not Hindi "atka" (stuck); no gas smell since a
    # leak was seen to (Japanese); a fire there had been (Urdu past perfect); a sparking socket
    # replaced (Ukrainian); a plumber (Haitian "plonbye", not Polish "plon*"); a bathroom door
    # (Italian); a gas smell of a day gone by (Romanian, Hungarian, French); a pipe that burst
    # in a month gone by (Turkish)
    "கார்பன் மோனாக்சைடு அலாரம் ஒவ்வொரு நிமிடத்துக்கு ஒரு முறை சிர்ப் என்று சத்தம் போடுகிறது",
    "Sūdzība: lift jau divreiz ir atkal apstājies, lūdzu salabojiet",
    "先月ガス漏れの件で修理していただき、その後ガスの臭いはしなくなりました",
    "پچھلے ہفتے ہمارے بلاک میں آگ لگی تھی، کیا کوئی دیوار کا رنگ کر سکتا ہے؟",
    "Дякую, майстер замінив розетку, яка іскрила",
    "Plonbye a te vin ranje tiyo a, mèsi anpil",
    "La porta del bagno non si chiude bene, potete mandare qualcuno?",
    "Am avut miros de gaz saptamana trecuta, dar Cadent a reparat totul",
    "Tegnap gázszag jött a lépcsőházból, de már megjavították",
    "Mardi dernier j'ai senti une odeur de gaz, le technicien a réparé la fuite",
    "Mart ayında banyodaki boru patladı, tamir edildi ama boya yapılmadı",
    # session 26 (multilingual32's tuned part): Hindustani "kar dega" (will do), not Lithuanian
    # "dega" (burns); a toilet door (Somali); a garden gate (Turkish); sewage of last week
    # (romanised Russian); a pipe that burst last month (Chinese); "công ty" (company) and "trân
    # trọng" (yours faithfully), not "cống" (sewer) and "tràn" (overflow) (Vietnamese)
    "Bhai, gas engineer aake naya cooker connect kar dega kya?",
    "Albaabka musqusha wuu jabsan yahay, fadlan qof soo dira",
    "Bahçe kapısı kırıldı, müsait bir zamanda bakabilir misiniz?",
    "Na proshloi nedele byla kanalizaciya v vannoi, seichas vse normalno",
    "上个月楼上水管爆了，现在天花板还有水渍，请派人来粉刷",
    "Kính gửi công ty, tôi muốn hỏi về hợp đồng thuê nhà. Trân trọng",
    # session 27 (multilingual33's tuned part, written for these tests): a window high up that
    # does not close fully (romanised Russian); a wardrobe door (Chinese); a door I did not
    # break (Somali); a burst pipe repaired (German); a smoke alarm set off by cooking
    # (romanised Gujarati); a smoke detector chirping for its battery (Spanish); water in from
    # the roof (Kurmanji); a carbon monoxide alarm the gas emergency service dealt with
    # (Urdu); a loose socket without sparks (Spanish)
    "Okno v gostinoy na 9 etazhe ne zakryvaetsya do kontsa, duet",
    "衣柜的柜门坏了，门关不上，不着急",
    "Albaabka musqusha anigu ma jebin, laakiin waxaa la ii soo diray biil",
    "Der Rohrbruch im Bad wurde letzte Woche repariert, jetzt muss nur noch gestrichen werden",
    "Gai kale smoke alarm vagyo, khali roti bali gai hati",
    "El detector de humo pita cada poco, creo que necesita pila nueva",
    "Av ji banê dikeve hundirê odê, ji kerema xwe werin binêrin",
    "El enchufe del pasillo está suelto pero no hace chispas",
    "کاربن مونو آکسائیڈ کا الارم بجا، گیس ایمرجنسی والے آئے اور سب ٹھیک کر دیا",
    # session 28 (multilingual34's tuned part, written for these tests): a burst pipe recalled
    # (Polish); a carbon monoxide alarm of last week, dealt with, and a toilet flush ('descarga',
    # Spanish's shock) (Portuguese); a boiler that might break down (Turkish); a fire two months
    # ago (Arabic); a smoke alarm chirping, no fire or smoke (Gujarati); upset (Farsi, holding the
    # Arabic fire word); the engineer came for the gas leak (Greeklish)
    "Przypomnę, że w marcu pękła rura, teraz chodzi tylko o malowanie sufitu",
    "Na semana passada o alarme de monóxido de carbono disparou, trocaram a peça e está tudo bem",
    "O técnico veio consertar a descarga mas deixou o chão sujo",
    "Kombide şu an sorun yok ama kışın arıza yaparsa ne yapmalıyız?",
    "قبل شهرين صار حريق صغير في المطبخ، نحتاج رسالة للتأمين",
    "ધુમાડાનું એલાર્મ બીપ કરે છે, આગ કે ધુમાડો કંઈ નથી",
    "از این رفتار واقعاً ناراحتم",
    "O texnikos irthe xthes gia ti diarroi aeriou, tora ola kala",
    # session 29 (multilingual35's tuned part, written for these tests): what to do if gas is
    # ever smelt (German); a carbon monoxide alarm of a month gone by (Polish, Vietnamese), a gas
    # smell of last month (Amharic), a break-in months ago (Bulgarian), sewage last month
    # (Croatian), all dealt with; stuck on a form (Romanian); a deadline 'burning' (Russian); a
    # smoke alarm chirping, no fire (Bengali)
    "Was tun bei Gasgeruch? Ich frage nur vorsorglich, alles ist in Ordnung",
    "W lutym zadziałał alarm czadu, serwis wymienił piec i teraz jest spokój",
    "Tuần trước máy báo khí CO kêu, thợ đã sửa xong rồi",
    "ባለፈው ወር የጋዝ ሽታ ነበር፣ አሁን ተስተካክሏል",
    "Преди месец ни разбиха вратата, сега всичко е поправено, но искам обезщетение",
    "Prošli mjesec je izlazila kanalizacija, sada je sve čisto ali želim naknadu",
    "Am ramas blocat la formularul pentru chirie, ma puteti ajuta?",
    "У меня горит срок по заявлению, нужна справка об аренде",
    "স্মোক অ্যালার্ম বিপ করছে, কোনো আগুন নেই",
    # session 30 (multilingual36's tuned part, written for these tests): a gas leak we had
    # (Polish), a short circuit there was (Romanian), a fire there had been (Bengali, Marathi),
    # a flood of last month (Arabic), a gas leak there was (Arabic), what to do if gas is ever
    # smelt (Bulgarian), no heating but electric heaters and not cold (Arabizi), a neighbour's
    # cigarette smoke (Sinhala)
    "Wczoraj mieliśmy wyciek gazu, pogotowie gazowe wszystko naprawiło",
    "Aseară a fost un scurtcircuit la priza din hol, electricianul a venit deja",
    "এক সপ্তাহ আগে রান্নাঘরে আগুন লেগেছিল, এখন শুধু রং করা দরকার",
    "मागच्या महिन्यात स्वयंपाकघरात आग लागली होती, आता फक्त रंग द्यायचा आहे",
    "الشهر الماضي تسرب المي من الجيران وغرق البيت، هلأ كله ناشف",
    "كان في تسريب غاز بالمطبخ، الفني صلحه",
    "Ако някога има миризма на газ, на кой номер да се обадя?",
    "ma fi heating bas 3ana electric heaters, el bet mish bared",
    "ශේජයාගේ සිගරට් දුම් ගඳ කාමරයට එනවා",
    "A extensão nova chegou ontem, obrigada",
    # session 31 (multilingual37's tuned part, written for these tests): the harmless twins: no
    # smoke (Spanish); a fire risk assessment (French); a flood of last year (Polish,
    # Russian, Urdu); a break-in of last month (Spanish); rain on a windowsill (Lithuanian); a
    # railing to paint (Greek); a gas bill (Azerbaijani); water back on (Indonesian)
    "El pasillo está bien, no hay humo ni nada, solo pregunto cuándo cambian la bombilla",
    "Avez-vous fait l'évaluation des risques incendie de l'immeuble ?",
    "W zeszłym roku zalało nam kuchnię, teraz proszę tylko o malowanie",
    "Прошлогоднее затопление испортило пол, когда его заменят?",
    "سیلاب کے بعد فرش ابھی تک نہیں بدلا گیا",
    "El mes pasado entraron a robar, ya cambiaron la cerradura",
    "Kai lyja, vanduo teka ant palangės, prašau sutvarkyti langą",
    "Θέλω να βάψω τα κάγκελα του μπαλκονιού",
    "Qaz pulunu necə ödəyə bilərəm?",
    "Air sudah keluar lagi, terima kasih",
    # session 32 (multilingual38's tuned part, written for these tests): a small fire a neighbour
    # had (Romanian); a flood we had last year (Portuguese); a smoke alarm set off by cooking
    # (romanised Marathi); a fire door that closes slowly (Somali); a flood that was (Japanese)
    "Vecina mea a avut un mic incendiu luna trecuta, la noi e bine",
    "Tivemos uma inundação no ano passado, agora só queria pintar a parede",
    "smoke alarm roj swayampak kartana vajto, tyacha jaga badlu shakta ka?",
    "Albaabka dabka ee sagxadda hoose si tartiib ah ayuu u xirmaa",
    "去年、台所が水浸しになったときの修理の領収書をください",
    # session 34 (multilingual40's tuned part, written for these tests): a lift out of order with
    # nobody stuck in it (Slovak, Czech)
    "Výťah stojí, nikto v ňom nie je zaseknutý",
    "Výtah nejede, nikdo v něm není zaseknutý, jen se ptám",
])
def test_everyday_words_in_another_language_are_not_emergencies(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency"



@pytest.mark.parametrize("text", [
    # session 19 (multilingual25's tuned part): no electricity since last night (Romanian,
    # Nepali). The file has no family that pages a power cut for someone who depends on it:
    # such a message is asked, in the resident's language
    "Nu avem curent de aseara in apartament",
    "काल राति देखि बत्ती छैन",
])
def test_a_power_cut_in_another_language_is_asked(text: str) -> None:
    decision = Router().route(Message(text))
    assert decision.category == "emergency" or decision.ask_safety_question, decision.reasons


@pytest.mark.parametrize("text", [
    # session 34 (multilingual40's tuned part, written for these tests): a hazard word that alone
    # is no emergency: a scorched socket (Estonian), thieves (Zulu), smoke (romanised Thai), a
    # window broken (Swahili): such a message is asked
    "Pistikupesa juures on natuke kõrbenud",
    "Amasela ayesabisa lapha",
    "khwan nai hong nam",
    "Dirisha limevunjwa",
])
def test_a_hazard_word_in_another_language_is_asked(text: str) -> None:
    decision = Router().route(Message(text))
    assert decision.category == "emergency" or decision.ask_safety_question, decision.reasons

def test_every_language_entry_has_a_name_and_is_marked_reviewed_or_not() -> None:
    import tomllib

    from routing.rules import RULES_DIR

    data = tomllib.loads((RULES_DIR / "languages.toml").read_text("utf-8"))
    codes = {entry["code"] for entry in data["language"]}
    assert {"pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "lt", "so", "tr", "uk", "fa",
            "zh"} <= codes
    assert all(isinstance(entry["reviewed"], bool) for entry in data["language"])
    assert len(compile_rules().hazard_cues) > 200


def _phrase_lists() -> list[tuple[str, list[str]]]:
    data = tomllib.loads((RULES_DIR / "languages.toml").read_text("utf-8"))
    lists = [(key, data.get(key, [])) for key in ("cold_or_vulnerable", "harmless")]
    for entry in data["language"]:
        lists += [(f"{entry['code']} {key}", value) for key, value in entry.items()
                  if isinstance(value, list)]
    return lists


def test_every_phrase_matches_itself_as_a_resident_types_it() -> None:
    """A phrase is matched on normalised text, so it is normalised too when compiled (session
    13: 147 of 8,196 phrases could never match, e.g. accented Kurdish, Albanian "gaz", which
    arrives as "gas", and Vietnamese "tho", which arrives as "though")."""
    never = []
    for where, phrases in _phrase_lists():
        for phrase in phrases:
            typed = " ".join("word" if w == "~" else w.replace("*", "") for w in phrase.split())
            if not re.search(phrase_pattern((phrase,)), normalise(typed)):
                never.append((where, phrase))
    assert never == []


@pytest.mark.parametrize(("language", "text"), [
    ("sq", "rrjedh gaz ne kuzhine, ju lutem ejani"),  # gas is leaking in the kitchen
    ("vi", "me toi khong tho duoc, khoi day nha"),  # my mother can't breathe, smoke everywhere
])
def test_phrases_the_normaliser_rewrote_now_page(language: str, text: str) -> None:
    assert ROUTER.route(Message(text)).category == "emergency"  # the phrases alone
    decision = Router().route(Message(text))
    assert decision.language == language
    assert decision.category == "emergency"


@pytest.mark.parametrize(("text", "language"), [
    ("زما په پخلنځي کې د ګاز بوی راځي، مهرباني وکړئ ژر راشئ", "ps"),  # its own letters
    ("د گاز بوی راځی، ژر راشئ", "ps"),  # a Persian keyboard's گ and ی, and its word "د"
    ("شپه غل زموږ کور ته ننوت", "ps"),  # one letter of its own and "زموږ" (our)
    ("salam, zma kor ke da gas boy raazi, mehrabani wakrai zar rashai", "ps"),  # romanised
    ("heating kar na kawi, kor ke mashoom dey", "ps"),
    # Urdu, Farsi, Sorani and Arabic as before: none has a letter only Pashto writes
    ("کچن میں گیس کی بو آ رہی ہے، جلدی آئیں", "ur"),
    ("میرے گھر کی چھت سے پانی ٹپک رہا ہے اور بجلی کے ساکٹ میں جا رہا ہے", "ur"),
    ("توی آشپزخونه بوی گاز میاد، لطفا زود بیاید", "fa"),
    ("بۆنی گاز لە چێشتخانەکەم دێت، تکایە زوو وەرن", "ku"),
    ("رائحة غاز قوية في المطبخ", "ar"),
    ("kitchen mein gas ki smell aa rahi hai, jaldi aao", "ur"),
    # session 14 (multilingual19): romanised Gujarati shares "nu", "ne" and "aa" with Panjabi
    ("mane rent vishe puchvu che, aa mahina nu bill ne kem double aavyu", "gu"),
])
def test_pashto_is_detected_and_its_neighbours_are_not_mistaken_for_it(
        text: str, language: str) -> None:
    """Session 14 (langs14): lingua does not know Pashto; its own letters (ټ ځ څ ډ ړ ږ ښ ګ ڼ
    ۍ ې), its little words, and romanised words of its own name it."""
    assert Router().route(Message(text)).language == language


@pytest.mark.parametrize("text", [
    # session 15 (multilingual20): nobody came back, "what kind of way is this" (Urdu), a missed
    # appointment (Somali), spoke to me terribly (Spanish), no longer answers (Lithuanian),
    # disappointed (Cantonese), absurd, waiting on the phone (Portuguese), who takes
    # responsibility (Bengali), to no avail (Arabic), not satisfied (Panjabi), nobody comes
    # (romanised Gujarati), what are we paying for (Turkish), too long (Vietnamese), did not
    # clean up (Polish), upset (romanised Pashto), reconsider (Tamil)
    "Plumber ne kaha tha kal aayega, koi wapas nahi aaya. Ye kya tarika hai?",
    "Farsamayaqaanka ballanta ka baxay maanta sidoo kale",
    "El técnico me habló fatal por teléfono",
    "Rašiau du kartus, bet būsto skyrius nebeatsako",
    "我對你哋嘅服務好失望",
    "Fiquei uma hora esperando no telefone, é um absurdo",
    "মিস্ত্রি এসে আমার দেয়াল নষ্ট করে দিয়েছে, এর দায়িত্ব কে নেবে?",
    "اتصلت ثلاث مرات بدون فائدة",
    "ਮੈਂ ਤੁਹਾਡੇ ਜਵਾਬ ਤੋਂ ਸੰਤੁਸ਼ਟ ਨਹੀਂ ਹਾਂ",
    "Tran vaar phone karyo pan koi aavtu nathi",
    "Kira her yıl artıyor, bu parayı neye ödüyoruz?",
    "Tôi đã chờ quá lâu, không ai liên lạc lại",
    "Ekipa zostawiła bałagan i nic nie posprzątała",
    "Staso mistri zma kor ke kaar nimgarai preekhod, za dera khapa yam",
    "இந்த கட்டணத்தை மறுபரிசீலனை செய்யுங்கள்",
    # session 16 (multilingual21): compensate me, they did not even apologise (Spanish); I want
    # to complain (Tigrinya)
    "Quiero que me compensen por la alfombra que mancharon",
    "El fontanero rompió la mampara y ni se disculparon",
    "ብዛዕባ እቲ ኮንትራክተር ክጠርዕ እደሊ",
    # session 17 (multilingual22's tuned part): not happy (Levantine Arabizi), nothing done to
    # this day (Panjabi), waiting weeks, you do not do your job properly (Turkish), no way to do
    # things (romanised Urdu), says it is not responsible (Farsi), no answer (Ukrainian), left
    # unfinished, pay me (Spanish), not satisfied, does not answer the phone (Polish), you never
    # came (Greek), a complaint, nobody came (Czech, Hungarian)
    "ana mish mabsout abadan, sar shahr w ma 7ada ija",
    "ਛੇ ਹਫ਼ਤੇ ਹੋ ਗਏ, ਅੱਜ ਤੱਕ ਕੁਝ ਨਹੀਂ ਹੋਇਆ",
    "Üç haftadır bekliyorum, işinizi düzgün yapmıyorsunuz",
    "Teen hafte se intezar kar rahi hoon, ye koi tareeqa nahi",
    "نقاش فرش رو خراب کرد و میگه مسئولیتش با ما نیست",
    "Я дзвонила три рази, відповіді немає",
    "Los pintores se fueron sin terminar y quiero que me paguen los daños",
    "Nie jestem zadowolony z naprawy, a hydraulik nie odbiera telefonu",
    "Δεν ήρθατε ποτέ να φτιάξετε τη βρύση",
    "Podavam stiznost, nikdo neprisel opravit kotel",
    "Panaszt szeretnek tenni, senki nem jott ki",
    # session 17 (multilingual23's tuned part): very disappointed (Italian), an explanation in
    # writing (Spanish), the service is poor and nobody answers (Traditional Chinese)
    "Sono molto deluso, il giardino e ancora pieno di rifiuti",
    "Necesito una explicacion por escrito sobre la factura",
    "你們的服務太差，電話也沒人接",
    # session 18 (multilingual24's tuned part): nobody responded, dissatisfied (Telugu), nobody
    # answers, I want compensation (Farsi), did not like the attitude (Urdu), is that any way
    # to work (Turkish), waiting for an answer, how much longer (Polish), insulting (Gujarati),
    # we pay but nobody cleaned (Somali), promised and nothing (Ukrainian), I disagree with the
    # decision (Slovak), a complaint, nobody came (German, Latvian, Tagalog, Hausa, Malayalam)
    "ఫోన్ చేసినా ఎవరూ స్పందించలేదు, చాలా అసంతృప్తిగా ఉంది",
    "چند بار زنگ زدم ولی هیچ کس جواب نمی‌دهد",
    "نقاش دیوار را خراب کرد، خسارت می‌خواهم",
    "مجھے آپ کے عملے کا رویہ بالکل پسند نہیں آیا",
    "Ekip geldi ama sadece üstünü boyayıp gitti, böyle iş mi olur?",
    "Od dwóch miesięcy czekam na odpowiedź, jak długo jeszcze?",
    "તમારા કર્મચારીનું વર્તન ખૂબ અપમાનજનક હતું",
    "Lacagta adeegga waan bixinaa laakiin qofna ma nadiifin barxadda",
    "Мені пообіцяли передзвонити, але досі нічого немає",
    "S vaším rozhodnutím o oprave nesúhlasím",
    "Ich möchte mich beschweren, niemand ist zur Reparatur gekommen",
    "Gribu iesniegt sūdzību, neviens neatnāca",
    "Gusto kong magreklamo, walang dumating na tubero",
    "Ina so in kai korafi, babu wanda ya zo gyara",
    "എനിക്ക് ഒരു പരാതി നൽകണം, ആരും വന്നില്ല",
    # session 19 (multilingual25's tuned part): a complaint, nobody came (Swahili, Japanese, Malay),
    # to lodge a grievance (Korean), not happy with your work (Shona)
    "Nataka kulalamika, hakuna aliyekuja kurekebisha",
    "何度も電話したのに誰も来ない",
    "불만을 접수하고 싶어요",
    "Saya tidak puas hati, tiada siapa datang",
    "Handina kufara nebasa renyu",
    # session 19 (multilingual25's tuned part): a visit cancelled again, I have had enough
    # (Polish), cancelled without notice (Hungarian), no repair, painted over (Portuguese), promised
    # to call back, a mockery (Russian), what kind of service is this (Urdu)
    "Znowu odwołali wizytę, mam tego dosyć",
    "Értesítés nélkül lemondták a javítást",
    "Isto não é reparação nenhuma, só pintaram por cima",
    "Обещали перезвонить ещё в понедельник, это издевательство",
    "یہ کیسی سروس ہے، کوئی فون نہیں اٹھاتا",
    # session 20 (multilingual26's tuned part): not satisfied, nobody came (Thai, Igbo, Twi);
    # shameful (Portuguese), nobody came and I am upset (romanised Farsi), does not answer
    # (romanised Russian), this is not a service (Somali), a new story each time, someone senior
    # to look (romanised Urdu), rude (Arabizi)
    "ไม่พอใจมาก ไม่มีใครมาซ่อมเลย",
    "Achọrọ m ime mkpesa, ọ nweghị onye bịara",
    "Obiara amma sɛ ɔbɛyɛ adwuma no, m'ani nnye",
    "Que vergonha, prometeram e nada",
    "Kasi nayomad, kheili narahatam az in vaz",
    "Vash sotrudnik ne otvechaet uzhe nedelyu",
    "Ini ma aha adeeg",
    "Har dafa nayi kahani, koi senior is ko dekhe",
    "El mowazaf kan 2alil el adab ma3aya w ma sa3adnish",
    # session 23 (multilingual29's tuned part): disappointed, nobody came (Finnish, Swedish), did
    # not come again, this is a joke (Polish)
    "Olen todella pettynyt, kukaan ei ole tullut korjaamaan ovea",
    "Jag är missnöjd, ingen har kommit",
    "Znowu nie przyszedł, to jest jakiś żart",
    # session 27 (multilingual33's tuned part, written for these tests): a job left half done
    # and nobody picks up (romanised Panjabi), rude, I don't accept this treatment (Levantine
    # Arabic), very upset (Romanian), not at all happy (romanised Gujarati), nobody came
    # (romanised Sinhala, Tigrinya), very frustrating (romanised Bengali)
    "Plumber adha kamm chhad ke chala gaya, phone karo taan koi chukda nahi",
    "العامل كان قليل أدب معي، ما بقبل هالمعاملة",
    "Liftul nu merge de o saptamana, sunt foarte suparata",
    "Me be var phone karyo pan koi jawab nathi, hu bilkul khush nathi",
    "Sathi thunak idala call karanawa, kawuruth awe naha, mata hari kanagatui",
    "ክልተ ግዜ ደዊለ፣ ሓደ ሰብ'ኳ ኣይመጸን፣ ሓዚነ ኣለኹ",
    "Call centre e line kete jay, eta khub hotashajonok",
    # session 28 (written for these tests): a complaint, nobody came (Slovenian, Macedonian)
    "Želim vložiti pritožbo, nihče ni prišel popraviti okna",
    "Никој не дојде да го поправи прозорецот, сакам да поднесам жалба",
    # session 32 (multilingual38's tuned part, written for these tests): still not fixed,
    # irresponsible (pinyin); not acceptable (Arabizi)
    "nimen de gongren lai guo liang ci, menling hai mei xiu, zhen bu fuze",
    "el shibbak sar 2elo shahr mksour, hayda mish ma2bool",
    # session 34 (multilingual40's tuned part, written for these tests): dissatisfied, nobody
    # phoned back (Afrikaans); unhappy, nobody came (Sinhala); nobody replied, shameful
    # (Egyptian Arabizi); waiting weeks (Galician); very angry, nobody called (Basque); nobody
    # bad service (romanised Panjabi); nobody has come (romanised Pashto); not
    # acceptable, only excuses (Welsh); a disgrace (Slovak)
    "Ek is ontevrede, niemand het teruggebel nie",
    "මම හරිම අසතුටින්, කවුරුත් ආවේ නෑ",
    "ba3att 3 marat w mafeesh 7ad radd, 3eib keda",
    "Levo tres semanas agardando o fontaneiro",
    "Oso haserre nago, inork ez dit deitu",
    "Ji, eh bahut mada service aa tuhadi, main ki karan",
    "yawa myasht shwa, kho hich sok na de raghalay",
    "Mae hyn ddim yn dderbyniol, dim ond esgusodion",
    "Dvierka na skrinke visia dva týždne, je to hanba",
])
def test_dissatisfaction_in_another_language_is_a_complaint(text: str) -> None:
    assert Router().route(Message(text)).category == "complaint"


@pytest.mark.parametrize(("text", "language"), [
    # session 15 (multilingual20): romanised Pashto's "pakar" (needed) and "kum" (which);
    # Kurmanji's "ser", "dibêjin", "cîran" (not Portuguese for sharing "e", "em" and "a")
    ("Salam, tasu ta kum form pakar de? kiraya me badal shawe", "ps"),
    ("Cîran dibêjin bêhna xerab li ser derenceyan e, Block A", "ku"),
    # session 17 (multilingual22's tuned part): Greek script and Greeklish, Czech and Hungarian
    # typed without accents (Hungarian's "sz" is no vote for Polish), Panjabi in Arabic letters
    # (not Urdu), Tigrinya's "እየ" and "ብኸመይ", Italian "salve", "grazie", and "3x" (times) is not
    # Arabizi beside a postcode like "SE5"
    ("Καλησπέρα, η βρύση στο μπάνιο στάζει", "el"),
    ("Kalispera, exoume thema me ti vrysi sto mpanio kai einai poly", "el"),
    ("Dobry den, prosim o opravu kohoutku, uz to kape tyden", "cs"),
    ("Jo napot, szeretnem bejelenteni, hogy nem mukodik a kapucsengo", "hu"),
    ("Harmadszor irok a csotores miatt, ez elfogadhatatlan", "hu"),
    ("تسیں ساڈا بوہا کدوں ٹھیک کرو گے؟ اسیں دو ہفتیاں توں انتظار کر رہے آں", "pa"),
    ("ሰላም፣ ክራይ ብኸመይ ክኸፍል እየ?", "ti"),
    ("Salve, posso avere una copia del contratto? Grazie", "it"),
    ("Liguei 3x para o escritorio, moro em SE5 4AB e ninguem respondeu", "pt"),
    # session 17 (multilingual23's tuned part): Albanian, romanised Russian, Czech and
    # Hungarian little words (not Polish, Lithuanian or Italian)
    ("ngrohja nuk punon prej javes", "sq"),
    ("pahnet syrostyu iz podvala, deti kashlyayut", "ru"),
    ("nikdo nas neinformoval, muzete nam zavolat?", "cs"),
    ("mult heten elromlott a csengo, azota nem szol", "hu"),
    # session 18 (multilingual24's tuned part): Malayalam and Telugu script, Nepali in
    # Devanagari (not Hindi), German, Slovak (not Czech or Polish), Latvian (not Lithuanian),
    # Tagalog, Hausa, Yoruba
    ("ഞങ്ങളുടെ അടുക്കളയിലെ ടാപ്പ് ചോരുന്നു", "ml"),
    ("మా వంటగదిలో కుళాయి కారుతోంది", "te"),
    ("हाम्रो भान्साको धारा चुहिरहेको छ, कृपया कसैलाई पठाउनुहोस्", "ne"),
    ("hallo, bei uns in der Küche tropft der Wasserhahn schon seit einer Woche", "de"),
    ("Dobrý deň, v kuchyni nám už týždeň kvapká kohútik, prosím pošlite niekoho", "sk"),
    ("Labdien, mums virtuvē jau nedēļu pil krāns, lūdzu atsūtiet kādu", "lv"),
    ("Hello po, yung gripo sa kusina namin ay tumutulo na ng isang linggo", "tl"),
    ("Sannu, famfon kicin din mu yana zuba tun makon jiya", "ha"),
    ("E kaaro, omi n jo lati inu ero omi ni ile idana wa", "yo"),
    # session 19 (multilingual25's tuned part): Japanese kana (not Chinese) and Korean Hangul
    ("台所の蛇口から水がぽたぽた落ちています", "ja"),
    ("부엌 수도꼭지에서 물이 새요", "ko"),
    # session 19 (multilingual25's tuned part): Hungarian's ő and ű (no vote for Polish's "sz"),
    # Hausa's ƙ and ɗ, Yoruba's ẹ, ọ and ṣ (not Vietnamese), Swahili and Shona little words, Thai
    # script, Czech's ř and ů, Nepali's honorific "हुनुहुन्छ" (not Hindi)
    ("Szia, a szekrényajtó leesett, kérnék szerelőt", "hu"),
    ("Sannu, ƙofar ɗakin girki ta karye", "ha"),
    ("Ẹ kú irọ̀lẹ́, ẹ jọ̀ọ́ ẹ wá ṣe tap ilé ìdáná", "yo"),
    ("Habari, kuna tatizo la maji jikoni kwetu tangu jana", "sw"),
    ("Mhoro, pombi yemvura iri kudonha mukicheni", "sn"),
    ("สวัสดีครับ ก๊อกน้ำในครัวรั่ว", "th"),
    ("Výtah uvízl, uvnitř můj dědeček", "cs"),
    ("भान्साको धारा बिग्रियो, उहाँ घरमा हुनुहुन्छ", "ne"),
    # session 20 (multilingual26's tuned part): Igbo's ị, ọ, ụ (not Vietnamese), Twi's ɛ and ɔ,
    # Malay and romanised Malayalam little words, Hausa's, Bulgarian's and Russian's typed without
    # their letters
    ("Ndewo, ọkụ anaghị arụ ọrụ n'ime ụlọ anyị", "ig"),
    ("Maakye, yɛn kitchen tap no asɛe", "tw"),
    ("Salam, saya nak tanya bila boleh baiki paip di rumah", "ms"),
    ("Namaskaram, ente veedinte tap nannakkan aale ayakkamo", "ml"),
    ("Sannu, wannan famfo bai aiki ba saboda ruwa", "ha"),
    ("Zdraveite, nikoi ne doide da opravi vratata", "bg"),
    ("Privet, uzhe tretiy raz pishu, sosedi sverhu shumyat", "ru"),
    # session 23 (multilingual29's tuned part): Swahili, Shona, Croatian, romanised Malayalam
    # (not Tamil) and Nepali little words; Swedish and Finnish (not English, Hungarian or Italian)
    ("Habari, jirani yangu hawezi kutoka nyumbani siku hizi", "sw"),
    ("Mhoroi, ndiri ndega nevana, tumirai munhu nhasi", "sn"),
    ("Pozdrav, kako možemo danas dobiti novi ključ?", "hr"),
    ("Chechi, innu raavile polum aarenkilum varumo?", "ml"),
    ("Hamro sabai kotha ma pani chuhiyo, talako flat ma pani", "ne"),
    ("Hej, jag undrar när ni kan komma och laga kranen i köket, tack", "sv"),
    ("Hei, olen odottanut viikon, että joku tulisi korjaamaan hanan", "fi"),
    # session 24 (multilingual30's tuned part): Haitian Creole's little words (not French),
    # Cantonese in Jyutping (reported as Chinese), Serbian's own Cyrillic letters and Croatian's
    # đ (not Vietnamese's) reported as Croatian, Greek, Bulgarian and Ukrainian typed in Latin
    # letters
    ("Bonjou, mwen gen yon pwoblèm ak tiyo nan kwizin nan, tanpri voye yon moun", "ht"),
    ("Nei hou, ngo uk kei ge seoi hau waai zo, ho m ho ji jat paai jan lai?", "zh"),
    ("Поштовани, славина у купатилу цури већ недељу дана, молим вас да пошаљете мајстора",
     "hr"),
    ("Poštovani, građevinski radovi su završeni, ali pločice u kupaonici su loše postavljene",
     "hr"),
    ("Kalimera, o texnikos pou irthe den ftiaxe tipota stin kouzina", "el"),
    ("Zdraveite, kolko struva novata klyuchalka?", "bg"),
    ("Svitlo v koridori ne pratsiuie, priamo nad dveryma", "uk"),
    # session 25 (multilingual31's tuned part): Estonian and Zulu (new) and Welsh little words,
    # a UK postcode that is no Arabizi ("CV6 5AB"), Haitian Creole's "depi", "mwa", "vwazen"
    ("Tere, palun saatke meie korterisse keegi, kraan tilgub juba nädal", "et"),
    ("Sawubona, sicela nithumele umuntu namuhla ukuzolungisa umpompi", "zu"),
    ("Helo, mae'r tap yn y gegin wedi torri, dewch cyn gynted â phosib", "cy"),
    ("Sehr geehrte Damen und Herren, bitte rufen Sie mich zurück. 12 Foleshill Road, CV6 5AB",
     "de"),
    ("Bonjou, depi de mwa vwazen an ap fè bri chak swa", "ht"),
    # session 26 (multilingual32's tuned part): romanised Russian among Ukrainian's shared little
    # words ("v", "u", "ne", "ya"), and Ukrainian among Russian's; Shahmukhi Panjabi with its
    # "دا" (of), which Pashto writes too (this)
    ("Zdravstvuite, u nas v kvartire ne rabotaet plita, ya uzhe zvonila, spasibo", "ru"),
    ("Dobryi den, u mene v kvartyri ne pratsiuie dzvinok, shcho robyty? Dyakuyu", "uk"),
    ("ساڈے گھر دا دروازہ ٹٹ گیا اے تے بند نئیں ہوندا", "pa"),
    # session 28 (multilingual34's tuned part, written for these tests): Macedonian in Cyrillic
    # (its words, no letter of its own) and Slovenian beside Croatian's carons (new entries),
    # Irish and Scottish Gaelic little words, French and Somali ordinals that are no Arabizi
    ("Здраво, парното не работи од вчера, ве молам испратете некого денес", "mk"),
    ("Dober dan, v kopalnici že en teden kaplja pipa, ker je tesnilo staro. Lahko pride nekdo?",
     "sl"),
    ("Dia dhuit, tá an sconna sa chistin briste agus níl aon duine ag teacht", "ga"),
    ("Tha an tap anns a' chidsin briste agus chan eil duine air tighinn", "gd"),
    ("J'habite au 3e étage, la porte du 2e est cassée depuis hier", "fr"),
    ("Wiishka u dhexeeya dabaqa 2aad iyo 3aad waa xumaaday, fadlan qof soo dira", "so"),
    # session 29 (multilingual35's tuned part, written for these tests): Kinyarwanda, Tetum and
    # Oromo (new), romanised Georgian, Nepali, Sinhala, Russian, Bengali and Greek, Slovenian
    # beside Croatian's carons
    ("Muraho, ndashaka kumenya igihe umuntu azaza gukora robine", "rw"),
    ("Bondia, hau hakarak hatene bainhira tekniku sei mai, obrigadu", "tet"),
    ("Akkam, maaloo nama tokko nuuf ergaa, qabduun keenya cabeera", "om"),
    ("Gamarjoba, ukve orjer davreket, magram aravin movida", "ka"),
    ("Namaste, dhara feri bigriyo, kohi aayena", "ne"),
    ("Ayubowan, mata kuliya gewanna puluwanda? sthuthi", "si"),
    ("Zdravstvuyte, u nas uzhe chas pishchit datchik na kukhne", "ru"),
    ("Bhai, apnara kokhono thik moto kaj koren na, eta silo amar obhijog", "bn"),
    ("Kalispera, mporw na plirwnw to enoikio kathe evdomada?", "el"),
    ("Pozdravljeni, spet čakam vodovodarja, nihče ni prišel", "sl"),
    # session 30 (multilingual36's tuned part, written for these tests): Lingala, which writes ɛ
    # and ɔ as Twi does, and Twi beside it; Marathi beside Hindi in Devanagari; Estonian and
    # Somali little words
    ("Mbote, nazali kosɛnga ete bótinda moto mpo na robinɛ ya ndako", "ln"),
    ("Mepa wo kyɛw, me dan mu nsuo no ntumi mmɛ", "tw"),
    ("नमस्कार, आमच्या बाथरूममध्ये नळ गळत आहे, कोणी कधी येईल?", "mr"),
    ("नमस्ते, हमारे बाथरूम में नल टपक रहा है, कोई कब आएगा?", "hi"),
    ("Tere, soovin teada, kellega peaksin rääkima üürilepingu asjus", "et"),
    ("Waxaan rabaa in qof yimaado guriga, tuubada ayaa jaban", "so"),
    # session 31 (multilingual37's tuned part, written for these tests): Estonian's "sealt",
    # "otse", "juba"; Romani (new) beside Croatian's carons; Krio (new) beside Twi's open letters
    ("Tere, vannitoast tuleb juba vett otse alla", "et"),
    ("Lačho dives, avel pani andro kher, tumen šaj aven?", "rom"),
    ("Kushɛ, di dɔ na mi os dɔn brok, una kam wɛp am", "kri"),
    # session 32 (multilingual38's tuned part, written for these tests): Romani's greeting and
    # "come quickly" beside Romanian's "o"; Yoruba typed without its marks
    ("Lačho dives, aven sigo, o kablo phabol", "rom"),
    ("E kaaro, mo ti so nipa ferese yi ni igba meji, ko dara rara", "yo"),
])
def test_little_words_name_romanised_pashto_and_kurmanji(text: str, language: str) -> None:
    assert Router().route(Message(text)).language == language


def test_every_little_word_of_a_language_is_one_word_as_detection_reads_it() -> None:
    """(session 29) Detection counts the words it reads (runs of a-z, accents folded): a little
    word with an apostrophe ("ne'e", "c'e") could never be counted."""
    from routing.language import _FUNCTION_WORDS

    unreadable = {code: sorted(w for w in words if not re.fullmatch(r"[a-z]+", w))
                  for code, words in _FUNCTION_WORDS.items()}
    assert {code: ws for code, ws in unreadable.items() if ws} == {}
