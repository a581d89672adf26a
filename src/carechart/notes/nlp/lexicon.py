"""Drug names: common generics and brands, the stems of drug families, and a fast finder."""

import re

# Common generics of primary care, hospital medicine and the specialties seen in our notes; an
# underscore joins the words of one name.
GENERICS = """
acetaminophen acyclovir adalimumab albuterol alendronate allopurinol alprazolam amiodarone
amitriptyline amlodipine amoxicillin amoxicillin-clavulanate ampicillin anastrozole apixaban
aripiprazole aspirin atenolol atorvastatin azathioprine azithromycin baclofen beclomethasone
benazepril benzonatate bisoprolol budesonide bumetanide buprenorphine bupropion buspirone
calcium_carbonate calcium_gluconate canagliflozin candesartan captopril carbamazepine
carbidopa-levodopa carvedilol cefazolin cefdinir cefepime cefpodoxime ceftriaxone cefuroxime
celecoxib cephalexin cetirizine chlorthalidone ciprofloxacin citalopram clarithromycin clindamycin
clonazepam clonidine clopidogrel clotrimazole colchicine cyclobenzaprine dabigatran dapagliflozin
dexamethasone dextromethorphan diazepam diclofenac dicyclomine digoxin diltiazem diphenhydramine
divalproex docusate donepezil doxazosin doxycycline dulaglutide duloxetine empagliflozin enalapril
enoxaparin epinephrine ergocalciferol escitalopram esomeprazole estradiol ezetimibe famotidine
fenofibrate fentanyl ferrous_sulfate fexofenadine finasteride fluconazole fluoxetine fluticasone
fluticasone-salmeterol folic_acid formoterol furosemide gabapentin glimepiride glipizide glyburide
guaifenesin haloperidol heparin hydralazine hydrochlorothiazide hydrocodone
hydrocodone-acetaminophen hydrocortisone hydromorphone hydroxychloroquine hydroxyzine ibuprofen
insulin insulin_aspart insulin_degludec insulin_detemir insulin_glargine insulin_lispro
insulin_regular ipratropium ipratropium-albuterol irbesartan isosorbide_mononitrate
isosorbide_dinitrate ivermectin ketorolac ketotifen labetalol lamotrigine lansoprazole letrozole
levetiracetam levocetirizine levofloxacin levothyroxine lidocaine linagliptin liraglutide
lisinopril lithium loperamide loratadine lorazepam losartan lovastatin magnesium_oxide
magnesium_sulfate meclizine medroxyprogesterone meloxicam memantine metformin methadone methimazole
methocarbamol methotrexate methylphenidate methylprednisolone metoclopramide metolazone metoprolol
metoprolol_succinate metoprolol_tartrate metronidazole midazolam minocycline mirtazapine
montelukast morphine mupirocin naloxone naproxen nebivolol nifedipine nitrofurantoin nitroglycerin
norepinephrine nortriptyline nystatin olanzapine olmesartan omeprazole ondansetron oseltamivir
oxybutynin oxycodone oxycodone-acetaminophen pantoprazole paroxetine penicillin phenazopyridine
phenytoin pioglitazone piperacillin-tazobactam polyethylene_glycol potassium_chloride pravastatin
prednisolone prednisone pregabalin primidone prochlorperazine promethazine propranolol quetiapine
ramipril ranolazine rifampin risperidone rivaroxaban rosuvastatin sacubitril-valsartan salmeterol
semaglutide senna sertraline sildenafil simvastatin sitagliptin sodium_bicarbonate spironolactone
sucralfate sulfamethoxazole-trimethoprim sumatriptan tadalafil tamsulosin temazepam terbinafine
tiotropium tirzepatide tizanidine topiramate torsemide tramadol trazodone triamcinolone trimethoprim
valacyclovir valsartan vancomycin venlafaxine verapamil vitamin_d3 cholecalciferol cyanocobalamin
warfarin zolpidem
"""
BRANDS = """
hctz asa kcl apap ntg
advil aleve augmentin bactrim benadryl claritin coumadin cozaar crestor eliquis flonase glucophage
entresto humalog jardiance keflex klonopin lantus lasix lexapro lipitor lovenox lyrica mucinex
motrin neurontin nexium norco ozempic percocet plavix pradaxa prilosec protonix singulair symbicort
synthroid tylenol ventolin wellbutrin xanax xarelto zithromax zocor zofran zoloft zyrtec
"""
# (The first line of BRANDS holds the common abbreviations written for a drug.)
# Stems of whole drug families, so a generic missing from the list is still recognised.
SUFFIXES = (
    "statin",
    "pril",
    "sartan",
    "olol",
    "dipine",
    "prazole",
    "tidine",
    "cillin",
    "floxacin",
    "mycin",
    "cycline",
    "conazole",
    "vir",
    "mab",
    "nib",
    "parin",
    "xaban",
    "gatran",
    "gliptin",
    "gliflozin",
    "glutide",
    "triptan",
    "zepam",
    "zolam",
    "profen",
    "oxetine",
    "triptyline",
    "apine",
    "asone",
    "olone",
    "onide",
    "lukast",
    "semide",
    "thiazide",
    "afil",
    "osin",
    "dronate",
)
# Words that end like a drug but are not one.
NOT_DRUGS = frozenset({"april", "cholesterol", "osmosis", "reservoir"})
# Words that a dose may follow without being a drug's name: "take 20 mg", "total 40 mg".
_NOT_NAMES_TEXT = """
take takes taking give given dose doses total each with then about over than from plus after
before every dispense refills tablet tablets tabs capsule capsules sig disp weight load loading
bolus received receive additional extra another home oral drip infusion start started continue
continued increase increased decrease decreased reduce reduced change changed stop stopped hold
held daily twice once also only maximum max
"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
# Salts and release forms that may follow a name: "fluticasone propionate", "metformin ER".
SALTS = (
    r"hydrochloride|hcl|sodium|potassium|succinate|tartrate|propionate|furoate|besylate|maleate|"
    r"mesylate|citrate|sulfate|phosphate|acetate|calcium|magnesium|bromide|xl|er|sr|xr|cr|dr|la|"
    r"odt|hfa"
)


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*")
_JOINER = re.compile(r"\s*[-/]\s*")
_NAMES = frozenset(name.replace("_", " ") for name in (GENERICS + BRANDS).split())
_FIRST_WORDS = frozenset(name.split()[0] for name in _NAMES if " " in name)
_STEM = re.compile(r"[a-z]{3,}(?:" + "|".join(SUFFIXES) + ")")
_SALT_WORDS = frozenset(SALTS.split("|"))


def _is_drug_word(word: str) -> bool:
    word = word.lower()
    if word in _NAMES:
        return True
    if word in NOT_DRUGS:
        return False
    # "ipratropium-albuterol": a combination of known names.
    parts = word.split("-")
    return all(p in _NAMES or _STEM.fullmatch(p) is not None for p in parts)


def find_drug_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of drug names in `text[start:end]`, with "insulin glargine", "a/b" combinations and
    a trailing salt ("fluticasone propionate") taken as one name.

    Looking words up in a set is much faster than one large regular expression.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        span = _name_at(text, tokens, index)
        if span is None:
            index += 1
            continue
        name_start, name_end, index = span
        found.append((name_start, name_end))
    return found


def _name_at(text: str, tokens: list[tuple[int, int]], index: int) -> tuple[int, int, int] | None:
    """The name starting at token `index`: its span and the index of the token after it."""
    first_start, first_end = tokens[index]
    word = text[first_start:first_end].lower()
    nxt = index + 1
    if word in _FIRST_WORDS and nxt < len(tokens):
        pair = word + " " + text[tokens[nxt][0] : tokens[nxt][1]].lower()
        if pair in _NAMES and not text[first_end : tokens[nxt][0]].strip():
            first_end, nxt = tokens[nxt][1], nxt + 1
            word = pair
    if word not in _NAMES and not _is_drug_word(word):
        return None
    end = first_end
    while nxt < len(tokens):
        gap = text[end : tokens[nxt][0]]
        following = text[tokens[nxt][0] : tokens[nxt][1]]
        joined = _JOINER.fullmatch(gap) is not None and _is_drug_word(following)
        salt = not gap.strip() and following.lower() in _SALT_WORDS and len(gap) < 3
        if not (joined or salt):
            break
        end, nxt = tokens[nxt][1], nxt + 1
    return first_start, end, nxt
