"""Composers turn computed facts and retrieved passages into answer text with [n] citations."""
