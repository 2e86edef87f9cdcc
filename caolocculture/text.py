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
