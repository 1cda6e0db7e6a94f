"""Per-language pieces: number and date formatting, Korean amounts, romanization, the Korean word lists."""

import re

HANGUL = re.compile(r"[\uac00-\ud7a3]")  # one Hangul syllable
