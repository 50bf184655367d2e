"""Very frequent English words: adjacent pairs of them are indexed as terms of their own.

A phrase made only of such words ("he has said it") shares every word with a large part of
the quotes, so its word postings cannot narrow the candidates; the postings of its word
pairs ("has said", "said it") can. The list is fixed (not learnt from the database) so that
every quote, old or new and in any backend, is indexed under the same pairs; changing it
means re-indexing the pairs.
"""

from __future__ import annotations

#: Bump when :data:`COMMON_WORDS` changes (the stores re-index pairs when it differs).
PAIR_TERMS_VERSION = 1

_WORDS = """
    a about above across after again against ago ahead all almost also although always am
    among an and another any anyone anything are around as ask asked at away back bad be
    became because become been before being believe best better between big both bring but
    by call called came can cannot case come comes could day days did didnt different do
    does doesnt doing done dont down during each early either else end enough even ever
    every everyone everything far few find first for found four from full get gets getting
    give given go goes going gone good got great had has hasnt have havent having he hear
    help her here hers herself him himself his hold how however i id if ill im important in
    instead into is isnt it its itll itself ive just keep kind know known last later least
    less let like little long look lot made make makes making man many may maybe me mean
    men might more most mr mrs ms much must my myself need never new next no nobody none nor
    not nothing now of off often old on once one only or other others our ours ourselves out
    over own part people place point put quite rather really right said same saw say saying
    says see seen she should since so some someone something soon still such sure take taken
    talk tell than that thats the their them themselves then there theres these they theyre
    thing things think this those though thought three through time times to today told too
    took toward two under until up upon us use used very want wanted wants was wasnt way we
    well went were weve what whats when where whether which while who whole whom whose why
    will with within without wont work would wouldnt year years yes yet you youre your
    yours
"""

COMMON_WORDS: frozenset[str] = frozenset(_WORDS.split())

__all__ = ["COMMON_WORDS", "PAIR_TERMS_VERSION"]
