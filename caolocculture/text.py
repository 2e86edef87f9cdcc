import unicodedata


def nfc(value: str) -> str:
    """NFC form: decomposed accents (from some keyboards and Excel) misrender in PDFs."""
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


_CONTROL = {code: None for code in range(0x20) if chr(code) not in "\t\n\r"} | {0x7F: None}


def clean_line(value: str) -> str:
    """One line of text as stored: NFC, control characters dropped (they break Excel
    files), runs of whitespace collapsed, trimmed."""
    return " ".join(nfc(value).translate(_CONTROL).split())


def _accentless(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D")


# Every precomposed Latin letter (Vietnamese included) mapped to its bare letter once,
# so folding a string is one str.translate instead of a decomposition per call.
_FOLD = {
    code: _accentless(chr(code))
    for code in range(0x00C0, 0x1EFF + 1)
    if unicodedata.category(chr(code)).startswith("L") and _accentless(chr(code)) != chr(code)
}


def fold(value: str) -> str:
    """Lower case without Vietnamese accents, for matching: 'Khối Phố' -> 'khoi pho'."""
    return clean_line(value).lower().translate(_FOLD)


# The Vietnamese alphabet's order (with the Latin letters it lacks where English puts them): ă after
# a, đ after d, ơ after ô… A byte-wise or C collation puts "Ái Quốc" and "Đồng Đăng" after "Yên".
_LETTERS = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
# Tones after the letter, in the dictionaries' order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter (ă, â, ơ…), not a tone


def _letter(ch: str) -> tuple[int, int]:
    """(rank of the letter, tone) of one character; what is not a letter ranks before letters."""
    parts = unicodedata.normalize("NFD", ch.lower())
    tone = next((_TONES[c] for c in parts if c in _TONES), 0)
    letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    if letter in _LETTERS:
        return 100 + _LETTERS[letter], tone
    return (0 if letter.isspace() else 1), tone  # a space, then any other sign


def vietnamese_key(value: str) -> tuple:
    """A sort key in Vietnamese order: letters as the alphabet orders them, then tones, then case;
    numbers by their value ("Thôn 2" before "Thôn 10")."""
    primary: list[tuple[int, ...]] = []
    tones: list[int] = []
    number = ""
    for ch in clean_line(value) + "\0":
        if ch.isdigit() and ch.isascii():
            number += ch
            continue
        if number:
            primary.append((50, int(number)))
            number = ""
        if ch == "\0":
            break
        rank, tone = _letter(ch)
        primary.append((rank,))
        tones.append(tone)
    return tuple(primary), tuple(tones), value
