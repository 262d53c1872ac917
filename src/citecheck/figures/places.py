"""Names of countries and regions as the four languages write them, so that a claim's name can
be looked for in a source in another script ("Peru" in 秘鲁, "Brazil" in "Brasil" and 巴西).

Keys are the first five letters of the name in English, folded (no accents, lower case); values
the other spellings: Latin ones (folded) as the start of a word, Chinese ones (with the one-character
pair forms of bilateral relations: 中秘 China-Peru, 中拉 China-Latin America) inside the text.
"""

from __future__ import annotations

PLACE_FORMS: dict[str, tuple[str, ...]] = {
    "china": ("chin", "中国", "中方", "中资", "中企", "中拉", "中巴", "中秘", "中智", "中阿", "中墨", "华"),
    "peru": ("秘鲁", "中秘"),
    "chile": ("智利", "中智"),
    "brazi": ("brasi", "巴西", "中巴"),
    "argen": ("阿根廷", "中阿"),
    "mexic": ("墨西哥", "中墨"),
    "colom": ("哥伦比亚",),
    "venez": ("委内瑞拉",),
    "ecuad": ("厄瓜多尔",),
    "boliv": ("玻利维亚",),
    "urugu": ("乌拉圭",),
    "parag": ("巴拉圭",),
    "panam": ("巴拿马",),
    "cuba": ("古巴",),
    "latin": ("拉美", "拉丁美洲", "中拉", "latam"),
    "ameri": ("美洲", "拉美", "拉丁", "中拉", "美国"),
    "carib": ("加勒比",),
    "unite": ("美国", "estad", "unido"),
    "spain": ("espan", "西班牙"),
    "portu": ("葡萄牙",),
    "japan": ("japon", "japao", "日本"),
    "india": ("印度",),
    "russi": ("rusia", "俄罗斯"),
    "europ": ("欧洲", "欧盟"),
    "afric": ("非洲",),
    "asia": ("亚洲",),
}


def name_in(name: str, words: set[str], text: str) -> bool | None:
    """Whether the folded ``name`` (its first five letters) is in a source sentence: its
    ``words`` (folded, lower case) for Latin spellings, its ``text`` for Chinese ones. None when
    the sentence is in another script and the name has no known spelling in it."""
    if any(w.startswith(name) for w in words):
        return True
    forms = PLACE_FORMS.get(name, ())
    if any(f.isascii() and any(w.startswith(f) for w in words) for f in forms):
        return True
    if any(not f.isascii() and f[0] >= "\u4e00" and f in text for f in forms):
        return True
    if not any(w.isascii() for w in words):  # another script
        return False if any(f[0] >= "\u4e00" for f in forms) else None
    return False
