"""The words the reference rules know: months, places, publishers, agencies, type codes, roles.

One place for every vocabulary the rules share, so a new language or a new publisher is one
line here and not a new branch somewhere else. Lists of general facts only (months in the
languages papers are written in, the cities where many books are printed, GB/T 7714's document
type codes); nothing here exists for one reference.

>>> MONTHS["março"], MONTHS["sept"]
(3, 9)
>>> GBT_TYPES["EB"], GBT_TYPES["M"]
('webpage', 'book')
"""

from __future__ import annotations

from .. import recache

__all__ = [
    "MONTHS",
    "MONTH_NAMES_EN",
    "MONTH_ABBREVS_EN",
    "MONTH_NAMES_OTHER",
    "PUBLISHING_CITIES",
    "COUNTRIES",
    "PUBLISHER_WORDS",
    "NEWS_AGENCIES",
    "GBT_TYPES",
    "CN_ROLE_WORDS",
    "CN_SEE_ALSO",
    "CN_DEGREE_WORDS",
    "CN_CONFERENCE_WORDS",
    "CN_GROUP_SUFFIXES",
    "CN_GENRE_WORDS",
    "ORGANISATION_WORDS",
]

#: month name (lower case, every language the rules read) -> month number
MONTHS: dict[str, int] = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "janvier", "enero", "janeiro", "januar", "gennaio"),
            ("february", "feb", "février", "fevrier", "febrero", "fevereiro", "februar", "febbraio"),
            ("march", "mar", "mars", "marzo", "março", "marz", "märz"),
            ("april", "apr", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maio", "maggio"),
            ("june", "jun", "juin", "junio", "junho", "juni", "giugno"),
            ("july", "jul", "juillet", "julio", "julho", "juli", "luglio"),
            ("august", "aug", "août", "aout", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre", "setembro", "settembre"),
            ("october", "oct", "octobre", "octubre", "outubro", "oktober", "ottobre"),
            ("november", "nov", "novembre", "noviembre", "novembro"),
            ("december", "dec", "décembre", "decembre", "diciembre", "dezembro", "dezember", "dicembre"),
        ]
    )
    for name in names
}

#: regular-expression alternations of month names, as the container and date rules use them
MONTH_NAMES_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_ABBREVS_EN = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
MONTH_NAMES_OTHER = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    "|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    "|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre"
    "|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)

#: cities where many books are published: ", Paris, Éditions Galilée" is place and publisher
PUBLISHING_CITIES = (
    "Paris|London|New York|Berlin|Madrid|Rom[ae]|Milano|Milan|Leipzig|Stuttgart|München|Munich|Frankfurt"
    "|Wien|Vienna|Barcelona|Lisboa|Lisbon|Amsterdam|Bruxelles|Brussels|Tokyo|Beijing"
)

#: countries that close a meeting's name: "... (IJCAI-91) Sydney, Australia"
COUNTRIES = (
    r"Argentina|Australia|Austria|Belgium|Brazil|Bulgaria|Canada|Chile|China|Colombia|Croatia|Cuba"
    r"|Czech Republic|Czechia|Denmark|Egypt|Estonia|Finland|France|Germany|Greece|Hungary|Iceland|India"
    r"|Indonesia|Iran|Ireland|Israel|Italy|Japan|Korea|Latvia|Lithuania|Luxembourg|Malaysia|Mexico"
    r"|Morocco|Netherlands|The Netherlands|New Zealand|Nigeria|Norway|Pakistan|Peru|Poland|Portugal"
    r"|Romania|Russia|Scotland|Serbia|Singapore|Slovakia|Slovenia|South Africa|Spain|Sweden|Switzerland"
    r"|Taiwan|Thailand|Tunisia|Turkey|UK|U\.K\.|USA|U\.S\.A\.|Ukraine|Uruguay|Venezuela|Vietnam|Wales"
)

#: words and names that mark a publisher
PUBLISHER_WORDS = (
    r"press|verlag|publishers?|publishing|publications|books|wiley|springer|elsevier|sage|penguin|routledge|"
    r"macmillan|mcgraw|addison|prentice|blackwell|pearson|norton|harper|random house|kluwer|dover|academic|"
    r"gallimard|taylor|francis|cambridge|oxford|siam|mit press|ams|acm press|ieee press|o'reilly|morgan kaufmann|"
    r"editions?|éditions|edizioni|editorial|editora|inc\.?|ltd\.?|gmbh|gruyter|brill|palgrave|hackett|knopf|"
    r"houghton|mifflin|doubleday|scribner|vintage|suhrkamp|rowohlt|hachette|flammarion|seuil|dunod|laterza|"
    r"einaudi|mondadori|feltrinelli|thames\s+(?:and|&)\s+hudson|little,\s+brown|[\w-]+\s+&\s+co"
)

#: news agencies, whose items are "news" rather than articles
NEWS_AGENCIES = (
    r"news agency|xinhua(?!net)|reuters|associated press|agence france|efe\b|ansa\b|tass\b|bloomberg news"
    r"|新华社|中新社|中国新闻社"
)

#: GB/T 7714 document type codes -> entry type ("[J]", "[M]", "[EB/OL]", "[R/OL]" ...)
GBT_TYPES: dict[str, str] = {
    "J": "article",
    "M": "book",
    "N": "newspaper",
    "C": "conference",
    "D": "thesis",
    "R": "report",
    "S": "misc",  # standard
    "P": "misc",  # patent
    "G": "book",  # collection (汇编)
    "A": "chapter",  # a part of a work
    "Z": "misc",
    "EB": "webpage",
    "DB": "misc",
    "CP": "misc",
}

#: roles written after a Chinese name: 主编 (editor-in-chief), 编著, 译 (translator) ...
CN_ROLE_WORDS = ("主编", "编著", "编译", "编选", "总编", "等编", "著", "编", "译", "等译", "校", "撰")

#: words that open a Chinese note before the cited work: "参见", "转引自", "详见"
CN_SEE_ALSO = ("转引自", "参见", "详见", "参阅", "引自", "见")

#: degree words of a Chinese thesis note ("博士学位论文")
CN_DEGREE_WORDS = recache.compile(r"(?:博士|硕士|学士)(?:学位)?论文|学位论文")

#: a Chinese conference paper note ("……学术年会论文", "……研讨会论文")
CN_CONFERENCE_WORDS = recache.compile(r"(?:会议|年会|研讨会|论坛|大会)(?:论文|发言|报告)")

#: genre words printed after a Chinese title: "《新时代的中国能源发展》白皮书"
CN_GENRE_WORDS = frozenset(
    "白皮书 蓝皮书 报告 讲话 社论 评论 评论员文章 序言 前言 导言 译序 发言 演讲 致辞 声明 书评 访谈".split()
)

#: a group author: "…课题组", "…编写组", "…研究组"
CN_GROUP_SUFFIXES = ("课题组", "编写组", "研究组", "编委会", "编辑部", "写作组")

#: words that make a name an organisation's, never a person's ("World Bank", "Ministério de Minas e Energia")
ORGANISATION_WORDS = recache.compile(
    r"(?i)\b(?:agency|bank|banco|ministry|minist[eé]rio|ministerio|minist[eè]re|organi[sz]ation|organización"
    r"|institute|instituto|institut|council|cent(?:er|re)|centro|programme|program|commission|comisión|comissão"
    r"|department|departamento|university|universidad|universidade|association|associação|asociación|foundation"
    r"|fundación|fundação|office|administration|fund|forum|group|committee|secretar[ií]a|secretariat|empresa"
    r"|ag[eê]ncia|corporation|company|inc|ltd|dialogue|initiative|network|board|bureau|authority|government"
    r"|society|union|nations|league|federation|chamber|court|parliament|congress|senate|staff|team|project"
    r"|library|museum|academy|laboratory)\b"
)

#: the medium or kind of an audiovisual work or catalogue, printed after its title in Harvard and
#: AGPS styles ("Harbour Lights 2009, motion picture, Fjord Films, Oslo")
MEDIUM_WORDS = (
    r"motion\s+picture|feature\s+film|film|dvd|blu-ray|vhs|videocassette|video(?:\s+recording)?|videorecording"
    r"|sound\s+recording|audio\s+recording|cd-rom|cd|podcast|(?:television|tv|radio)\s+(?:program(?:me)?|broadcast|series)"
    r"|exhibition\s+catalogue|exhibition\s+catalog"
)
