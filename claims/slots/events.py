"""What happened in a claim: event type, equipment, polarity and modality.

Triggers are matched on bare word forms (Arabic folded, proclitics off, Latin
lower-cased), by prefix, so one entry covers a verb's inflections: "سلم"
matches سلمت and سلمها, "deliver" matches delivered and deliveries. "Ready to
supply" is an intention, not a delivery: modality says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claims.slots.dates import SINCE_WORDS
from claims.slots.entities import Mention, Tokens, bare, tokenize
from claims.slots.surface import fold_with_origin

# Event triggers by type. Killing outranks the attack that caused it; otherwise
# the earliest content trigger wins, and speech acts (statement, accuse, deny)
# only when nothing else happened: "قال لافروف إن روسيا سلمت" is a delivery.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    # "مصرع"/"حتف" as in "لقي مصرعه/حتفه"; "morts " is a whole word ("mortier" is a
    # mortar), and so is "tuent ". Not "died" / "dead" / "décès": any death, and a
    # celebrity's rumoured death is no killing ("likely dead" / "killed in a strike").
    "kill": ("قتل", "مقتل", "اغتيال", "اغتال", "خسائر", "مصرع", "حتف", "استشهد", "استشهاد", "شهداء",
             "اعدم", "مجزر", "مجازر",
             "killed", "kill", "casualties", "losses", "deaths", "slain",
             "massacr", "murder", "assassin", "executed",
             "tué", "tue ", "tués", "tuent ", "morts ", "pertes"),
    # Strikes: "غارة", "قصف", "airstrike", "frappe " (whole: "frappé par la crise" is hit,
    # not attacked); "ضربة" alone is also a blow ("ضربة للاقتصاد"): only "ضربة جوية".
    # Not "يهاجم/تهاجم" (headlines' "criticises": "تهاجم ترامب") nor "اقتحم" ("اقتحموا
    # عالم السياسة", broke into politics).
    "attack": ("هجوم ", "هجوما ", "هجومه ", "هجومها ", "هجومهم ", "هجمات", "هاجم", "مهاجمه", "شنت",
               "شن ", "كمين", "تفجير", "غاره", "غارات", "قصف", "استهدف", "استهداف", "اعتداء",
               "اعتدي", "اقتحام",
               "attack", "ambush", "assault", "raid", "airstrike", "bombing", "bombed", "bombard",
               "shelling", "shelled", "stormed ", "incursion",
               "attaque", "attaqu", "embuscade", "attentat", "frappe ", "frappes ", "pilonn",
               "fusillade"),
    # Aid is what one side supplies to another: "وتقدم روسيا المساعدات العسكرية لمالي",
    # "gives military assistance", "apporte une aide militaire" (تقدم alone is also
    # the noun "progress", so the aid noun carries the event). Sending troops is a
    # deployment: see _TROOP_VERBS.
    # Not the prefix سلم: "سلمان" (Salman), "السلم" (peace), "سلمية" (peaceful); nor the
    # prefix "sent": "Sentinel", "sentenced".
    "deliver": ("سلمت", "سلموا", "يسلم", "تسلم", "تسليم", "تزويد", "تزود", "زود", "يزود", "مزود",
                "توريد", "ارسال",
                "ارسل", "يرسل", "ترسل", "شحن", "امداد", "تقديم", "قدمت", "يقدم", "مساعدات",
                "معونات", "معونه",
                "deliver", "supplied", "supply", "supplies", "shipped", "shipment", "sent ",
                "provid", "handed", "handing", "dispatch", "donat", "remis",
                # Unloading a shipment: "رست وتفريغها في كوناكري", "أفرغت حمولتها",
                # "déchargés à Dakar".
                "تفريغ", "افرغ", "unload", "offload", "décharg", "decharg",
                "aid ", "assistance",
                # "dépêché" (sent), not "dépêche" (a news dispatch).
                "livr", "fourni", "fournir", "envoyé", "envoyer", "envoie", "envoient", "envoi",
                "aide ", "dépêché", "achemin",
                "réceptionn"),
    "recruit": ("تجنيد", "جندت", "جند ", "جندوا", "يجند", "تجند", "recruit", "enlist", "conscript",
                "hired ", "hiring ", "recrut", "enrôl"),
    # Verbs and the act only: a trainer noun ("instructeurs", "مدربون") names who, and
    # "Des instructeurs russes sont arrivés" is an arrival; "entraîné" is also "caused"
    # ("a entraîné la mort"), so only the noun "entraînement".
    "train": ("تدريب", "درب", "يدرب", "تدرب", "train", "formé", "formation", "forment",
              "entraînement", "entrainement"),
    # "انتشر/ينتشر" is also a rumour or a video spreading, "تمركز" also a concentration
    # ("أين تتمركز الأموال"): the forms said of troops only.
    "deploy": ("نشر", "انتشار", "تمركزت", "يتمركز", "متمركز",
               "deploy", "redeploy", "stationed", "stationing",
               "déploi", "deploi", "déploy", "redéploi", "redéploy", "stationn"),
    # "quit " is whole: "quite". Not "departed" ("the recently departed": dead).
    "withdraw": ("انسحاب", "انسحب", "ينسحب", "تنسحب", "ستنسحب", "سينسحب", "سحب", "يسحب", "تسحب",
                 "تغادر", "غادر", "يغادر", "ستغادر", "مغادره", "مغادرت", "رحيل", "طرد", "خروج",
                 "اجلاء",
                 "withdr", "leaving", "leave", "left", "pulled", "pulling", "pullout", "expel",
                 "evacuat", "retreat", "departure", "exit", "quit ", "quits ", "quitting",
                 "drawdown",
                 "retrait ", "retraits ", "retir", "quitt", "expuls", "départ ", "départs ",
                 "évacu", "désengag", "chassé"),
    # Not the prefixes of "الغير" (the others) or "انهيار" (a collapse).
    "cancel": ("الغاء", "الغت", "الغي ", "يلغي", "تلغي", "انهاء", "انهي ", "انهت", "قطع", "فسخ",
               "cancel",
               "terminat", "ended", "revoked", "revok", "scrap", "annul", "abrog", "rescind",
               "nullif", "abolish", "renounc", "rompu", "rompt ", "rompre", "résili", "dénonc"),
    # "accord" is a whole word: "accorde une aide" (grants aid) is no agreement, nor are
    # "significant", "signal" or "dealing with". Not "توقع" (expects) nor "conclu"
    # (conclusion); "مذكرة تفاهم" is in _PHRASAL.
    "sign": ("وقع", "يوقع", "توقيع", "اتفاق", "اتفاقيه", "ابرم", "ابرام", "صفقه", "صفقات", "معاهده",
             "معاهدات", "signed", "sign ", "signs ", "signing", "agreement", "deal ", "deals ",
             "inked ", "treaty", "treaties",
             "pact", "memorandum", "accord ", "accords ", "contrat", "paraph", "signé", "signe ",
             "signent", "signature", "signataire"),
    "establish": ("اسس", "تاسيس", "انشاء", "انشات", "انشا ", "استحدث", "شكلت", "تشكيل",
                  "established", "establishing ", "establishes ", "founded", "created", "creation",
                  "formed", "fondé", "fonder", "fondent", "fondation", "créé", "crée ", "créer",
                  "créent", "instaur"),
    "arrive": ("وصل", "وصول", "قدوم", "arriv", "débarqu"),
    # A coup outranks the verb it happens with: "ووقع الانقلاب" (the coup took place).
    "coup": ("انقلاب", "اطاح", "coup ", "coups ", "putsch", "overthr", "oust", "renversé"),
    # "تحقيق" is also "achieving" ("تحقيق الاستقرار"): see _NOT_AN_INQUIRY.
    "investigate": ("تحقيق", "investigat", "inquiry", "enquiry", "inquest", "probe ", "probes ",
                    "probed", "probing", "enquête", "enquete"),
    # Not the prefix "زار": "وزارة" (a ministry) is بـ/و + "زاره" once its proclitic goes.
    "visit": ("زار ", "زارت", "زاروا", "يزور", "تزور", "زياره", "زيارت", "visit", "toured ",
              "visite"),
    # Backing a party or a position: "أيد وزير الخارجية تصريحات", "endorsed the plan",
    # "soutient la transition". Active verbs only: "بدعم من", "Russian-backed",
    # "soutenu par" and "s'appuie sur" name a helper or a reliance, not the act.
    "support": ("ايد ", "ايدت ", "ايدوا ", "يؤيد", "تؤيد", "تاييد", "يدعم", "تدعم", "دعمت ",
                "endorse", "backs ", "supports ", "soutient", "soutiennent"),
    # Calling someone something: "تعتبر أوكرانيا دولة إرهابية", "a qualifié l'Ukraine
    # d'État terroriste", "branded Ukraine a terrorist state".
    "designate": ("تعتبر", "يعتبر", "اعتبر", "اعتبرت", "وصف", "وصفت", "يصف", "تصف ", "تصفه",
                  "تصفها", "qualifié", "qualifie ", "qualifient", "qualifiant",
                  "branded", "labelled", "labeled", "designat", "désign", "regards ", "regarded ",
                  "considers ", "considère", "considèrent"),
    "accuse": ("اتهم", "اتهام", "تتهم", "يتهم", "ادان", "ندد", "استنكر", "استنكار", "accus",
               "blame", "condemn", "reproch", "fustig"),
    # "فندق" (hotel) is no refutation: فند is a whole word, and so is تنفي ("تنفيذ" is an
    # implementation). Rejecting claims is in _REJECT_VERBS.
    "deny": ("نفي", "ينفي", "تنفي ", "تنفيه", "تنفيها", "نفت", "نفاه", "نفوه", "فند ", "فندت ",
             "فندوا ", "يفند",
             "تفند", "تفنيد", "denied", "deny", "denies", "denial", "refut", "rebut", "dément",
             "dement", "nié", "nie ", "nient ", "réfut"),
    # Not "estimé" ("estimé à 500": a figure) nor "لفت" ("لفت أنظار", drew attention).
    "statement": ("قال", "يقول", "تقول", "اكد", "يؤكد", "تؤكد", "تاكيد", "اضاف", "اعلن", "يعلن",
                  "تعلن", "اوضح", "اشار", "يشير", "تشير", "صرح", "تصريحات", "بيان ", "ذكر ", "ذكرت",
                  "افاد",
                  "شدد", "اعرب", "نوه", "اعترف", "حذرت", "يحذر", "تحذر", "تحذير", "دعا ", "دعت ",
                  "يدعو", "تدعو",
                  "said", "says", "stated", "statement", "announced", "told", "declared", "declar",
                  "confirm", "stressed ", "noted ", "emphasi", "underlined", "underscored",
                  "insist", "warned", "warns ", "explained", "reiterat", "urged", "urges ",
                  "asserted", "expressed", "acknowledg", "vowed ",
                  "déclaré", "déclar", "affirm", "annonc", "indiqu", "soulign", "précisé ",
                  "expliqu", "ajouté ", "averti", "exprim", "communiqu", "réitér"),
}  # fmt: skip

# Surfaces are searched with no end boundary ("tank" finds tanks): a short model prefix
# keeps its hyphen or digit ("mig-2", not "mig", which starts "migrants"), and models
# other than the Mi-35M count as their class.
_EQUIPMENT: dict[str, tuple[str, ...]] = {
    "mi-35m": ("مي - 35 ام", "مي-35 ام", "مي 35", "mi-35", "mi 35"),
    "tanks": ("دبابات", "دبابه", "tank", "chars d'assaut", "chars", "t-72", "t-90"),
    "armoured vehicles": ("مركبات مدرعه", "المركبات المدرعه", "مركبه مدرعه", "مدرعات",
                          "عربات مدرعه", "عربات مصفحه", "مصفحات", "ناقلات جند", "ناقلات الجند",
                          "ناقلات جنود", "ناقله جند", "armoured vehicle", "armored vehicle",
                          "armoured car", "armored car", "personnel carrier", "fighting vehicle",
                          "btr-",
                          "véhicules blindés", "véhicule blindé", "blindés", "blindé"),
    # "mortar" alone is also "brick-and-mortar".
    "artillery": ("مدفعيه", "هاوتزر", "هاون", "راجمات", "artillery", "howitzer", "mortars",
                  "mortar shell", "mortar fire", "mortar round", "rocket launcher", "artillerie",
                  "obusier", "mortier", "lance-roquettes"),
    "air-defence systems": ("دفاع جوي", "الدفاع الجوي", "مضادات جويه", "مضاد للطائرات",
                            "مضاده للطائرات", "اس-300", "اس 300", "اس-400", "اس 400", "بانتسير",
                            "air-defence", "air defence", "air-defense", "air defense",
                            "anti-aircraft", "antiaircraft", "surface-to-air", "manpads", "s-300",
                            "s-400", "pantsir", "défense aérienne", "antiaérien", "anti-aérien",
                            "sol-air"),
    "radar": ("رادار", "radar"),
    "helicopters": ("هليكوبتر", "مروحيه", "مروحيات", "طائرات عموديه", "طائره عموديه", "مي-24",
                    "مي 24", "مي-8", "مي-17", "مي 17", "helicopter", "mi-24", "mi-8",
                    "mi-17", "ka-52", "hélicoptère", "hélico"),
    "drones": ("طائرات بدون طيار", "طائره بدون طيار", "دون طيار", "مسيرات", "مسيره", "بيرقدار",
               "بيراقدار", "drone", "uav", "unmanned aerial", "bayraktar", "akinci", "sans pilote"),
    "aircraft": ("مقاتلات", "طائرات مقاتله", "طائره مقاتله", "طائرات حربيه", "طائره حربيه",
                 "طائرات عسكريه", "طائره عسكريه", "سوخوي", "ميغ-", "ميغ 2", "ميغ 3", "ميج-", "سو-2",
                 "سو-3", "fighter jet", "warplane", "sukhoi", "aircraft", "mig-2", "mig-3", "su-2",
                 "su-3", "l-39", "yak-130", "avions de combat", "avion de combat",
                 "avions de chasse", "avion de chasse", "avions militaires", "avion militaire"),
    "missiles": ("صواريخ", "صاروخ", "missile"),
    "weapons": ("اسلحه", "سلاح", "ذخائر", "ذخيره", "عتاد", "كلاشنكوف", "weapons", "arms",
                "armament", "ammunition", "munitions", "rifle", "kalashnikov", "armes", "armement",
                "kalachnikov"),
}  # fmt: skip

# Arabic nouns take proclitics (بالدبابات، والمدفعية); Latin ones take plurals.
_EQUIPMENT_PATTERNS = {
    name: re.compile(
        r"(?<![^\W\d_])(?:[وفبلك]{0,2}(?:ال)?)(?:" + "|".join(map(re.escape, surfaces)) + ")"
    )
    for name, surfaces in _EQUIPMENT.items()
}
# Most claims name no equipment: one search over every surface settles that.
_ANY_EQUIPMENT = re.compile("|".join(p.pattern for p in _EQUIPMENT_PATTERNS.values()))

# Arabic denial verbs, bare ("ينفي ذلك") or with the object attached ("نفته", "ينفيها").
# And refuting verbs (فنّد: "فندت الوزارة التقارير").
AR_DENIAL = (
    r"[وف]?(?:ينفي|تنفي|ينف|تنف|نفي|نفت|نفوا|ينفون|(?:ينفي|تنفي|نفا|نفت|نفو|ينفون)(?:ه|ها)"
    r"|يفند|تفند|فند|فندت|فندوا|تفنيد)"
)
_DENYING = (
    rf"{AR_DENIAL}|denied|denies|refutes|refuted|rebuts|rebutted|dément|démenti|démentent"
    r"|réfute|réfutent|réfuté|nie|nient|nié|niée|niés"
)
_DENIAL = re.compile(rf"(?<!\w)(?:{_DENYING})(?!\w)")
_NEGATION = re.compile(
    r"(?<!\w)(?:[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا)|not|never|no longer|ne|jamais|aucun|aucune"
    rf"|{_DENYING})(?!\w)|n't\b|(?<!\w)n['’]"
)
# Failing to do it is not doing it: "فشلت المفاوضات في التوصل إلى اتفاق", "failed to
# reach a deal", "ont échoué à trouver un accord" (the subject may sit between, as
# Arabic puts the verb first).
_FAILING = re.compile(
    r"(?<!\w)[وف]?(?:فشل|فشلت|فشلوا|يفشل|تفشل|يفشلون|الفشل|اخفق|اخفقت|اخفقوا|يخفق|تخفق|اخفاق"
    r"|الاخفاق)(?:\s+\w+)?\s+في(?!\w)|(?<!\w)(?:fail(?:s|ed|ing)?|failure)\s+to(?!\w)"
    r"|(?<!\w)échou\w*\s+à(?!\w)"
)
# Phrases that contain a negator but assert: "لا سيما" (especially), "لا يزال" (still).
# And bounds: "لمدة لا تزيد على أربع سنوات" (for at most four years), "no more than".
_NOT_NEGATION = re.compile(
    r"لا سيما|لا تزال|لا يزال|ما زال|ما زالت|لا تزالان|not only|non seulement|ne cesse"
    r"|لا (?:تزيد|يزيد|تقل|يقل|يتجاوز|تتجاوز)|(?:no|not) (?:more|less|fewer) than"
    # ... with the verb between: "doesn't last more than a day", "لا يدوم أكثر من يوم".
    r"|(?:not|n't) (?:\w+ ){1,2}(?:more|less|fewer|longer) than|لا (?:\w+ ){1,2}(?:اكثر|اقل) من"
    # A headline that opens with "Don't" advises, it denies nothing ("Don't reset iOS 8").
    r"|^\s*(?:don't|do not) "
    r"|(?:ne|n['’])\s*(?:\w+\s+)?(?:pas|plus)\s+(?:plus|moins) (?:de|d['’])|ne dépassant pas"
    # A claim and its negation as alternatives assert neither: "may or may not", "أم لا".
    r"|(?:or|ou)\s+(?:\w+\s+)?(?:not|non|pas)(?!\w)|(?:ام|او)\s+لا(?!\w)"
    # "Ce démenti intervient après ..." (this denial comes after): a denial told before,
    # named as a thing; what it denies is not in this claim.
    r"|(?<!\w)(?:ce|cet) démenti(?!\w)"
    # A stop denied is a going on: "لم تتوقف شحنات السلاح", "have not stopped", "n'ont pas
    # cessé", "n'ont pas faibli" (have not weakened) assert that it continues.
    r"|(?<!\w)[وف]?(?:لم|لا|لن)\s+(?:تتوقف|يتوقف|تنقطع|ينقطع|تضعف|يضعف|تهدا|يهدا)(?!\w)"
    r"|(?:not|never|n't)\s+(?:\w+\s+)?(?:stop|stopped|ceased|halted|abated|weakened|let up)\b"
    r"|(?<!\w)(?:ne|n['’])\s*(?:\w+\s+){0,2}(?:pas|jamais)\s+(?:\w+\s+)?"
    r"(?:cessé|arrêté|faibli|fléchi|diminué)(?!\w)"
)
# A negation inside a condition (or a purpose clause, below) qualifies the claim, it does
# not deny it: "ترامب يهدد كندا إذا لم تتفاهم معه", "threatens Canada if it does not
# negotiate", "si le Canada ne négocie pas" ("ان" is left out: folded, it is also "أن",
# "that": "أعلن أن لا قوات").
_CONDITION = re.compile(
    r"(?<!\w)(?:اذا|لو|ما)\s+(?:لم|لا)(?!\w)|(?<!\w)if\s+(?:\S+\s+){0,4}?(?:not|never|\S+n't)(?!\w)"
    r"|(?<!\w)si\s+(?:\S+\s+){0,3}?(?:ne|n['’])"
    # And so does one inside a purpose clause: "adopted him so he won't turn into a
    # werewolf", "لكي لا يتحول", "pour ne pas", "afin qu'il ne".
    r"|(?<!\w)so\s+(?:that\s+(?:\S+\s+){0,3}?|(?:he|she|it|they|we|you|i)\s+)"
    r"(?:won't|wouldn't|doesn't|can't|will not|would not|does not|cannot)(?!\w)"
    r"|(?<!\w)(?:لكي|كي|حتي|لئلا)\s+(?:لا)?(?!\w)"
    r"|(?<!\w)(?:pour|afin de)\s+ne(?!\w)"
    r"|(?<!\w)(?:pour|afin)\s+qu['’]?\s*(?:\S+\s+){0,3}?(?:ne|n['’])"
)
# False news one is charged with spreading is the charge, not a debunk of the report:
# "حبس ناشط بتهمة نشر أخبار كاذبة", "jailed for spreading fake news", "pour diffusion de
# fausses nouvelles".
_SPREADING_FALSE = re.compile(
    r"(?<!\w)[وفبل]*(?:نشر|بث|ترويج|تداول)\s+(?:ال)?(?:(?:اخبار|انباء|معلومات)\s+)?(?:ال)?"
    r"(?:كاذبه|كاذب|مفبركه|ملفقه|شائعات|شائعه)(?!\w)"
    r"|(?<!\w)(?:spread|spreads|spreading|publishing|posting|peddling)\s+(?:\S+\s+)?"
    r"(?:fake|false|rumou?rs?)(?!\w)"
    r"|(?<!\w)(?:diffus|propag|publi)\w*\s+(?:de\s+|d['’])?(?:fausses|faux|rumeurs|infox|intox)(?!\w)"
)
_INTENDED = re.compile(
    r"(?<!\w)(?:[ونت]?عتزم|يعتزم|مستعد|مستعده|استعداد|استعدادها|سوف|من المتوقع|تسعي|يسعي"
    r"|will|intends?|plans? to|ready to|prepared to|expected to|is to|va|vont|compte|entend"
    r"|envisage|prêt|prête|prêts|projette|doit|doivent|devrait|devraient)(?!\w)"
    # Arabic future prefix سـ on a present verb (ستواصل، سيبدأ), minus common nouns.
    r"|(?<!\w)(?!سيا|سيط|سير|سيد|سين|ستين|ستراتيج|سنه|سنو|سنت|ستار|سته|سنغال)س[يتن]\w{3,}"
)
_POSSIBLE = re.compile(
    r"(?<!\w)(?:قد\s+[يتنا]\w+|ربما|يمكن|يمكنها|يمكنه|قد يكون|may|might|could|possibly|pourrait"
    r"|pourraient|peut|peuvent|possible|محتمل|محتمله)(?!\w)"
)
# Hearsay: the reporter passes a claim on without standing behind it. A named source
# ("بحسب تقرير صحفي", "according to The Times") attributes, it does not hedge.
_REPORTED = re.compile(
    r"(?<!\w)(?:مصادر|مصدر|يعتقد|يقال|يزعم|يزعمون|مزعوم|مزعومه|مزاعم|غير مؤكده|غير مؤكد"
    r"|(?:يرجح|ترجح)\s+ان|من المرجح|يشتبه|على ما يبدو"
    r"|reportedly|allegedly|alleged|non confirmée?s?|non confirmés"
    r"|purportedly|purported|sources?\s+(?:say|said|says|claim)|sources?\s*:|unconfirmed"
    r"|rumou?r(?:s|ed)?"
    r"|suspected|apparently|probably|(?:is|are|was|were)\s+(?:believed|said|thought)\s+to"
    r"|(?:appears?|seems?|tipped)\s+to"
    # Says so of itself: "ISIS claims to have captured ...", "a video purports to show",
    # "يدّعي أنه", "prétend avoir".
    r"|claim(?:s|ed|ing)?\s+to|purport(?:s|ed|ing)?\s+to"
    r"|(?:is|are|was|were)\s+reported\s+to\s+(?:be|have)"
    r"|[يت]دعي|ادعي|ادعت|يدعون|prétend(?:ent)?|prétendu(?:e|s|es)?"
    # Reports someone looks into are not confirmed: "Ottawa investigates reports that",
    # "تحقق في تقارير عن", "enquête sur des informations selon lesquelles".
    r"|(?:investigat\w*|prob(?:e|es|ing)|looking into)\s+(?:the\s+)?"
    r"(?:reports?|claims?|allegations?|rumou?rs?)"
    r"|(?:تحقق|يحقق|تحقيق)\s+(?:\w+\s+){0,2}?في\s+(?:تقارير|ادعاءات|مزاعم|انباء)"
    r"|enquête\w*\s+sur\s+(?:des|les)\s+(?:informations|allégations|rumeurs)"
    r"|selon des sources|selon des informations|aurait|auraient|serait|seraient|présumé"
    r"|présumée|présumés|apparemment|probablement|supposée?s?"
    r"|prétendument|soi-disant)(?!\w)"
)
_ATTRIBUTED = re.compile(
    r"(?<!\w)(?:say|says|claim|claims)\W*$"
    # "..., says monitoring group", "...: source": who says it, after the claim.
    r"|(?<!\w)says\s+(?:\w+\s+){0,2}\w+\W*$|[:–-]\s*(?:sources?|officials?)\W*$"
    # "ISIS claims US hostage killed", "Islamic State claims it executed ...": before it.
    r"|^\W*(?:\w+\W+){1,3}claims?\s"
)
# A claim put as a yes/no question ("Wagner leader dead?", "هل قُتل؟") asks, it does not
# assert.
_QUESTION = re.compile(
    r"[?؟]\s*[»”\"']*\s*$|^\s*(?:هل|est-ce que)\s"
    # An English opener asks only with its question mark ("IS fighters seize ..." does not).
    r"|^\s*(?:is|are|did|does|would|could|will|can|has|have|was|were|should|do)\s[^?.!]*\?"
)
# A question only quoted at the end of a sentence ('... and asked "how's it going?"') is
# someone's words the claim reports, not the claim asking.
_QUOTED_QUESTION = re.compile(r"\w\W*[«“\"']\s*[^«“\"'»”]+[?؟]\s*[»”\"']\s*$")
# An information question takes its content for granted and asks for more: "who is the
# general accused of the killing?" says he is accused, as "من هو ...؟", "ماذا يحدث؟" or
# "pourquoi Wagner reste-t-il ?" do. Its last clause opens with a question word
# (after a preposition at most: "على ماذا اتفقت", "in which town").
_INFORMATION_QUESTION = re.compile(
    r"(?:^|[:.،,؛;–—-])\s*(?:(?:علي|في|الي|عن|مع|to|in|for|with|by|of|on|from|at|à|a|de|pour"
    r"|avec|en|par|dans|sur)\s+)?[وف]?(?:من|ما|ماذا|لماذا|بماذا|كيف|اين|متي|كم|اي|ايهما|ايها"
    r"|who|whom|whose|what|which|why|how|where|when|qui|que|quoi|quel|quelle|quels|quelles"
    r"|pourquoi|comment|où|ou|quand|combien|lequel|laquelle|qu'est-ce)(?!\w)[^:.،؛?؟]*[?؟]"
    r"\s*[»”\"']*\s*$"
)
# Words that call a report false: a debunk is a denial of what the other side says.
# Hand-built from the usual vocabulary of fact-checks in each language.
_DEBUNK = re.compile(
    r"(?<!\w)(?:شائعه|شائعات|كاذبه|كاذب|مفبرك|مفبركه|ملفق|ملفقه|عار عن الصحه|لا اساس له من الصحه"
    r"|غير صحيح|غير صحيحه|مزيف|مزيفه|مزور|مزوره|عاريه عن الصحه|لا صحه|غير دقيق|غير دقيقه|اكاذيب"
    r"|تضليل|مضلل|مضلله"
    r"|hoax|fake|debunk(?:ed|s)?|untrue|fabricated|false|no truth|satire|bogus|faked|phon(?:e)?y"
    r"|fabrication|baseless|unfounded|not true|not real|inaccurate|misinformation|disinformation"
    r"|made (?:it |it all |this |that |the story )?up(?! of)|doctored|photoshopped"
    # Taking one's own report back: "retracts claim", "se rétracte".
    r"|retract(?:s|ed|ion)?|rétract(?:e|é|ent|ation)"
    r"|canular|infox|intox|fausse|faux|fake news|sans fondement|bidon|infondée?s?|truquée?s?"
    r"|désinformation|mensong(?:er|ère)s?)(?!\w)"
)
# A negation of a negation asserts: "لم ينف" (did not deny), "did not deny", "n'a pas
# démenti", "not untrue".
_DOUBLE_NEGATION = re.compile(
    rf"(?<!\w)(?:لم|لا|لن)\s+{AR_DENIAL}(?!\w)|(?:not|never|n't|(?<!\w)no)\s+(?:\w+\s+)?"
    r"(?:deny|denied|denies|refute|refuted|refutes|rebut|rebutted|untrue|false|fake|hoax)\b"
    r"|(?<!\w)(?:ne|n['’])\s*(?:\w+\s+)?pas\s+(?:\w+\s+)?(?:démenti|dément|nié|réfuté|faux)\b"
)


# Acts of saying, in the order they outrank one another when nothing else happened.
# Backing a position or a party ("أيد تصريحات لافروف", "supports the junta") is one too:
# what is backed is told by the content event it comes with ("تدعم تعزيز ... وتزويدها
# بالأسلحة" is a delivery, "اتهم ... قائلاً إنها تدعم" an accusation).
SPEECH_EVENTS = ("accuse", "deny", "support", "statement")
# "Help" supplies something only when a named beneficiary follows: "ستواصل مساعدة مالي",
# "aider le Mali", "helping Mali". "لمساعدة مقاتلي" (to help fighters) and "مساعدتهم في
# تشكيل قوة" (to help them form a force) are no delivery.
_HELP = re.compile(r"مساعده|aider|aidera|help")
_HELP_REACH = 2  # words from "help" to the beneficiary's first word: "aider le Mali"
_LIGHT_PREFIX = re.compile(r"^[وف]?[بلك]?")
_CRAFT = re.compile(r"helicopter|aircraft|jet|drone|plane|submarine|boat")


def _kinds_by_form(form_of: Callable[[str], str | None]) -> dict[str, frozenset[str]]:
    """Event types by the form `form_of` gives a trigger (triggers it gives None are out)."""
    kinds: dict[str, set[str]] = {}
    for kind, triggers in _TRIGGERS.items():
        for trigger in triggers:
            form = form_of(trigger)
            if form is not None:
                kinds.setdefault(form, set()).add(kind)
    return {form: frozenset(found) for form, found in kinds.items()}


# One-word triggers: an entry ending in a space must be the whole word, others are
# prefixes; an entry with a space inside never matches one token.
_WHOLE_WORD = _kinds_by_form(
    lambda trigger: (
        trigger.strip() if trigger.endswith(" ") and " " not in trigger.strip() else None
    )
)
_PREFIX_KINDS = _kinds_by_form(lambda trigger: None if " " in trigger else trigger)
_NONE: frozenset[str] = frozenset()


# Diplomatic ties: a verb within five words before "relations"/"ties" says what
# became of them. "قطعت العلاقات الدبلوماسية" (severed), "has maintained diplomatic
# relations", "a rétabli les relations". These outrank the verb's own reading
# ("قطع" alone is a cancellation).
_TIES_NOUNS = re.compile(r"^(?:علاقات|العلاقات|علاقه|العلاقه|روابط|relations?|ties|liens)$")
# An agreement can be kept as ties are ("kept its military agreement", "أبقت على
# اتفاقها"), the opposite of its cancellation; its other verbs are read as they are
# ("cut a deal" makes one).
_AGREEMENT_NOUNS = re.compile(
    r"^(?:[وب]?(?:ال)?اتفاق(?:ا|يه|ات|يات)?(?:ها|هما|هم|ه)?|agreements?|deals?|pacts?|accords?)$"
)
_TIES_VERBS = {
    "sever": re.compile(
        r"^(?:[وف]?(?:قطع|قطعت|يقطع|تقطع|بقطع)|sever|broke|break|cut|rompu|romp|coup)"
    ),
    "maintain": re.compile(
        r"^(?:[وف]?(?:حافظ|تحافظ|يحافظ|حافظت|ابق|تبقي|يبقي|ابقت|استمرار)|maintain|kept|keep"
        r"|preserv|maint|conserv|garde)"
    ),
    "restore": re.compile(
        r"^(?:[وف]?(?:استعاد|استعادت|استعاده|اعاده|اعادت|تعيد|يعيد|استئناف)|restor|resum"
        r"|re-?establish|rétabl|retabl|renou)"
    ),
}
_AGREEMENT_VERBS = {"maintain": _TIES_VERBS["maintain"]}
_TIES_REACH = 5
# "ووقع الانقلاب" / "الذي وقع في" is an occurrence, not a signature.
_OCCURRED = frozenset({"وقع", "وقعت", "يقع", "تقع"})
_OCCURRENCE_EVENTS = frozenset({"coup", "attack", "kill"})


def _ties_events(tokens: Tokens) -> dict[str, int]:
    """What happened to diplomatic ties (or an agreement), by the verb before the noun."""
    found: dict[str, int] = {}
    for index, word in enumerate(tokens.words):
        if _TIES_NOUNS.match(word.lower()):
            verbs = _TIES_VERBS
        elif _AGREEMENT_NOUNS.match(word.lower()):
            verbs = _AGREEMENT_VERBS
        else:
            continue
        for before in range(max(0, index - _TIES_REACH), index):
            for kind, verb in verbs.items():
                if verb.match(tokens.words[before].lower()):
                    found.setdefault(kind, before)
    return found


@dataclass(frozen=True, slots=True)
class EventReading:
    """The claim's main event type and its trigger's token position, and every content
    event it names in order: "signed an agreement ... after the coup" names two."""

    kind: str | None
    trigger: int | None
    events: tuple[str, ...]
    # Where each of `events` is first told (token positions).
    positions: tuple[int, ...] = ()


def find_event(tokens: Tokens, mentions: Sequence[Mention]) -> EventReading:
    """What the claim says happened (kind None when it names no event)."""
    first = {**_first_triggers(tokens, mentions), **_ties_events(tokens)}
    content = sorted((index, kind) for kind, index in first.items() if kind not in SPEECH_EVENTS)
    events = tuple(kind for _, kind in content)
    positions = tuple(index for index, _ in content)
    ties = [(index, kind) for index, kind in content if kind in _TIES_VERBS]
    if ties:
        index, kind = ties[0]
    elif "kill" in first:
        kind, index = "kill", first["kill"]
    elif content:
        index, kind = content[0]
    else:
        kind = next((kind for kind in SPEECH_EVENTS if kind in first), None)
        index = first.get(kind) if kind else None
    return EventReading(kind, index, events, positions)


def _first_triggers(tokens: Tokens, mentions: Sequence[Mention]) -> dict[str, int]:
    """Token position of the first trigger of each event type present."""
    named = {mention.index for mention in mentions}
    readings = [_reading(key, word) for key, word in zip(tokens.keys, tokens.words, strict=True)]
    for index in range(1, len(readings)):
        phrasal = _PHRASAL.get((tokens.keys[index - 1], tokens.keys[index]))
        if phrasal is not None:
            kinds, helps, craft = readings[index]
            readings[index] = (kinds | {phrasal}, helps, craft)
    _read_objects(tokens, mentions, readings)
    first: dict[str, int] = {}
    helped = None
    for index, (kinds, helps, _) in enumerate(readings):
        if _dates_a_state(tokens, index):
            continue
        for kind in kinds - first.keys():
            if kind == "attack" and index + 1 < len(readings) and readings[index + 1][2]:
                continue  # "attack helicopters" are equipment, not an attack
            if kind == "sign" and (
                _occurrence(tokens, readings, index)
                or _cancelled(tokens, readings, index)
                or _indication(tokens, index)
            ):
                continue
            if kind == "investigate" and _achieving(tokens, index):
                continue
            first[kind] = index
        if (
            helped is None
            and helps
            and named.intersection(range(index + 1, index + 1 + _HELP_REACH))
        ):
            helped = index
    if helped is not None:
        first["deliver"] = min(first.get("deliver", helped), helped)
    return first


# Sending or moving troops deploys them: "أرسلت روسيا 100 جندي", "moved troops close to
# the border", "a dépêché des soldats"; so does troops spreading ("وتنتشر عناصر فاغنر في
# مالي": said of a rumour or a video, انتشر is no deployment). A word other than a
# number, a name or a quantity between verb and troops ("sent weapons to the forces",
# "a envoyé des équipements militaires") leaves the delivery.
_TROOP_VERBS = re.compile(
    r"^(?:(?:ارسل|يرسل|ترسل|سترسل|ارسال|حشد|يحشد|تحشد|نقل|ينقل|تنقل|dispatch|airlift|transferr"
    r"|envoy[ée]|envoie|envoi|dépêch|achemin|transfér|déplac)\w*"
    r"|انتشر|انتشرت|ينتشر|تنتشر|ينتشرون"
    r"|send|sends|sent|sending|move|moves|moved|moving|mass|massed|masses|massing)$"
)
_TROOPS = re.compile(
    r"^(?:قوات|جنود|جندي|عسكريين|عسكريون|مقاتلين|مقاتلون|مرتزقه|تعزيزات|مظليين|عناصر|troops?|soldiers?"
    r"|forces|personnel|mercenaries|paratroopers|reinforcements|servicemen|marines|troupes"
    r"|soldats|militaires|mercenaires|combattants|renforts|parachutistes|hommes)$"
)
# Rejecting claims denies them: "رفضت موسكو الاتهامات", "dismissed the reports",
# "rejette les accusations". And what a denial or a rejection governs is what is denied:
# "نفت الاتهامات" (denied the accusations) is a denial, not an accusation.
_REJECT_VERBS = re.compile(r"^(?:رفض|يرفض|ترفض|reject|dismiss|rejet|rejett|récus|balay)")
_CLAIMS = re.compile(
    r"^(?:اتهام|اتهامات|مزاعم|ادعاء|ادعاءات|تقارير|انباء|اخبار|روايه|claims?|allegations?"
    r"|accusations?|charges|reports?|rumou?rs?|allégations?|informations|affirmations?"
    r"|rumeurs?)$"
)
# What may stand between a verb and its object: determiners, quantities, names.
_BETWEEN = frozenset(
    bare(word)
    for word in (
        "the", "a", "an", "its", "their", "these", "those", "such", "all", "more", "additional",
        "extra", "some", "about", "around", "nearly", "almost", "over", "several", "hundreds",
        "thousands", "dozens", "of", "in", "new", "fresh", "elite", "special", "s",
        "des", "les", "ces", "de", "d", "du", "ses", "leurs", "plusieurs", "centaines", "milliers",
        "dizaines", "quelque", "environ", "nouveaux", "nouvelles", "toutes", "tous",
        "المزيد", "من", "نحو", "حوالي", "الاف", "الف", "مئات", "عشرات", "هذه", "تلك", "كل", "جميع",
        # A figure's bound: "more than 300 soldiers", "plus de 300 soldats", "أكثر من 300 جندي".
        "than", "at", "least", "less", "fewer", "up", "to", "plus", "moins", "au", "اكثر", "اقل",
    )
)  # fmt: skip
_OBJECT_REACH = 5
# "أودى بحياة" (took the lives of), its subject between them: "أودت الكوليرا بحياة".
_TOOK_VERBS = frozenset({"اودت", "اودي", "اودتا", "يودي", "تودي"})
_LIVES = re.compile(r"^ب(?:حياه|ارواح)$")
_LIVES_REACH = 3


def _object(tokens: Tokens, named: set[int], index: int, objects: re.Pattern[str]) -> int | None:
    """Position of the word `objects` matches that the word at `index` governs: within
    _OBJECT_REACH words, past only determiners, quantities, numbers and names, and with
    no preposition attached ("للقوات" is to the forces)."""
    for after in range(index + 1, min(len(tokens.keys), index + 1 + _OBJECT_REACH)):
        key = tokens.keys[after]
        if objects.match(key):
            return None if tokens.proclitics(after).lstrip("وف").startswith("ل") else after
        if not (key in _BETWEEN or key.isdigit() or after in named):
            return None
    return None


def _read_objects(tokens: Tokens, mentions: Sequence[Mention], readings: list) -> None:
    """Sent troops deploy; what took lives ("أودى بحياة") killed; rejected claims are
    denied, and denied accusations are no accusation of the claim's own (`readings`
    changed in place)."""
    named = {i for m in mentions for i in range(m.index, m.index + m.length)}
    for index, key in enumerate(tokens.keys):
        kinds, helps, craft = readings[index]
        if key in _TOOK_VERBS and any(
            _LIVES.match(word) for word in tokens.words[index + 1 : index + 1 + _LIVES_REACH]
        ):
            readings[index] = (kinds | {"kill"}, helps, craft)  # "أودت الكوليرا بحياة 2100"
            continue
        if _TROOP_VERBS.match(key) and _object(tokens, named, index, _TROOPS) is not None:
            readings[index] = ((kinds - {"deliver"}) | {"deploy"}, helps, craft)
            continue
        if "deny" not in kinds and not _REJECT_VERBS.match(key):
            continue
        claims = _object(tokens, named, index, _CLAIMS)
        if claims is not None:
            readings[index] = (kinds | {"deny"}, helps, craft)
            accused, helps, craft = readings[claims]
            readings[claims] = (accused - {"accuse"}, helps, craft)


# "since its deployment", "منذ انتشارها", "depuis son déploiement": the event dates the
# state the claim is about; it is not what the claim says happened.
_DETERMINERS = frozenset(
    {"its", "their", "his", "her", "the", "son", "sa", "ses", "leur", "le", "la"}
)


def _dates_a_state(tokens: Tokens, index: int) -> bool:
    """The word at `index` follows "since" (past one determiner)."""
    before = [key.lower() for key in tokens.keys[max(0, index - 2) : index]]
    return bool(before) and (
        before[-1] in SINCE_WORDS
        or (len(before) == 2 and before[0] in SINCE_WORDS and before[1] in _DETERMINERS)
    )


_NOT_AN_INQUIRY = re.compile(r"^[وفب]?(?:ل|ال)?تحقيق$")


def _achieving(tokens: Tokens, index: int) -> bool:
    """ "تحقيق الاستقرار" is achieving stability: تحقيق before a definite noun."""
    following = tokens.words[index + 1] if index + 1 < len(tokens.words) else ""
    return bool(_NOT_AN_INQUIRY.match(tokens.words[index])) and following.startswith("ال")


_SIGN_NOUNS = frozenset({"sign", "signs", "signe", "signes"})
_OF_OR_THAT = frozenset({"of", "that", "de", "d", "du", "des", "que", "qu"})


def _indication(tokens: Tokens, index: int) -> bool:
    """ "a sign that sanctions did little", "un signe de la méfiance": the noun for an
    indication, not a signature."""
    following = tokens.words[index + 1].lower() if index + 1 < len(tokens.words) else ""
    return tokens.words[index].lower() in _SIGN_NOUNS and following in _OF_OR_THAT


def _cancelled(tokens: Tokens, readings: list, index: int) -> bool:
    """ "بإلغاء اتفاقها", "ended its agreement": the agreement is what was cancelled. An
    agreement noun is the object of the last event verb before it, past that verb's
    subject ("أنهى المجلس العسكري في النيجر رسمياً اتفاقاً"): when that verb cancels,
    nothing was signed ("ended its US deal and signed one with Russia" signs)."""
    if any("cancel" in readings[i][0] for i in range(max(0, index - 3), index)):
        return True
    if not _AGREEMENT_NOUNS.match(tokens.words[index].lower()):
        return False
    before = [kinds for kinds, _, _ in readings[:index] if kinds - set(SPEECH_EVENTS)]
    return bool(before) and "cancel" in before[-1]


# Events told in two words: "mis fin à", "met fin à" (put an end to) cancel; "set up"
# establishes; "a dit" (said) states. The event goes to the second word.
_PHRASAL = {
    ("a", "dit"): "statement",
    **{
        (verb, "fin"): "cancel" for verb in ("mis", "met", "mettre", "mettent", "mettra", "mettait")
    },
    **{(verb, "up"): "establish" for verb in ("set", "sets", "setting")},
    # "pull out", "kicked out" (of the country) withdraw.
    **{(verb, "out"): "withdraw" for verb in ("pull", "kick", "kicks", "kicked")},
    # Air and drone strikes ("strike" alone is also a labour strike or a deal struck),
    # "opened fire", "ضربة جوية" ("ضربة" alone is also a blow).
    **{(craft, noun): "attack" for craft in ("air", "drone") for noun in ("strike", "strikes")},
    **{(verb, "fire"): "attack" for verb in ("open", "opens", "opened", "opening")},
    **{(noun, "جويه"): "attack" for noun in ("ضربه", "ضربات")},
    # "أودى بحياة" (claimed the lives of).
    ("اودي", "حياه"): "kill",
    # "seized power" (a coup); not "took power", which mostly dates a regime.
    **{(verb, "power"): "coup" for verb in ("seize", "seizes", "seized", "seizing")},
    ("touched", "down"): "arrive",
    # "a trip to Moscow", "s'est rendu à Moscou" (went to Moscow).
    **{(noun, "to"): "visit" for noun in ("trip", "trips")},
    **{(verb, "à"): "visit" for verb in ("rend", "rendu", "rendue", "rendus", "rendra")},
    # "مذكرة تفاهم" (memorandum of understanding).
    ("مذكره", "تفاهم"): "sign",
    **{(verb, "out"): "statement" for verb in ("pointed", "points")},
    **{(verb, "for"): "statement" for verb in ("called", "calls")},
    **{(verb, "à"): "statement" for verb in ("appelé", "appelle", "appellent")},
    ("added", "that"): "statement",
    # "a soutenu la transition" (supported), not "soutenu par" (backed by).
    **{(verb, "soutenu"): "support" for verb in ("a", "ont", "avait")},
}


def _occurrence(tokens: Tokens, readings: list, index: int) -> bool:
    """وقع means "took place" before an event noun or after a relative pronoun."""
    if tokens.keys[index] not in _OCCURRED:
        return False
    after = readings[index + 1][0] if index + 1 < len(readings) else _NONE
    before = tokens.words[index - 1] if index > 0 else ""
    return bool(after & _OCCURRENCE_EVENTS) or before in ("الذي", "التي")


@lru_cache(maxsize=65536)
def _reading(key: str, word: str) -> tuple[frozenset[str], bool, bool]:
    """What one token can be: the event types it triggers, a "help" verb, a craft.

    Its forms are the bare key, the word lower-cased, and the word without light
    proclitics only ("بإلغاء" is ب + إلغاء, not the article). Cached: claims reuse words.
    """
    forms = (key, word.lower(), _LIGHT_PREFIX.sub("", word))
    kinds = frozenset().union(
        *(_WHOLE_WORD.get(form, _NONE) for form in forms),
        *(
            _PREFIX_KINDS.get(form[:end], _NONE)
            for form in forms
            for end in range(1, len(form) + 1)
        ),
    )
    helps = any(_HELP.match(form) for form in forms)
    return kinds, helps, any(_CRAFT.match(form) for form in forms)


# Which way ties between parties are going: "التطور التدريجي للتعاون العسكري" (up),
# "la coopération militaire recule" (down), "توتر العلاقات" (down). A trend word
# counts within three words before a ties noun (a verbal noun governing it) or ten
# after (the verb of which it is the subject: "la coopération ... entre X et Y recule").
_TIES_TOPIC = re.compile(
    r"^(?:تعاون|علاقات|علاقه|روابط|شراكه|وجود|حضور|نفوذ|cooperation|coopération|relations?"
    r"|ties|partnership|partenariat|presence|présence|influence)$"
)
_TREND = {
    # Processes, not aims: "تطور/تنامي التعاون" (cooperation develops) is a trend, the
    # verbal noun of an act ("تعزيز التعاون", strengthening) mostly names what someone
    # wants ("تتمسك بتعزيز", "مواصلة تعزيز"); finite verbs (عززت، يعزز) report the act.
    "up": re.compile(
        r"^(?:تطور|يتطور|تتطور|تنامي|متنامي|تزايد|يتزايد|متزايد|يعزز|تعزز|عزز|عززت|توسع|يوسع"
        r"|توسعت|تعمق|يعمق|تعمقت|نمو|ينمو|تنمو|تحسن|يتحسن|تتحسن|grow|expand|strengthen|deepen"
        r"|increas|improv|boost|intensif|renforc|développ|developp|approfond|croiss|augment"
        r"|progress|étend|etend)"
    ),
    "down": re.compile(
        r"^(?:تراجع|يتراجع|تتراجع|تدهور|يتدهور|تتدهور|توتر|تقلص|يتقلص|تتقلص|انخفاض|ضعف|فتور"
        r"|جمود|declin|deteriorat|weaken|shrink|decreas|worsen|sour|recul|dégrad|degrad|diminu"
        r"|baiss|décli|decli|affaibl|refroid)"
    ),
}
_TREND_BEFORE, _TREND_AFTER = 3, 10


# An aim is no trend: "لتعزيز التعاون", "لزيادة التعاون" (to strengthen, to increase),
# "to strengthen ties", "pour renforcer".
_PURPOSE_BEFORE = frozenset({"to", "pour", "afin"})


def trend(tokens: Tokens) -> tuple[str | None, str]:
    """Direction ("up", "down") of the ties a claim says are changing, and its word as
    written; an aim to change them ("لتعزيز التعاون") is no trend."""
    topics = [i for i, key in enumerate(tokens.keys) if _TIES_TOPIC.match(key)]
    for index, key in enumerate(tokens.keys):
        if not any(-_TREND_BEFORE <= index - t <= _TREND_AFTER for t in topics):
            continue
        before = tokens.words[index - 1].lower() if index else ""
        if tokens.proclitics(index).lstrip("وف").startswith("ل") or before in _PURPOSE_BEFORE:
            continue
        for direction, pattern in _TREND.items():
            if pattern.match(key):
                return direction, tokens.words[index]
    return None, ""


def find_equipment(text: str) -> list[str]:
    """Canonical equipment names in order of first mention."""
    folded = fold_with_origin(text).text
    if not _ANY_EQUIPMENT.search(folded):
        return []
    found = []
    for name, pattern in _EQUIPMENT_PATTERNS.items():
        match = pattern.search(folded)
        if match:
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def double_negation(text: str) -> bool:
    """A negated denial ("لم ينفِ", "did not deny", "n'a pas démenti") is in the text."""
    return bool(_DOUBLE_NEGATION.search(fold_with_origin(text).text))


def debunk_words(text: str) -> str:
    """The words that call a report false ("hoax", "عار عن الصحة"), as folded."""
    folded = _SPREADING_FALSE.sub(" ", fold_with_origin(text).text)
    return " ".join(m.group() for m in _DEBUNK.finditer(folded))


def failing_words(text: str) -> str:
    """The words that say it failed to happen ("فشل في", "failed to"), as folded."""
    return " ".join(m.group() for m in _FAILING.finditer(fold_with_origin(text).text))


def attributed(text: str) -> bool:
    """Whether an English headline names who says it, in the present of headlines
    ("..., officials say", "..., says monitoring group", "ISIS claims hostage killed"):
    it passes the claim on. Meant for
    titles: an article's sentence ends in the past ("the ministry said") when it quotes
    an official statement, which the outlet reports as news."""
    return bool(_ATTRIBUTED.search(fold_with_origin(text).text))


def hedged_only(text: str) -> bool:
    """Whether every word of `text` hedges ("reportedly", "sources say", "aurait",
    "يزعم"): words that only pass a claim on."""
    rest = _REPORTED.sub(" ", fold_with_origin(text).text)
    return not re.sub(r"[\W_]+", "", rest)


@lru_cache(maxsize=1024)
def _unasserted(text: str) -> str:
    """The folded text with the phrases that hold a negator but assert blanked out
    (cached: `polarity` and `negated_events` both read each claim's)."""
    folded = fold_with_origin(text).text
    for asserting in (_NOT_NEGATION, _CONDITION, _SPREADING_FALSE, _DOUBLE_NEGATION):
        folded = asserting.sub(" ", folded)
    return folded


def polarity(text: str) -> str:
    """'negative' when the claim is negated, denied or called false, else 'positive'."""
    folded = _unasserted(text)
    negated = _NEGATION.search(folded) or _FAILING.search(folded) or _DEBUNK.search(folded)
    return "negative" if negated else "positive"


# Words that negate the word after them, or the one after that ("did not deliver", "لم
# يتم نشر", "n'ont pas été déployés"); "t" is English "n't" split off its verb.
_NEGATORS = frozenset(
    {"لم", "لن", "لا", "ليس", "ليست", "ليسوا", "عدم", "not", "never", "no", "ne", "n", "pas",
     "jamais", "aucun", "aucune"}
)  # fmt: skip
# What stands between a negator and the word it negates: "has not been deployed", "n'ont
# pas été livrés", "لم يتم نشر".
_AUXILIARIES = frozenset(
    {"has", "have", "had", "been", "be", "being", "is", "are", "was", "were", "will", "would",
     "shall", "should", "can", "could", "may", "might", "must", "did", "does", "do", "yet",
     "ever", "even", "officially", "formally", "a", "ai", "avons", "avez", "ont", "avait",
     "avaient", "aura", "auront", "été", "est", "sont", "était", "étaient", "sera", "seront",
     "encore", "officiellement", "y", "se", "s", "l", "le", "la", "les", "lui", "leur",
     "يتم", "تم", "قد", "سوف", "يكن", "تكن", "يكون", "تكون"}
)  # fmt: skip
# Staying is no event of its own (read as one, it tied unrelated claims), but what a
# negation may bear on: "will not remain in Mali after Wagner's departure" denies that
# it stays, which "ستبقى ... بعد رحيل فاغنر" asserts.
STAYING = "stay"
_STAY_WORDS = frozenset(
    {"يبقي", "تبقي", "ستبقي", "سيبقي", "يبقون", "سيبقون", "بقي", "بقيت", "بقاء", "remain",
     "remains", "remained", "stay", "stays", "stayed", "staying", "reste", "restera",
     "resteront", "restent", "rester", "restait", "resterait", "demeure", "demeurera",
     "demeurer"}
)  # fmt: skip


def negated_events(text: str, tokens: Tokens, reading: EventReading) -> list[str]:
    """The content events the claim negates, or staying (`STAYING`): the one a negator
    stands before, past auxiliaries ("has not been deployed"), or every one where the
    claim denies, calls a report false or says it failed (those bear on what follows
    them, or on the whole claim). "Africa Corps will not remain in Mali after Wagner's
    departure" negates staying, not the departure."""
    folded = _unasserted(text)
    if _DENIAL.search(folded) or _FAILING.search(folded) or _DEBUNK.search(folded):
        return list(reading.events)
    if not _NEGATION.search(folded):
        return []
    told = dict([*_stays(tokens), *zip(reading.positions, reading.events, strict=True)])
    negated = []
    for n in (i for i in range(len(tokens.words)) if _negator(tokens, i)):
        # The word it negates, past auxiliaries: "did not deliver weapons but deployed
        # troops" negates no deployment, "لن يؤثر على الإمدادات" no supplies.
        verb = n + 1
        while verb < len(tokens.words) and (
            tokens.words[verb].lower() in _AUXILIARIES or _negator(tokens, verb)
        ):
            verb += 1
        if verb in told:
            negated.append(told[verb])
    return list(dict.fromkeys(negated))


def _stays(tokens: Tokens) -> list[tuple[int, str]]:
    return [(i, STAYING) for i, key in enumerate(tokens.keys) if key in _STAY_WORDS]


def tells_staying(text: str) -> bool:
    """Whether the text says someone stays ("ستبقى القوة في مالي", "will remain")."""
    return bool(_stays(tokenize(text)))


def _negator(tokens: Tokens, index: int) -> bool:
    word = tokens.words[index].lower()
    if word == "t":
        return index > 0 and tokens.words[index - 1].lower().endswith("n")
    return word in _NEGATORS or (word[:1] in ("و", "ف") and word[1:] in _NEGATORS)


def modality(text: str) -> str:
    """questioned > reported (hearsay) > intended (plans, readiness, future) > possible >
    asserted."""
    folded = fold_with_origin(text).text
    if (
        _QUESTION.search(folded)
        and not _INFORMATION_QUESTION.search(folded)
        and not _QUOTED_QUESTION.search(folded)
    ):
        return "questioned"
    if _REPORTED.search(folded):
        return "reported"
    if _INTENDED.search(folded):
        return "intended"
    if _POSSIBLE.search(folded):
        return "possible"
    return "asserted"
