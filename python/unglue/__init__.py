"""Clean scraped text: strip chrome, repair glued words, normalise quotes and
Unicode, and report every fix with its span in the original text.

    >>> import unglue
    >>> unglue.clean("Kyiv is a city. Fighting in Kyivin the east.").text
    'Kyiv is a city. Fighting in Kyiv in the east.\\n'

The Rust core does the work; `Cleaner.clean_batch` releases the GIL and cleans
in parallel.
"""

from functools import lru_cache

from ._unglue import Cleaned, Cleaner, Fix, RulePackError, profiles

__all__ = ["Cleaned", "Cleaner", "Fix", "RulePackError", "clean", "profiles"]


@lru_cache(maxsize=None)
def _cleaner(profile: str) -> Cleaner:
    return Cleaner(profile=profile)


def clean(text: str, profile: str = "default") -> Cleaned:
    """Cleans `text` with a built-in profile; the cleaner is compiled once per profile."""
    return _cleaner(profile).clean(text)
