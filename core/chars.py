"""Character classes of Chinese government prose: garbage, numerals, normalisation.

Copy-paste from web pages and OCR leave symbols inside words (``政务ζ 公开``,
``事々项``). They are garbage only in context: ``○`` is a numeral in
``二○二○年``, ``@`` belongs in an e-mail address, ``●`` opens a list item.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from . import regex_cache

# Symbols never written in a report's prose, seen in copies of real reports.
_GARBAGE_SET = set("ㄨ▅ζ〓※←╲↓卐卍〗』⌒♂♀@◣◢◤◥▲△▼▽☉∩∪∴∵↘↗↙↖▂▃▄▆▇█々〆〻☆★◇◆□■◎●¤§№☆♀♂⊙⊕⊥∠∽≌≈≡╱╳┈┉┊┋")
# Ranges of symbol blocks: arrows, math operators, technical, box drawing,
# blocks, geometric shapes, misc symbols, dingbats, bopomofo, private use.
_GARBAGE_RANGES = (
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2300, 0x23FF),
    (0x2500, 0x259F),
    (0x25A0, 0x25FF),
    (0x2600, 0x27BF),
    (0x3100, 0x312F),
    (0x31A0, 0x31BF),
    (0xE000, 0xF8FF),
    (0xFFFD, 0xFFFD),
)
_BULLETS = set("●■◆◇□○☆★※▲►•")
_CN_NUMERALS = set("〇○零一二三四五六七八九十百千")
_OPENERS_OF = {"〗": "〖", "』": "『", "」": "「", "】": "【"}


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# One character class of everything that may be garbage (checked in context below);
# Greek letters count too: OCR reads dots and strokes between Chinese characters as them.
_SYMBOLIC = regex_cache.compile(
    "["
    + "".join(re.escape(c) for c in sorted(_GARBAGE_SET))
    + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in (*_GARBAGE_RANGES, (0x0370, 0x03FF)))
    + "]"
)


def _symbolic(ch: str) -> bool:
    return _SYMBOLIC.match(ch) is not None


def garbage_candidates(text: str) -> Iterator[int]:
    """Offsets of the characters :func:`garbage_spans` could report (its own pre-test, over a whole text).

    A line none of whose characters is among them has no garbage: one scan of the text
    tells the few lines worth looking at.
    """
    for m in _SYMBOLIC.finditer(text):
        yield m.start()
    at = text.find("○")
    while at >= 0:
        yield at
        at = text.find("○", at + 1)


def garbage_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of garbage characters in one line of text."""
    if not _SYMBOLIC.search(text) and "○" not in text:
        return  # the common case: a clean line, decided by one regex scan
    i, n = 0, len(text)
    while i < n:
        if _is_garbage_at(text, i):
            j = i + 1
            while j < n and _is_garbage_at(text, j):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _is_garbage_at(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "○":  # a zero in 二○二○年, garbage inside a word
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return not (prev in _CN_NUMERALS or nxt in _CN_NUMERALS or nxt == "年")
    if not _symbolic(ch):
        return False
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == "@":  # e-mail addresses
        return not (prev.isascii() and prev.isalnum() and nxt.isascii() and (nxt.isalnum() or nxt in "._-"))
    if ch in _BULLETS and not text[:i].strip():  # list bullets at line start
        return False
    if ch in _OPENERS_OF:  # a closing bracket with its opener on the line is legitimate
        return _OPENERS_OF[ch] not in text[:i]
    if 0x0370 <= ord(ch) <= 0x03FF:
        return is_cjk(prev) or is_cjk(nxt) or prev == " " or nxt == " "
    if 0x2190 <= ord(ch) <= 0x21FF or ch in "∩∪∴∵≈≡":
        # arrows and operators between ASCII operands are formulas, not noise
        return not (prev.isascii() and prev.strip() and nxt.isascii() and nxt.strip())
    return True


def strip_garbage(text: str) -> str:
    if not _SYMBOLIC.search(text) and "○" not in text:
        return text  # the common case (garbage_spans' own test), without making its generator
    spans = list(garbage_spans(text))
    if not spans:
        return text
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return "".join(out)


_WS = regex_cache.compile(r"\s+")
_TEN = "一二三四五六七八九十"


def _leading_digits(s: str) -> int:
    """How many of ``s``'s first two characters are digits (``\\d{1,2}``, greedy)."""
    return 2 if s[:2].isdecimal() and len(s) > 1 else 1 if s[:1].isdecimal() else 0


def _numbering_length(folded: str) -> int:
    """How much of a folded label is its numbering (``三、``, ``(二)``, ``4.``): 0 when it has none.

    What ``^(?:[一…十]+[、.,]|\\((?:[一…十]+|\\d{1,2})\\)|\\d{1,2}[.、)](?!\\d))`` matches in a folded text
    (no white space; NFKC made ``（，．`` ASCII), in string methods: its classes take 6 M instructions to compile.
    """
    cn = len(folded) - len(folded.lstrip(_TEN))
    if cn and folded[cn : cn + 1] in ("、", ".", ","):
        return cn + 1
    if folded.startswith("("):
        inner = folded[1:]
        n = len(inner) - len(inner.lstrip(_TEN)) or _leading_digits(inner)
        if n and inner[n : n + 1] == ")":
            return n + 2
    n = _leading_digits(folded)
    if n and folded[n : n + 1] in (".", "、", ")") and not folded[n + 1 : n + 2].isdecimal():
        return n + 1
    return 0


def keep_words(text: str) -> str:
    """Only the ASCII letters and digits and the CJK ideographs of ``text``.

    Not a regex: compiling a character class of the CJK ranges walks its 27,000 code points
    (2–3 ms of every start-up); the labels this is used on are short (and cached). Most are
    ideographs alone, which ``min`` and ``max`` (two scans in C) tell.
    """
    if text and "\u4e00" <= min(text) and max(text) <= "\u9fff":
        return text
    return "".join(
        [
            ch
            for ch in text
            if "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum()) or "\u3400" <= ch <= "\u4dbf"
        ]
    )


# Traditional forms of the characters of the format's words (mirror sites republish reports
# converted to traditional script, OpenCC's s2twp writing 文件 as 檔案): compared as simplified.
_TRADITIONAL = str.maketrans(
    "個傳億內劃劑動務勵區員問單國執報實審對屬廢廣廳強後復徵惡態應採據數於會東條業構標機檢權歲歷歸決沒況減準為無狀獎獲現環產當發確稱穩範糾納級組結給統經維網編縣總織繫繳繼續罰聯與舉舊華萬處號衛補製複規計訟訪許訴詢話誌認說説請議護費資購車轉辦農這週進過達郵鄉錢鎮長門開關陽險雲電頁項頻題額類風體鳳黨龍",
    "个传亿内划剂动务励区员问单国执报实审对属废广厅强后复征恶态应采据数于会东条业构标机检权岁历归决没况减准为无状奖获现环产当发确称稳范纠纳级组结给统经维网编县总织系缴继续罚联与举旧华万处号卫补制复规计讼访许诉询话志认说说请议护费资购车转办农这周进过达邮乡钱镇长门开关阳险云电页项频题额类风体凤党龙",
)


# what the script's folding changes (檔案 too): a text with none of them is left as it is, not translated
_TRADITIONAL_CHARS = frozenset(map(chr, _TRADITIONAL)) | {"檔"}


# a line break a Markdown converter kept in a cell: "一、本年新收<br>政府信息公开申请数量"
_BREAK_TAG = r"(?i)<br\s*/?>"  # compiled on first use (re's cache): few labels hold markup


def fold(text: str) -> str:
    """NFKC, no garbage, no white space, no ``<br>``, simplified script: the form labels are compared in."""
    # labels recur in every report (and a report's cells repeat): short texts' answers are remembered
    return _fold_cached(text) if len(text) <= 64 else _fold(text)


def _fold(text: str) -> str:
    if "<" in text:
        text = re.sub(_BREAK_TAG, "", text)
    folded = unicodedata.normalize("NFKC", strip_garbage(text))
    # white space (any kind) is not printable, the ASCII space aside: a printable text without one has none
    if not folded.isprintable() or " " in folded:
        folded = _WS.sub("", folded)
    if folded.isascii() or _TRADITIONAL_CHARS.isdisjoint(folded):
        return folded
    return folded.replace("檔案", "文件").translate(_TRADITIONAL)


_fold_cached = functools.lru_cache(maxsize=4096)(_fold)


@functools.lru_cache(maxsize=8192)  # the same labels recur in every report and every pass
def label_core(text: str) -> tuple[str, str]:
    """Split a label into (numbering, core words) in folded form.

    ``"(三)不予 公开"`` → ``("(三)", "不予公开")``; only letters, digits and
    ideographs are kept in the core so punctuation variants compare equal.
    """
    folded = fold(text)
    n = _numbering_length(folded)
    numbering, folded = folded[:n], folded[n:]
    # 其它 is a common way of writing 其他 (其它处理, 其它结果): the same word, not a misspelling
    return numbering, keep_words(folded).replace("其它", "其他")


_NUMBERING_DIGITS = frozenset("0123456789一二三四五六七八九十")  # a str test, not a regex class (2.6 M to compile)
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def numbering_value(numbering: str) -> int | None:
    """The number in a numbering prefix: ``"三、"`` → 3, ``"(二)"`` → 2, ``"4."`` → 4."""
    digits = "".join(ch for ch in numbering if ch in _NUMBERING_DIGITS)
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return CN_DIGITS.get(digits)
    if digits.startswith("十"):
        return 10 + CN_DIGITS.get(digits[1:], 0)
    return None
