"""Phone numbers as the site writes them → E.164 for tel: links, vCards and JSON-LD."""

import re

COUNTRY = "49"  # numbers without a country code are German


def e164(number: str) -> str:
    """ "02861 82-1249", "+49 2861 82-1249", "0049 (0)2861 821249" → "+492861821249".

    A number without area code (no leading 0 or +) stays digits only: guessing
    its area code would dial someone else.
    """
    text = (number or "").strip()
    text = re.sub(r"\(0\)", "", text)  # "+49 (0)2861": the trunk 0 is not dialled abroad
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    if text.startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+{COUNTRY}{digits[1:]}"
    return digits
