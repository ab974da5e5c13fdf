"""Place names people around Sacramento actually type, and forgiving a slip in them.

`clinics.geo` knows every California postal town and every ZIP code, from the offline
`zipcodes` data. People also type neighbourhoods ("East Sac", "Midtown", "the Pocket"),
unincorporated communities that have no post office of their own ("Arden-Arcade",
"Cameron Park"), nicknames ("Sacto", "Sac Town") and typos ("Elk Grov", "Rosevile").
This module is THE list of those names, and the typo matcher; geo turns a name found
here into coordinates.

- A neighbourhood or community is the centroid of its main ZIP code (from the same
  `zipcodes` data, never a coordinate of our own), labelled "East Sacramento,
  Sacramento" or "Cameron Park, CA". A neighbourhood name wins over a town of the same
  name elsewhere in California: "Oak Park" here is Sacramento's, not Ventura County's.
- `REGION_TOWNS` are the postal towns around Sacramento. They, the neighbourhoods and
  the nicknames are the places recognised inside the search words (`local_name`), and
  the ones a typo prefers.
- A typo is forgiven by edit distance (a letter added, dropped, changed, or two
  swapped) over every California town and every name here, spaces ignored
  ("elkgrove"): none for four letters or fewer, one up to eight, two from nine. The
  closest name wins, a Sacramento-area one on a tie; two equally close names of the
  same kind are ambiguous and give nothing, as does anything further away.

Names are compared folded: case and accents ignored, anything not a letter or digit
treated as a space ("Arden-Arcade" = "arden arcade").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Neighbourhood:
    """A neighbourhood or community, placed at the centroid of its main ZIP code."""

    name: str
    zip_code: str
    # The postal town it belongs to, shown after its name; None for a community
    # people know by its own name (shown as "Cameron Park, CA").
    town: str | None = "Sacramento"
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}, {self.town or 'CA'}"


NEIGHBOURHOODS = (
    # Sacramento city neighbourhoods.
    Neighbourhood("East Sacramento", "95819", aliases=("east sac", "e sac")),
    Neighbourhood("Midtown", "95816", aliases=("midtown sacramento", "mid town")),
    Neighbourhood("Downtown", "95814", aliases=("downtown sacramento", "downtown sac")),
    Neighbourhood("Old Sacramento", "95814", aliases=("old sac", "old town sacramento")),
    Neighbourhood("Land Park", "95818"),
    Neighbourhood("Curtis Park", "95818"),
    Neighbourhood("Oak Park", "95817"),
    Neighbourhood("Tahoe Park", "95820"),
    Neighbourhood("Hollywood Park", "95822"),
    Neighbourhood("South Land Park", "95822"),
    Neighbourhood("Natomas", "95834"),
    Neighbourhood("North Natomas", "95835"),
    Neighbourhood("South Natomas", "95833"),
    Neighbourhood("Pocket", "95831", aliases=("the pocket",)),
    Neighbourhood("Greenhaven", "95831", aliases=("green haven",)),
    Neighbourhood("Meadowview", "95832"),
    Neighbourhood("North Sacramento", "95815", aliases=("north sac",)),
    Neighbourhood("Del Paso Heights", "95838"),
    Neighbourhood("Sierra Oaks", "95864"),
    # Unincorporated communities with a Sacramento mailing address.
    Neighbourhood("Arden-Arcade", "95825", aliases=("arden",)),
    Neighbourhood("Florin", "95828"),
    Neighbourhood("Rosemont", "95826"),
    Neighbourhood("Foothill Farms", "95841"),
    # Communities served by another town's post office.
    Neighbourhood("Cameron Park", "95682", town=None),
    Neighbourhood("Gold River", "95670", town=None),
)

# Nicknames of postal towns.
TOWN_ALIASES = {
    "sac": "Sacramento",
    "sacto": "Sacramento",
    "sac town": "Sacramento",
    "west sac": "West Sacramento",
    "w sac": "West Sacramento",
    "w sacramento": "West Sacramento",
    "edh": "El Dorado Hills",
    "rancho": "Rancho Cordova",
    "citrus hts": "Citrus Heights",
}

# Postal towns (as in the zipcodes data) within about 45 miles of downtown Sacramento.
REGION_TOWNS = (
    "Sacramento",
    "West Sacramento",
    "Elk Grove",
    "Roseville",
    "Folsom",
    "Davis",
    "Rancho Cordova",
    "Citrus Heights",
    "Carmichael",
    "Fair Oaks",
    "Orangevale",
    "Antelope",
    "North Highlands",
    "Rio Linda",
    "Elverta",
    "Mather",
    "McClellan",
    "Wilton",
    "Galt",
    "Isleton",
    "Walnut Grove",
    "Courtland",
    "Clarksburg",
    "Woodland",
    "Winters",
    "Esparto",
    "Dixon",
    "Vacaville",
    "Auburn",
    "Rocklin",
    "Lincoln",
    "Loomis",
    "Granite Bay",
    "Penryn",
    "Newcastle",
    "Sheridan",
    "Meadow Vista",
    "Colfax",
    "El Dorado Hills",
    "Shingle Springs",
    "Placerville",
    "Diamond Springs",
    "Pollock Pines",
    "Lodi",
    "Yuba City",
    "Marysville",
    "Olivehurst",
    "Wheatland",
    "Live Oak",
)

# Edit distance forgiven, by the length of what was typed (letters and digits).
EXACT_UP_TO, ONE_SLIP_UP_TO = 4, 8


def fold(text: str) -> str:
    """Case folded, accents removed ("Español" -> "espanol")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


def key(text: str) -> str:
    """A name as names are compared: folded words, one space apart."""
    return " ".join(re.findall(r"[^\W_]+", fold(text or "")))


def _compact(text: str) -> str:
    return key(text).replace(" ", "")


def _local_names() -> dict[str, str]:
    """Folded name, alias or nickname -> the name it stands for, with and without spaces."""
    names = {}
    for town in REGION_TOWNS:
        names[key(town)] = town
    for alias, town in TOWN_ALIASES.items():
        names[key(alias)] = town
    for hood in NEIGHBOURHOODS:
        for name in (hood.name, *hood.aliases):
            names[key(name)] = hood.name
    names.update({written.replace(" ", ""): name for written, name in list(names.items())})
    return names


LOCAL_NAMES = _local_names()
_NEIGHBOURHOODS_BY_NAME = {key(hood.name): hood for hood in NEIGHBOURHOODS}
_REGION = frozenset(LOCAL_NAMES.values())


def local_name(text: str) -> str | None:
    """The Sacramento-area town or neighbourhood `text` names exactly (or by nickname).

    "east sac" -> "East Sacramento", "Sacto" -> "Sacramento", "elkgrove" -> "Elk Grove".
    """
    return LOCAL_NAMES.get(key(text)) or LOCAL_NAMES.get(_compact(text))


def neighbourhood(name: str) -> Neighbourhood | None:
    """The neighbourhood or community called `name` (its own name or an alias)."""
    return _NEIGHBOURHOODS_BY_NAME.get(key(local_name(name) or ""))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Letters added, dropped, changed or two swapped to turn `a` into `b`; `limit + 1` if more.

    Optimal string alignment distance, abandoned as soon as every alignment exceeds `limit`.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def slips_allowed(text: str) -> int:
    length = len(_compact(text))
    if length <= EXACT_UP_TO:
        return 0
    return 1 if length <= ONE_SLIP_UP_TO else 2


class PlaceNames:
    """Every place name a typo may be meant for, ready for quick look-ups.

    Built once per process from the California town names (geo passes them in). Each
    name's letter counts sit in one numpy array, so a look-up measures the edit distance
    only to the few names whose letters could be that close: one slip changes the
    counts by at most 2, and the lengths by at most 1.
    """

    def __init__(self, town_names: Iterable[str]):
        written = {_compact(name): name for name in town_names}
        # The local names last: a neighbourhood wins over a town spelt the same.
        written.update({form.replace(" ", ""): name for form, name in LOCAL_NAMES.items()})
        self.entries = [(compact, name) for compact, name in written.items() if compact]
        self.lengths = np.array([len(compact) for compact, _ in self.entries])
        self.letters = np.stack([_letter_counts(compact) for compact, _ in self.entries])

    def closest(self, text: str) -> str | None:
        """The one name `text` is a small typo of, or None (see the module docstring)."""
        typed = _compact(text)
        limit = slips_allowed(text)
        if not typed:
            return None
        near = (np.abs(self.lengths - len(typed)) <= limit) & (
            np.abs(self.letters - _letter_counts(typed)).sum(axis=1) <= 2 * limit
        )
        best: dict[str, int] = {}
        for i in np.flatnonzero(near):
            compact, name = self.entries[i]
            distance = edit_distance(typed, compact, limit)
            if distance <= limit and distance < best.get(name, limit + 1):
                best[name] = distance
        if not best:
            return None
        # Closest first; on a tie, the Sacramento area before the rest of California.
        rank = {name: (distance, name not in _REGION) for name, distance in best.items()}
        top = min(rank.values())
        winners = [name for name, r in rank.items() if r == top]
        return winners[0] if len(winners) == 1 else None


_ALPHABET = {char: i for i, char in enumerate("abcdefghijklmnopqrstuvwxyz0123456789")}


def _letter_counts(compact: str) -> np.ndarray:
    """How often each letter and digit occurs (anything else counts as one extra kind)."""
    counts = np.zeros(len(_ALPHABET) + 1, dtype=np.int16)
    for char in compact:
        counts[_ALPHABET.get(char, len(_ALPHABET))] += 1
    return counts
