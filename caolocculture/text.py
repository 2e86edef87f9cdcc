import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC form: decomposed accents (from some keyboards and Excel) misrender in PDFs."""
    return unicodedata.normalize("NFC", value)


def clean_line(value: str) -> str:
    """One line of text as stored: NFC, runs of whitespace collapsed, trimmed."""
    return _SPACES.sub(" ", nfc(value)).strip()


def fold(value: str) -> str:
    """Lower case without Vietnamese accents, for matching: 'Khối Phố' -> 'khoi pho'."""
    decomposed = unicodedata.normalize("NFD", clean_line(value).lower()).replace("đ", "d")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
