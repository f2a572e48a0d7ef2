"""Event type, equipment, polarity and modality: "ready to supply" is not "supplied"."""

import pytest

from claims.slots import extract_slots
from claims.slots.events import attributed


def slots(text: str, language: str = "ar"):
    return extract_slots(text, language=language)


EVENTS = [
    ("والأسبوع الماضي، سلمت موسكو مالي أسلحة", "ar", "deliver"),
    ("نشرت روسيا 100 جندي في بوركينا فاسو", "ar", "deploy"),
    ("كما قتل المسلحون العشرات من مرتزقة فاغنر", "ar", "kill"),
    ("أسفر هجوم شنته هذه الجماعات عن مقتل العشرات", "ar", "kill"),
    ("تعرضت قاعدة عسكرية لهجوم عنيف", "ar", "attack"),
    ("روسيا جندت نحو 18 ألف أجنبي", "ar", "recruit"),
    ("وقّعت روسيا والنيجر اتفاقًا لتعزيز التعاون العسكري", "ar", "sign"),
    ("قرار النيجر بإلغاء اتفاقها العسكري مع الولايات المتحدة", "ar", "cancel"),
    ("أسست موسكو فيلق إفريقيا", "ar", "establish"),
    ("أعلنت مجموعة فاجنر أنها تغادر مالي", "ar", "withdraw"),
    ("سحبت روسيا قواتها من مالي", "ar", "withdraw"),
    ("زار وزير الخارجية الروسي سيرغي لافروف مالي", "ar", "visit"),
    ("اتهم وزير الخارجية الروسي أوكرانيا", "ar", "accuse"),
    ("لكن المجلس العسكري الحاكم ينفي ذلك", "ar", "deny"),
    ("وقد وصل مدربون عسكريون من روسيا إلى النيجر", "ar", "arrive"),
    ("أن يقوم المدربون بتدريب القوات", "ar", "train"),
    ("قال الكرملين إن روسيا تصعد التعاون", "ar", "statement"),
    ("Russia delivered two helicopters to Mali", "en", "deliver"),
    ("Last week Moscow handed Mali weapons and Mi-35M attack helicopters", "en", "deliver"),
    ("La Russie a remis des hélicoptères au Mali", "fr", "deliver"),
    ("Militants launched an attack on the base", "en", "attack"),
    ("Militants killed dozens of soldiers", "en", "kill"),
    ("Russia deployed 100 soldiers", "en", "deploy"),
    ("Niger cancelled its military agreement with the US", "en", "cancel"),
    ("The Kremlin denied the report", "en", "deny"),
    ("La Russie a livré des armes au Mali", "fr", "deliver"),
    ("Des instructeurs russes sont arrivés à Niamey", "fr", "arrive"),
    ("Le Mali a signé un accord avec la Russie", "fr", "sign"),
    ("Le Mali se prépare au départ de Wagner", "fr", "withdraw"),
    # Providing aid is a supply, in all three languages.
    ("وتقدم روسيا المساعدات العسكرية والفنية لمالي", "ar", "deliver"),
    ("منحت روسيا مالي مساعدات عسكرية", "ar", "deliver"),
    ("أكد لافروف أن بلاده «ستواصل مساعدة مالي على تحسين قدراتها العسكرية»", "ar", "deliver"),
    ("Russia provides military aid to Mali", "en", "deliver"),
    ("Moscow has been providing Mali with military aid", "en", "deliver"),
    ("Russia gives military assistance to Mali", "en", "deliver"),
    ("La Russie apporte une aide militaire au Mali", "fr", "deliver"),
    ("La Russie accorde une assistance militaire au Mali", "fr", "deliver"),
    ("La Russie continuera d'aider le Mali", "fr", "deliver"),
    # Help with no named beneficiary, or towards another event, is not a supply.
    ("وأضاف لافروف أن روسيا تعتزم مساعدتهم في تشكيل قوة عسكرية مشتركة", "ar", "establish"),
    ("تحولت الحكومات إلى القوات المسلحة الروسية لمساعدة مقاتلي محاربة القاعدة", "ar", None),
    ("ويواصل التقدم رغم العقوبات", "ar", None),
    ("Le Mali a signé un accord de défense", "fr", "sign"),
    ("لكن الكرملين نفاه", "ar", "deny"),
]


@pytest.mark.parametrize(("text", "language", "event"), EVENTS)
def test_event_type(text, language, event):
    assert slots(text, language).event_type == event


# The lexicon's synonyms and inflections, one sentence per language where it has them.
MORE_EVENTS = [
    ("لقي عشرة جنود ماليين مصرعهم في كمين قرب غاو", "ar", "kill"),
    ("Ten Malian soldiers were slain near Gao", "en", "kill"),
    ("Des jihadistes tuent dix soldats près de Gao", "fr", "kill"),
    ("قصفت المدفعية مواقع المسلحين قرب تمبكتو", "ar", "attack"),
    ("Russian jets shelled rebel positions near Kidal", "en", "attack"),
    ("A drone strike hit a convoy near Kidal", "en", "attack"),
    ("L'armée a pilonné les positions jihadistes", "fr", "attack"),
    ("ترسل روسيا مروحيات إلى مالي", "ar", "deliver"),
    ("Russia dispatched two helicopters to Mali", "en", "deliver"),
    ("La Russie a acheminé des armes au Mali", "fr", "deliver"),
    ("جندوا مئات الشباب في صفوفهم", "ar", "recruit"),
    ("Wagner enlisted prisoners to fight in Mali", "en", "recruit"),
    ("Wagner a enrôlé des centaines de combattants", "fr", "recruit"),
    ("يدرب مستشارون روس الجيش المالي", "ar", "train"),
    ("L'entraînement des soldats maliens par des instructeurs russes", "fr", "train"),
    ("تمركزت القوات الروسية في قاعدة تمبكتو", "ar", "deploy"),
    ("Des soldats russes sont stationnés à Gao", "fr", "deploy"),
    # Sending or moving troops deploys them.
    ("أرسلت روسيا 200 جندي إلى مالي", "ar", "deploy"),
    ("Russia has moved troops close to the border", "en", "deploy"),
    ("Russia sent 1,000 more troops to Mali", "en", "deploy"),
    ("La Russie a envoyé des soldats au Mali", "fr", "deploy"),
    ("ستنسحب القوات الروسية من مالي", "ar", "withdraw"),
    ("Wagner announced its pullout from Mali", "en", "withdraw"),
    ("Le désengagement des forces françaises du Sahel", "fr", "withdraw"),
    ("مالي تلغي اتفاقية الدفاع مع فرنسا", "ar", "cancel"),
    ("Niger abolished its defence pact with France", "en", "cancel"),
    ("Le Niger a résilié l'accord de défense", "fr", "cancel"),
    ("أبرمت روسيا ومالي صفقة أسلحة", "ar", "sign"),
    ("Russia and Mali inked a defence pact", "en", "sign"),
    ("Le Mali et la Russie ont paraphé un contrat d'armement", "fr", "sign"),
    ("أنشأت روسيا قاعدة عسكرية في النيجر", "ar", "establish"),
    ("Russia is establishing a base in Niger", "en", "establish"),
    ("La junte a instauré un couvre-feu", "fr", "establish"),
    ("وصلت طائرة روسية إلى مطار باماكو", "ar", "arrive"),
    ("A Russian plane arrived in Bamako", "en", "arrive"),
    ("Des soldats russes ont débarqué à Bamako", "fr", "arrive"),
    ("أطاح الجيش بالرئيس محمد بازوم", "ar", "coup"),
    ("Soldiers overthrew President Bazoum", "en", "coup"),
    ("The army seized power in Niamey", "en", "coup"),
    ("Le président a été renversé par des militaires", "fr", "coup"),
    ("The UN is probing abuses in central Mali", "en", "investigate"),
    ("يزور لافروف باماكو الأسبوع المقبل", "ar", "visit"),
    ("Lavrov toured the Sahel last week", "en", "visit"),
    ("Lavrov s'est rendu à Bamako", "fr", "visit"),
    # Backing a party or a position.
    ("أيد وزير الخارجية تصريحات نظيره المالي", "ar", "support"),
    ("Russia endorsed the junta's transition plan", "en", "support"),
    ("La Russie soutient la transition au Mali", "fr", "support"),
    ("Moscou a soutenu la junte", "fr", "support"),
    ("استنكرت باماكو تصريحات الوزير الفرنسي", "ar", "accuse"),
    ("Mali blamed France for the instability", "en", "accuse"),
    ("Bamako fustige l'attitude de Paris", "fr", "accuse"),
    # Refuting or rejecting claims denies them; denied accusations are no accusation.
    ("فندت الحكومة المالية هذه الادعاءات", "ar", "deny"),
    ("رفضت موسكو الاتهامات الأوكرانية", "ar", "deny"),
    ("نفت موسكو الاتهامات", "ar", "deny"),
    ("The Kremlin rejected the allegations", "en", "deny"),
    ("Moscow refuted the report", "en", "deny"),
    ("Bamako rejette les accusations de Kiev", "fr", "deny"),
    ("Moscou réfute ces informations", "fr", "deny"),
    ("شدد وزير الخارجية على أهمية التعاون", "ar", "statement"),
    ("Lavrov stressed the importance of cooperation", "en", "statement"),
    ("Le ministre a souligné l'importance de la coopération", "fr", "statement"),
    # Troops spreading are deployed: "عناصر" (members) of an armed group are troops.
    ("وتنتشر عناصر مجموعة فاغنر في مالي منذ عام 2021", "ar", "deploy"),
    ("انتشرت قوات روسية في بوركينا فاسو", "ar", "deploy"),
]


@pytest.mark.parametrize(("text", "language", "event"), MORE_EVENTS)
def test_event_synonyms(text, language, event):
    assert slots(text, language).event_type == event


# Words that share a trigger's beginning, or a trigger's other sense, name no such event.
NEAR_MISSES = [
    ("The junta set a deadline for the transition", "en", "kill"),
    ("Des tirs de mortier ont visé le camp", "fr", "kill"),
    ("صدر حكم بالإعدام على المتهم", "ar", "kill"),
    ("ضربة جديدة للاقتصاد المالي", "ar", "attack"),
    ("المعارضة تهاجم قرار الحكومة", "ar", "attack"),
    ("Workers went on strike in Bamako", "en", "attack"),
    ("Le Mali frappé par la crise économique", "fr", "attack"),
    ("Selon une dépêche de l'AFP, la situation est calme", "fr", "deliver"),
    ("Russia sent 200 troops to Mali", "en", "deliver"),
    ("وصل جندي روسي إلى غاو", "ar", "recruit"),
    ("Le ministre a engagé des discussions", "fr", "recruit"),
    ("The firm hires out cars", "en", "recruit"),
    ("L'attaque a entraîné la mort de dix soldats", "fr", "train"),
    ("مدرب المنتخب الوطني", "ar", "train"),
    ("Russia sent weapons to Malian forces", "en", "deploy"),
    ("أرسلت روسيا أسلحة للقوات المالية", "ar", "deploy"),
    ("La Russie a envoyé des équipements militaires au Mali", "fr", "deploy"),
    ("انتشرت صور على مواقع التواصل", "ar", "deploy"),
    ("أين تتمركز الأموال في الخارج", "ar", "deploy"),
    ("The situation is quite calm in Gao", "en", "withdraw"),
    ("Les avions de chasse ont survolé Gao", "fr", "withdraw"),
    ("The recently departed leader was buried", "en", "withdraw"),
    ("تعليق على قرار الحكومة", "ar", "cancel"),
    ("The student was suspended", "en", "cancel"),
    ("أبطال المنتخب في باماكو", "ar", "cancel"),
    ("يتوقع المحللون تصعيدا", "ar", "sign"),
    ("The impact of sanctions on Mali", "en", "sign"),
    ("En conclusion, la situation reste tendue", "fr", "sign"),
    ("The military establishment in Bamako", "en", "establish"),
    ("A meteorite creates a crater", "en", "establish"),
    ("إنشادا للسلام في باماكو", "ar", "establish"),
    ("The landing gear failed", "en", "arrive"),
    ("قدم الوزير استقالته", "ar", "arrive"),
    ("Le nombre de soldats arrêtés", "fr", "arrive"),
    ("Un renversement de tendance sur les marchés", "fr", "coup"),
    ("إطار التعاون بين البلدين", "ar", "coup"),
    ("The junta took power in 2021", "en", "coup"),
    ("The probability of rain is low", "en", "investigate"),
    ("تحقق النمو الاقتصادي", "ar", "investigate"),
    ("تزوير الانتخابات في مالي", "ar", "visit"),
    ("Le compte rendu de la réunion", "fr", "visit"),
    ("The tour operator closed", "en", "visit"),
    ("Russian-backed forces attacked the town", "en", "support"),
    ("استعاد الجيش كيدال بدعم من فاغنر", "ar", "support"),
    ("Les militaires, soutenus par Wagner, ont repris Kidal", "fr", "support"),
    ("La junte s'appuie sur Wagner", "fr", "support"),
    ("سقطت المدينة بأيدي المسلحين", "ar", "support"),
    ("ندوة حول الأمن في الساحل", "ar", "accuse"),
    ("Le reporter a filmé la scène", "fr", "accuse"),
    ("The accused pleaded guilty", "en", "deny"),
    ("نزل الوفد في فندق بباماكو", "ar", "deny"),
    ("Mali rejected the French ambassador", "en", "deny"),
    ("Le nombre de mercenaires est estimé à 1000", "fr", "statement"),
    ("وفاة مصور لفت أنظار العالم", "ar", "statement"),
    ("Warner Bros released a film", "en", "statement"),
    # The noun for an indication is no signature.
    ("Ships unloaded tanks in Dakar, a sign that sanctions did little", "en", "sign"),
    (
        "Des navires ont déchargé des chars à Dakar, signe que les sanctions ont échoué",
        "fr",
        "sign",
    ),
    ("انتشر الفيديو على مواقع التواصل", "ar", "deploy"),
]


@pytest.mark.parametrize(("text", "language", "not_event"), NEAR_MISSES)
def test_near_miss_is_no_trigger(text, language, not_event):
    assert slots(text, language).event_type != not_event


def test_who_is_backed_receives():
    backed = slots("تدعم روسيا مالي")
    assert (backed.actors, backed.recipients) == (["russia"], ["mali"])
    backed = slots("La Russie soutient le Mali", "fr")
    assert (backed.event_type, backed.actors, backed.recipients) == (
        "support",
        ["russia"],
        ["mali"],
    )


EQUIPMENT_FORMS = [
    ("مروحيات هجومية من طراز مي-24", ["helicopters"]),
    ("des hélicoptères de combat", ["helicopters"]),
    ("MiG-29 fighters and L-39 jets", ["aircraft"]),
    ("طائرات ميغ-29 الحربية", ["aircraft"]),
    ("Bayraktar TB2 drones", ["drones"]),
    ("طائرات بيرقدار التركية", ["drones"]),
    ("ناقلات جند مدرعة", ["armoured vehicles"]),
    ("BTR-80 armoured personnel carriers", ["armoured vehicles"]),
    ("des obusiers et des systèmes de défense antiaérienne", ["artillery", "air-defence systems"]),
    ("howitzers and S-300 systems", ["artillery", "air-defence systems"]),
    ("منظومة بانتسير ومدافع الهاون", ["air-defence systems", "artillery"]),
    ("des munitions et des fusils Kalachnikov", ["weapons"]),
    # Near misses: the surface begins another word or names something else.
    ("the first brick-and-mortar store", []),
    ("migrants crossed the border", []),
    ("تهاون الحكومة في مواجهة الأزمة", []),
    ("اعتاد السكان على الانقطاعات", []),
]


@pytest.mark.parametrize(("text", "equipment"), EQUIPMENT_FORMS)
def test_equipment_forms(text, equipment):
    assert slots(text).equipment == equipment


EQUIPMENT = [
    ("طائرات هليكوبتر هجومية من طراز «مي - 35 إم»", ["helicopters", "mi-35m"]),
    (
        "بما في ذلك الدبابات والمركبات المدرعة والمدفعية",
        ["tanks", "armoured vehicles", "artillery"],
    ),
    ("وتزويدها بأنظمة دفاع جوي", ["air-defence systems"]),
    ("ونظام رادار جوياً متقدماً", ["radar"]),
    ("قاعدة الطائرات بدون طيار", ["drones"]),
    ("two Mi-35M attack helicopters and a radar", ["mi-35m", "helicopters", "radar"]),
    ("tanks, armoured vehicles and artillery", ["tanks", "armoured vehicles", "artillery"]),
    ("un système de défense aérienne", ["air-defence systems"]),
    ("des drones et des hélicoptères", ["drones", "helicopters"]),
]


@pytest.mark.parametrize(("text", "equipment"), EQUIPMENT)
def test_equipment_named_precisely(text, equipment):
    assert slots(text).equipment == equipment


MODALITY = [
    ("روسيا مستعدة لتزويد مالي بالأسلحة", "ar", "intended"),
    ("نعتزم حقًا تطوير تفاعلنا مع البلدان الأفريقية", "ar", "intended"),
    ("أكد لافروف أن بلاده ستواصل مساعدة مالي", "ar", "intended"),
    ("إن حكومة بلاده قد تطلب المساعدة من روسيا", "ar", "possible"),
    ("جرائم ربما تكون قد ارتكبتها القوات الحكومية", "ar", "possible"),
    ("وقد وصل مدربون عسكريون من روسيا إلى النيجر", "ar", "asserted"),
    ("قالت مصادر إن روسيا سلمت مالي طائرات", "ar", "reported"),
    ("سلمت موسكو مالي أسلحة", "ar", "asserted"),
    ("Russia is ready to supply weapons", "en", "intended"),
    ("Russia will send more troops", "en", "intended"),
    ("Russia may send more troops", "en", "possible"),
    ("Russia reportedly sent troops", "en", "reported"),
    ("Russia sent troops", "en", "asserted"),
    ("La Russie est prête à livrer des armes", "fr", "intended"),
    ("La Russie pourrait livrer des armes", "fr", "possible"),
    ("Selon des sources, la Russie aurait livré des armes", "fr", "reported"),
    # An English opener asks only with its question mark; a question only quoted at the
    # end is someone's words the claim reports.
    ("IS fighters seize weapons meant for Kurds", "en", "asserted"),
    ("Is the Wagner chief dead?", "en", "questioned"),
    ("استيقظت المريضة أثناء العملية وسألت الأطباء: «كيف تسير العملية؟»", "ar", "asserted"),
    ("La patiente a demandé aux médecins : « Comment ça se passe ? »", "fr", "asserted"),
    ('Teen asks doctors "how is it going?"', "en", "asserted"),
    ("«هل انسحبت فاغنر من مالي؟»", "ar", "questioned"),
    # Reports someone looks into, and a headline that opens on its source.
    ("Bamako investigates reports that Russian instructors left Gao", "en", "reported"),
    ("تحقق السلطات في تقارير عن انسحاب المدربين الروس", "ar", "reported"),
    (
        "Bamako enquête sur des informations selon lesquelles les instructeurs sont partis",
        "fr",
        "reported",
    ),
    ("Source: Russian instructors left Gao on Monday", "en", "reported"),
    ("Police investigated the attack on the base", "en", "asserted"),
]


@pytest.mark.parametrize(("text", "language", "modality"), MODALITY)
def test_modality(text, language, modality):
    assert slots(text, language).modality == modality


def test_aid_goes_to_its_recipient():
    aid = slots("وتقدم روسيا المساعدات العسكرية والفنية لمالي")
    assert (aid.actors, aid.recipients) == (["russia"], ["mali"])
    help_ = slots("La Russie continuera d'aider le Mali", "fr")
    assert (help_.actors, help_.recipients) == (["russia"], ["mali"])


def test_ready_to_supply_is_not_supplied():
    offer, delivery = slots("روسيا مستعدة لتزويد مالي بالأسلحة"), slots("زودت روسيا مالي بالأسلحة")
    assert offer.event_type == delivery.event_type == "deliver"
    assert (offer.modality, delivery.modality) == ("intended", "asserted")


POLARITY = [
    ("لم يحدث من قبل الفرنسيين", "ar", "negative"),
    ("لن تكلفها شيئاً", "ar", "negative"),
    ("ينفي الجانبان وجود أي عملية تجنيد", "ar", "negative"),
    ("وينفي الجيش وجود مرتزقة فاغنر", "ar", "negative"),
    ("لكن الكرملين نفاه", "ar", "negative"),
    ("وقد نفته موسكو", "ar", "negative"),
    ("لا سيما في مجال مكافحة الإرهاب", "ar", "positive"),
    ("ولا تزال مستمرة رغم جهود الوساطة", "ar", "positive"),
    ("Russia did not send troops", "en", "negative"),
    ("Russia didn't send troops", "en", "negative"),
    ("Russia sent troops", "en", "positive"),
    ("La Russie n'a pas livré d'armes", "fr", "negative"),
    ("La Russie a livré des armes", "fr", "positive"),
    # A negation inside a condition qualifies the claim; "أن لا" (that ... no) still negates.
    ("ستنسحب القوات الروسية إذا لم تدفع الحكومة", "ar", "positive"),
    ("أعلن الجيش أن لا قوات روسية في المدينة", "ar", "negative"),
    ("Russia will withdraw if Bamako does not pay", "en", "positive"),
    ("La Russie se retirera si Bamako ne paie pas", "fr", "positive"),
    # False news one is charged with spreading is the charge, not a debunk.
    ("سجن مدون بتهمة نشر أخبار كاذبة", "ar", "positive"),
    ("A blogger was jailed for spreading fake news", "en", "positive"),
    ("Un blogueur condamné pour diffusion de fausses nouvelles", "fr", "positive"),
    ("خبر اعتقال المدون شائعة كاذبة", "ar", "negative"),
    # Nor does one inside a purpose clause; "did so but will not" still negates.
    ("The president adopted the boy so he won't be sent abroad", "en", "positive"),
    ("He did so but will not return", "en", "negative"),
    ("تبنت الرئيسة الطفل لكي لا يرحل إلى الخارج", "ar", "positive"),
    ("La présidente a adopté l'enfant afin qu'il ne soit pas expulsé", "fr", "positive"),
    # A bound with its verb between ("at most a day"), and advice, deny nothing.
    ("The battery doesn't last more than one day", "en", "positive"),
    ("لا تدوم البطارية أكثر من يوم واحد", "ar", "positive"),
    ("La batterie ne dure pas plus d'une journée", "fr", "positive"),
    ("Don't reset your phone before the update", "en", "positive"),
    ("The battery doesn't last a day", "en", "negative"),
    # A claim and its negation as alternatives assert neither.
    ("The company may or may not open a plant in Dakar", "en", "positive"),
    ("L'entreprise ouvrira ou non une usine à Dakar", "fr", "positive"),
    ("هل تفتح الشركة مصنعا في داكار أم لا", "ar", "positive"),
    # "This denial comes after ...": a denial told before, named; it negates nothing here.
    ("Ce démenti intervient après que la junte a rompu son accord", "fr", "positive"),
    ("La junte a démenti l'arrivée d'instructeurs russes", "fr", "negative"),
    # A stop denied asserts that it goes on; a plain negated act stays negative.
    ("ومنذ ذلك الحين لم تتوقف شحنات السلاح الروسية إلى غرب أفريقيا", "ar", "positive"),
    ("Russian arms shipments to West Africa have not stopped despite sanctions", "en", "positive"),
    ("Les livraisons d'armes russes n'ont pas cessé malgré les sanctions", "fr", "positive"),
    ("لم تسلم روسيا أي أسلحة إلى مالي", "ar", "negative"),
    ("Russia has not delivered weapons to Mali", "en", "negative"),
    ("La Russie n'a pas livré d'armes au Mali", "fr", "negative"),
]


@pytest.mark.parametrize(("text", "language", "polarity"), POLARITY)
def test_polarity(text, language, polarity):
    assert slots(text, language).polarity == polarity


@pytest.mark.parametrize(
    ("headline", "passes_it_on"),
    [
        ("Wagner chief killed in Mali, officials say", True),
        ("Russian instructors training Niger's army, says monitoring group", True),
        ("Wagner leader wanted to leave Mali: source", True),
        ("Junta claims Wagner fighters left Timbuktu", True),
        ("Wagner chief killed in Mali", False),
        ("Russian instructors say goodbye to Niger's army", False),
    ],
)
def test_a_headline_naming_who_says_it_passes_the_claim_on(headline, passes_it_on):
    assert attributed(headline) is passes_it_on


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("أودت الكوليرا بحياة 2100 شخص في السودان", "kill"),
        ("قال المتحدث باسم وزارة الدفاع إن الجنود وصلوا", "arrive"),
        ("زار لافروف باماكو يوم الثلاثاء", "visit"),
    ],
)
def test_took_the_lives_is_a_killing_and_a_ministry_is_no_visit(text: str, event: str) -> None:
    """ "أودى بحياة" (took the lives of) kills; "وزارة" without its proclitic reads "زارة",
    which is no "زار" (visited)."""
    slots = extract_slots(text, language="ar")
    assert slots.event_type == event and "visit" not in slots.events[1:]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("ولي العهد السعودي الأمير محمد بن سلمان يلتقي ترامب", "deliver"),
        ("دعوات إلى السلم في المنطقة", "deliver"),
        ("الاتحاد الأوروبي يدعو إلى الحوار مع الغير", "cancel"),
        ("انهيار الليرة التركية أمام الدولار", "cancel"),
        ("بدء تنفيذ الاتفاق بين الطرفين", "deny"),
        ("تصفية حسابات بين الفصائل المسلحة", "designate"),
    ],
)
def test_words_that_only_begin_like_an_event_are_none(text: str, absent: str) -> None:
    """Salman, peace, the others, a collapse, an implementation and a liquidation begin
    like "handed over", "cancelled", "denies" and "describes" and are none of them."""
    assert absent not in extract_slots(text, language="ar").events


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        ("The UN envoy met the junta in Bamako", "en", "deliver"),
        ("The result is significant for the region", "en", "sign"),
        ("The army is dealing with attacks in the north", "en", "sign"),
        ("Mali qualified for the final in Bamako", "en", "designate"),
        ("Les fonds de la Banque mondiale pour le Mali", "fr", "establish"),
        ("La réforme des retraites au Mali", "fr", "withdraw"),
        ("Le crédit accordé au Mali", "fr", "establish"),
    ],
)
def test_english_and_french_words_that_only_begin_like_an_event_are_none(
    text: str, language: str, absent: str
) -> None:
    assert absent not in extract_slots(text, language=language).events


CANCELLED_AGREEMENTS = [
    # The cancel verb's subject (and where, and how) stands between it and the agreement.
    ("ألغى المجلس العسكري في مالي رسمياً اتفاقاً عسكرياً مع فرنسا", "ar", ["cancel"]),
    ("Chad ended on Monday its long-standing defence agreement with France", "en", ["cancel"]),
    ("Le Tchad a dénoncé lundi dernier son ancien accord de défense avec la France", "fr",
     ["cancel"]),
    # A signing after the cancellation is a signing of its own.
    ("Chad ended its deal with France and signed an agreement with Russia", "en",
     ["cancel", "sign"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "events"), CANCELLED_AGREEMENTS)
def test_an_agreement_a_verb_cancels_is_no_signing(text: str, language: str, events) -> None:
    assert slots(text, language).events == events


@pytest.mark.parametrize(
    ("text", "language", "negated"),
    [
        ("Russia did not deliver weapons but deployed troops", "en", ["deliver"]),
        ("Africa Corps will not remain in Mali after Wagner's departure", "en", ["stay"]),
        ("La Russie n'a pas livré d'armes au Mali mais a déployé des soldats", "fr", ["deliver"]),
        ("L'Africa Corps ne restera pas au Mali après le départ de Wagner", "fr", ["stay"]),
        ("لم تسلم روسيا أسلحة لمالي لكنها نشرت جنودا", "ar", ["deliver"]),
        ("لن يبقى فيلق أفريقيا في مالي بعد رحيل فاغنر", "ar", ["stay"]),
        ("نفت موسكو أن تكون قد سلمت أسلحة لمالي", "ar", ["deliver"]),
    ],
)
def test_a_negation_bears_on_the_event_right_after_it(text, language, negated) -> None:
    """A negator negates the first event after it, if near; a denial every event it
    names. "Will not remain ... after Wagner's departure" negates no departure."""
    assert extract_slots(text, language=language).negated_events == negated


@pytest.mark.parametrize(
    "text",
    [
        "A Western diplomat told the Sentinel that the Russians were never just instructors",
        "The colonel was sentenced to ten years in prison",
    ],
)
def test_sent_is_a_whole_word(text: str) -> None:
    """ "Sent" delivers; "Sentinel" (a newspaper) and "sentenced" do not."""
    assert "deliver" not in extract_slots(text, language="en").events
