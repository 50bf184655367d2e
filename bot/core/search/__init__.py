"""Who-said search: normalisation, a word index with typo correction, fuzzy rerank.

Pure Python over a tiny storage surface, so every backend reuses the same decisions.
"""

from bot.core.search.index import QueryPlan, WordIndex
from bot.core.search.normalize import normalize, tokenize, words
from bot.core.search.rank import Ranked, explain, rerank

__all__ = [
    "QueryPlan",
    "Ranked",
    "WordIndex",
    "explain",
    "normalize",
    "rerank",
    "tokenize",
    "words",
]
