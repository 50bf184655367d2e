"""Speaker identity, resolved in the reader's view so no scope learns another's names.

A speaker row is one spelling key ("jd vance"), shared by every scope: the key alone tells
nothing. What a scope may see is what ``speaker_scopes`` holds for it: the speakers quoted
in its articles, each with the name as that scope's articles wrote it. Every decision that
joins names (a bare surname read as the one full name carrying it, fuzzy look-ups,
autocomplete, counts) takes that view, built from the reader's scopes only, so a private
article elsewhere can neither lend a full name nor a spelling nor a title. Writes never
merge names: a quote keeps the speaker its own article gave it.

Both backends use this module; they only run the SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.core.speakers import is_full_name, speaker_key, surname

#: A scope's view of the speakers: id -> the name its articles gave.
View = Mapping[int, str]


def display_name(name: str) -> str:
    """The name as written, whitespace collapsed."""
    return " ".join(name.split())


@dataclass(slots=True)
class PendingSpeakers:
    """Speakers created by a transaction that has not committed yet (id, key)."""

    speakers: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, speaker_id: int) -> int:
        self.speakers[key] = speaker_id
        return speaker_id


class SpeakerCache:
    """Every speaker key and who carries each surname (never a name to show)."""

    def __init__(self) -> None:
        self.keys: dict[int, str] = {}
        self.ids: dict[str, int] = {}
        self.surnames: dict[str, set[int]] = {}
        self.max_id = 0

    def clear(self) -> None:
        self.keys.clear()
        self.ids.clear()
        self.surnames.clear()
        self.max_id = 0

    def remember(self, speaker_id: int, key: str) -> None:
        self.keys[speaker_id] = key
        self.ids.setdefault(key, speaker_id)
        self.max_id = max(self.max_id, speaker_id)
        if is_full_name(key):
            self.surnames.setdefault(surname(key), set()).add(speaker_id)

    def commit(self, pending: PendingSpeakers) -> None:
        """The transaction committed: its speakers become known."""
        for key, speaker_id in pending.speakers.items():
            self.remember(speaker_id, key)

    def known(self, key: str, pending: PendingSpeakers) -> int | None:
        """The speaker with exactly this key (written path: no merging of names)."""
        found = pending.speakers.get(key)
        return found if found is not None else self.ids.get(key)

    # -- reading in a view ------------------------------------------------------------------
    def owners(self, speaker_ids: Iterable[int]) -> set[int]:
        """Full names that could stand for these bare surnames (to look up in a view)."""
        out: set[int] = set()
        for speaker_id in speaker_ids:
            key = self.keys.get(speaker_id)
            if key is not None and not is_full_name(key):
                out.update(self.surnames.get(key, ()))
        return out

    def canonical(self, speaker_id: int, view: View) -> int:
        """A bare surname reads as the one full name carrying it in the view, else itself."""
        key = self.keys.get(speaker_id)
        if key is None or is_full_name(key):
            return speaker_id
        owners = [i for i in self.surnames.get(key, ()) if i in view]
        return owners[0] if len(owners) == 1 else speaker_id

    def group(self, target: int, view: View) -> list[int]:
        """The ids that read as ``target`` in the view (it and its bare surname)."""
        out = {target}
        key = self.keys.get(target, "")
        if is_full_name(key):
            bare = self.ids.get(surname(key))
            if bare is not None and bare in view and self.canonical(bare, view) == target:
                out.add(bare)
        return sorted(out)

    def names_of(self, speaker_ids: Iterable[int], view: View) -> dict[int, str]:
        """The name each speaker is shown with in the view (ids the view lacks are left out)."""
        out: dict[int, str] = {}
        for speaker_id in speaker_ids:
            name = view.get(self.canonical(speaker_id, view))
            if name is not None:
                out[speaker_id] = name
        return out

    def resolve(self, name: str, view: View) -> tuple[str, list[int]] | None:
        """The name and the speaker ids a (fuzzy) name stands for, within the view."""
        key = speaker_key(name)
        if not key or not view:
            return None
        target = self.ids.get(key)
        if target is None or target not in view:
            target = None
            owners = [i for i in self.surnames.get(key, ()) if i in view]
            if len(owners) == 1:
                target = owners[0]
        if target is None:
            keys = {i: self.keys[i] for i in view if i in self.keys}
            best = process.extractOne(key, keys, scorer=fuzz.WRatio, score_cutoff=80)
            if best is None:
                return None
            target = int(best[2])
        target = self.canonical(target, view)
        return view[target], self.group(target, view)

    def names(self, prefix: str, view: View, limit: int) -> list[str]:
        """Autocomplete: prefix matches first, then word-start matches, then fuzzy ones."""
        if limit <= 0:
            return []
        key = speaker_key(prefix)
        entries = sorted(
            (self.keys[i], name)
            for i, name in view.items()
            if i in self.keys and self.canonical(i, view) == i
        )
        if not key:
            return [name for _, name in entries[:limit]]
        first = [name for k, name in entries if k.startswith(key)]
        word = [name for k, name in entries if not k.startswith(key) and f" {key}" in f" {k}"]
        out = first + word
        if len(out) < limit:
            taken = set(out)
            choices = {name: k for k, name in entries if name not in taken}
            for _, _, name in process.extract(
                key, choices, scorer=fuzz.WRatio, score_cutoff=60, limit=limit
            ):
                out.append(str(name))
        return out[:limit]

    def count_groups(self, speaker_ids: Iterable[int], view: View) -> int:
        """How many speakers these ids are once surnames read as their full names."""
        return len({self.canonical(i, view) for i in speaker_ids})

    def ranked(
        self, counts: Sequence[tuple[int, int]], view: View, limit: int
    ) -> list[tuple[str, int, list[int]]]:
        """Most quoted first (name order on ties): (name, count, member ids)."""
        totals: dict[int, int] = {}
        members: dict[int, set[int]] = {}
        for speaker_id, count in counts:
            target = self.canonical(speaker_id, view)
            totals[target] = totals.get(target, 0) + int(count)
            members.setdefault(target, {target}).add(speaker_id)
        rows = [(view[t], n, sorted(members[t])) for t, n in totals.items() if t in view]
        rows.sort(key=lambda r: (-r[1], r[0]))
        return rows[: max(0, limit)]


# -- upgrading a database written before names were resolved per scope ------------------


@dataclass(frozen=True, slots=True)
class Demotion:
    """Quotes once merged into a full name through its surname: give them the surname back."""

    key: str
    name: str
    quote_ids: tuple[int, ...]


def plan_demotions(
    aliases: Iterable[tuple[str, int, str, str]],
    quotes: Iterable[tuple[int, int, int]],
    contexts: Iterable[tuple[int, str]],
) -> list[Demotion]:
    """Which quotes an old surname alias may have given a full name from elsewhere.

    ``aliases``: (surname key, speaker id, speaker name, speaker key) for every alias that
    pointed a bare surname at a full name; ``quotes``: (quote id, article id, speaker id)
    of those speakers; ``contexts``: (article id, context) of every quote of their articles.
    The surname's original spelling was not kept, so an article whose text around its
    quotes never gives the full name is taken to have said only the surname: its quotes of
    that speaker go back to the surname, which a scope that knows the full name still reads
    as the full name. Erring this way loses a full name at worst, never leaks one.
    """
    by_speaker = {speaker_id: (key, name, skey) for key, speaker_id, name, skey in aliases}
    text: dict[int, str] = {}
    for article_id, context in contexts:
        text[article_id] = text.get(article_id, " ") + speaker_key(context or "") + " "
    moved: dict[tuple[str, str], list[int]] = {}
    for quote_id, article_id, speaker_id in quotes:
        found = by_speaker.get(speaker_id)
        if found is None:
            continue
        key, name, skey = found
        if f" {skey} " in text.get(article_id, ""):
            continue
        last = name.split()[-1] if name.split() else key
        shown = last if speaker_key(last) == key else key.title()
        moved.setdefault((key, shown), []).append(quote_id)
    return [Demotion(k, n, tuple(sorted(ids))) for (k, n), ids in sorted(moved.items())]


__all__ = [
    "Demotion",
    "PendingSpeakers",
    "SpeakerCache",
    "View",
    "display_name",
    "plan_demotions",
]
