"""Per-language pieces: number and date formatting (and, for Korean, the message catalogue and tokeniser)."""
