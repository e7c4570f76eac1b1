"""Spoken languages as English names, with the level normalised to CEFR (A1…C2) or "native".

Levels written in words are mapped to the CEFR level a German, French or Spanish CV guide
gives them — decided once here:

- native: native, mother tongue, first language, bilingual; Muttersprache, zweisprachig;
  langue maternelle, natif, bilingue; lengua materna, nativo, bilingüe; língua materna.
- C2: near-native, business fluent, "verhandlungssicher" (the German CV's level above
  fluent, where one negotiates in the language).
- C1: fluent, proficient, advanced, full professional; fließend, sehr gut; courant, avancé;
  fluido, avanzado; fluente, avançado.
- B2: good, upper intermediate, professional working; gut, gute Kenntnisse; bon, bonne
  maîtrise; bueno; bom.
- B1: intermediate, conversational, limited working; erweiterte Grundkenntnisse;
  intermédiaire; intermedio; intermediário.
- A2: basic, elementary; Grundkenntnisse; notions, scolaire; básico.
- A1: beginner; Anfänger; débutant; principiante; iniciante.

An explicit CEFR code wins over words next to it ("Englisch – verhandlungssicher (C1)" is
C1). Star or dot ratings are not levels anyone states, so they give none. Programming
languages are never spoken ones: "Java" and "Go" have no entry here.
"""

from __future__ import annotations

import re

from peoplelens.documents.resume.headings import fold

_NAMES: dict[str, tuple[str, ...]] = {
    "English": ("english", "englisch", "anglais", "ingles", "inglês"),
    "German": ("german", "deutsch", "allemand", "aleman", "alemão"),
    "French": ("french", "französisch", "francais", "frances", "francês"),
    "Spanish": ("spanish", "spanisch", "espagnol", "espanol", "castellano", "espanhol"),
    "Portuguese": ("portuguese", "portugiesisch", "portugais", "portugues"),
    "Italian": ("italian", "italienisch", "italien", "italiano"),
    "Dutch": ("dutch", "niederländisch", "hollandisch", "neerlandais", "neerlandes", "nederlands"),
    "Russian": ("russian", "russisch", "russe", "ruso", "russo"),
    "Polish": ("polish", "polnisch", "polonais", "polaco", "polski"),
    "Turkish": ("turkish", "türkisch", "turc", "turco", "turkce"),
    "Arabic": ("arabic", "arabisch", "arabe"),
    "Chinese": ("chinese", "chinesisch", "chinois", "chino", "chines"),
    "Mandarin": ("mandarin", "mandarin chinese", "mandarín"),
    "Cantonese": ("cantonese", "kantonesisch", "cantonais", "cantonés"),
    "Japanese": ("japanese", "japanisch", "japonais", "japones"),
    "Korean": ("korean", "koreanisch", "coreen", "coreano"),
    "Hindi": ("hindi",),
    "Urdu": ("urdu", "ourdou"),
    "Bengali": ("bengali", "bangla"),
    "Punjabi": ("punjabi",),
    "Persian": ("persian", "farsi", "persisch", "persan", "persa"),
    "Greek": ("greek", "griechisch", "grec", "griego", "grego"),
    "Swedish": ("swedish", "schwedisch", "suedois", "sueco"),
    "Norwegian": ("norwegian", "norwegisch", "norvegien", "noruego", "norueguês"),
    "Danish": ("danish", "dänisch", "danois", "danes", "dinamarquês"),
    "Finnish": ("finnish", "finnisch", "finnois", "finlandes"),
    "Czech": ("czech", "tschechisch", "tcheque", "checo", "tcheco"),
    "Slovak": ("slovak", "slowakisch", "slovaque", "eslovaco"),
    "Hungarian": ("hungarian", "ungarisch", "hongrois", "hungaro"),
    "Romanian": ("romanian", "rumänisch", "roumain", "rumano", "romeno"),
    "Bulgarian": ("bulgarian", "bulgarisch", "bulgare", "bulgaro"),
    "Croatian": ("croatian", "kroatisch", "croate", "croata"),
    "Serbian": ("serbian", "serbisch", "serbe", "serbio", "sérvio"),
    "Ukrainian": ("ukrainian", "ukrainisch", "ukrainien", "ucraniano"),
    "Hebrew": ("hebrew", "hebräisch", "hebreu", "hebreo", "hebraico"),
    "Catalan": ("catalan", "katalanisch", "catala"),
    "Basque": ("basque", "baskisch", "euskera", "vasco"),
    "Galician": ("galician", "galicisch", "galicien", "gallego", "galego"),
    "Vietnamese": ("vietnamese", "vietnamesisch", "vietnamien", "vietnamita"),
    "Thai": ("thai", "thailändisch", "thaï", "tailandes"),
    "Indonesian": ("indonesian", "indonesisch", "indonesien", "indonesio", "bahasa indonesia"),
    "Malay": ("malay", "malaiisch", "malais", "malayo", "bahasa melayu"),
    "Tagalog": ("tagalog", "filipino"),
    "Swahili": ("swahili", "suaheli", "kiswahili"),
    "Albanian": ("albanian", "albanisch", "albanais", "albanes"),
    "Lithuanian": ("lithuanian", "litauisch", "lituanien", "lituano"),
    "Latvian": ("latvian", "lettisch", "letton", "leton"),
    "Estonian": ("estonian", "estnisch", "estonien", "estonio"),
    "Slovenian": ("slovenian", "slowenisch", "slovene", "esloveno"),
    "Kurdish": ("kurdish", "kurdisch", "kurde", "kurdo"),
    "Tamil": ("tamil",),
    "Telugu": ("telugu",),
    "Latin": ("latin", "latein", "latín", "latim"),
    "Afrikaans": ("afrikaans",),
    "Amharic": ("amharic", "amharisch"),
    "Somali": ("somali",),
    "Tigrinya": ("tigrinya",),
    "Pashto": ("pashto", "paschtu"),
    "Armenian": ("armenian", "armenisch"),
    "Georgian": ("georgian", "georgisch"),
    "Azerbaijani": ("azerbaijani", "aserbaidschanisch"),
    "Icelandic": ("icelandic", "isländisch"),
    "Irish": ("irish", "gaelic"),
    "Welsh": ("welsh", "walisisch"),
    "Luxembourgish": ("luxembourgish", "luxemburgisch", "luxembourgeois"),
    "Swiss German": ("swiss german", "schweizerdeutsch", "schwyzerdütsch"),
    "Twi": ("twi", "akan"),
    "Yoruba": ("yoruba",),
    "Igbo": ("igbo",),
    "Hausa": ("hausa",),
    "Zulu": ("zulu", "isizulu"),
    "Xhosa": ("xhosa", "isixhosa"),
    "Wolof": ("wolof",),
    "Lingala": ("lingala",),
    "Nepali": ("nepali", "nepalesisch"),
    "Sinhala": ("sinhala", "sinhalese", "singhalesisch"),
    "Marathi": ("marathi",),
    "Gujarati": ("gujarati",),
    "Kannada": ("kannada",),
    "Malayalam": ("malayalam",),
    "Burmese": ("burmese", "birmanisch"),
    "Khmer": ("khmer",),
    "Mongolian": ("mongolian", "mongolisch"),
    "Kazakh": ("kazakh", "kasachisch"),
    "Uzbek": ("uzbek", "usbekisch"),
    "Belarusian": ("belarusian", "weißrussisch", "belarussisch"),
    "Macedonian": ("macedonian", "mazedonisch"),
    "Bosnian": ("bosnian", "bosnisch"),
    "Maltese": ("maltese", "maltesisch"),
    "Sign language": ("sign language", "asl", "gebärdensprache", "dgs"),
}
# More of the world's languages, and the names the tables above lack in German, French,
# Spanish and Portuguese. Left out on purpose: names that are everyday words or first names
# ("Ewe", "Fon", "Sami") and none is a programming language's.
_MORE: dict[str, tuple[str, ...]] = {
    "Arabic": ("árabe",),
    "Dutch": ("holandés", "holandês", "flemish", "flämisch", "flamand"),
    "Polish": ("polonês", "polonés"),
    "Romanian": ("moldovan",),
    "Catalan": ("catalão", "catalán"),
    "Basque": ("basco", "euskara"),
    "Swahili": ("suajili", "suaíli"),
    "Tagalog": ("tagalo",),
    "Malay": ("malaio",),
    "Kurdish": ("curdo",),
    "Latvian": ("letão",),
    "Estonian": ("estoniano", "estónio"),
    "Armenian": ("arménien", "armenio", "armênio"),
    "Georgian": ("géorgien", "georgiano"),
    "Icelandic": ("islandais", "islandés", "islandês"),
    "Irish": ("irisch", "irlandais", "irlandés", "irlandês"),
    "Welsh": ("gallois", "galés", "galês"),
    "Mongolian": ("mongol",),
    "Nepali": ("népalais", "nepalí", "nepalês"),
    "Hindi": ("hindí",),
    "Bengali": ("bengalisch", "bengalí"),
    "Punjabi": ("panjabi", "pandschabi", "pendjabi", "punyabí"),
    "Tamil": ("tamilisch", "tamoul"),
    "Somali": ("somalisch", "somalien", "somalí"),
    "Amharic": ("amharique", "amárico"),
    "Afrikaans": ("afrikáans",),
    "Azerbaijani": ("azéri", "azerbaïdjanais", "azerí", "azeri"),
    "Kazakh": ("kazajo", "cazaque"),
    "Uzbek": ("ouzbek", "uzbeko", "usbeque"),
    "Belarusian": ("biélorusse", "bielorruso", "bielorrusso"),
    "Macedonian": ("macédonien", "macedonio", "macedônio"),
    "Bosnian": ("bosniaque", "bosnio", "bósnio"),
    "Maltese": ("maltais", "maltés", "maltês"),
    "Vietnamese": ("vietnamita",),
    "Occitan": ("occitan", "okzitanisch", "occitano", "provençal", "provenzalisch"),
    "Valencian": ("valencian", "valencianisch", "valencien", "valenciano"),
    "Breton": ("breton", "bretonisch", "bretón", "bretão"),
    "Corsican": ("corsican", "korsisch", "corse"),
    "Alsatian": ("alsatian", "elsässisch", "alsacien"),
    "Scottish Gaelic": ("scottish gaelic", "schottisch-gälisch", "gaélique écossais",
                        "gaélico escocés"),
    "Frisian": ("frisian", "friesisch", "frison", "frisón", "frísio"),
    "Sardinian": ("sardinian", "sardisch", "sarde"),
    "Sicilian": ("sicilian", "sizilianisch", "sicilien", "siciliano"),
    "Yiddish": ("yiddish", "jiddisch", "yídish", "iídiche"),
    "Esperanto": ("esperanto",),
    "Faroese": ("faroese", "färöisch", "féroïen", "feroés", "feroês"),
    "Greenlandic": ("greenlandic", "grönländisch", "groenlandais", "groenlandés"),
    "Romansh": ("romansh", "rätoromanisch", "romanche"),
    "Tatar": ("tatar", "tatarisch", "tártaro"),
    "Chechen": ("chechen", "tschetschenisch", "tchétchène", "checheno"),
    "Kyrgyz": ("kyrgyz", "kirgisisch", "kirghiz", "kirguís", "quirguiz"),
    "Tajik": ("tajik", "tadschikisch", "tadjik", "tayiko", "tajique"),
    "Turkmen": ("turkmen", "turkmenisch", "turkmène", "turcomano"),
    "Uyghur": ("uyghur", "uigurisch", "ouïghour", "uigur"),
    "Tibetan": ("tibetan", "tibetisch", "tibétain", "tibetano"),
    "Dari": ("dari",),
    "Sindhi": ("sindhi",),
    "Odia": ("odia", "oriya"),
    "Assamese": ("assamese", "assamesisch", "assamais"),
    "Konkani": ("konkani",),
    "Lao": ("lao", "laotisch", "laotien", "laosiano"),
    "Hmong": ("hmong",),
    "Javanese": ("javanese", "javanisch", "javanais", "javanés", "javanês"),
    "Sundanese": ("sundanese", "sundanesisch", "soundanais"),
    "Cebuano": ("cebuano", "bisaya", "visayan"),
    "Ilocano": ("ilocano", "ilokano"),
    "Hawaiian": ("hawaiian", "hawaiisch", "hawaïen", "hawaiano"),
    "Maori": ("maori", "māori", "te reo māori"),
    "Samoan": ("samoan", "samoanisch", "samoano"),
    "Tongan": ("tongan", "tongaisch"),
    "Fijian": ("fijian", "fidschianisch", "fidjien"),
    "Malagasy": ("malagasy", "madagassisch", "malgache", "malgaxe"),
    "Kinyarwanda": ("kinyarwanda", "rwandan"),
    "Kirundi": ("kirundi",),
    "Luganda": ("luganda", "ganda"),
    "Oromo": ("oromo", "afaan oromoo"),
    "Shona": ("shona",),
    "Sesotho": ("sesotho", "sotho"),
    "Setswana": ("setswana", "tswana"),
    "Tsonga": ("tsonga", "xitsonga"),
    "Fula": ("fula", "fulani", "fulfulde", "peul", "pular"),
    "Bambara": ("bambara",),
    "Kikuyu": ("kikuyu", "gikuyu"),
    "Berber": ("berber", "berbère", "bereber", "berbere", "tamazight"),
    "Kabyle": ("kabyle", "kabylisch", "cabilio"),
    "Quechua": ("quechua", "quichua", "kichwa"),
    "Aymara": ("aymara",),
    "Guarani": ("guarani", "guaraní"),
    "Nahuatl": ("nahuatl", "náhuatl"),
    "Haitian Creole": ("haitian creole", "haitianisch", "créole haïtien", "criollo haitiano",
                       "crioulo haitiano", "kreyòl"),
    "Cape Verdean Creole": ("cape verdean creole", "crioulo cabo-verdiano", "kriolu"),
    "Papiamento": ("papiamento", "papiamentu"),
    "Serbo-Croatian": ("serbo-croatian", "serbokroatisch", "serbo-croate", "serbocroata"),
    "Montenegrin": ("montenegrin", "montenegrinisch", "monténégrin", "montenegrino"),
    "Hindustani": ("hindustani",),
    "Romani": ("romani", "romanes"),
}  # fmt: skip
for _name, _aliases in _MORE.items():
    _NAMES[_name] = (*_NAMES.get(_name, ()), *_aliases)
_BY_FOLDED = {fold(alias): name for name, aliases in _NAMES.items() for alias in aliases}
for _name in _NAMES:
    _BY_FOLDED.setdefault(fold(_name), _name)

# Longest phrases first, so "gute Kenntnisse" is not read as "gut" and "Grundkenntnisse" is
# not read as "Kenntnisse".
_LEVEL_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "native": "native",
            "native speaker": "native",
            "mother tongue": "native",
            "first language": "native",
            "bilingual": "native",
            "native or bilingual": "native",
            "muttersprache": "native",
            "muttersprachlich": "native",
            "zweisprachig": "native",
            "langue maternelle": "native",
            "natif": "native",
            "native language": "native",
            "bilingue": "native",
            "lengua materna": "native",
            "nativo": "native",
            "nativa": "native",
            "idioma nativo": "native",
            "lingua materna": "native",
            "near native": "C2",
            "near-native": "C2",
            "business fluent": "C2",
            "verhandlungssicher": "C2",
            "full professional": "C1",
            "fluent": "C1",
            "fluently": "C1",
            "proficient": "C1",
            "advanced": "C1",
            "fließend": "C1",
            "sehr gut": "C1",
            "sehr gute kenntnisse": "C1",
            "courant": "C1",
            "couramment": "C1",
            "avance": "C1",
            "fluido": "C1",
            "avanzado": "C1",
            "fluente": "C1",
            "avancado": "C1",
            "good": "B2",
            "very good": "C1",
            "upper intermediate": "B2",
            "upper-intermediate": "B2",
            "professional working": "B2",
            "gut": "B2",
            "gute kenntnisse": "B2",
            "bon": "B2",
            "bonne maitrise": "B2",
            "bueno": "B2",
            "bom": "B2",
            "intermediate": "B1",
            "conversational": "B1",
            "limited working": "B1",
            "erweiterte grundkenntnisse": "B1",
            "intermediaire": "B1",
            "intermedio": "B1",
            "intermediario": "B1",
            "basic": "A2",
            "basic knowledge": "A2",
            "elementary": "A2",
            "grundkenntnisse": "A2",
            "notions": "A2",
            "scolaire": "A2",
            "basico": "A2",
            "beginner": "A1",
            "anfanger": "A1",
            "debutant": "A1",
            "principiante": "A1",
            "iniciante": "A1",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)
_LEVEL_PATTERNS = tuple(
    (re.compile(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)"), level)
    for phrase, level in _LEVEL_WORDS
)
_CEFR = re.compile(r"(?<![A-Za-z0-9])([ABC][12])(?:\s*[+]|\s*/\s*[ABC][12])?(?![0-9])")
_ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·▪●\t]|\s-\s|\n)\s*")


def language_name(text: str) -> str | None:
    """The English name of a spoken language written in any of our languages, else None."""
    return _BY_FOLDED.get(fold(text.strip(" .:-–()")))


def level_of(text: str) -> str | None:
    code = _CEFR.search(text)
    if code:
        return code.group(1)  # "B2/C1": the lower one, as stated first
    key = fold(text)
    return next((level for pattern, level in _LEVEL_PATTERNS if pattern.search(key)), None)


def parse_item(item: str) -> tuple[str, str | None] | None:
    """ "German (native)", "Englisch – verhandlungssicher", "Français : courant", "English C1",
    "Native: Polish" → (name, level); None when the item names no spoken language."""
    words = re.findall(r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?", item)
    name = None
    for candidate in words:  # two-word names first ("Swiss German"), then each word
        name = language_name(candidate) or next(
            (n for w in candidate.split() if (n := language_name(w))), None
        )
        if name:
            break
    if name is None:
        return None
    return name, level_of(item)


def parse_languages(lines: list[str]) -> list[tuple[str, str | None]]:
    """Every language named in a languages section, each once, with its level. A level on a
    line of its own belongs to the language just before it (sidebar layouts)."""
    found: dict[str, str | None] = {}
    last: str | None = None
    for line in lines:
        pending: str | None = None  # "Mother tongue(s)\tGerman": the level came first
        for item in split_items(line):
            parsed = parse_item(item)
            if parsed is None:
                level = level_of(item)
                if level and last and found.get(last) is None:
                    found[last] = level
                elif level:
                    pending = level
                continue
            name, level = parsed
            if name not in found or found[name] is None:
                found[name] = level or pending
            pending = None
            last = name
    return list(found.items())


def split_items(line: str) -> list[str]:
    """ "German (native), English (C1)" → two items; "Fluent in English and Spanish" → two
    items, each fluent."""
    line = line.strip().lstrip("•·-–*▪● ").strip()
    both = re.match(r"^(.*?\b(?:in|en|auf|em)\b)\s+(.+?)\s+(?:and|und|et|y|e|&)\s+(.+)$", line)
    if both and language_name(both.group(2)) and language_name(both.group(3)):
        return [f"{both.group(2)} {both.group(1)}", f"{both.group(3)} {both.group(1)}"]
    parts = [p for p in _ITEM_SPLIT.split(line) if p.strip()]
    out: list[str] = []
    for part in parts:
        pair = re.match(r"^(.+?)\s+(?:and|und|et|y|e|&)\s+(.+)$", part)
        if pair and language_name(pair.group(1)) and parse_item(pair.group(2)):
            shared = re.search(r"\([^()]*\)$", pair.group(2))  # "English and Hausa (native)"
            out += [f"{pair.group(1)} {shared.group()}" if shared else pair.group(1)]
            out.append(pair.group(2))
        else:
            out.append(part)
    return out
