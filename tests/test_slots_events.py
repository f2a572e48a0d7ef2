"""Event type, equipment, polarity and modality: "ready to supply" is not "supplied"."""

import pytest

from claims.slots import extract_slots


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
]


@pytest.mark.parametrize(("text", "language", "polarity"), POLARITY)
def test_polarity(text, language, polarity):
    assert slots(text, language).polarity == polarity
