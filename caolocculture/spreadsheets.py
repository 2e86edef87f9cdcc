"""Text that a spreadsheet would run. A cell starting with = + - or @ (or a tab or carriage
return before one) is a formula to Excel and LibreOffice: =HYPERLINK(…) sends the reader to
any address, =cmd|… starts a program. Whatever the app writes into a spreadsheet — its own
Excel files and the admin's CSV and Excel exports — goes out as text; this is the one rule.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def formula_escaped(value):
    """For files that cannot mark a cell as text (CSV, TSV, tablib's Excel): a leading
    apostrophe, which spreadsheets show and never run. Anything else passes unchanged."""
    return "'" + value if looks_like_formula(value) else value
