"""Run natasha and yargy on pymorphy3, and keep pymorphy3 from crashing on rare characters.

natasha 1.6 and yargy 0.16 import `pymorphy2`, which no longer imports on Python >= 3.11
(it calls the removed `inspect.getargspec`). pymorphy3 is its maintained fork with the same API
and the same dictionaries, so the old module names are pointed at it before either is imported.

pymorphy3 2.0.6 asks `unicodedata.name` whether a letter is Latin and raises ValueError for a
letter without a name in Python's Unicode database (a Tangut ideograph "𗀀" found by the fuzz
tests); such a letter is simply not Latin.
"""

from __future__ import annotations

import sys
import unicodedata

import pymorphy3
import pymorphy3.analyzer
import pymorphy3.shapes
import pymorphy3.tagset
import pymorphy3.units
import pymorphy3.units.base


def alias_pymorphy2() -> None:
    for name, module in {
        "pymorphy2": pymorphy3,
        "pymorphy2.analyzer": pymorphy3.analyzer,
        "pymorphy2.tagset": pymorphy3.tagset,
        "pymorphy2.units": pymorphy3.units,
        "pymorphy2.units.base": pymorphy3.units.base,
    }.items():
        sys.modules[name] = module


def is_latin_char(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


alias_pymorphy2()
pymorphy3.shapes.is_latin_char = is_latin_char
